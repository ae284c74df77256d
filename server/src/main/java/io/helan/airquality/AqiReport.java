package io.helan.airquality;

import java.util.EnumMap;
import java.util.Map;

/**
 * The two AQI reports of HJ 633-2012 and which concentration each uses per pollutant.
 *
 * <p>Hourly (real-time) report: the 1-h means of SO2, NO2, CO and O3; PM10 and PM2.5 use the 24-h
 * table on their moving 24-h means; an SO2 1-h mean above 800 µg/m³ uses the (moving) 24-h SO2 mean
 * instead. Daily report: the 24-h means of SO2, NO2, CO, PM10 and PM2.5 and the daily maximum 8-h
 * O3 mean; an 8-h O3 maximum above 800 µg/m³ uses the daily maximum 1-h O3 mean instead.
 */
public enum AqiReport {
  HOURLY(
      Indicator.SO2_1H,
      Indicator.NO2_1H,
      Indicator.PM10_24H,
      Indicator.CO_1H,
      Indicator.O3_1H,
      Indicator.PM2_5_24H),
  DAILY(
      Indicator.SO2_24H,
      Indicator.NO2_24H,
      Indicator.PM10_24H,
      Indicator.CO_24H,
      Indicator.O3_8H,
      Indicator.PM2_5_24H);

  /** The indicator that takes over above the last breakpoint of a table that ends early. */
  private static final Map<Indicator, Indicator> ABOVE_TABLE =
      new EnumMap<>(Map.of(Indicator.SO2_1H, Indicator.SO2_24H, Indicator.O3_8H, Indicator.O3_1H));

  private final Map<Pollutant, Indicator> indicators = new EnumMap<>(Pollutant.class);

  AqiReport(Indicator... indicators) {
    for (Indicator indicator : indicators) {
      this.indicators.put(indicator.pollutant(), indicator);
    }
  }

  /** The indicator the report uses for a pollutant. */
  public Indicator indicator(Pollutant pollutant) {
    return indicators.get(pollutant);
  }

  /**
   * The indicator used when a concentration is above the last breakpoint of a table that ends early
   * (SO2 1 h → SO2 24 h, O3 8 h → O3 1 h).
   */
  public static Indicator aboveTable(Indicator indicator) {
    Indicator replacement = ABOVE_TABLE.get(indicator);
    if (replacement == null) {
      throw new IllegalArgumentException(indicator + " has no replacement above its table");
    }
    return replacement;
  }
}
