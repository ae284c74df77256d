package io.helan.opcua;

import io.helan.alarms.AlarmService;
import io.helan.audit.Origin;
import io.helan.auth.User;
import java.time.Duration;
import org.eclipse.milo.opcua.sdk.server.methods.AbstractMethodInvocationHandler.InvocationContext;
import org.eclipse.milo.opcua.sdk.server.model.objects.AcknowledgeableConditionType;
import org.eclipse.milo.opcua.sdk.server.model.objects.AlarmConditionTypeNode;
import org.eclipse.milo.opcua.sdk.server.model.objects.ConditionType;
import org.eclipse.milo.opcua.sdk.server.model.objects.ShelvedStateMachineType;
import org.eclipse.milo.opcua.sdk.server.model.objects.ShelvedStateMachineTypeNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaMethodNode;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.ByteString;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;

/**
 * The operator methods of a condition, each one call to the {@link AlarmService} as the session's
 * user, which checks the role and journals the action exactly as for REST: Acknowledge and Confirm
 * acknowledge, TimedShelve, OneShotShelve and Unshelve shelve, Disable and Enable take the alarm
 * out of service and back. Anonymous sessions are refused.
 */
final class ConditionMethods {
  private final AlarmService alarms;
  private final AlarmCondition condition;

  /** Guards the condition's node and EventIds (held by whoever updates the condition). */
  private final Object lock;

  private ConditionMethods(AlarmService alarms, AlarmCondition condition, Object lock) {
    this.alarms = alarms;
    this.condition = condition;
    this.lock = lock;
  }

  /** Puts the handlers on the condition's method nodes. */
  static void install(AlarmService alarms, AlarmCondition condition, Object lock) {
    ConditionMethods methods = new ConditionMethods(alarms, condition, lock);
    AlarmConditionTypeNode node = condition.node();
    UaMethodNode acknowledge = node.getAcknowledgeMethodNode();
    acknowledge.setInvocationHandler(methods.new Acknowledge(acknowledge));
    UaMethodNode confirm = node.getConfirmMethodNode();
    if (confirm != null) {
      confirm.setInvocationHandler(methods.new Confirm(confirm));
    }
    ShelvedStateMachineTypeNode shelving = node.getShelvingStateNode();
    UaMethodNode timed = shelving.getTimedShelveMethodNode();
    timed.setInvocationHandler(methods.new TimedShelve(timed));
    UaMethodNode oneShot = shelving.getOneShotShelveMethodNode();
    oneShot.setInvocationHandler(methods.new OneShotShelve(oneShot));
    UaMethodNode unshelve = shelving.getUnshelveMethodNode();
    unshelve.setInvocationHandler(methods.new Unshelve(unshelve));
    UaMethodNode disable = node.getDisableMethodNode();
    disable.setInvocationHandler(methods.new Disable(disable));
    UaMethodNode enable = node.getEnableMethodNode();
    enable.setInvocationHandler(methods.new Enable(enable));
  }

  @FunctionalInterface
  private interface Action {
    void run(User user, Origin origin, String alarmId);
  }

  /**
   * Runs an action for the session's user; the service's refusals become status codes: a missing
   * role Bad_UserAccessDenied, a state that does not allow it {@code wrongState}.
   */
  private void act(InvocationContext context, long wrongState, Action action) throws UaException {
    User user =
        SessionUser.of(context.getSession())
            .orElseThrow(() -> new UaException(StatusCodes.Bad_UserAccessDenied));
    try {
      action.run(user, SessionUser.origin(context.getSession()), condition.alarmId());
    } catch (SecurityException e) {
      throw new UaException(StatusCodes.Bad_UserAccessDenied, e.getMessage());
    } catch (IllegalStateException e) {
      throw new UaException(wrongState, e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new UaException(StatusCodes.Bad_InvalidArgument, e.getMessage());
    }
  }

  private void checkEvent(ByteString eventId) throws UaException {
    synchronized (lock) {
      if (!condition.knows(eventId)) {
        throw new UaException(StatusCodes.Bad_EventIdUnknown);
      }
    }
  }

  /** Acknowledge and Confirm: acknowledges the alarm if the event is one this condition sent. */
  private void acknowledge(
      InvocationContext context, ByteString eventId, LocalizedText comment, long wrongState)
      throws UaException {
    checkEvent(eventId);
    act(
        context,
        wrongState,
        (user, origin, id) -> alarms.acknowledge(user, origin, id, text(comment)));
  }

  private static String text(LocalizedText comment) {
    return comment == null || comment.text() == null ? "" : comment.text();
  }

  private final class Acknowledge extends AcknowledgeableConditionType.AcknowledgeMethod {
    Acknowledge(UaMethodNode node) {
      super(node);
    }

    @Override
    protected void invoke(InvocationContext context, ByteString eventId, LocalizedText comment)
        throws UaException {
      acknowledge(context, eventId, comment, StatusCodes.Bad_ConditionBranchAlreadyAcked);
    }
  }

  /** Helan has one acknowledgement: Confirm acknowledges what still needs it. */
  private final class Confirm extends AcknowledgeableConditionType.ConfirmMethod {
    Confirm(UaMethodNode node) {
      super(node);
    }

    @Override
    protected void invoke(InvocationContext context, ByteString eventId, LocalizedText comment)
        throws UaException {
      acknowledge(context, eventId, comment, StatusCodes.Bad_ConditionBranchAlreadyConfirmed);
    }
  }

  private final class TimedShelve extends ShelvedStateMachineType.TimedShelveMethod {
    TimedShelve(UaMethodNode node) {
      super(node);
    }

    @Override
    protected void invoke(InvocationContext context, Double shelvingTime) throws UaException {
      if (shelvingTime == null || !(shelvingTime > 0)) {
        throw new UaException(StatusCodes.Bad_ShelvingTimeOutOfRange);
      }
      Duration duration = Duration.ofMillis(Math.round(shelvingTime));
      try {
        act(
            context,
            StatusCodes.Bad_ConditionAlreadyShelved,
            (user, origin, id) ->
                alarms.shelve(user, origin, id, duration, "OPC UA TimedShelve " + duration));
      } catch (UaException e) {
        if (e.getStatusCode().getValue() == StatusCodes.Bad_InvalidArgument) {
          throw new UaException(StatusCodes.Bad_ShelvingTimeOutOfRange, e.getMessage());
        }
        throw e;
      }
    }
  }

  private final class OneShotShelve extends ShelvedStateMachineType.OneShotShelveMethod {
    OneShotShelve(UaMethodNode node) {
      super(node);
    }

    @Override
    protected void invoke(InvocationContext context) throws UaException {
      act(
          context,
          StatusCodes.Bad_ConditionAlreadyShelved,
          (user, origin, id) -> alarms.shelve(user, origin, id, null, "OPC UA OneShotShelve"));
    }
  }

  private final class Unshelve extends ShelvedStateMachineType.UnshelveMethod {
    Unshelve(UaMethodNode node) {
      super(node);
    }

    @Override
    protected void invoke(InvocationContext context) throws UaException {
      act(
          context,
          StatusCodes.Bad_ConditionNotShelved,
          (user, origin, id) -> alarms.unshelve(user, origin, id, "OPC UA Unshelve"));
    }
  }

  private final class Disable extends ConditionType.DisableMethod {
    Disable(UaMethodNode node) {
      super(node);
    }

    @Override
    protected void invoke(InvocationContext context) throws UaException {
      act(
          context,
          StatusCodes.Bad_ConditionAlreadyDisabled,
          (user, origin, id) -> alarms.removeFromService(user, origin, id, "OPC UA Disable"));
    }
  }

  private final class Enable extends ConditionType.EnableMethod {
    Enable(UaMethodNode node) {
      super(node);
    }

    @Override
    protected void invoke(InvocationContext context) throws UaException {
      act(
          context,
          StatusCodes.Bad_ConditionAlreadyEnabled,
          (user, origin, id) -> alarms.returnToService(user, origin, id, "OPC UA Enable"));
    }
  }
}
