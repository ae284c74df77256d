package io.helan.ingest;

import io.helan.config.Device;
import io.helan.config.Point;
import io.helan.config.Site;
import io.helan.driver.DataFlag;
import io.helan.driver.Quality;
import io.helan.driver.SampleBatch;
import java.util.List;

/**
 * Marks drill data. A device that reports a point named {@code drill} (1 while it plays a drill
 * release, as the simulated radiation stations do) has every normal sample flagged X while that
 * point reads 1, so drill readings raise alarms like real ones but never count in backgrounds,
 * validated averages or any other real statistic.
 */
final class DrillData {
  static final String POINT_ID = "drill";

  private final int[] deviceOfPoint;
  private final boolean[] isDrillPoint;
  private final boolean[] drilling;

  DrillData(Site site) {
    List<Device> devices = site.devices();
    deviceOfPoint = new int[site.points().size()];
    isDrillPoint = new boolean[site.points().size()];
    drilling = new boolean[devices.size()];
    for (int d = 0; d < devices.size(); d++) {
      for (Point point : devices.get(d).points()) {
        deviceOfPoint[point.index()] = d;
        isDrillPoint[point.index()] = point.id().equals(point.deviceId() + "." + POINT_ID);
      }
    }
  }

  /** Reads the batch's drill points, then flags X the normal samples of drilling devices. */
  void apply(SampleBatch batch) {
    for (int i = 0; i < batch.size(); i++) {
      int point = batch.point(i);
      if (isDrillPoint[point] && batch.quality(i) == Quality.GOOD) {
        drilling[deviceOfPoint[point]] = batch.value(i) >= 0.5;
      }
    }
    for (int i = 0; i < batch.size(); i++) {
      if (drilling[deviceOfPoint[batch.point(i)]] && batch.flag(i) == DataFlag.N) {
        batch.setFlag(i, DataFlag.X);
      }
    }
  }
}
