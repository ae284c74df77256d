package io.helan.opcua;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.ushort;

import io.helan.alarms.AlarmKind;
import io.helan.alarms.AlarmRecord;
import io.helan.alarms.AlarmState;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.UUID;
import org.eclipse.milo.opcua.sdk.server.model.objects.AlarmConditionTypeNode;
import org.eclipse.milo.opcua.sdk.server.model.objects.LimitAlarmTypeNode;
import org.eclipse.milo.opcua.sdk.server.model.objects.ShelvedStateMachineTypeNode;
import org.eclipse.milo.opcua.sdk.server.model.variables.TwoStateVariableTypeNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaNode;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.types.builtin.ByteString;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UShort;

/**
 * One Helan alarm as an OPC UA condition node, kept equal to the alarm's latest {@link
 * AlarmRecord}; every change gets a new EventId, and the node itself is the event that is fired.
 *
 * <p>The mapping: ActiveState from the ISA-18.2 state (an alarm hidden by shelving or out of
 * service keeps the activity last seen); AckedState is false while the alarm needs acknowledging;
 * Helan has a single operator acknowledgement, so ConfirmedState follows AckedState; EnabledState
 * is false out of service; SuppressedState is suppression by design (calibration, maintenance);
 * Retain is true while the alarm is not NORMAL. Severity is 900, 700, 500, 300 for priorities 1 to
 * 4.
 */
final class AlarmCondition {
  /** Recent EventIds that Acknowledge and Confirm accept (a client may act on an older event). */
  private static final int REMEMBERED_EVENTS = 8;

  private final AlarmConditionTypeNode node;
  private final UaNode source;
  private final Deque<ByteString> eventIds = new ArrayDeque<>();
  private AlarmRecord record;
  private boolean active;

  AlarmCondition(AlarmConditionTypeNode node, UaNode source, AlarmRecord first) {
    this.node = node;
    this.source = source;
    node.setEventType(typeOf(first.kind()));
    node.setSourceNode(source.getNodeId());
    node.setSourceName(first.source());
    node.setConditionName(first.kind().name());
    node.setConditionClassId(NodeIds.ProcessConditionClassType);
    node.setConditionClassName(LocalizedText.english("Process"));
    node.setBranchId(NodeId.NULL_VALUE);
    node.setInputNode(source.getNodeId());
    node.setQuality(StatusCode.GOOD);
    node.setSuppressedOrShelved(false);
    node.getShelvingStateNode().setUnshelveTime(0.0);
  }

  /** The OPC UA type of a kind: limit alarms for limits and dose-rate levels, else off-normal. */
  static NodeId typeOf(AlarmKind kind) {
    return switch (kind) {
      case HIHI,
          HI,
          LO,
          LOLO,
          RATE_OF_CHANGE,
          DOSE_RATE_INVESTIGATION,
          DOSE_RATE_ALARM,
          SOURCE_OUT_OF_FENCE ->
          NodeIds.LimitAlarmType;
      case COMMUNICATION_LOSS,
          STALE_DATA,
          DEVICE_FAULT,
          EMISSION_EXCEEDANCE,
          JOURNAL_ROWS_REJECTED,
          UPSTREAM_RECORDS_DROPPED ->
          NodeIds.OffNormalAlarmType;
    };
  }

  AlarmConditionTypeNode node() {
    return node;
  }

  UaNode source() {
    return source;
  }

  String alarmId() {
    return record.id();
  }

  boolean retained() {
    return Boolean.TRUE.equals(node.getRetain());
  }

  /** Whether {@code eventId} names one of this condition's recent events. */
  boolean knows(ByteString eventId) {
    return eventIds.contains(eventId);
  }

  /** Takes the alarm's new state and stamps a new EventId. */
  void update(AlarmRecord next) {
    AlarmRecord previous = record;
    record = next;
    AlarmState state = next.state();
    switch (state) {
      case UNACKNOWLEDGED_ACTIVE, ACKNOWLEDGED_ACTIVE, SUPPRESSED_BY_DESIGN -> active = true;
      case NORMAL, RETURNED_UNACKNOWLEDGED -> active = false;
      default -> {
        // shelved or out of service hides the condition: keep the activity last seen
      }
    }
    DateTime time = new DateTime(next.changed() == null ? Instant.now() : next.changed());
    boolean acked = !state.needsAcknowledge();
    twoState(node.getActiveStateNode(), active, "Active", "Inactive", time);
    twoState(node.getAckedStateNode(), acked, "Acknowledged", "Unacknowledged", time);
    twoState(node.getConfirmedStateNode(), acked, "Confirmed", "Unconfirmed", time);
    twoState(
        node.getEnabledStateNode(),
        state != AlarmState.OUT_OF_SERVICE,
        "Enabled",
        "Disabled",
        time);
    twoState(
        node.getSuppressedStateNode(),
        state == AlarmState.SUPPRESSED_BY_DESIGN,
        "Suppressed",
        "Unsuppressed",
        time);
    shelving(next, time);
    node.setSuppressedOrShelved(
        state == AlarmState.SUPPRESSED_BY_DESIGN || state == AlarmState.SHELVED);
    node.setRetain(state != AlarmState.NORMAL);
    UShort severity = ushort(severity(next.priority()));
    node.setLastSeverity(previous == null ? severity : ushort(severity(previous.priority())));
    node.setSeverity(severity);
    node.setMessage(new LocalizedText("zh-CN", next.message()));
    node.setClientUserId(next.acknowledgedBy() == null ? "" : next.acknowledgedBy());
    if (node instanceof LimitAlarmTypeNode limit && !Double.isNaN(next.limit())) {
      switch (next.kind()) {
        case HIHI -> limit.setHighHighLimit(next.limit());
        case LO -> limit.setLowLimit(next.limit());
        case LOLO -> limit.setLowLowLimit(next.limit());
        default -> limit.setHighLimit(next.limit());
      }
    }
    node.setTime(time);
    node.setReceiveTime(DateTime.now());
    ByteString eventId = newEventId();
    node.setEventId(eventId);
    eventIds.addFirst(eventId);
    while (eventIds.size() > REMEMBERED_EVENTS) {
      eventIds.removeLast();
    }
  }

  private void shelving(AlarmRecord next, DateTime time) {
    ShelvedStateMachineTypeNode shelving = node.getShelvingStateNode();
    NodeId state;
    String name;
    double unshelveMillis = 0;
    if (next.state() != AlarmState.SHELVED) {
      state = NodeIds.ShelvedStateMachineType_Unshelved;
      name = "Unshelved";
    } else if (next.shelvedUntil() == null) {
      state = NodeIds.ShelvedStateMachineType_OneShotShelved;
      name = "OneShotShelved";
    } else {
      state = NodeIds.ShelvedStateMachineType_TimedShelved;
      name = "TimedShelved";
      unshelveMillis = Math.max(0, Duration.between(Instant.now(), next.shelvedUntil()).toMillis());
    }
    if (!state.equals(shelving.getCurrentStateNode().getId())) {
      shelving.setCurrentState(LocalizedText.english(name));
      shelving.getCurrentStateNode().setId(state);
    }
    shelving.setUnshelveTime(unshelveMillis);
  }

  private static void twoState(
      TwoStateVariableTypeNode variable,
      boolean state,
      String trueText,
      String falseText,
      DateTime time) {
    if (!Boolean.valueOf(state).equals(variable.getId())) {
      variable.setTransitionTime(time);
    }
    variable.setId(state);
    variable.setValue(
        new DataValue(
            Variant.ofLocalizedText(LocalizedText.english(state ? trueText : falseText))));
  }

  private static int severity(int priority) {
    return switch (priority) {
      case 1 -> 900;
      case 2 -> 700;
      case 3 -> 500;
      default -> 300;
    };
  }

  private static ByteString newEventId() {
    UUID uuid = UUID.randomUUID();
    return ByteString.of(
        ByteBuffer.allocate(16)
            .putLong(uuid.getMostSignificantBits())
            .putLong(uuid.getLeastSignificantBits())
            .array());
  }
}
