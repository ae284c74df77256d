package io.helan.bench;

import io.helan.config.AlarmLimits;
import io.helan.config.Connection;
import io.helan.config.DataType;
import io.helan.config.Device;
import io.helan.config.Point;
import io.helan.config.Protocol;
import io.helan.config.Region;
import io.helan.config.Site;
import io.helan.config.Station;
import io.helan.config.StationKind;
import io.helan.config.WordOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * A generated site for benchmarks: air stations of one analyser rack with up to {@value
 * #POINTS_PER_STATION} points each, ranges 0..1000, no alarm limits.
 */
public final class SyntheticSite {
  static final int POINTS_PER_STATION = 100;

  private SyntheticSite() {}

  /** A site with exactly {@code points} points. */
  public static Site create(int points) {
    Region region = new Region("bench", "基准测试", "Benchmark");
    List<Station> stations = new ArrayList<>();
    int index = 0;
    for (int s = 0; index < points; s++) {
      String stationId = String.format("bench-%04d", s);
      String deviceId = stationId + ".rack";
      List<Point> devicePoints = new ArrayList<>();
      for (int p = 0; p < POINTS_PER_STATION && index < points; p++, index++) {
        devicePoints.add(
            new Point(
                index,
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
      Connection connection =
          new Connection(
              Protocol.MODBUS_TCP, "127.0.0.1", 502, 1, null, WordOrder.ABCD, 1000, 1000, 0, 0);
      Device device =
          new Device(deviceId, stationId, "机柜", "bench-rack", connection, devicePoints, List.of());
      stations.add(
          new Station(
              stationId,
              "基准站 " + s,
              "Bench station " + s,
              StationKind.AIR_CITY,
              region.id(),
              38.5,
              106.3,
              List.of(device)));
    }
    return new Site("bench", "Benchmark", List.of(region), stations);
  }
}
