package io.helan.emissions;

import io.helan.aggregates.Mean;

/**
 * One hour of a pollutant at a source, judged against its permit limit.
 *
 * @param measured the validated hourly mean as measured
 * @param o2 the validated hourly mean of the flue gas O2, or null when the limit needs no
 *     conversion (wastewater)
 * @param converted the hourly mean at the reference O2 content (the measured mean when no
 *     conversion applies); NaN when the hour is not valid
 * @param limit the permit limit at the reference O2 content
 */
public record EmissionHour(Mean measured, Mean o2, double converted, double limit) {

  /** Whether the hour has a judgeable average: enough valid minutes of the pollutant and of O2. */
  public boolean isValid() {
    return !Double.isNaN(converted);
  }

  /** Whether the valid hourly average at reference O2 is above the limit. */
  public boolean isExceedance() {
    return isValid() && converted > limit;
  }
}
