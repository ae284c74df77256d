package io.helan.ingest;

import io.helan.config.Point;
import io.helan.config.Site;
import io.helan.driver.DataFlag;
import io.helan.driver.Quality;
import io.helan.driver.SampleBatch;

/**
 * The checks every sample passes before it counts: a good value above the instrument range gets the
 * HJ 212 flag T, one below the range becomes uncertain, and a non-finite good value is a sensor
 * failure.
 */
public final class QualityRules {
  private final double[] rangeLow;
  private final double[] rangeHigh;

  public QualityRules(Site site) {
    int size = site.points().size();
    rangeLow = new double[size];
    rangeHigh = new double[size];
    for (Point point : site.points()) {
      rangeLow[point.index()] = point.rangeLow();
      rangeHigh[point.index()] = point.rangeHigh();
    }
  }

  /** Applies the rules in place. */
  public void apply(SampleBatch batch) {
    for (int i = 0; i < batch.size(); i++) {
      if (batch.quality(i) != Quality.GOOD) {
        continue;
      }
      double value = batch.value(i);
      int point = batch.point(i);
      if (!Double.isFinite(value)) {
        batch.setQuality(i, Quality.BAD_SENSOR_FAILURE);
      } else if (value > rangeHigh[point] && batch.flag(i) == DataFlag.N) {
        batch.setFlag(i, DataFlag.T);
      } else if (value < rangeLow[point]) {
        batch.setQuality(i, Quality.UNCERTAIN);
      }
    }
  }
}
