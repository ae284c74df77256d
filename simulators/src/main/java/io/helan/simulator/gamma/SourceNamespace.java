package io.helan.simulator.gamma;

import io.helan.simulator.SampleLedger;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.nodes.UaObjectNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaVariableNode;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;

/**
 * A radioactive-source monitor's address space: object {@code s=Station} (see {@link
 * StationNamespace}) holding the variables ContainerDoseRate, Latitude and Longitude, in {@value
 * #NAMESPACE_URI}.
 */
final class SourceNamespace extends StationNamespace {
  static final String NAMESPACE_URI = "urn:helan:simulator:source";

  private final SourceMonitor monitor;
  private UaVariableNode containerDoseRate;
  private UaVariableNode latitude;
  private UaVariableNode longitude;

  SourceNamespace(OpcUaServer server, SourceMonitor monitor, SampleLedger published) {
    super(server, NAMESPACE_URI, published);
    this.monitor = monitor;
  }

  @Override
  synchronized void refresh() {
    SourceMonitor.Reading reading = monitor.read();
    DateTime now = DateTime.now();
    show(containerDoseRate, reading.containerDoseRate(), now);
    show(latitude, reading.latitude(), now);
    show(longitude, reading.longitude(), now);
  }

  @Override
  void createNodes(UaObjectNode station) {
    containerDoseRate =
        addVariable(station, "ContainerDoseRate", "Dose rate at the source's container, nGy/h");
    latitude = addVariable(station, "Latitude", "Where the source is, degrees north (GNSS)");
    longitude = addVariable(station, "Longitude", "Where the source is, degrees east (GNSS)");
  }
}
