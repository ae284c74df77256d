package io.helan.commands;

import io.helan.auth.Role;
import io.helan.config.CommandDefinition;
import io.helan.config.CommandKind;
import io.helan.config.StationKind;
import io.helan.ingest.DeviceMode;
import java.util.List;

/**
 * What each command kind needs and does: the role that may order it, its parameters, its effect
 * period and the device mode it sets, and the device modes that forbid it.
 */
public final class CommandRules {
  /** Emergency measurement reports every 30 s unless told otherwise (routine: 5 min). */
  public static final double DEFAULT_EMERGENCY_INTERVAL_SECONDS = 30;

  private static final CommandParameter CALIBRATION_PERIOD =
      new CommandParameter(
          CommandKind.DURATION_SECONDS,
          false,
          1,
          3600,
          "s",
          "calibration period; default: the device type's configured period");
  private static final CommandParameter SPAN =
      new CommandParameter(
          CommandKind.SPAN_VALUE,
          true,
          0,
          1_000_000,
          "",
          "concentration of the span gas or standard");
  private static final CommandParameter SAMPLER_RUN =
      new CommandParameter(
          CommandKind.DURATION_SECONDS,
          false,
          1,
          86_400,
          "s",
          "sampler run time; default: the device type's configured run");
  private static final CommandParameter REPORTING_INTERVAL =
      new CommandParameter(
          CommandKind.INTERVAL_SECONDS,
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

  /**
   * The parameters the device takes for the command: those of its kind that the command definition
   * says where to put. Any other is refused, since the device would never see it.
   */
  public static List<CommandParameter> parameters(CommandDefinition definition) {
    return definition.kind().parameters().stream()
        .filter(name -> definition.parameterTarget(name).isPresent())
        .map(name -> rule(definition.kind(), name))
        .toList();
  }

  /** The range and meaning of one of the kind's parameters ({@link CommandKind#parameters()}). */
  private static CommandParameter rule(CommandKind kind, String name) {
    return switch (name) {
      case CommandKind.DURATION_SECONDS ->
          kind == CommandKind.SAMPLER_START ? SAMPLER_RUN : CALIBRATION_PERIOD;
      case CommandKind.SPAN_VALUE -> SPAN;
      case CommandKind.INTERVAL_SECONDS -> REPORTING_INTERVAL;
      default -> throw new IllegalArgumentException("no rule for parameter '" + name + "'");
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
