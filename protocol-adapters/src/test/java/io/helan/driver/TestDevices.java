package io.helan.driver;

import io.helan.config.AlarmLimits;
import io.helan.config.Connection;
import io.helan.config.DataType;
import io.helan.config.Device;
import io.helan.config.ModbusTcpConnection;
import io.helan.config.OpcUaConnection;
import io.helan.config.Point;
import io.helan.config.WordOrder;
import io.helan.simulator.gamma.GammaStation;
import java.util.ArrayList;
import java.util.List;

/**
 * Devices for driver tests, laid out as docs/contracts.md describes the simulated ones, at port 0
 * (their simulators take free ports); and configured devices moved behind a proxy.
 */
public final class TestDevices {
  /** Prefix of the gamma station's NodeIds: append the browse name. */
  public static final String GAMMA_NAMESPACE = "nsu=" + GammaStation.NAMESPACE_URI + ";s=";

  private static final String[] AIR_MEASUREMENTS = {
    "so2",
    "no2",
    "co",
    "o3",
    "pm10",
    "pm25",
    "temperature",
    "humidity",
    "wind-speed",
    "wind-direction"
  };
  private static final String[][] GAMMA_POINTS = {
    {"dose-rate", "DoseRate"},
    {"high-voltage", "HighVoltage"},
    {"detector-temperature", "DetectorTemperature"},
    {"rain", "Rain"},
    {"sampler-flow", "SamplerFlow"},
    {"mode", "Mode"}
  };

  private TestDevices() {}

  /**
   * An air analyser rack: ten float32 readings from hr:0 and the status word at hr:20, its points
   * indexed from {@code firstIndex}.
   */
  public static Device airRack(
      String station, int firstIndex, WordOrder order, int pollIntervalMs, int timeoutMs) {
    String deviceId = station + ".aqm";
    List<Point> points = new ArrayList<>();
    for (int i = 0; i < AIR_MEASUREMENTS.length; i++) {
      points.add(
          point(
              firstIndex + i,
              deviceId,
              AIR_MEASUREMENTS[i],
              DataType.FLOAT32,
              "hr:" + 2 * i,
              1000));
    }
    points.add(
        point(
            firstIndex + AIR_MEASUREMENTS.length,
            deviceId,
            "status",
            DataType.UINT16,
            "hr:20",
            1000));
    Connection connection =
        new ModbusTcpConnection("127.0.0.1", 0, 1, order, pollIntervalMs, timeoutMs);
    return new Device(
        deviceId, station, "Air rack", "air-analyser-rack", connection, points, List.of());
  }

  /**
   * A gamma station's six variables, indexed from {@code firstIndex}, sampled every 100 ms and
   * published every {@code publishingIntervalMs}, with a 2 s request timeout.
   */
  public static Device gammaStation(String stationId, int firstIndex, int publishingIntervalMs) {
    String deviceId = stationId + ".gamma";
    List<Point> points = new ArrayList<>();
    for (int i = 0; i < GAMMA_POINTS.length; i++) {
      points.add(
          point(
              firstIndex + i,
              deviceId,
              GAMMA_POINTS[i][0],
              DataType.FLOAT64,
              GAMMA_NAMESPACE + GAMMA_POINTS[i][1],
              10000));
    }
    Connection connection =
        new OpcUaConnection("opc.tcp://127.0.0.1:0/helan/gamma", 100, publishingIntervalMs, 2000);
    return new Device(
        deviceId, stationId, "Gamma station", "gamma-station", connection, points, List.of());
  }

  /** The device's point of that name (the last part of its id). */
  public static Point point(Device device, String name) {
    return device.points().stream()
        .filter(p -> p.id().endsWith("." + name))
        .findFirst()
        .orElseThrow();
  }

  /** The same Modbus device, reached at another port with the given request timeout. */
  public static Device reachedAt(Device device, int port, int timeoutMs) {
    ModbusTcpConnection c = (ModbusTcpConnection) device.connection();
    return device.withConnection(
        new ModbusTcpConnection(
            c.host(), port, c.unitId(), c.wordOrder(), c.pollIntervalMs(), timeoutMs));
  }

  private static Point point(
      int index, String deviceId, String name, DataType type, String address, double rangeHigh) {
    String station = deviceId.substring(0, deviceId.lastIndexOf('.'));
    return new Point(
        index,
        deviceId + "." + name,
        station,
        deviceId,
        name,
        null,
        "",
        type,
        address,
        1,
        0,
        0,
        rangeHigh,
        AlarmLimits.NONE);
  }
}
