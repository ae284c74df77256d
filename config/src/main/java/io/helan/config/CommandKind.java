package io.helan.config;

import java.util.List;

/** The remote commands a device type may offer, with the parameters each takes. */
public enum CommandKind {
  ZERO_CALIBRATION("zero-calibration"),
  SPAN_CALIBRATION("span-calibration"),
  CALIBRATION_CHECK("calibration-check"),
  SAMPLER_START("sampler-start"),
  SAMPLER_STOP("sampler-stop"),
  INSTANT_SAMPLING("instant-sampling"),
  SAMPLE_RETENTION("sample-retention"),
  MAINTENANCE_ON("maintenance-on"),
  MAINTENANCE_OFF("maintenance-off"),
  EMERGENCY_MEASUREMENT("emergency-measurement"),
  TIME_SYNC("time-sync"),
  /** HJ 212 1000: how long the logger waits for each answer (OverTime) and how often it resends. */
  TIMEOUT_RETRIES("timeout-retries"),
  /** HJ 212 1062: how often the logger uploads real-time data (RtdInterval, seconds). */
  REAL_TIME_INTERVAL("real-time-interval"),
  /** HJ 212 1064: the period of the logger's minute data (MinInterval, minutes). */
  MINUTE_INTERVAL("minute-interval");

  /** Calibration period or sampler run, in seconds. */
  public static final String DURATION_SECONDS = "durationSeconds";

  /** Concentration of the span gas or standard. */
  public static final String SPAN_VALUE = "spanValue";

  /** Reporting interval of emergency measurement, or real-time upload interval, in seconds. */
  public static final String INTERVAL_SECONDS = "intervalSeconds";

  /** Period of minute data, in minutes. */
  public static final String INTERVAL_MINUTES = "intervalMinutes";

  /** How long a data logger waits for each answer before it resends, in seconds (OverTime). */
  public static final String OVER_TIME_SECONDS = "overTimeSeconds";

  /** How often a data logger resends an unanswered packet (ReCount). */
  public static final String RE_COUNT = "reCount";

  private final String key;

  CommandKind(String key) {
    this.key = key;
  }

  public String key() {
    return key;
  }

  /** The names of the parameters the kind takes; a site file says where each goes. */
  public List<String> parameters() {
    return switch (this) {
      case ZERO_CALIBRATION, CALIBRATION_CHECK, SAMPLER_START -> List.of(DURATION_SECONDS);
      case SPAN_CALIBRATION -> List.of(SPAN_VALUE, DURATION_SECONDS);
      case EMERGENCY_MEASUREMENT, REAL_TIME_INTERVAL -> List.of(INTERVAL_SECONDS);
      case TIMEOUT_RETRIES -> List.of(OVER_TIME_SECONDS, RE_COUNT);
      case MINUTE_INTERVAL -> List.of(INTERVAL_MINUTES);
      case SAMPLER_STOP,
          INSTANT_SAMPLING,
          SAMPLE_RETENTION,
          MAINTENANCE_ON,
          MAINTENANCE_OFF,
          TIME_SYNC ->
          List.of();
    };
  }

  /**
   * Whether the command's effect lasts a period (calibration, sampler run) that the device reports
   * the end of, or the server times.
   */
  public boolean hasEffectPeriod() {
    return switch (this) {
      case ZERO_CALIBRATION, SPAN_CALIBRATION, CALIBRATION_CHECK, SAMPLER_START -> true;
      default -> false;
    };
  }

  /** Whether the command switches something off (the value it writes is 0, false). */
  public boolean switchesOff() {
    return this == MAINTENANCE_OFF || this == SAMPLER_STOP;
  }

  public static CommandKind fromKey(String key) {
    for (CommandKind kind : values()) {
      if (kind.key.equals(key)) {
        return kind;
      }
    }
    throw new IllegalArgumentException("unknown command kind '" + key + "'");
  }
}
