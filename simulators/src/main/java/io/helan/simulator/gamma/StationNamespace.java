package io.helan.simulator.gamma;

import io.helan.simulator.SampleLedger;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.milo.opcua.sdk.core.AccessLevel;
import org.eclipse.milo.opcua.sdk.core.Reference;
import org.eclipse.milo.opcua.sdk.core.ValueRanks;
import org.eclipse.milo.opcua.sdk.server.ManagedNamespaceWithLifecycle;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.items.DataItem;
import org.eclipse.milo.opcua.sdk.server.items.MonitoredItem;
import org.eclipse.milo.opcua.sdk.server.methods.AbstractMethodInvocationHandler;
import org.eclipse.milo.opcua.sdk.server.nodes.UaMethodNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaObjectNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaVariableNode;
import org.eclipse.milo.opcua.sdk.server.util.SubscriptionModel;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.structured.Argument;

/**
 * The address space of a simulated OPC UA field device of the radiation network: object {@code
 * s=Station} under Objects holding the device's variables and methods, every node a string NodeId
 * of its own name in the device's namespace. Subclasses add the nodes and show the readings.
 */
abstract class StationNamespace extends ManagedNamespaceWithLifecycle {
  /** Values change once a second; sampling faster than this only burns CPU. */
  private static final double MINIMUM_SAMPLING_INTERVAL_MS = 100;

  private final SubscriptionModel subscriptionModel;
  private final SampleLedger published;
  private final Map<NodeId, Integer> monitored = new ConcurrentHashMap<>();

  /**
   * @param published counts, per variable and second, the values shown that differ from the one
   *     before while a client monitors the variable: what a subscriber with the default data change
   *     filter is sent
   */
  StationNamespace(OpcUaServer server, String namespaceUri, SampleLedger published) {
    super(server, namespaceUri);
    this.published = published;
    // a handful of variables per server: sampling them costs nothing worth optimising
    subscriptionModel = new SubscriptionModel(server, this);
    getLifecycleManager().addLifecycle(subscriptionModel);
    getLifecycleManager().addStartupTask(this::createStation);
  }

  /**
   * Reads the instruments and shows the reading, stamped now as its source time. Implementations
   * are synchronized so that a reading never overwrites a newer one.
   */
  abstract void refresh();

  /** Adds the device's variables and methods to its Station object. */
  abstract void createNodes(UaObjectNode station);

  void show(UaVariableNode node, double value, DateTime time) {
    DataValue before = node.getValue();
    node.setValue(new DataValue(new Variant(value), StatusCode.GOOD, time, time));
    boolean changed =
        before == null
            || !StatusCode.GOOD.equals(before.statusCode())
            || !Double.valueOf(value).equals(before.value().value());
    if (changed && monitored.getOrDefault(node.getNodeId(), 0) > 0) {
      published.count(node.getBrowseName().name(), time.getJavaTime());
    }
  }

  private void createStation() {
    UaObjectNode station =
        new UaObjectNode.UaObjectNodeBuilder(getNodeContext())
            .setNodeId(newNodeId("Station"))
            .setBrowseName(newQualifiedName("Station"))
            .setDisplayName(LocalizedText.english("Station"))
            .setTypeDefinition(NodeIds.BaseObjectType)
            .build();
    getNodeManager().addNode(station);
    station.addReference(
        new Reference(
            station.getNodeId(), NodeIds.Organizes, NodeIds.ObjectsFolder.expanded(), false));
    createNodes(station);
  }

  UaVariableNode addVariable(UaObjectNode station, String name, String description) {
    UaVariableNode node =
        new UaVariableNode.UaVariableNodeBuilder(getNodeContext())
            .setNodeId(newNodeId(name))
            .setBrowseName(newQualifiedName(name))
            .setDisplayName(LocalizedText.english(name))
            .setDescription(LocalizedText.english(description))
            .setDataType(NodeIds.Double)
            .setTypeDefinition(NodeIds.BaseDataVariableType)
            .setAccessLevel(AccessLevel.READ_ONLY)
            .setUserAccessLevel(AccessLevel.READ_ONLY)
            .setMinimumSamplingInterval(MINIMUM_SAMPLING_INTERVAL_MS)
            .build();
    getNodeManager().addNode(node);
    station.addComponent(node);
    return node;
  }

  void addMethod(
      UaObjectNode station,
      String name,
      String description,
      Argument[] inputs,
      StationOrder order) {
    UaMethodNode method =
        UaMethodNode.builder(getNodeContext())
            .setNodeId(newNodeId(name))
            .setBrowseName(newQualifiedName(name))
            .setDisplayName(LocalizedText.english(name))
            .setDescription(LocalizedText.english(description))
            .build();
    // a client sees the effect of its order at once, not at the next tick
    StationMethod handler =
        new StationMethod(
            method,
            inputs,
            values -> {
              order.execute(values);
              refresh();
            });
    method.setInputArguments(handler.getInputArguments());
    method.setOutputArguments(handler.getOutputArguments());
    method.setInvocationHandler(handler);
    getNodeManager().addNode(method);
    station.addComponent(method);
  }

  static Argument argument(String name, NodeId dataType, String description) {
    return new Argument(
        name, dataType, ValueRanks.Scalar, null, LocalizedText.english(description));
  }

  /** Milo has checked the argument's type, but lets a null value through. */
  static int int32(Variant input) {
    if (input.value() instanceof Integer value) {
      return value;
    }
    throw new IllegalArgumentException("expected an Int32, got " + input.value());
  }

  /** Milo has checked the argument's type, but lets a null value through. */
  static double float64(Variant input) {
    if (input.value() instanceof Double value) {
      return value;
    }
    throw new IllegalArgumentException("expected a Double, got " + input.value());
  }

  static boolean bool(Variant input) {
    if (input.value() instanceof Boolean value) {
      return value;
    }
    throw new IllegalArgumentException("expected a Boolean, got " + input.value());
  }

  @Override
  public void onDataItemsCreated(List<DataItem> dataItems) {
    dataItems.forEach(item -> monitored.merge(item.getReadValueId().getNodeId(), 1, Integer::sum));
    subscriptionModel.onDataItemsCreated(dataItems);
  }

  @Override
  public void onDataItemsModified(List<DataItem> dataItems) {
    subscriptionModel.onDataItemsModified(dataItems);
  }

  @Override
  public void onDataItemsDeleted(List<DataItem> dataItems) {
    dataItems.forEach(
        item ->
            monitored.computeIfPresent(
                item.getReadValueId().getNodeId(), (node, n) -> n > 1 ? n - 1 : null));
    subscriptionModel.onDataItemsDeleted(dataItems);
  }

  @Override
  public void onMonitoringModeChanged(List<MonitoredItem> monitoredItems) {
    subscriptionModel.onMonitoringModeChanged(monitoredItems);
  }

  /** What a method asks of the instrument; it throws IllegalArgumentException on a bad value. */
  @FunctionalInterface
  interface StationOrder {
    void execute(Variant[] inputs);
  }

  /** A station method: Milo has checked the argument types, the instrument checks the values. */
  private static final class StationMethod extends AbstractMethodInvocationHandler {
    private final Argument[] inputs;
    private final StationOrder order;

    StationMethod(UaMethodNode node, Argument[] inputs, StationOrder order) {
      super(node);
      this.inputs = inputs;
      this.order = order;
    }

    @Override
    public Argument[] getInputArguments() {
      return inputs;
    }

    @Override
    public Argument[] getOutputArguments() {
      return new Argument[0];
    }

    @Override
    protected Variant[] invoke(InvocationContext context, Variant[] inputValues)
        throws UaException {
      try {
        order.execute(inputValues);
      } catch (IllegalArgumentException e) {
        throw new UaException(StatusCodes.Bad_InvalidArgument, e.getMessage());
      }
      return new Variant[0];
    }
  }
}
