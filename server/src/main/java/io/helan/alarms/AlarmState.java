package io.helan.alarms;

/** ISA-18.2 alarm states. */
public enum AlarmState {
  NORMAL,
  UNACKNOWLEDGED_ACTIVE,
  ACKNOWLEDGED_ACTIVE,
  RETURNED_UNACKNOWLEDGED,
  SHELVED,
  SUPPRESSED_BY_DESIGN,
  OUT_OF_SERVICE;

  public boolean isActive() {
    return this == UNACKNOWLEDGED_ACTIVE || this == ACKNOWLEDGED_ACTIVE;
  }

  public boolean needsAcknowledge() {
    return this == UNACKNOWLEDGED_ACTIVE || this == RETURNED_UNACKNOWLEDGED;
  }
}
