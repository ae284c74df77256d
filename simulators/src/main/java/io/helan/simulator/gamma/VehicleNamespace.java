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
 * A survey vehicle's address space: object {@code s=Station} (see {@link StationNamespace}) holding
 * the variables DoseRate, Latitude, Longitude, Speed and Drill and the method DriveTo(Double
 * latitude, Double longitude), in {@value #NAMESPACE_URI}.
 */
final class VehicleNamespace extends StationNamespace {
  static final String NAMESPACE_URI = "urn:helan:simulator:vehicle";

  private final SurveyVehicle vehicle;
  private UaVariableNode doseRate;
  private UaVariableNode latitude;
  private UaVariableNode longitude;
  private UaVariableNode speed;
  private UaVariableNode drill;

  VehicleNamespace(OpcUaServer server, SurveyVehicle vehicle, SampleLedger published) {
    super(server, NAMESPACE_URI, published);
    this.vehicle = vehicle;
  }

  @Override
  synchronized void refresh() {
    SurveyVehicle.VehicleReading reading = vehicle.read(ZonedDateTime.now(Cycles.NINGXIA));
    DateTime now = DateTime.now();
    show(doseRate, reading.doseRate(), now);
    show(latitude, reading.latitude(), now);
    show(longitude, reading.longitude(), now);
    show(speed, reading.speed(), now);
    show(drill, reading.drill(), now);
  }

  @Override
  void createNodes(UaObjectNode station) {
    doseRate = addVariable(station, "DoseRate", "Gamma air absorbed dose rate, nGy/h");
    latitude = addVariable(station, "Latitude", "Where the vehicle is, degrees north (GNSS)");
    longitude = addVariable(station, "Longitude", "Where the vehicle is, degrees east (GNSS)");
    speed = addVariable(station, "Speed", "How fast it drives, m/s");
    drill = addVariable(station, "Drill", "1 while a drill release plays: drill data, else 0");
    addMethod(
        station,
        "DriveTo",
        "Sends the vehicle to a place; it drives there and stops",
        new Argument[] {
          argument("latitude", NodeIds.Double, "Degrees north"),
          argument("longitude", NodeIds.Double, "Degrees east")
        },
        inputs -> vehicle.driveTo(float64(inputs[0]), float64(inputs[1])));
  }
}
