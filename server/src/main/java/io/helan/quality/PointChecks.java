package io.helan.quality;

import io.helan.config.QualityLimits;
import java.time.Duration;

/**
 * The checks of one point; NaN or a null duration turns a check off.
 *
 * @param low lowest plausible value
 * @param high highest plausible value
 * @param flatlineAfter how long the point may hold the same value
 * @param flatlineTolerance how far values may differ and still count as the same
 * @param spikeLimit how far a value may lie from the mean of the point's last {@value
 *     QualityRuleSet#SPIKE_WINDOW} values
 * @param maxChangePerMinute how fast the value may change, in its unit per minute
 * @param staleAfter how old a sample may be when it arrives
 */
public record PointChecks(
    double low,
    double high,
    Duration flatlineAfter,
    double flatlineTolerance,
    double spikeLimit,
    double maxChangePerMinute,
    Duration staleAfter) {

  /** No check. */
  public static final PointChecks NONE =
      new PointChecks(Double.NaN, Double.NaN, null, 0, Double.NaN, Double.NaN, null);

  public PointChecks {
    if (low > high) {
      throw new IllegalArgumentException("range " + low + " – " + high + " is empty");
    }
    if (flatlineTolerance < 0 || spikeLimit <= 0 || maxChangePerMinute <= 0) {
      throw new IllegalArgumentException(
          "tolerance, spike limit and rate must be positive: "
              + flatlineTolerance
              + ", "
              + spikeLimit
              + ", "
              + maxChangePerMinute);
    }
    if (isNegativeOrZero(flatlineAfter) || isNegativeOrZero(staleAfter)) {
      throw new IllegalArgumentException(
          "durations must be positive: " + flatlineAfter + ", " + staleAfter);
    }
  }

  /** The checks of a point's configured quality rules. */
  public static PointChecks of(QualityLimits limits) {
    return new PointChecks(
        limits.low(),
        limits.high(),
        minutes(limits.flatlineMinutes()),
        limits.flatlineTolerance(),
        limits.spike(),
        limits.ratePerMinute(),
        minutes(limits.staleMinutes()));
  }

  private static Duration minutes(double minutes) {
    return Double.isNaN(minutes) ? null : Duration.ofMillis(Math.round(minutes * 60_000));
  }

  public PointChecks withRange(double newLow, double newHigh) {
    return new PointChecks(
        newLow,
        newHigh,
        flatlineAfter,
        flatlineTolerance,
        spikeLimit,
        maxChangePerMinute,
        staleAfter);
  }

  public PointChecks withFlatline(Duration after, double tolerance) {
    return new PointChecks(low, high, after, tolerance, spikeLimit, maxChangePerMinute, staleAfter);
  }

  public PointChecks withSpikeLimit(double limit) {
    return new PointChecks(
        low, high, flatlineAfter, flatlineTolerance, limit, maxChangePerMinute, staleAfter);
  }

  public PointChecks withMaxChangePerMinute(double rate) {
    return new PointChecks(
        low, high, flatlineAfter, flatlineTolerance, spikeLimit, rate, staleAfter);
  }

  public PointChecks withStaleAfter(Duration after) {
    return new PointChecks(
        low, high, flatlineAfter, flatlineTolerance, spikeLimit, maxChangePerMinute, after);
  }

  private static boolean isNegativeOrZero(Duration duration) {
    return duration != null && (duration.isNegative() || duration.isZero());
  }
}
