package io.helan.dispersion;

import java.time.Duration;
import java.time.Instant;

/**
 * A continuous release at one place for a while, carried by a steady wind: what a drill plays and
 * what the plume estimate reconstructs.
 *
 * @param latitude source, degrees
 * @param longitude source, degrees
 * @param rate release rate, Bq/s
 * @param height effective release height, m
 * @param start when the release begins
 * @param duration how long it lasts
 * @param windSpeed m/s
 * @param windFrom degrees clockwise from north the wind blows from
 * @param stability Pasquill–Gifford class
 */
public record Release(
    double latitude,
    double longitude,
    double rate,
    double height,
    Instant start,
    Duration duration,
    double windSpeed,
    double windFrom,
    StabilityClass stability) {

  /** The most a release may be: far beyond any accident (Chernobyl's total was about 5e18 Bq). */
  public static final double MAX_RATE = 1e18;

  public Release {
    if (!(rate >= 0 && rate <= MAX_RATE)) {
      throw new IllegalArgumentException(
          "release rate " + rate + " Bq/s is not between 0 and " + MAX_RATE);
    }
    if (!(height >= 0 && height <= 1000)) {
      throw new IllegalArgumentException("release height " + height + " m is not 0 to 1000 m");
    }
    if (!(windSpeed >= 0 && windSpeed <= 60)) {
      throw new IllegalArgumentException("wind speed " + windSpeed + " m/s is not 0 to 60 m/s");
    }
    if (!(windFrom >= 0 && windFrom <= 360)) {
      throw new IllegalArgumentException("wind direction " + windFrom + "° is not 0 to 360°");
    }
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("release duration must be positive");
    }
  }

  public GaussianPlume plume() {
    return new GaussianPlume(
        new LocalFrame(latitude, longitude), height, windSpeed, windFrom, stability);
  }

  /** Whether the release is under way at {@code time}. */
  public boolean releasing(Instant time) {
    return !time.isBefore(start) && time.isBefore(start.plus(duration));
  }

  /**
   * The gamma air dose rate the plume adds at a place while the release is under way, nGy/h.
   *
   * @param cloudDoseFactor nGy/h per Bq/m³
   */
  public double doseRateIncrease(
      double latitude, double longitude, Instant time, double cloudDoseFactor) {
    if (!releasing(time)) {
      return 0;
    }
    return rate * plume().dilutionAt(latitude, longitude) * cloudDoseFactor;
  }
}
