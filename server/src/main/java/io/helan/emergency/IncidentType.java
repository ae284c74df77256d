package io.helan.emergency;

/** What kind of event an incident is. */
public enum IncidentType {
  NUCLEAR_FACILITY("nuclear-facility"),
  RADIOACTIVE_SOURCE("radioactive-source"),
  TRANSPORT("transport"),
  UNKNOWN_ORIGIN("unknown-origin");

  private final String key;

  IncidentType(String key) {
    this.key = key;
  }

  public String key() {
    return key;
  }

  public static IncidentType fromKey(String key) {
    for (IncidentType type : values()) {
      if (type.key.equals(key)) {
        return type;
      }
    }
    throw new IllegalArgumentException("unknown incident type '" + key + "'");
  }
}
