package io.helan.commands;

import io.helan.auth.Role;
import io.helan.config.CommandKind;
import io.helan.config.StationKind;
import io.helan.ingest.DeviceMode;
import java.util.List;

/**
 * What each command kind needs and does: the role that may order it, its parameters, its effect
 * period and the device mode it sets, and the device modes that forbid it.
 */
public final class CommandRules {
  public static final String DURATION_SECONDS = "durationSeconds";
  public static final String SPAN_VALUE = "spanValue";
  public static final String INTERVAL_SECONDS = "intervalSeconds";

  /** Emergency measurement reports every 30 s unless told otherwise (routine: 5 min). */
  public static final double DEFAULT_EMERGENCY_INTERVAL_SECONDS = 30;

  private static final CommandParameter CALIBRATION_PERIOD =
      new CommandParameter(
          DURATION_SECONDS,
          false,
          1,
          3600,
          "s",
          "calibration period; default: the device type's configured period");
  private static final CommandParameter SPAN =
      new CommandParameter(
          SPAN_VALUE, true, 0, 1_000_000, "", "concentration of the span gas or standard");
  private static final CommandParameter SAMPLER_RUN =
      new CommandParameter(
          DURATION_SECONDS,
          false,
          1,
          86_400,
          "s",
          "sampler run time; default: the device type's configured run");
  private static final CommandParameter REPORTING_INTERVAL =
      new CommandParameter(
          INTERVAL_SECONDS,
          false,
          1,
          3600,
          "s",
          "reporting interval; below the routine interval the station is in emergency"
              + " measurement, at or above it back to routine (default 30)");

  private CommandRules() {}

  /** The role that may order the command on a device of a station of the given kind. */
  public static Role requiredRole(CommandKind kind, StationKind station) {
    return switch (kind) {
      case EMERGENCY_MEASUREMENT -> Role.COMMANDER;
      case SAMPLER_START, SAMPLER_STOP, INSTANT_SAMPLING, SAMPLE_RETENTION ->
          station == StationKind.RADIATION_GAMMA ? Role.COMMANDER : Role.MAINTAINER;
      case ZERO_CALIBRATION,
          SPAN_CALIBRATION,
          CALIBRATION_CHECK,
          MAINTENANCE_ON,
          MAINTENANCE_OFF,
          TIME_SYNC ->
          Role.MAINTAINER;
    };
  }

  /** The parameters the kind takes; any other is refused. */
  public static List<CommandParameter> parameters(CommandKind kind) {
    return switch (kind) {
      case ZERO_CALIBRATION, CALIBRATION_CHECK -> List.of(CALIBRATION_PERIOD);
      case SPAN_CALIBRATION -> List.of(SPAN, CALIBRATION_PERIOD);
      case SAMPLER_START -> List.of(SAMPLER_RUN);
      case EMERGENCY_MEASUREMENT -> List.of(REPORTING_INTERVAL);
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
   * Whether the command's effect lasts a period (calibration, sampler run) during which it stays
   * ACKNOWLEDGED and holds the device.
   */
  public static boolean hasEffectPeriod(CommandKind kind) {
    return switch (kind) {
      case ZERO_CALIBRATION, SPAN_CALIBRATION, CALIBRATION_CHECK, SAMPLER_START -> true;
      default -> false;
    };
  }

  /**
   * The mode the device is put in from the moment the command is sent (so no sample of the effect
   * slips through unflagged), or null if the command sets none while running.
   */
  public static DeviceMode modeWhileRunning(CommandKind kind) {
    return switch (kind) {
      case ZERO_CALIBRATION, SPAN_CALIBRATION, CALIBRATION_CHECK -> DeviceMode.CALIBRATION;
      case MAINTENANCE_ON -> DeviceMode.MAINTENANCE;
      default -> null;
    };
  }

  /** Why the device's current mode forbids the command, or null if it allows it. */
  public static String modeForbids(CommandKind kind, DeviceMode mode) {
    return switch (mode) {
      case NORMAL -> null;
      case CALIBRATION -> "the device is calibrating";
      case MAINTENANCE ->
          kind == CommandKind.EMERGENCY_MEASUREMENT
              ? "the device is in maintenance: end maintenance before emergency measurement"
              : null;
      case EMERGENCY ->
          switch (kind) {
            case ZERO_CALIBRATION, SPAN_CALIBRATION, CALIBRATION_CHECK ->
                "emergency measurement is running: it locks calibration";
            case MAINTENANCE_ON -> "emergency measurement is running: end it before maintenance";
            default -> null;
          };
    };
  }
}
