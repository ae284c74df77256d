package io.helan.aggregates;

import java.time.Instant;

/**
 * A mean over one period with its capture: how many of the expected inputs (minutes, hours or
 * 8-hour windows) were valid, and how many it needs to count.
 *
 * @param start start of the period (inclusive); periods are labelled by their start, like HJ 212
 *     DataTime
 * @param end end of the period (exclusive)
 * @param value the mean of the valid inputs (for a daily maximum, their maximum); NaN when there
 *     were none
 * @param validCount valid inputs
 * @param expectedCount inputs the period has
 * @param requiredCount valid inputs the value needs to count
 */
public record Mean(
    Instant start,
    Instant end,
    double value,
    int validCount,
    int expectedCount,
    int requiredCount) {

  /** Whether enough inputs were valid for the value to count. */
  public boolean isValid() {
    return validCount >= requiredCount;
  }

  /** The share of expected inputs that were valid, 0–1. */
  public double captureRate() {
    return expectedCount == 0 ? 0 : (double) validCount / expectedCount;
  }
}
