package io.helan.commands;

import io.helan.audit.Origin;
import io.helan.config.CommandKind;
import java.time.Instant;
import java.util.Map;

/**
 * A snapshot of one command as stored and shown.
 *
 * @param id unique id (UUID text)
 * @param deviceId target device
 * @param commandId the device's command definition id
 * @param kind what it does; null when the request named no command the device offers
 * @param parameters its parameters as sent to the device, defaults filled in
 * @param user who requested it (and alone may operate it)
 * @param origin where the request came from
 * @param state current state
 * @param refusal why it was refused (state REFUSED), else null
 * @param detail the reason of a refusal or failure, or the device's answer
 * @param requested when it was requested
 * @param updated when its state last changed
 * @param effectUntil while ACKNOWLEDGED with an effect period (calibration, sampler run): when the
 *     period ends; else null
 */
public record CommandRecord(
    String id,
    String deviceId,
    String commandId,
    CommandKind kind,
    Map<String, Double> parameters,
    String user,
    Origin origin,
    CommandState state,
    CommandRefusal refusal,
    String detail,
    Instant requested,
    Instant updated,
    Instant effectUntil) {

  /** How the detail of a command that failed without reaching the device begins. */
  public static final String NOT_DELIVERED = "not delivered: ";

  public CommandRecord {
    parameters = Map.copyOf(parameters);
  }

  /** Whether it failed without reaching the device (link down): the device did not refuse it. */
  public boolean notDelivered() {
    return state == CommandState.FAILED && detail != null && detail.startsWith(NOT_DELIVERED);
  }

  /** This command in a new state. */
  public CommandRecord moved(CommandState next, String nextDetail, Instant when) {
    return with(next, null, nextDetail, when, null);
  }

  /** This command, acknowledged, in its effect period until {@code until}. */
  public CommandRecord inEffectUntil(String nextDetail, Instant when, Instant until) {
    return with(CommandState.ACKNOWLEDGED, null, nextDetail, when, until);
  }

  /** This command, refused. */
  public CommandRecord refused(CommandRefusal why, String reason, Instant when) {
    return with(CommandState.REFUSED, why, reason, when, null);
  }

  /** This command with a new state and what goes with it; the request itself stays. */
  private CommandRecord with(
      CommandState nextState,
      CommandRefusal nextRefusal,
      String nextDetail,
      Instant when,
      Instant nextEffectUntil) {
    return new CommandRecord(
        id,
        deviceId,
        commandId,
        kind,
        parameters,
        user,
        origin,
        nextState,
        nextRefusal,
        nextDetail,
        requested,
        when,
        nextEffectUntil);
  }
}
