package io.helan.simulator.gamma;

import io.helan.simulator.SampleLedger;
import io.helan.simulator.environment.Cycles;
import java.time.ZonedDateTime;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.nodes.UaObjectNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaVariableNode;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.structured.Argument;

/**
 * A gamma station's address space as docs/contracts.md names it: object {@code s=Station} under
 * Objects (see {@link StationNamespace}), holding the variables DoseRate, HighVoltage,
 * DetectorTemperature, Rain, SamplerFlow and Mode and the methods StartSampler, StopSampler,
 * SetMeasurementInterval and SetMaintenance, every node a string NodeId of its own name in {@value
 * GammaStation#NAMESPACE_URI}.
 */
final class GammaNamespace extends StationNamespace {
  private final GammaInstrument instrument;
  private UaVariableNode doseRate;
  private UaVariableNode highVoltage;
  private UaVariableNode detectorTemperature;
  private UaVariableNode rain;
  private UaVariableNode samplerFlow;
  private UaVariableNode iodineSamplerFlow;
  private UaVariableNode mode;
  private UaVariableNode drill;

  GammaNamespace(OpcUaServer server, GammaInstrument instrument, SampleLedger published) {
    super(server, GammaStation.NAMESPACE_URI, published);
    this.instrument = instrument;
  }

  @Override
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

  @Override
  void createNodes(UaObjectNode station) {
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
}
