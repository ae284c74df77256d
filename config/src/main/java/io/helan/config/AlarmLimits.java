package io.helan.config;

/**
 * Alarm limits of a point, carried as data for the alarm engine. NaN means "not set".
 *
 * @param hihi high-high limit
 * @param hi high limit
 * @param lo low limit
 * @param lolo low-low limit
 * @param deadband hysteresis a value must cross back before the alarm clears
 * @param onDelayMs how long a limit must be exceeded before the alarm is raised
 * @param offDelayMs how long a value must be normal before the alarm clears
 */
public record AlarmLimits(
    double hihi,
    double hi,
    double lo,
    double lolo,
    double deadband,
    long onDelayMs,
    long offDelayMs) {

  public static final AlarmLimits NONE =
      new AlarmLimits(Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, 0, 0);

  public boolean isEmpty() {
    return Double.isNaN(hihi) && Double.isNaN(hi) && Double.isNaN(lo) && Double.isNaN(lolo);
  }
}
