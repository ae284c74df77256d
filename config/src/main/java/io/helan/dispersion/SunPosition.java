package io.helan.dispersion;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/** The sun's elevation above the horizon, to about half a degree (NOAA's low-accuracy formulas). */
public final class SunPosition {
  private SunPosition() {}

  /** Elevation in degrees at {@code time} seen from the given place; negative at night. */
  public static double elevation(Instant time, double latitude, double longitude) {
    ZonedDateTime utc = time.atZone(ZoneOffset.UTC);
    double hour = utc.getHour() + utc.getMinute() / 60.0 + utc.getSecond() / 3600.0;
    double gamma = 2 * Math.PI / 365 * (utc.getDayOfYear() - 1 + (hour - 12) / 24);
    double declination =
        0.006918
            - 0.399912 * Math.cos(gamma)
            + 0.070257 * Math.sin(gamma)
            - 0.006758 * Math.cos(2 * gamma)
            + 0.000907 * Math.sin(2 * gamma)
            - 0.002697 * Math.cos(3 * gamma)
            + 0.00148 * Math.sin(3 * gamma);
    double equationOfTimeMinutes =
        229.18
            * (0.000075
                + 0.001868 * Math.cos(gamma)
                - 0.032077 * Math.sin(gamma)
                - 0.014615 * Math.cos(2 * gamma)
                - 0.040849 * Math.sin(2 * gamma));
    double solarMinutes = hour * 60 + equationOfTimeMinutes + 4 * longitude;
    double hourAngle = Math.toRadians(solarMinutes / 4 - 180);
    double lat = Math.toRadians(latitude);
    double sinElevation =
        Math.sin(lat) * Math.sin(declination)
            + Math.cos(lat) * Math.cos(declination) * Math.cos(hourAngle);
    return Math.toDegrees(Math.asin(sinElevation));
  }
}
