package io.helan.ingest;

import io.helan.config.Point;
import io.helan.config.Site;
import io.helan.driver.DataFlag;
import io.helan.driver.Quality;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The latest value of every point, in primitive arrays indexed by {@link Point#index()}.
 *
 * <p>Each point is written by one device link at a time; readers on other threads get a consistent
 * (value, time, quality, flag) tuple through a per-point sequence lock, without allocation or
 * blocking. Every write also stamps the point and its station with a global change number, so push
 * clients find what changed since their last frame without scanning values.
 *
 * <p>A writer takes a change number with {@link #beginChange}, writes, and ends with {@link
 * #completeChange}. Readers take changes only up to {@link #completedChange}, the number below
 * which every change is completely written: a change number handed out but not yet written is never
 * passed over.
 */
public final class CurrentValueTable {
  private final double[] values;
  private final long[] timesMicros;
  private final byte[] qualities;
  private final byte[] flags;

  /** Per-point sequence lock: odd while a write is in progress. */
  private final AtomicLongArray locks;

  /** Change number of the last write to each point. */
  private final AtomicLongArray pointChanges;

  /** Highest change number written to any point of each station; never goes backwards. */
  private final AtomicLongArray stationChanges;

  private final int[] stationOfPoint;

  /** The last change number handed out; guarded by {@code this}. */
  private long lastBegun;

  /** Changes begun and not yet complete, oldest first; guarded by {@code this}. */
  private long[] inProgress = new long[8];

  private int inProgressCount;

  /** Every change up to this number is completely written. */
  private volatile long completed;

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

  /**
   * Starts a change: the writes of one batch share its number. Every change begun must be completed
   * ({@link #completeChange}), or readers never get past it.
   */
  public synchronized long beginChange() {
    long change = ++lastBegun;
    if (inProgressCount == inProgress.length) {
      inProgress = Arrays.copyOf(inProgress, 2 * inProgress.length);
    }
    inProgress[inProgressCount++] = change;
    return change;
  }

  /** Ends a change begun with {@link #beginChange} once all its writes are done. */
  public synchronized void completeChange(long change) {
    int i = 0;
    while (i < inProgressCount && inProgress[i] != change) {
      i++;
    }
    if (i == inProgressCount) {
      throw new IllegalArgumentException("change " + change + " is not in progress");
    }
    System.arraycopy(inProgress, i + 1, inProgress, i, inProgressCount - i - 1);
    inProgressCount--;
    completed = inProgressCount == 0 ? lastBegun : inProgress[0] - 1;
  }

  /**
   * The watermark of completed writes: every change numbered up to it is completely written, and
   * every later write will carry a higher number.
   */
  public long completedChange() {
    return completed;
  }

  /**
   * Stores the latest sample of a point as part of a change in progress, unless the point already
   * holds a later one: a late or re-sent sample (a data logger's backfill, say) goes to the
   * historian, never over a newer current value. A sample of the same time replaces the one held.
   * Callers serialise writes per point.
   *
   * @return whether the sample is now the point's current value
   */
  public boolean write(
      int point, long timeMicros, double value, Quality quality, DataFlag flag, long change) {
    if (timeMicros < timesMicros[point]) {
      return false;
    }
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
    // Devices of one station write concurrently: the stamp keeps the highest change.
    stationChanges.accumulateAndGet(stationOfPoint[point], change, Math::max);
    return true;
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

  /** Change number of the last write to the point (0 if never written). */
  public long pointChange(int point) {
    return pointChanges.get(point);
  }

  /**
   * Highest change number written to any point of the station (by position in the site; 0 if none).
   */
  public long stationChange(int station) {
    return stationChanges.get(station);
  }
}
