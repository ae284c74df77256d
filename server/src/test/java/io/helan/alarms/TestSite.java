package io.helan.alarms;

import io.helan.config.AlarmLimits;
import io.helan.config.Connection;
import io.helan.config.DataType;
import io.helan.config.Device;
import io.helan.config.ModbusTcpConnection;
import io.helan.config.Point;
import io.helan.config.Region;
import io.helan.config.Site;
import io.helan.config.Station;
import io.helan.config.StationKind;
import io.helan.config.WordOrder;
import java.util.ArrayList;
import java.util.List;

/** Builds small sites in code for alarm tests, numbering points in site order. */
final class TestSite {
  static final Connection MODBUS =
      new ModbusTcpConnection("127.0.0.1", 20001, 1, WordOrder.ABCD, 1000, 1000);

  private final List<Region> regions = new ArrayList<>();
  private final List<Station> stations = new ArrayList<>();
  private int nextIndex;

  TestSite region(String id, String name) {
    regions.add(new Region(id, name, id));
    return this;
  }

  /** Adds a station with one device ({@code <station>.<device>}) holding the given points. */
  TestSite station(
      String stationId, StationKind kind, String regionId, String device, PointSpec... points) {
    return station(stationId, kind, regionId, device, MODBUS, points);
  }

  TestSite station(
      String stationId,
      StationKind kind,
      String regionId,
      String device,
      Connection connection,
      PointSpec... specs) {
    String deviceId = stationId + "." + device;
    List<Point> points = new ArrayList<>();
    for (PointSpec spec : specs) {
      points.add(
          new Point(
              nextIndex++,
              deviceId + "." + spec.name(),
              stationId,
              deviceId,
              spec.name(),
              spec.code(),
              spec.unit(),
              DataType.FLOAT32,
              "hr:0",
              1,
              0,
              0,
              1_000_000,
              spec.limits()));
    }
    Device d = new Device(deviceId, stationId, device, "test-rack", connection, points, List.of());
    stations.add(
        new Station(stationId, stationId, stationId, kind, regionId, 38.5, 106.2, List.of(d)));
    return this;
  }

  Site build() {
    return new Site("test", "测试站网", regions, stations);
  }

  /** One point of a test device. */
  record PointSpec(String name, String code, String unit, AlarmLimits limits) {}

  static PointSpec point(String name, String unit, AlarmLimits limits) {
    return new PointSpec(name, null, unit, limits);
  }

  static PointSpec point(String name, String code, String unit, AlarmLimits limits) {
    return new PointSpec(name, code, unit, limits);
  }
}
