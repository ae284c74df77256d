package io.helan.simulator.gamma;

import io.helan.simulator.environment.Cycles;
import java.time.ZonedDateTime;
import java.util.List;
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
 * A gamma station's address space as docs/contracts.md names it: object {@code s=Station} under
 * Objects, holding the variables DoseRate, HighVoltage, DetectorTemperature, Rain, SamplerFlow and
 * Mode and the methods StartSampler, StopSampler, SetMeasurementInterval and SetMaintenance, every
 * node a string NodeId of its own name in {@value GammaStation#NAMESPACE_URI}.
 */
final class GammaNamespace extends ManagedNamespaceWithLifecycle {
  /** Values change once a second; sampling faster than this only burns CPU. */
  private static final double MINIMUM_SAMPLING_INTERVAL_MS = 100;

  private final GammaInstrument instrument;
  private final SubscriptionModel subscriptionModel;
  private UaVariableNode doseRate;
  private UaVariableNode highVoltage;
  private UaVariableNode detectorTemperature;
  private UaVariableNode rain;
  private UaVariableNode samplerFlow;
  private UaVariableNode iodineSamplerFlow;
  private UaVariableNode mode;
  private UaVariableNode drill;

  GammaNamespace(OpcUaServer server, GammaInstrument instrument) {
    super(server, GammaStation.NAMESPACE_URI);
    this.instrument = instrument;
    // a handful of variables per server: sampling them costs nothing worth optimising
    subscriptionModel = new SubscriptionModel(server, this);
    getLifecycleManager().addLifecycle(subscriptionModel);
    getLifecycleManager().addStartupTask(this::createNodes);
  }

  /**
   * Reads the instruments and shows the reading, stamped now as its source time. Synchronized so
   * that a reading never overwrites a newer one.
   */
  synchronized void refresh() {
    GammaReading reading = instrument.read(ZonedDateTime.now(Cycles.NINGXIA));
    DateTime now = DateTime.now();
    show(doseRate, reading.doseRate(), now);
    show(highVoltage, reading.highVoltage(), now);
    show(detectorTemperature, reading.detectorTemperature(), now);
    show(rain, reading.rain(), now);
    show(samplerFlow, reading.samplerFlow(), now);
    show(iodineSamplerFlow, reading.iodineSamplerFlow(), now);
    show(mode, reading.mode(), now);
    show(drill, reading.drill(), now);
  }

  private static void show(UaVariableNode node, double value, DateTime time) {
    node.setValue(new DataValue(new Variant(value), StatusCode.GOOD, time, time));
  }

  private void createNodes() {
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

    doseRate = addVariable(station, "DoseRate", "Gamma air absorbed dose rate, nGy/h");
    highVoltage = addVariable(station, "HighVoltage", "Ionisation chamber bias voltage, V");
    detectorTemperature = addVariable(station, "DetectorTemperature", "Detector temperature, °C");
    rain = addVariable(station, "Rain", "Rain sensor: 1 wet, 0 dry");
    samplerFlow = addVariable(station, "SamplerFlow", "Aerosol sampler flow, m³/h");
    iodineSamplerFlow = addVariable(station, "IodineSamplerFlow", "Iodine sampler flow, m³/h");
    mode = addVariable(station, "Mode", "0 normal, 1 maintenance, 2 emergency");
    drill = addVariable(station, "Drill", "1 while a drill release plays: drill data, else 0");

    addMethod(
        station,
        "StartSampler",
        "Runs the aerosol sampler for the given number of seconds",
        new Argument[] {argument("durationSeconds", NodeIds.Int32, "How long to sample, s")},
        inputs -> instrument.startSampler(int32(inputs[0])));
    addMethod(
        station,
        "StopSampler",
        "Stops the aerosol sampler",
        new Argument[0],
        inputs -> instrument.stopSampler());
    addMethod(
        station,
        "StartIodineSampler",
        "Runs the iodine sampler for the given number of seconds",
        new Argument[] {argument("durationSeconds", NodeIds.Int32, "How long to sample, s")},
        inputs -> instrument.startIodineSampler(int32(inputs[0])));
    addMethod(
        station,
        "StopIodineSampler",
        "Stops the iodine sampler",
        new Argument[0],
        inputs -> instrument.stopIodineSampler());
    addMethod(
        station,
        "SetMeasurementInterval",
        "Sets the measurement interval; below 300 s the station is in emergency mode",
        new Argument[] {argument("seconds", NodeIds.Int32, "Measurement interval, s")},
        inputs -> instrument.setMeasurementInterval(int32(inputs[0])));
    addMethod(
        station,
        "SetMaintenance",
        "Switches maintenance mode on or off",
        new Argument[] {argument("on", NodeIds.Boolean, "true for maintenance")},
        inputs -> instrument.setMaintenance(bool(inputs[0])));
  }

  private UaVariableNode addVariable(UaObjectNode station, String name, String description) {
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

  private void addMethod(
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

  private static Argument argument(String name, NodeId dataType, String description) {
    return new Argument(
        name, dataType, ValueRanks.Scalar, null, LocalizedText.english(description));
  }

  /** Milo has checked the argument's type, but lets a null value through. */
  private static int int32(Variant input) {
    if (input.value() instanceof Integer value) {
      return value;
    }
    throw new IllegalArgumentException("expected an Int32, got " + input.value());
  }

  private static boolean bool(Variant input) {
    if (input.value() instanceof Boolean value) {
      return value;
    }
    throw new IllegalArgumentException("expected a Boolean, got " + input.value());
  }

  @Override
  public void onDataItemsCreated(List<DataItem> dataItems) {
    subscriptionModel.onDataItemsCreated(dataItems);
  }

  @Override
  public void onDataItemsModified(List<DataItem> dataItems) {
    subscriptionModel.onDataItemsModified(dataItems);
  }

  @Override
  public void onDataItemsDeleted(List<DataItem> dataItems) {
    subscriptionModel.onDataItemsDeleted(dataItems);
  }

  @Override
  public void onMonitoringModeChanged(List<MonitoredItem> monitoredItems) {
    subscriptionModel.onMonitoringModeChanged(monitoredItems);
  }

  /** What a method asks of the instrument; it throws IllegalArgumentException on a bad value. */
  @FunctionalInterface
  private interface StationOrder {
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
