package io.helan.driver;

import java.util.Arrays;

/**
 * A batch of samples (point, source time, value, quality, flag) in parallel primitive arrays, so
 * the hot path allocates per batch, not per sample. Points are addressed by their site-wide index.
 */
public final class SampleBatch {
  private int[] points;
  private long[] timesMicros;
  private double[] values;
  private byte[] qualities;
  private byte[] flags;
  private int size;

  public SampleBatch(int capacity) {
    int initial = Math.max(1, capacity);
    points = new int[initial];
    timesMicros = new long[initial];
    values = new double[initial];
    qualities = new byte[initial];
    flags = new byte[initial];
  }

  /** Appends one sample, growing the arrays when full. */
  public void add(int point, long timeMicros, double value, Quality quality, DataFlag flag) {
    if (size == points.length) {
      grow();
    }
    points[size] = point;
    timesMicros[size] = timeMicros;
    values[size] = value;
    qualities[size] = (byte) quality.ordinal();
    flags[size] = (byte) flag.ordinal();
    size++;
  }

  /** Appends sample i of another batch as it is. */
  public void addFrom(SampleBatch other, int i) {
    if (size == points.length) {
      grow();
    }
    points[size] = other.points[i];
    timesMicros[size] = other.timesMicros[i];
    values[size] = other.values[i];
    qualities[size] = other.qualities[i];
    flags[size] = other.flags[i];
    size++;
  }

  public int size() {
    return size;
  }

  public boolean isEmpty() {
    return size == 0;
  }

  public void clear() {
    size = 0;
  }

  public int point(int i) {
    return points[i];
  }

  /** Source timestamp in microseconds since the epoch (UTC). */
  public long timeMicros(int i) {
    return timesMicros[i];
  }

  public double value(int i) {
    return values[i];
  }

  public Quality quality(int i) {
    return Quality.ofOrdinal(qualities[i]);
  }

  public DataFlag flag(int i) {
    return DataFlag.ofOrdinal(flags[i]);
  }

  /** Replaces the flag of sample i (ingest applies device mode flags such as C and M). */
  public void setFlag(int i, DataFlag flag) {
    flags[i] = (byte) flag.ordinal();
  }

  /** Replaces the quality of sample i. */
  public void setQuality(int i, Quality quality) {
    qualities[i] = (byte) quality.ordinal();
  }

  private void grow() {
    int capacity = points.length * 2;
    points = Arrays.copyOf(points, capacity);
    timesMicros = Arrays.copyOf(timesMicros, capacity);
    values = Arrays.copyOf(values, capacity);
    qualities = Arrays.copyOf(qualities, capacity);
    flags = Arrays.copyOf(flags, capacity);
  }
}
