package io.helan.config;

/**
 * The data-quality rules of a point, from the site file ({@code quality:} on a device type for all
 * its points, or on a point, which wins field by field). NaN turns a rule off.
 *
 * @param low lowest plausible value (range rule)
 * @param high highest plausible value (range rule)
 * @param flatlineMinutes how long the value may stay the same (a stuck or faked analyser)
 * @param flatlineTolerance how far values may differ and still count as the same (0 when not set)
 * @param spike how far a value may lie from the mean of the point's last few values
 * @param ratePerMinute how fast the value may change, in its unit per minute
 * @param staleMinutes how old a sample may be when it arrives
 */
public record QualityLimits(
    double low,
    double high,
    double flatlineMinutes,
    double flatlineTolerance,
    double spike,
    double ratePerMinute,
    double staleMinutes) {

  /** No rule. */
  public static final QualityLimits NONE =
      new QualityLimits(Double.NaN, Double.NaN, Double.NaN, 0, Double.NaN, Double.NaN, Double.NaN);

  /** Whether no rule is set. */
  public boolean isEmpty() {
    return Double.isNaN(low)
        && Double.isNaN(high)
        && Double.isNaN(flatlineMinutes)
        && Double.isNaN(spike)
        && Double.isNaN(ratePerMinute)
        && Double.isNaN(staleMinutes);
  }
}
