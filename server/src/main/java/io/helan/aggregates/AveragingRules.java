package io.helan.aggregates;

/**
 * How many valid inputs a mean needs to count.
 *
 * <p>The defaults follow GB 3095-2012 and HJ 75-2017 as usually applied (an hourly value from at
 * least 45 minutes of data, a daily value from at least 20 hourly values, an O3 8-hour mean from at
 * least 6 hourly values, a daily maximum 8-hour O3 from at least 14 of the 17 windows ending
 * 08:00–24:00); they are not all confirmed in the standards' text, so they are parameters.
 *
 * @param minutesPerHour valid minutes an hourly mean needs (of 60)
 * @param hoursPerDay valid hourly means a daily mean needs (of 24)
 * @param hoursPerEightHours valid hourly means an 8-hour moving mean needs (of 8)
 * @param eightHourWindowsPerDay valid 8-hour means a daily maximum needs (of 17)
 */
public record AveragingRules(
    int minutesPerHour, int hoursPerDay, int hoursPerEightHours, int eightHourWindowsPerDay) {

  public static final AveragingRules DEFAULT = new AveragingRules(45, 20, 6, 14);

  public AveragingRules {
    requireWithin("minutesPerHour", minutesPerHour, 60);
    requireWithin("hoursPerDay", hoursPerDay, 24);
    requireWithin("hoursPerEightHours", hoursPerEightHours, 8);
    requireWithin("eightHourWindowsPerDay", eightHourWindowsPerDay, 17);
  }

  private static void requireWithin(String name, int value, int max) {
    if (value < 1 || value > max) {
      throw new IllegalArgumentException(name + " must be 1–" + max + ", got " + value);
    }
  }
}
