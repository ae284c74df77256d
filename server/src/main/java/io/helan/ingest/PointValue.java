package io.helan.ingest;

import io.helan.driver.DataFlag;
import io.helan.driver.Quality;

/** A reusable holder for one point's current value, filled by {@link CurrentValueTable#read}. */
public final class PointValue {
  private double value = Double.NaN;
  private long timeMicros;
  private Quality quality = Quality.BAD_WAITING_FOR_INITIAL_DATA;
  private DataFlag flag = DataFlag.N;

  void set(double value, long timeMicros, Quality quality, DataFlag flag) {
    this.value = value;
    this.timeMicros = timeMicros;
    this.quality = quality;
    this.flag = flag;
  }

  public double value() {
    return value;
  }

  /** Source timestamp in microseconds since the epoch, 0 if no value was received yet. */
  public long timeMicros() {
    return timeMicros;
  }

  public Quality quality() {
    return quality;
  }

  public DataFlag flag() {
    return flag;
  }

  public boolean hasValue() {
    return timeMicros != 0;
  }
}
