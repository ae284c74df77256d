package io.helan.airquality;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * A pollutant over one averaging time, with its IAQI breakpoints (HJ 633-2012 table 1):
 * concentrations in µg/m³, CO in mg/m³. {@code breakpoints[k]} is the concentration at IAQI {@code
 * LEVELS[k]}; tables that stop early (SO2 1-h at 800, O3 8-h at 800) have no IAQI above their last
 * breakpoint and hand over to another averaging time.
 */
public enum Indicator {
  SO2_24H(Pollutant.SO2, "24h", 0, 50, 150, 475, 800, 1600, 2100, 2620),
  SO2_1H(Pollutant.SO2, "1h", 0, 150, 500, 650, 800),
  NO2_24H(Pollutant.NO2, "24h", 0, 40, 80, 180, 280, 565, 750, 940),
  NO2_1H(Pollutant.NO2, "1h", 0, 100, 200, 700, 1200, 2340, 3090, 3840),
  PM10_24H(Pollutant.PM10, "24h", 0, 50, 150, 250, 350, 420, 500, 600),
  CO_24H(Pollutant.CO, "24h", 0, 2, 4, 14, 24, 36, 48, 60),
  CO_1H(Pollutant.CO, "1h", 0, 5, 10, 35, 60, 90, 120, 150),
  O3_1H(Pollutant.O3, "1h", 0, 160, 200, 300, 400, 800, 1000, 1200),
  O3_8H(Pollutant.O3, "8h", 0, 100, 160, 215, 265, 800),
  PM2_5_24H(Pollutant.PM2_5, "24h", 0, 35, 75, 115, 150, 250, 350, 500);

  /** The IAQI at each breakpoint. */
  private static final int[] LEVELS = {0, 50, 100, 150, 200, 300, 400, 500};

  private final Pollutant pollutant;
  private final String averaging;
  private final double[] breakpoints;

  Indicator(Pollutant pollutant, String averaging, double... breakpoints) {
    this.pollutant = pollutant;
    this.averaging = averaging;
    this.breakpoints = breakpoints;
  }

  public Pollutant pollutant() {
    return pollutant;
  }

  /** The averaging time as written in the standard: 1h, 8h, 24h. */
  public String averaging() {
    return averaging;
  }

  /** The highest concentration the table covers. */
  public double lastBreakpoint() {
    return breakpoints[breakpoints.length - 1];
  }

  /** Whether the table ends before IAQI 500, so that higher concentrations have no IAQI in it. */
  public boolean endsEarly() {
    return breakpoints.length < LEVELS.length;
  }

  /**
   * The IAQI of a concentration, by linear interpolation between the breakpoints around it: IAQI =
   * (IAQI_hi − IAQI_lo) / (BP_hi − BP_lo) × (C − BP_lo) + IAQI_lo. Computed in decimal, so a
   * concentration on a breakpoint gives exactly the breakpoint's IAQI. Above a table that ends at
   * IAQI 500 the IAQI stays 500 (the standard defines no higher index).
   *
   * @throws IllegalArgumentException for a negative or non-finite concentration, or one above a
   *     table that ends early (the caller must use the other averaging time)
   */
  public BigDecimal iaqi(double concentration) {
    if (!Double.isFinite(concentration) || concentration < 0) {
      throw new IllegalArgumentException(
          this + ": concentration must be a finite number ≥ 0, got " + concentration);
    }
    if (concentration > lastBreakpoint()) {
      if (endsEarly()) {
        throw new IllegalArgumentException(
            this + " has no IAQI above " + lastBreakpoint() + ", got " + concentration);
      }
      return BigDecimal.valueOf(LEVELS[LEVELS.length - 1]);
    }
    int hi = 1;
    while (concentration > breakpoints[hi]) {
      hi++;
    }
    BigDecimal bpLo = BigDecimal.valueOf(breakpoints[hi - 1]);
    BigDecimal bpHi = BigDecimal.valueOf(breakpoints[hi]);
    BigDecimal iaqiLo = BigDecimal.valueOf(LEVELS[hi - 1]);
    BigDecimal iaqiHi = BigDecimal.valueOf(LEVELS[hi]);
    return iaqiHi
        .subtract(iaqiLo)
        .multiply(BigDecimal.valueOf(concentration).subtract(bpLo))
        .divide(bpHi.subtract(bpLo), MathContext.DECIMAL64)
        .add(iaqiLo);
  }
}
