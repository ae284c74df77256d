package io.helan.simulator;

import io.helan.config.Connection;
import io.helan.config.Device;
import io.helan.config.ModbusTcpConnection;
import io.helan.config.OpcUaConnection;
import io.helan.config.Station;
import io.helan.config.StationKind;
import io.helan.config.WordOrder;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;

/** Devices and stations for tests, built without a site file; port 0 takes a free port. */
public final class FieldDevices {

  private FieldDevices() {}

  /** Whether something accepts TCP connections on 127.0.0.1:{@code port}. */
  public static boolean isListening(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  public static Device airRack(String stationId, int port, WordOrder wordOrder) {
    return modbusDevice(stationId, "aqm", "air-analyser-rack", "127.0.0.1", port, wordOrder);
  }

  public static Device waterRack(String stationId, int port) {
    return modbusDevice(stationId, "wqm", "water-analyser-rack", "127.0.0.1", port, WordOrder.CDAB);
  }

  public static Device modbusDevice(
      String stationId, String name, String type, String host, int port, WordOrder wordOrder) {
    Connection connection = new ModbusTcpConnection(host, port, 1, wordOrder, 1000, 2000);
    return new Device(
        stationId + "." + name, stationId, name, type, connection, List.of(), List.of());
  }

  public static Device gammaStation(String stationId, int port) {
    Connection connection =
        new OpcUaConnection("opc.tcp://127.0.0.1:" + port + "/helan/gamma", 1000, 1000, 2000);
    return new Device(
        stationId + ".gamma",
        stationId,
        "gamma",
        "gamma-station",
        connection,
        List.of(),
        List.of());
  }

  public static Station station(String id, StationKind kind, Device... devices) {
    return new Station(id, id, id, kind, "yinchuan", 38.5, 106.2, List.of(devices));
  }
}
