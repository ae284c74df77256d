package io.helan.config;

import java.time.Duration;

/**
 * Alarm levels of a radiation station's gamma dose rate. The background is the rolling mean and
 * standard deviation of the station's own valid, dry readings (automatic stations typically read
 * 70–120 nGy/h, but there is no published Ningxia figure, so each station learns its own); absolute
 * levels hold whatever the background says. The defaults (30 days, mean + 3σ to investigate) are a
 * design choice rather than a published rule, hence configurable.
 *
 * @param baselineWindowMs how far back the background looks (default 30 days)
 * @param investigationSigmas investigation level = mean + this many standard deviations
 * @param alarmSigmas alarm level = mean + this many standard deviations
 * @param investigationLevel absolute investigation level (nGy/h), NaN for none
 * @param alarmLevel absolute alarm level (nGy/h), NaN for none
 * @param confirmSamples consecutive readings above a level before it counts, so one noisy reading
 *     never raises an alarm
 * @param rainPoint id, within the same device, of the rain sensor point (0 dry, 1 rain), or null
 * @param rainAllowance while wet, background-relative levels rise by this fraction of the mean:
 *     radon progeny washout raises readings by 10–30 % [R]
 * @param rainHoldoffMs how long after the rain stops the readings still count as wet
 */
public record DoseRateLevels(
    long baselineWindowMs,
    double investigationSigmas,
    double alarmSigmas,
    double investigationLevel,
    double alarmLevel,
    int confirmSamples,
    String rainPoint,
    double rainAllowance,
    long rainHoldoffMs) {

  public static final long DEFAULT_BASELINE_WINDOW_MS = Duration.ofDays(30).toMillis();
  public static final double DEFAULT_INVESTIGATION_SIGMAS = 3;
  public static final double DEFAULT_ALARM_SIGMAS = 5;
  public static final int DEFAULT_CONFIRM_SAMPLES = 3;
  public static final String DEFAULT_RAIN_POINT = "rain";
  public static final double DEFAULT_RAIN_ALLOWANCE = 0.5;
  public static final long DEFAULT_RAIN_HOLDOFF_MS = Duration.ofHours(6).toMillis();

  /** The default levels, with the given absolute levels. */
  public static DoseRateLevels withAbsoluteLevels(double investigationLevel, double alarmLevel) {
    return new DoseRateLevels(
        DEFAULT_BASELINE_WINDOW_MS,
        DEFAULT_INVESTIGATION_SIGMAS,
        DEFAULT_ALARM_SIGMAS,
        investigationLevel,
        alarmLevel,
        DEFAULT_CONFIRM_SAMPLES,
        DEFAULT_RAIN_POINT,
        DEFAULT_RAIN_ALLOWANCE,
        DEFAULT_RAIN_HOLDOFF_MS);
  }
}
