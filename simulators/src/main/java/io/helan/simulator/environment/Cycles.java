package io.helan.simulator.environment;

import java.time.ZoneId;
import java.time.ZonedDateTime;

/** The daily and yearly cycles that shape Ningxia's environment, on Beijing time. */
public final class Cycles {

  /** Ningxia keeps Beijing time. */
  public static final ZoneId NINGXIA = ZoneId.of("Asia/Shanghai");

  private Cycles() {}

  /** Local hour of day with fractions, 0 ≤ h < 24. */
  public static double hour(ZonedDateTime time) {
    ZonedDateTime local = time.withZoneSameInstant(NINGXIA);
    return local.getHour() + local.getMinute() / 60.0 + local.getSecond() / 3600.0;
  }

  /** +1 in mid-January (deep winter), −1 in mid-July (high summer), 0 at the equinoxes. */
  public static double season(ZonedDateTime time) {
    int dayOfYear = time.withZoneSameInstant(NINGXIA).getDayOfYear();
    return Math.cos(2 * Math.PI * (dayOfYear - 15) / 365.25);
  }

  /**
   * A bell-shaped daily peak of height 1 at {@code centreHour} with the given width (standard
   * deviation, hours); it wraps around midnight.
   */
  public static double peak(double hour, double centreHour, double widthHours) {
    double distance = Math.abs(hour - centreHour);
    distance = Math.min(distance, 24 - distance);
    return Math.exp(-distance * distance / (2 * widthHours * widthHours));
  }

  /** A daily cosine: +1 at {@code peakHour}, −1 twelve hours later. */
  public static double daily(double hour, double peakHour) {
    return Math.cos(2 * Math.PI * (hour - peakHour) / 24);
  }

  /** A half sine from {@code startHour} to {@code endHour} (height 1 halfway), 0 outside. */
  public static double daylight(double hour, double startHour, double endHour) {
    if (hour <= startHour || hour >= endHour) {
      return 0;
    }
    return Math.sin(Math.PI * (hour - startHour) / (endHour - startHour));
  }
}
