package io.helan.airquality;

import java.math.BigDecimal;

/**
 * The individual index (IAQI) of one pollutant, with the concentration and averaging time it was
 * computed from, so that anyone can recompute it.
 *
 * @param indicator the pollutant and averaging time whose table was used (for SO2 above 800 µg/m³
 *     over 1 h this is the 24-h one, for O3 above 800 µg/m³ over 8 h the 1-h one)
 * @param concentration the concentration looked up, in the indicator's unit
 * @param exact the interpolated IAQI before rounding
 * @param value the IAQI rounded to an integer
 */
public record SubIndex(Indicator indicator, double concentration, BigDecimal exact, int value) {

  public Pollutant pollutant() {
    return indicator.pollutant();
  }
}
