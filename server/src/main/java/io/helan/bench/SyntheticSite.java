package io.helan.bench;

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

/**
 * A generated site for benchmarks and tests: air stations of analyser racks ({@code
 * bench-0000.rack}, or {@code bench-0000.rack1}, {@code .rack2}... when a station has several),
 * ranges 0..1000, no alarm limits. Nothing listens at the racks' addresses.
 */
public final class SyntheticSite {
  static final int POINTS_PER_STATION = 100;

  private static final Region REGION = new Region("bench", "基准测试", "Benchmark");
  private static final Connection CONNECTION =
      new ModbusTcpConnection("127.0.0.1", 502, 1, WordOrder.ABCD, 1000, 1000);

  private SyntheticSite() {}

  /**
   * A site with exactly {@code points} points, one rack per station with up to {@value
   * #POINTS_PER_STATION} points.
   */
  public static Site create(int points) {
    List<Station> stations = new ArrayList<>();
    int index = 0;
    for (int s = 0; index < points; s++) {
      String stationId = stationId(s);
      int count = Math.min(POINTS_PER_STATION, points - index);
      stations.add(station(s, List.of(rack(stationId + ".rack", stationId, index, count))));
      index += count;
    }
    return new Site("bench", "Benchmark", List.of(REGION), stations);
  }

  /** A site of {@code stations} stations, each of {@code racks} racks of {@code points} points. */
  public static Site create(int stations, int racks, int points) {
    List<Station> list = new ArrayList<>();
    int index = 0;
    for (int s = 0; s < stations; s++) {
      String stationId = stationId(s);
      List<Device> devices = new ArrayList<>();
      for (int r = 1; r <= racks; r++) {
        devices.add(rack(stationId + ".rack" + r, stationId, index, points));
        index += points;
      }
      list.add(station(s, devices));
    }
    return new Site("bench", "Benchmark", List.of(REGION), list);
  }

  private static String stationId(int s) {
    return String.format("bench-%04d", s);
  }

  private static Station station(int s, List<Device> devices) {
    return new Station(
        stationId(s),
        "基准站 " + s,
        "Bench station " + s,
        StationKind.AIR_CITY,
        REGION.id(),
        38.5,
        106.3,
        devices);
  }

  /** A rack whose points are numbered from {@code firstIndex}. */
  private static Device rack(String deviceId, String stationId, int firstIndex, int points) {
    List<Point> devicePoints = new ArrayList<>();
    for (int p = 0; p < points; p++) {
      devicePoints.add(
          new Point(
              firstIndex + p,
              String.format("%s.p%03d", deviceId, p),
              stationId,
              deviceId,
              "测点 " + p,
              null,
              "µg/m³",
              DataType.FLOAT32,
              "hr:" + 2 * p,
              1,
              0,
              0,
              1000,
              AlarmLimits.NONE));
    }
    return new Device(deviceId, stationId, "机柜", "bench-rack", CONNECTION, devicePoints, List.of());
  }
}
