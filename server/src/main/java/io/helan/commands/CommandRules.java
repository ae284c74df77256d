package io.helan.commands;

import io.helan.auth.Role;
import io.helan.auth.User;
import io.helan.config.CommandDefinition;
import io.helan.config.CommandKind;
import io.helan.config.StationKind;
import io.helan.driver.LinkState;
import io.helan.ingest.DeviceMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The rules a command must pass, and what each kind needs and does: the role that may order it
 * (authorisation), its parameters (validation, defaults), the interlocks of its device, and the
 * device mode it sets. Pure functions of what they are given: no state, no I/O.
 */
public final class CommandRules {
  /** Emergency measurement reports every 30 s unless told otherwise (routine: 5 min). */
  public static final double DEFAULT_EMERGENCY_INTERVAL_SECONDS = 30;

  /** Parameters that take fractions; every other one counts seconds, minutes or times. */
  private static final Set<String> FRACTIONAL =
      Set.of(CommandKind.SPAN_VALUE, CommandKind.LATITUDE, CommandKind.LONGITUDE);

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

  private static final CommandParameter DESTINATION_LATITUDE =
      new CommandParameter(
          CommandKind.LATITUDE, true, -90, 90, "°", "where the vehicle goes, degrees north");
  private static final CommandParameter DESTINATION_LONGITUDE =
      new CommandParameter(
          CommandKind.LONGITUDE, true, -180, 180, "°", "where the vehicle goes, degrees east");
  private static final CommandParameter REAL_TIME_INTERVAL =
      new CommandParameter(
          CommandKind.INTERVAL_SECONDS,
          true,
          30,
          3600,
          "s",
          "how often the data logger uploads real-time data (HJ 212 RtdInterval, 30 to 3600 s)");
  private static final CommandParameter MINUTE_INTERVAL =
      new CommandParameter(
          CommandKind.INTERVAL_MINUTES,
          true,
          1,
          60,
          "min",
          "period of the data logger's minute data (HJ 212 MinInterval; a divisor of 60)");
  private static final CommandParameter OVER_TIME =
      new CommandParameter(
          CommandKind.OVER_TIME_SECONDS,
          true,
          1,
          600,
          "s",
          "how long the data logger waits for each answer before it resends (HJ 212 OverTime)");
  private static final CommandParameter RE_COUNT =
      new CommandParameter(
          CommandKind.RE_COUNT,
          true,
          0,
          10,
          "",
          "how often the data logger resends an unanswered packet (HJ 212 ReCount)");

  private CommandRules() {}

  /** The role that may order the command on a device of a station of the given kind. */
  public static Role requiredRole(CommandKind kind, StationKind station) {
    return switch (kind) {
      case EMERGENCY_MEASUREMENT, DISPATCH -> Role.COMMANDER;
      case SAMPLER_START, SAMPLER_STOP, INSTANT_SAMPLING, SAMPLE_RETENTION ->
          station == StationKind.RADIATION_GAMMA ? Role.COMMANDER : Role.MAINTAINER;
      case ZERO_CALIBRATION,
          SPAN_CALIBRATION,
          CALIBRATION_CHECK,
          MAINTENANCE_ON,
          MAINTENANCE_OFF,
          TIME_SYNC,
          TIMEOUT_RETRIES,
          REAL_TIME_INTERVAL,
          MINUTE_INTERVAL ->
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
      case CommandKind.LATITUDE -> DESTINATION_LATITUDE;
      case CommandKind.LONGITUDE -> DESTINATION_LONGITUDE;
      case CommandKind.INTERVAL_SECONDS ->
          kind == CommandKind.REAL_TIME_INTERVAL ? REAL_TIME_INTERVAL : REPORTING_INTERVAL;
      case CommandKind.INTERVAL_MINUTES -> MINUTE_INTERVAL;
      case CommandKind.OVER_TIME_SECONDS -> OVER_TIME;
      case CommandKind.RE_COUNT -> RE_COUNT;
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

  /** Why the user may not order the kind on the device (at a station of that kind), or null. */
  static String unauthorised(User user, String deviceId, CommandKind kind, StationKind station) {
    Role role = requiredRole(kind, station);
    if (user.has(role)) {
      return null;
    }
    return kind.key()
        + " at "
        + deviceId
        + " needs the "
        + role.name().toLowerCase()
        + " role; "
        + user.name()
        + " has "
        + user.roles().stream().map(r -> r.name().toLowerCase()).sorted().toList();
  }

  /**
   * Why the device cannot take the command now, or null: its link must be up, no other command of
   * the device may be open, and its mode must allow the kind. A running sampler (a sampler-start
   * the device has accepted, its run under way) leaves room for what does not disturb it: a
   * sampler-stop, another of the device's samplers, and a change of the measurement interval (an
   * incident ending while samplers still run must restore routine measurement).
   *
   * @param commandId the id of the device's command that is asked for
   * @param linked whether the device has a link to send through, in state {@code link}
   * @param others the device's other open commands
   */
  static String interlock(
      String deviceId,
      CommandKind kind,
      String commandId,
      boolean linked,
      LinkState link,
      List<CommandRecord> others,
      DeviceMode mode) {
    if (link != LinkState.CONNECTED || !linked) {
      return "device " + deviceId + " is offline (link " + link + ")";
    }
    for (CommandRecord other : others) {
      boolean runningSampler =
          other.kind() == CommandKind.SAMPLER_START && other.state() == CommandState.ACKNOWLEDGED;
      boolean leavesItAlone =
          kind == CommandKind.SAMPLER_STOP
              || kind == CommandKind.EMERGENCY_MEASUREMENT
              || (kind == CommandKind.SAMPLER_START && !other.commandId().equals(commandId));
      if (!(runningSampler && leavesItAlone)) {
        return "device "
            + deviceId
            + " is busy: command "
            + other.commandId()
            + " ("
            + other.id()
            + ") of "
            + other.user()
            + " is "
            + other.state();
      }
    }
    return modeForbids(kind, mode);
  }

  /**
   * The given parameters checked against those the device takes for the command, with defaults
   * filled in: the definition's duration for an effect period, 30 s for emergency measurement.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  static Map<String, Double> effectiveParameters(
      CommandDefinition definition, Map<String, Double> given) {
    CommandKind kind = definition.kind();
    List<CommandParameter> accepted = parameters(definition);
    Map<String, Double> effective = new LinkedHashMap<>();
    for (Map.Entry<String, Double> entry : given.entrySet()) {
      CommandParameter rule =
          accepted.stream()
              .filter(p -> p.name().equals(entry.getKey()))
              .findFirst()
              .orElseThrow(() -> notTaken(definition, entry.getKey(), accepted));
      double value = entry.getValue();
      if (!Double.isFinite(value) || value < rule.min() || value > rule.max()) {
        throw new IllegalArgumentException(
            "'"
                + rule.name()
                + "' must be between "
                + format(rule.min())
                + " and "
                + format(rule.max())
                + (rule.unit().isEmpty() ? "" : " " + rule.unit())
                + ", got "
                + value);
      }
      if (!FRACTIONAL.contains(rule.name()) && value != Math.rint(value)) {
        throw new IllegalArgumentException(
            "'"
                + rule.name()
                + "' must be a whole number"
                + switch (rule.unit()) {
                  case "s" -> " of seconds";
                  case "min" -> " of minutes";
                  default -> "";
                }
                + ", got "
                + value);
      }
      if (rule == MINUTE_INTERVAL && 60 % (int) value != 0) {
        throw new IllegalArgumentException(
            "'"
                + rule.name()
                + "' must divide the hour (1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30 or"
                + " 60 minutes), got "
                + (int) value);
      }
      effective.put(rule.name(), value);
    }
    for (CommandParameter rule : accepted) {
      if (rule.required() && !effective.containsKey(rule.name())) {
        throw new IllegalArgumentException(kind.key() + " needs parameter '" + rule.name() + "'");
      }
    }
    if (kind.hasEffectPeriod() && !effective.containsKey(CommandKind.DURATION_SECONDS)) {
      if (definition.durationSeconds() <= 0) {
        throw new IllegalArgumentException(
            kind.key() + " needs parameter 'durationSeconds': the device type configures none");
      }
      effective.put(CommandKind.DURATION_SECONDS, (double) definition.durationSeconds());
    }
    if (kind == CommandKind.EMERGENCY_MEASUREMENT) {
      effective.putIfAbsent(CommandKind.INTERVAL_SECONDS, DEFAULT_EMERGENCY_INTERVAL_SECONDS);
    }
    return effective;
  }

  private static IllegalArgumentException notTaken(
      CommandDefinition definition, String name, List<CommandParameter> accepted) {
    String takes =
        accepted.isEmpty()
            ? ""
            : "; it takes "
                + accepted.stream().map(CommandParameter::name).collect(Collectors.joining(", "));
    if (definition.kind().parameters().contains(name)) {
      return new IllegalArgumentException(
          "'"
              + name
              + "' cannot be set on this device: its device type names no place for it"
              + takes);
    }
    return new IllegalArgumentException(
        definition.kind().key() + " takes no parameter '" + name + "'" + takes);
  }

  private static String format(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }
}
