package io.helan.opcua;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.ubyte;
import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

import io.helan.config.CommandDefinition;
import io.helan.config.Device;
import io.helan.config.Point;
import io.helan.config.Region;
import io.helan.config.Site;
import io.helan.config.Station;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import org.eclipse.milo.opcua.sdk.core.AccessLevel;
import org.eclipse.milo.opcua.sdk.core.QualifiedProperty;
import org.eclipse.milo.opcua.sdk.core.Reference;
import org.eclipse.milo.opcua.sdk.core.ValueRanks;
import org.eclipse.milo.opcua.sdk.server.model.variables.AnalogItemTypeNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaFolderNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaMethodNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaNodeContext;
import org.eclipse.milo.opcua.sdk.server.nodes.UaObjectNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaVariableNode;
import org.eclipse.milo.opcua.sdk.server.nodes.filters.AttributeFilter;
import org.eclipse.milo.opcua.sdk.server.nodes.filters.AttributeFilterContext;
import org.eclipse.milo.opcua.sdk.server.nodes.filters.AttributeFilters;
import org.eclipse.milo.opcua.stack.core.AttributeId;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.QualifiedName;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UByte;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UShort;
import org.eclipse.milo.opcua.stack.core.types.structured.Range;

/**
 * Builds the nodes of a site under Objects/Helan: a folder per region, an object per station and
 * device (with LinkState and Mode variables, device commands as methods) and a variable per point
 * (AnalogItemType with EURange and EngineeringUnits; booleans as plain variables). Browse names are
 * the configured ids, display names the configured (Chinese) names.
 */
final class SiteNodes {
  /** Milo otherwise reports 0 ms, which makes a client's "as fast as possible" a busy loop. */
  static final double STATE_SAMPLING_MS = 100.0;

  private static final UByte SUBSCRIBE_TO_EVENTS = ubyte(1);

  /** A point variable's own value is never read: reads go to the current-value table. */
  private static final DataValue NO_VALUE =
      new DataValue(new StatusCode(StatusCodes.Bad_WaitingForInitialData));

  private static final UByte READ_AND_HISTORY =
      AccessLevel.toValue(AccessLevel.CurrentRead, AccessLevel.HistoryRead);

  private final UaNodeContext context;
  private final String namespaceUri;
  private final UShort namespaceIndex;
  private final HelanNodeIds ids;
  private final Site site;
  private final AttributeFilter currentValue;
  private final AttributeFilter userExecutable;
  private final Map<String, UaNode> sources = new LinkedHashMap<>();

  SiteNodes(
      UaNodeContext context,
      String namespaceUri,
      UShort namespaceIndex,
      Site site,
      PointValues values) {
    this.context = context;
    this.namespaceUri = namespaceUri;
    this.namespaceIndex = namespaceIndex;
    this.ids = new HelanNodeIds(namespaceIndex);
    this.site = site;
    this.currentValue = AttributeFilters.getValue(ctx -> values.current(pointIndex(ctx)));
    this.userExecutable = new UserExecutableFilter();
  }

  /**
   * Adds every node of the site.
   *
   * @param methods the invocation handler of each device command
   */
  void build(DeviceStates states, BiFunction<Device, CommandDefinition, CommandMethod> methods) {
    UaFolderNode root =
        new UaFolderNode(
            context, ids.root(), name(HelanNodeIds.ROOT), LocalizedText.english("Helan"));
    root.setDescription(LocalizedText.english(site.name()));
    root.setEventNotifier(SUBSCRIBE_TO_EVENTS);
    add(root);
    root.addReference(
        new Reference(
            root.getNodeId(), NodeIds.Organizes, NodeIds.ObjectsFolder.expanded(), false));
    root.addReference(
        new Reference(root.getNodeId(), NodeIds.HasNotifier, NodeIds.Server.expanded(), false));

    Map<String, UaFolderNode> regions = new LinkedHashMap<>();
    for (Region region : site.regions()) {
      UaFolderNode folder =
          new UaFolderNode(context, ids.region(region), name(region.id()), zh(region.name()));
      folder.setDescription(LocalizedText.english(region.nameEn()));
      folder.setEventNotifier(SUBSCRIBE_TO_EVENTS);
      add(folder);
      root.addOrganizes(folder);
      notifies(root, folder);
      regions.put(region.id(), folder);
    }
    for (Station station : site.stations()) {
      UaFolderNode region = regions.get(station.regionId());
      UaObjectNode stationNode = station(station, states);
      region.addOrganizes(stationNode);
      notifies(region, stationNode);
      for (Device device : station.devices()) {
        UaObjectNode deviceNode = device(device, states, methods);
        stationNode.addComponent(deviceNode);
        notifies(stationNode, deviceNode);
        for (Point point : device.points()) {
          UaVariableNode pointNode = point(point, device);
          deviceNode.addComponent(pointNode);
          eventSource(deviceNode, pointNode);
        }
      }
    }
  }

  /** The node an alarm's source id (a point, device or station id) stands for. */
  UaNode source(String sourceId) {
    return sources.get(sourceId);
  }

  HelanNodeIds ids() {
    return ids;
  }

  private UaObjectNode station(Station station, DeviceStates states) {
    UaObjectNode node =
        new UaObjectNode.UaObjectNodeBuilder(context)
            .setNodeId(ids.station(station))
            .setBrowseName(name(station.id()))
            .setDisplayName(zh(station.name()))
            .setDescription(LocalizedText.english(station.nameEn()))
            .setEventNotifier(SUBSCRIBE_TO_EVENTS)
            .buildAndAdd();
    property(node, "Kind", station.kind().key());
    property(node, "Latitude", station.latitude());
    property(node, "Longitude", station.longitude());
    states.register(
        station.id(),
        stateVariable(node, station.id(), HelanNodeIds.LINK_STATE),
        stateVariable(node, station.id(), HelanNodeIds.MODE));
    sources.put(station.id(), node);
    return node;
  }

  private UaObjectNode device(
      Device device,
      DeviceStates states,
      BiFunction<Device, CommandDefinition, CommandMethod> methods) {
    UaObjectNode node =
        new UaObjectNode.UaObjectNodeBuilder(context)
            .setNodeId(ids.device(device))
            .setBrowseName(name(shortId(device.id())))
            .setDisplayName(zh(device.name()))
            .setEventNotifier(SUBSCRIBE_TO_EVENTS)
            .buildAndAdd();
    property(node, "DeviceType", device.type());
    property(node, "Protocol", device.connection().protocol());
    states.register(
        device.id(),
        stateVariable(node, device.id(), HelanNodeIds.LINK_STATE),
        stateVariable(node, device.id(), HelanNodeIds.MODE));
    for (CommandDefinition command : device.commands()) {
      CommandMethod handler = methods.apply(device, command);
      UaMethodNode method =
          UaMethodNode.builder(context)
              .setNodeId(ids.method(device, command))
              .setBrowseName(name(command.id()))
              .setDisplayName(zh(command.name()))
              .setDescription(LocalizedText.english(command.kind().key()))
              .setExecutable(true)
              .setUserExecutable(true)
              .build();
      CommandArguments arguments = CommandArguments.of(command);
      if (arguments.size() > 0) {
        method.setInputArguments(arguments.inputArguments());
      }
      method.setOutputArguments(CommandArguments.OUTPUTS);
      method.setInvocationHandler(handler);
      method.getFilterChain().addLast(userExecutable);
      add(method);
      node.addComponent(method);
    }
    sources.put(device.id(), node);
    return node;
  }

  private UaVariableNode point(Point point, Device device) {
    PointValues.Kind kind = PointValues.Kind.of(point);
    NodeId nodeId = ids.point(point);
    QualifiedName browseName = name(shortId(point.id()));
    LocalizedText displayName = zh(point.name());
    LocalizedText description =
        LocalizedText.english(point.code() == null ? point.id() : point.code());
    UaVariableNode node;
    if (kind == PointValues.Kind.BOOLEAN) {
      node =
          new UaVariableNode(
              context, nodeId, browseName, displayName, description, uint(0), uint(0));
      typeDefinition(node, NodeIds.BaseDataVariableType);
    } else {
      AnalogItemTypeNode analog =
          new AnalogItemTypeNode(
              context,
              nodeId,
              browseName,
              displayName,
              description,
              uint(0),
              uint(0),
              null,
              null,
              null,
              NO_VALUE,
              kind.dataType(),
              ValueRanks.Scalar,
              null);
      typeDefinition(analog, NodeIds.AnalogItemType);
      node = analog;
    }
    node.setDataType(kind.dataType());
    node.setAccessLevel(READ_AND_HISTORY);
    node.setUserAccessLevel(READ_AND_HISTORY);
    node.setHistorizing(true);
    node.setMinimumSamplingInterval(
        Math.max(STATE_SAMPLING_MS, device.connection().updateIntervalMs()));
    node.getFilterChain().addLast(currentValue);
    add(node);
    if (node instanceof AnalogItemTypeNode analog) {
      analog.setEuRange(new Range(point.rangeLow(), point.rangeHigh()));
      EngineeringUnits.of(point.unit()).ifPresent(analog::setEngineeringUnits);
    }
    sources.put(point.id(), node);
    return node;
  }

  private UaVariableNode stateVariable(UaObjectNode owner, String ownerId, String name) {
    UaVariableNode node =
        new UaVariableNode.UaVariableNodeBuilder(context)
            .setNodeId(ids.state(ownerId, name))
            .setBrowseName(name(name))
            .setDisplayName(LocalizedText.english(name))
            .setDataType(NodeIds.String)
            .setAccessLevel(AccessLevel.READ_ONLY)
            .setUserAccessLevel(AccessLevel.READ_ONLY)
            .setMinimumSamplingInterval(STATE_SAMPLING_MS)
            .setTypeDefinition(NodeIds.BaseDataVariableType)
            .build();
    add(node);
    owner.addComponent(node);
    return node;
  }

  private <T> void property(UaNode node, String name, T value) {
    @SuppressWarnings("unchecked")
    Class<T> type = (Class<T>) value.getClass();
    NodeId dataType = value instanceof Double ? NodeIds.Double : NodeIds.String;
    node.setProperty(
        new QualifiedProperty<>(namespaceUri, name, dataType.expanded(), ValueRanks.Scalar, type),
        value);
  }

  private void add(UaNode node) {
    context.getNodeManager().addNode(node);
  }

  private static void typeDefinition(UaNode node, NodeId type) {
    node.addReference(
        new Reference(node.getNodeId(), NodeIds.HasTypeDefinition, type.expanded(), true));
  }

  /** HasNotifier from an event notifier to the notifier below it. */
  private static void notifies(UaNode notifier, UaNode child) {
    notifier.addReference(
        new Reference(
            notifier.getNodeId(), NodeIds.HasNotifier, child.getNodeId().expanded(), true));
  }

  /** HasEventSource from a device to the points whose alarms it reports. */
  private static void eventSource(UaNode notifier, UaNode source) {
    notifier.addReference(
        new Reference(
            notifier.getNodeId(), NodeIds.HasEventSource, source.getNodeId().expanded(), true));
  }

  private int pointIndex(AttributeFilterContext ctx) {
    String id = ids.identifier(ctx.getNode().getNodeId());
    return site.point(id).orElseThrow().index();
  }

  private QualifiedName name(String name) {
    return new QualifiedName(namespaceIndex, name);
  }

  private static LocalizedText zh(String text) {
    return new LocalizedText("zh-CN", text);
  }

  /** The last segment of a dotted id: {@code aqm} of {@code yc-xinghuayuan.aqm}. */
  private static String shortId(String id) {
    return id.substring(id.lastIndexOf('.') + 1);
  }

  /** UserExecutable is false for anonymous sessions: they may not call methods. */
  private static final class UserExecutableFilter implements AttributeFilter {
    @Override
    public Object getAttribute(AttributeFilterContext ctx, AttributeId attributeId) {
      if (attributeId == AttributeId.UserExecutable) {
        return SessionUser.of(ctx.getSession()).isPresent();
      }
      return ctx.getAttribute(attributeId);
    }
  }
}
