package io.helan.aggregates;

/**
 * The validated means kept per point, each stored under its name. Hourly and daily rows are
 * labelled by the start of their hour or local day; moving means by the start of the hour they end
 * with, so the 8-hour and 24-hour rows of an hour sit beside its hourly row.
 */
public enum MeanPeriod {
  /** The clock hour's mean (≥ 45 valid minutes). */
  HOUR("1h"),
  /** The 8-hour moving mean ending with the hour (O3; ≥ 6 valid hours). */
  EIGHT_HOURS("8h"),
  /** The 24-hour moving mean ending with the hour (PM10, PM2.5, SO2; ≥ 20 valid hours). */
  TWENTY_FOUR_HOURS("24h"),
  /** The local day's mean (≥ 20 valid hours). */
  DAY("day"),
  /** The local day's highest 8-hour O3 mean (≥ 14 valid windows ending 08:00–24:00). */
  DAY_MAX_EIGHT_HOURS("day-max-8h");

  private final String key;

  MeanPeriod(String key) {
    this.key = key;
  }

  /** The name stored and used in the API: 1h, 8h, 24h, day, day-max-8h. */
  public String key() {
    return key;
  }

  /** The period of a stored or requested name. */
  public static MeanPeriod of(String key) {
    for (MeanPeriod period : values()) {
      if (period.key.equals(key)) {
        return period;
      }
    }
    throw new IllegalArgumentException(
        "unknown period '" + key + "': one of 1h, 8h, 24h, day, day-max-8h");
  }
}
