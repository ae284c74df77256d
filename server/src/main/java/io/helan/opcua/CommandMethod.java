package io.helan.opcua;

import io.helan.audit.Origin;
import io.helan.auth.User;
import io.helan.commands.CommandRecord;
import io.helan.commands.CommandRefusal;
import io.helan.commands.CommandRefusedException;
import io.helan.commands.CommandService;
import io.helan.commands.CommandState;
import io.helan.config.CommandDefinition;
import io.helan.config.Device;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.milo.opcua.sdk.server.AccessContext;
import org.eclipse.milo.opcua.sdk.server.Session;
import org.eclipse.milo.opcua.sdk.server.methods.InvalidArgumentException;
import org.eclipse.milo.opcua.sdk.server.methods.MethodInvocationHandler;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.types.builtin.DiagnosticInfo;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.structured.CallMethodRequest;
import org.eclipse.milo.opcua.stack.core.types.structured.CallMethodResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A device command as an OPC UA method. The call is the operator's confirmation, so it selects and
 * operates in one go through the {@link CommandService}, as the session's user, which authorises
 * and audits it exactly as for REST. Anonymous sessions are refused before anything is recorded.
 *
 * <p>The outputs are the command id, its state and the device's answer. Milo sends no
 * operation-level diagnostics for Call, so a refusal carries its reason in the Detail output next
 * to the bad status code (Bad_UserAccessDenied for a missing role, Bad_InvalidArgument for a bad
 * parameter, Bad_InvalidState for an interlock).
 */
final class CommandMethod implements MethodInvocationHandler {
  private static final Logger LOG = LoggerFactory.getLogger(CommandMethod.class);

  /** How long a call waits for the device's answer; a slower command carries on and shows SENT. */
  static final long OPERATE_WAIT_SECONDS = 15;

  private final Device device;
  private final CommandDefinition definition;
  private final CommandArguments arguments;
  private final CommandService commands;

  /**
   * @param commands the command service, or null when this server has none: the method then answers
   *     Bad_NotImplemented
   */
  CommandMethod(
      Device device,
      CommandDefinition definition,
      CommandArguments arguments,
      CommandService commands) {
    this.device = device;
    this.definition = definition;
    this.arguments = arguments;
    this.commands = commands;
  }

  @Override
  public CallMethodResult invoke(AccessContext context, CallMethodRequest request) {
    Optional<Session> session = context.getSession();
    if (commands == null) {
      return refused(
          StatusCodes.Bad_NotImplemented, "remote commands are not enabled on this server");
    }
    Optional<User> user = SessionUser.of(session);
    if (user.isEmpty()) {
      return refused(
          StatusCodes.Bad_UserAccessDenied,
          "anonymous sessions may browse and read only; log in with a user name to command");
    }
    Variant[] inputs =
        request.getInputArguments() == null ? new Variant[0] : request.getInputArguments();
    if (inputs.length != arguments.size()) {
      return refused(
          inputs.length < arguments.size()
              ? StatusCodes.Bad_ArgumentsMissing
              : StatusCodes.Bad_TooManyArguments,
          definition.id() + " takes " + arguments.size() + " argument(s)");
    }
    Map<String, Double> parameters;
    try {
      parameters = arguments.parameters(inputs);
    } catch (InvalidArgumentException e) {
      return new CallMethodResult(
          e.getStatusCode(), e.getInputArgumentResults(), new DiagnosticInfo[0], new Variant[0]);
    }
    Origin origin = SessionUser.origin(session);
    try {
      CommandRecord record =
          commands.select(user.get(), origin, device.id(), definition.id(), parameters);
      if (record.state() == CommandState.SELECTED) {
        record = operate(user.get(), origin, record);
      }
      LOG.info(
          "OPC UA command {} on {} by {}: {} {}",
          definition.id(),
          device.id(),
          user.get().name(),
          record.state(),
          record.detail());
      return result(statusOf(record), record);
    } catch (CommandRefusedException e) {
      return refused(statusOf(e.refusal()), e.getMessage());
    }
  }

  private CommandRecord operate(User user, Origin origin, CommandRecord selected) {
    try {
      return commands
          .operate(user, origin, selected.id())
          .get(OPERATE_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      return commands.command(selected.id()).orElse(selected);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return commands.command(selected.id()).orElse(selected);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof CommandRefusedException refused) {
        throw refused;
      }
      throw new IllegalStateException("operating " + selected.id() + " failed", e.getCause());
    }
  }

  /** The status a client sees for the state the command reached. */
  static long statusOf(CommandRecord record) {
    return switch (record.state()) {
      case SELECTED, SENT, ACKNOWLEDGED, COMPLETED -> StatusCodes.Good;
      case REFUSED ->
          record.refusal() == null ? StatusCodes.Bad_InvalidState : statusOf(record.refusal());
      case FAILED -> StatusCodes.Bad_DeviceFailure;
      case TIMED_OUT -> StatusCodes.Bad_Timeout;
      case EXPIRED, CANCELLED, UNKNOWN -> StatusCodes.Bad_InvalidState;
    };
  }

  static long statusOf(CommandRefusal refusal) {
    return switch (refusal) {
      case NOT_AUTHORISED -> StatusCodes.Bad_UserAccessDenied;
      case UNKNOWN_TARGET -> StatusCodes.Bad_MethodInvalid;
      case BAD_PARAMETER -> StatusCodes.Bad_InvalidArgument;
      case INTERLOCK, WRONG_STATE -> StatusCodes.Bad_InvalidState;
    };
  }

  private static CallMethodResult result(long status, CommandRecord record) {
    return new CallMethodResult(
        new StatusCode(status),
        new StatusCode[0],
        new DiagnosticInfo[0],
        new Variant[] {
          Variant.ofString(record.id()),
          Variant.ofString(record.state().name()),
          Variant.ofString(record.detail() == null ? "" : record.detail())
        });
  }

  private CallMethodResult refused(long status, String reason) {
    LOG.info("OPC UA command {} on {} refused: {}", definition.id(), device.id(), reason);
    return new CallMethodResult(
        new StatusCode(status),
        new StatusCode[0],
        new DiagnosticInfo[0],
        new Variant[] {
          Variant.ofString(""),
          Variant.ofString(CommandState.REFUSED.name()),
          Variant.ofString(reason)
        });
  }
}
