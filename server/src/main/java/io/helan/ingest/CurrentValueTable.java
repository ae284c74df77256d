package io.helan.ingest;

import io.helan.config.Point;
import io.helan.config.Site;
import io.helan.driver.DataFlag;
import io.helan.driver.Quality;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The latest value of every point, in primitive arrays indexed by {@link Point#index()}.
 *
 * <p>Each point is written by one device link at a time; readers on other threads get a consistent
 * (value, time, quality, flag) tuple through a per-point sequence lock, without allocation or
 * blocking. Every write also stamps the point and its station with a global change sequence, so
 * push clients find what changed since their last frame without scanning values.
 */
public final class CurrentValueTable {
  private final double[] values;
  private final long[] timesMicros;
  private final byte[] qualities;
  private final byte[] flags;

  /** Per-point sequence lock: odd while a write is in progress. */
  private final AtomicLongArray locks;

  /** Change sequence of the last write to each point. */
  private final AtomicLongArray pointChanges;

  /** Change sequence of the last write to any point of each station. */
  private final AtomicLongArray stationChanges;

  private final int[] stationOfPoint;
  private final AtomicLong changeSequence = new AtomicLong();

  public CurrentValueTable(Site site) {
    int size = site.points().size();
    values = new double[size];
    timesMicros = new long[size];
    qualities = new byte[size];
    flags = new byte[size];
    locks = new AtomicLongArray(size);
    pointChanges = new AtomicLongArray(size);
    stationChanges = new AtomicLongArray(site.stations().size());
    stationOfPoint = new int[size];
    Arrays.fill(values, Double.NaN);
    Arrays.fill(qualities, (byte) Quality.BAD_WAITING_FOR_INITIAL_DATA.ordinal());
    for (int s = 0; s < site.stations().size(); s++) {
      for (var device : site.stations().get(s).devices()) {
        for (Point point : device.points()) {
          stationOfPoint[point.index()] = s;
        }
      }
    }
  }

  public int size() {
    return values.length;
  }

  /** Starts a change: every {@link #write} until the next call shares this sequence number. */
  public long nextChange() {
    return changeSequence.incrementAndGet();
  }

  /** The newest change sequence handed out. */
  public long lastChange() {
    return changeSequence.get();
  }

  /** Stores the latest sample of a point. Callers serialise writes per point. */
  public void write(
      int point, long timeMicros, double value, Quality quality, DataFlag flag, long change) {
    // Release stores suffice for a single writer per point and cost no fence on x86.
    long lock = locks.get(point);
    locks.setRelease(point, lock + 1);
    VarHandle.storeStoreFence();
    values[point] = value;
    timesMicros[point] = timeMicros;
    qualities[point] = (byte) quality.ordinal();
    flags[point] = (byte) flag.ordinal();
    locks.setRelease(point, lock + 2);
    pointChanges.setRelease(point, change);
    stationChanges.setRelease(stationOfPoint[point], change);
  }

  /** Copies a consistent snapshot of one point into {@code into}. */
  public void read(int point, PointValue into) {
    while (true) {
      long before = locks.get(point);
      if ((before & 1) == 0) {
        double value = values[point];
        long time = timesMicros[point];
        byte quality = qualities[point];
        byte flag = flags[point];
        VarHandle.loadLoadFence();
        if (locks.get(point) == before) {
          into.set(value, time, Quality.ofOrdinal(quality), DataFlag.ofOrdinal(flag));
          return;
        }
      }
      Thread.onSpinWait();
    }
  }

  /** Change sequence of the last write to the point (0 if never written). */
  public long pointChange(int point) {
    return pointChanges.get(point);
  }

  /** Change sequence of the last write to any point of the station (by position in the site). */
  public long stationChange(int station) {
    return stationChanges.get(station);
  }
}
