package io.helan.config;

/** The remote commands a device type may offer. */
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
  TIME_SYNC("time-sync");

  private final String key;

  CommandKind(String key) {
    this.key = key;
  }

  public String key() {
    return key;
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
