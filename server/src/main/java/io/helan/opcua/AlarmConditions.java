package io.helan.opcua;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.ubyte;
import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.ushort;

import io.helan.alarms.AlarmRecord;
import io.helan.alarms.AlarmService;
import io.helan.alarms.AlarmState;
import io.helan.config.Site;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import org.eclipse.milo.opcua.sdk.core.Reference;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.Session;
import org.eclipse.milo.opcua.sdk.server.items.BaseMonitoredItem;
import org.eclipse.milo.opcua.sdk.server.items.EventItem;
import org.eclipse.milo.opcua.sdk.server.methods.AbstractMethodInvocationHandler.InvocationContext;
import org.eclipse.milo.opcua.sdk.server.methods.MethodInvocationHandler;
import org.eclipse.milo.opcua.sdk.server.model.objects.AlarmConditionTypeNode;
import org.eclipse.milo.opcua.sdk.server.model.objects.BaseEventTypeNode;
import org.eclipse.milo.opcua.sdk.server.model.objects.ConditionType;
import org.eclipse.milo.opcua.sdk.server.model.objects.ServerTypeNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaMethodNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaNode;
import org.eclipse.milo.opcua.sdk.server.nodes.factories.NodeFactory;
import org.eclipse.milo.opcua.sdk.server.subscriptions.Subscription;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.QualifiedName;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UInteger;
import org.eclipse.milo.opcua.stack.core.util.NonceUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Helan's alarms as OPC UA Alarms & Conditions. An alarm becomes a condition node (LimitAlarmType
 * or OffNormalAlarmType, {@code ns=<helan>;s=<alarm id>}) under its source node the first time it
 * is not NORMAL; every change the alarm engine reports updates the node and fires it as an event to
 * the Server object and to the Helan notifiers above the source. ConditionRefresh and
 * ConditionRefresh2 replay the retained conditions to one subscription.
 *
 * <p>Nodes are updated on the alarm engine's thread and read by refreshes on Milo's threads, both
 * under this object's lock; operator methods call the alarm service without holding it, since the
 * service answers only after the engine thread has published the change.
 */
final class AlarmConditions implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AlarmConditions.class);

  /** The optional parts of the alarm types that Helan's alarms fill. */
  private static final Set<String> OPTIONAL_PARTS =
      Set.of(
          "ConfirmedState",
          "SuppressedState",
          "ShelvingState",
          "TransitionTime",
          "HighHighLimit",
          "HighLimit",
          "LowLimit",
          "LowLowLimit");

  private final HelanNamespace namespace;
  private final SiteNodes nodes;
  private final EventItems events;
  private final AlarmService alarms;
  private final Site site;
  private final OpcUaServer server;
  private final Map<String, AlarmCondition> conditions = new LinkedHashMap<>();
  private boolean closed;

  AlarmConditions(
      HelanNamespace namespace,
      SiteNodes nodes,
      EventItems events,
      AlarmService alarms,
      Site site) {
    this.namespace = namespace;
    this.nodes = nodes;
    this.events = events;
    this.alarms = alarms;
    this.site = site;
    this.server = namespace.getNodeContext().getServer();
  }

  /** Shows the alarms that are not normal now, follows changes, takes over ConditionRefresh. */
  void start() {
    if (server.getAddressSpaceManager().getManagedNode(NodeIds.Server).orElse(null)
        instanceof ServerTypeNode serverNode) {
      serverNode.setEventNotifier(ubyte(1));
    }
    alarms.addListener(this::changed);
    alarms.current().forEach(this::changed);
    refreshMethod(NodeIds.ConditionType_ConditionRefresh, Refresh::new);
    refreshMethod(NodeIds.ConditionType_ConditionRefresh2, Refresh2::new);
  }

  /** Takes an alarm change: creates the condition if needed, updates it and fires it. */
  synchronized void changed(AlarmRecord record) {
    if (closed) {
      return;
    }
    AlarmCondition condition = conditions.get(record.id());
    if (condition == null) {
      if (record.state() == AlarmState.NORMAL) {
        return;
      }
      condition = create(record);
      if (condition == null) {
        return;
      }
    }
    condition.update(record);
    fire(condition.node(), condition.source());
  }

  private AlarmCondition create(AlarmRecord record) {
    UaNode source = nodes.source(record.source());
    if (source == null) {
      LOG.warn(
          "Alarm {} has a source {} that is not in the address space",
          record.id(),
          record.source());
      return null;
    }
    NodeId nodeId = nodes.ids().condition(record.id());
    NodeId type = AlarmCondition.typeOf(record.kind());
    try {
      AlarmConditionTypeNode node = instantiate(nodeId, type);
      if (!complete(node)) {
        // Milo keeps each type's instance declarations in a JVM-wide cache for an hour; read from a
        // server that was shutting down, the entry lacks the inherited states. Read it again.
        LOG.warn("Condition type {} came without its states; reading the type again", type);
        NodeFactory.invalidateCachedIdh(type);
        node = instantiate(nodeId, type);
        if (!complete(node)) {
          LOG.error(
              "Could not create the condition of alarm {}: type {} incomplete", record.id(), type);
          return null;
        }
      }
      node.setBrowseName(new QualifiedName(namespace.getNamespaceIndex(), record.kind().name()));
      node.setDisplayName(
          new LocalizedText("zh-CN", record.kind().nameZh() + " " + record.source()));
      source.addReference(
          new Reference(source.getNodeId(), NodeIds.HasCondition, nodeId.expanded(), true));
      AlarmCondition condition = new AlarmCondition(node, source, record);
      ConditionMethods.install(alarms, condition, this);
      conditions.put(record.id(), condition);
      return condition;
    } catch (UaException e) {
      LOG.error("Could not create the condition of alarm {}", record.id(), e);
      return null;
    }
  }

  private AlarmConditionTypeNode instantiate(NodeId nodeId, NodeId type) throws UaException {
    return (AlarmConditionTypeNode)
        namespace.getNodeFactory().createNode(nodeId, type, new OptionalParts());
  }

  /** Whether the condition has every state {@link AlarmCondition#update} sets. */
  private static boolean complete(AlarmConditionTypeNode node) {
    return node.getActiveStateNode() != null
        && node.getAckedStateNode() != null
        && node.getConfirmedStateNode() != null
        && node.getEnabledStateNode() != null
        && node.getSuppressedStateNode() != null
        && node.getShelvingStateNode() != null;
  }

  private void fire(BaseEventTypeNode event, UaNode source) {
    server.getEventNotifier().fire(event);
    events.deliver(event, notifiersAbove(source));
  }

  /** The Helan notifiers an event of this source reaches: device, station, region, root. */
  private List<NodeId> notifiersAbove(UaNode source) {
    HelanNodeIds ids = nodes.ids();
    String sourceId = ids.identifier(source.getNodeId());
    List<NodeId> notifiers = new ArrayList<>(4);
    String stationId = null;
    var point = site.point(sourceId);
    var device = point.isPresent() ? site.device(point.get().deviceId()) : site.device(sourceId);
    if (device.isPresent()) {
      notifiers.add(ids.device(device.get()));
      stationId = device.get().stationId();
    } else {
      stationId = sourceId;
    }
    site.station(stationId)
        .ifPresent(
            station -> {
              notifiers.add(ids.station(station));
              site.regions().stream()
                  .filter(r -> r.id().equals(station.regionId()))
                  .findFirst()
                  .ifPresent(r -> notifiers.add(ids.region(r)));
            });
    notifiers.add(ids.root());
    return notifiers;
  }

  /** Replays the retained conditions to the event items of one subscription (or one item). */
  private void refresh(InvocationContext context, UInteger subscriptionId, UInteger itemId)
      throws UaException {
    Session session =
        context.getSession().orElseThrow(() -> new UaException(StatusCodes.Bad_SessionIdInvalid));
    Subscription subscription = session.getSubscriptionManager().getSubscription(subscriptionId);
    if (subscription == null) {
      throw new UaException(StatusCodes.Bad_SubscriptionIdInvalid);
    }
    List<EventItem> items = new ArrayList<>();
    for (BaseMonitoredItem<?> item : subscription.getMonitoredItems().values()) {
      if (item instanceof EventItem eventItem && (itemId == null || itemId.equals(item.getId()))) {
        items.add(eventItem);
      }
    }
    if (itemId != null && items.isEmpty()) {
      throw new UaException(StatusCodes.Bad_MonitoredItemIdInvalid);
    }
    BaseEventTypeNode start = marker(NodeIds.RefreshStartEventType, "RefreshStart");
    BaseEventTypeNode end = marker(NodeIds.RefreshEndEventType, "RefreshEnd");
    try {
      synchronized (this) {
        for (EventItem item : items) {
          item.onEvent(start);
          NodeId watched = item.getReadValueId().getNodeId();
          for (AlarmCondition condition : conditions.values()) {
            if (condition.retained()
                && (NodeIds.Server.equals(watched)
                    || notifiersAbove(condition.source()).contains(watched))) {
              item.onEvent(condition.node());
            }
          }
          item.onEvent(end);
        }
      }
    } finally {
      start.delete();
      end.delete();
    }
  }

  private BaseEventTypeNode marker(NodeId type, String name) throws UaException {
    BaseEventTypeNode event =
        server.getEventFactory().createEvent(new NodeId(1, UUID.randomUUID()), type);
    event.setBrowseName(new QualifiedName(1, name));
    event.setDisplayName(LocalizedText.english(name));
    event.setEventId(NonceUtil.generateNonce(16));
    event.setEventType(type);
    event.setSourceNode(NodeIds.Server);
    event.setSourceName("Server");
    event.setTime(DateTime.now());
    event.setReceiveTime(DateTime.NULL_VALUE);
    event.setMessage(LocalizedText.english(name));
    event.setSeverity(ushort(0));
    return event;
  }

  private void refreshMethod(
      NodeId methodId, BiFunction<AlarmConditions, UaMethodNode, MethodInvocationHandler> handler) {
    if (server.getAddressSpaceManager().getManagedNode(methodId).orElse(null)
        instanceof UaMethodNode method) {
      method.setInvocationHandler(handler.apply(this, method));
    } else {
      LOG.warn("No {} method node: ConditionRefresh stays Milo's", methodId);
    }
  }

  /**
   * Stops taking alarm changes. Synchronized with {@link #changed}: once this returns no condition
   * is being created, so none is instantiated while the namespace and server shut down (a type read
   * from a stopping server would enter Milo's JVM-wide type cache without its states).
   */
  @Override
  public synchronized void close() {
    closed = true;
  }

  /** ConditionRefresh(SubscriptionId). */
  private static final class Refresh extends ConditionType.ConditionRefreshMethod {
    private final AlarmConditions conditions;

    Refresh(AlarmConditions conditions, UaMethodNode node) {
      super(node);
      this.conditions = conditions;
    }

    @Override
    protected void invoke(InvocationContext context, UInteger subscriptionId) throws UaException {
      conditions.refresh(context, subscriptionId, null);
    }
  }

  /** ConditionRefresh2(SubscriptionId, MonitoredItemId). */
  private static final class Refresh2 extends ConditionType.ConditionRefresh2Method {
    private final AlarmConditions conditions;

    Refresh2(AlarmConditions conditions, UaMethodNode node) {
      super(node);
      this.conditions = conditions;
    }

    @Override
    protected void invoke(
        InvocationContext context, UInteger subscriptionId, UInteger monitoredItemId)
        throws UaException {
      conditions.refresh(context, subscriptionId, monitoredItemId);
    }
  }

  /** Instantiates the optional parts Helan fills, and no other. */
  private static final class OptionalParts implements NodeFactory.InstantiationCallback {
    @Override
    public boolean includeOptionalNode(NodeId typeDefinitionId, QualifiedName browseName) {
      return OPTIONAL_PARTS.contains(browseName.name());
    }
  }
}
