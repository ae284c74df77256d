package io.helan.alarms;

/** What condition an alarm watches. */
public enum AlarmKind {
  HIHI,
  HI,
  LO,
  LOLO,
  RATE_OF_CHANGE,
  /** Radiation dose rate above the station's rolling background by the investigation level. */
  DOSE_RATE_INVESTIGATION,
  /** Radiation dose rate above the alarm level (background-relative or absolute). */
  DOSE_RATE_ALARM,
  COMMUNICATION_LOSS,
  STALE_DATA,
  DEVICE_FAULT,
  /** Hourly average (converted to reference O2) above the emission limit, or flag T. */
  EMISSION_EXCEEDANCE
}
