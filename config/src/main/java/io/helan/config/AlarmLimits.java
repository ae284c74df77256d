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
 * @param priority priority of the point's alarms, 1 (most urgent) to 4; 0 leaves the engine's
 *     default for each kind. HIHI and LOLO are one step more urgent than this.
 * @param rateOfChange largest normal change per minute (either direction); NaN for none
 * @param doseRate radiation dose-rate levels against the station's background, or null
 * @param emission emission limit of a pollution-source pollutant, or null
 */
public record AlarmLimits(
    double hihi,
    double hi,
    double lo,
    double lolo,
    double deadband,
    long onDelayMs,
    long offDelayMs,
    int priority,
    double rateOfChange,
    DoseRateLevels doseRate,
    EmissionLimit emission) {

  public static final AlarmLimits NONE =
      new AlarmLimits(Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, 0, 0);

  /** Plain HI/HIHI/LO/LOLO limits, without priority, rate, dose-rate or emission alarms. */
  public AlarmLimits(
      double hihi,
      double hi,
      double lo,
      double lolo,
      double deadband,
      long onDelayMs,
      long offDelayMs) {
    this(hihi, hi, lo, lolo, deadband, onDelayMs, offDelayMs, 0, Double.NaN, null, null);
  }

  /** True when no HI/HIHI/LO/LOLO limit is set (rate, dose-rate and emission alarms aside). */
  public boolean isEmpty() {
    return Double.isNaN(hihi) && Double.isNaN(hi) && Double.isNaN(lo) && Double.isNaN(lolo);
  }
}
