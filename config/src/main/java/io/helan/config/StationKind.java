package io.helan.config;

/** What a station monitors and under which network of the regional plan it sits. */
public enum StationKind {
  AIR_CITY("air-city"),
  AIR_COUNTY("air-county"),
  AIR_REGIONAL("air-regional"),
  AIR_SUPER("air-super"),
  AIR_PARK("air-park"),
  AIR_DUST("air-dust"),
  WATER_SECTION("water-section"),
  WATER_SOURCE("water-source"),
  RADIATION_GAMMA("radiation-gamma"),
  /** An emergency monitoring vehicle: it reports where it is and what it measures there. */
  RADIATION_VEHICLE("radiation-vehicle"),
  /**
   * The online monitor of a Class III+ radioactive source: where the source is (GNSS) and the dose
   * rate at its container.
   */
  RADIATION_SOURCE("radiation-source"),
  POLLUTION_SOURCE("pollution-source");

  private final String key;

  StationKind(String key) {
    this.key = key;
  }

  /** The spelling used in site files and the API, e.g. {@code air-city}. */
  public String key() {
    return key;
  }

  public static StationKind fromKey(String key) {
    for (StationKind kind : values()) {
      if (kind.key.equals(key)) {
        return kind;
      }
    }
    throw new IllegalArgumentException("unknown station kind '" + key + "'");
  }
}
