package io.helan.airquality;

/** The six pollutants of the air quality index, with their HJ 212-2017 codes. */
public enum Pollutant {
  SO2("a21026", "SO2"),
  NO2("a21004", "NO2"),
  PM10("a34002", "PM10"),
  CO("a21005", "CO"),
  O3("a05024", "O3"),
  PM2_5("a34004", "PM2.5");

  private final String code;
  private final String label;

  Pollutant(String code, String label) {
    this.code = code;
    this.label = label;
  }

  /** The HJ 212 pollutant code (a34004, ...). */
  public String code() {
    return code;
  }

  /** The usual written name: SO2, NO2, PM10, CO, O3, PM2.5. */
  public String label() {
    return label;
  }
}
