package io.helan.airquality;

/** The six AQI categories of HJ 633-2012 table 2, with their names and display colours. */
public enum AqiCategory {
  EXCELLENT(0, 50, "优", "Excellent", "#00E400"),
  GOOD(51, 100, "良", "Good", "#FFFF00"),
  LIGHTLY_POLLUTED(101, 150, "轻度污染", "Lightly polluted", "#FF7E00"),
  MODERATELY_POLLUTED(151, 200, "中度污染", "Moderately polluted", "#FF0000"),
  HEAVILY_POLLUTED(201, 300, "重度污染", "Heavily polluted", "#99004C"),
  SEVERELY_POLLUTED(301, Integer.MAX_VALUE, "严重污染", "Severely polluted", "#7E0023");

  private final int low;
  private final int high;
  private final String name;
  private final String nameEn;
  private final String colour;

  AqiCategory(int low, int high, String name, String nameEn, String colour) {
    this.low = low;
    this.high = high;
    this.name = name;
    this.nameEn = nameEn;
    this.colour = colour;
  }

  /** The category of an AQI value (an integer ≥ 0). */
  public static AqiCategory of(int aqi) {
    if (aqi < 0) {
      throw new IllegalArgumentException("AQI must be ≥ 0, got " + aqi);
    }
    for (AqiCategory category : values()) {
      if (aqi <= category.high) {
        return category;
      }
    }
    throw new AssertionError("unreachable: the last category has no upper bound");
  }

  /** Lowest AQI of the category. */
  public int low() {
    return low;
  }

  /** Highest AQI of the category ({@link Integer#MAX_VALUE} for the last one). */
  public int high() {
    return high;
  }

  /** The Chinese name, as published (优, 良, 轻度污染, ...). */
  public String displayName() {
    return name;
  }

  public String displayNameEn() {
    return nameEn;
  }

  /** The display colour as #RRGGBB. */
  public String colour() {
    return colour;
  }
}
