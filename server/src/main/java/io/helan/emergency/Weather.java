package io.helan.emergency;

import io.helan.dispersion.StabilityClass;
import io.helan.dispersion.SunPosition;
import java.time.Instant;

/**
 * The weather a plume estimate assumes.
 *
 * @param windSpeed m/s at 10 m
 * @param windFrom degrees clockwise from north the wind blows from
 * @param cloudCover fraction of the sky covered, 0 to 1
 * @param stability the class entered by the commander, or null to derive it from wind, sun and
 *     cloud
 * @param source where the wind comes from: "entered" or the id of the station that measured it
 */
public record Weather(
    double windSpeed, double windFrom, double cloudCover, StabilityClass stability, String source) {

  public Weather {
    if (!(windSpeed >= 0 && windSpeed <= 60)) {
      throw new IllegalArgumentException("wind speed " + windSpeed + " m/s is not 0 to 60 m/s");
    }
    if (!(windFrom >= 0 && windFrom <= 360)) {
      throw new IllegalArgumentException("wind direction " + windFrom + "° is not 0 to 360°");
    }
    if (!(cloudCover >= 0 && cloudCover <= 1)) {
      throw new IllegalArgumentException("cloud cover " + cloudCover + " is not 0 to 1");
    }
  }

  /** The entered class, or Pasquill–Gifford's from the wind, the sun at the place and the cloud. */
  public StabilityClass stabilityAt(Instant time, double latitude, double longitude) {
    if (stability != null) {
      return stability;
    }
    return StabilityClass.classify(
        windSpeed, SunPosition.elevation(time, latitude, longitude), cloudCover);
  }
}
