package io.helan.historian;

import io.helan.driver.SampleBatch;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Puts the rows of a transaction in time order and holds back the newest, so that each WAL
 * transaction QuestDB applies starts after the one before ends: a plain append instead of an
 * out-of-order merge, which rewrites the end of the partition and its point index every commit
 * (BENCHMARKS.md, load). Samples reach the historian shortly after their time, from several device
 * links at once; rows stamped within the hold of now wait for the next commit, when the samples of
 * the same seconds from slower links have arrived too. Rows stamped after now (a device clock
 * ahead) are not held: they would wait until the clock caught up.
 *
 * <p>Used by the historian's writer thread only; keeps its scratch arrays between commits.
 */
final class TimeOrder {
  /** Bits of a sort key for the row's position; the rest hold its time after the earliest. */
  private static final int POSITION_BITS = 24;

  private static final long MAX_TIME_SPAN = (1L << (63 - POSITION_BITS)) - 1;

  private long[] keys = new long[1024];
  private SampleBatch kept = new SampleBatch(1024);

  /** Whether every row is stamped at or before the cutoff (or after now), in time order. */
  static boolean allDueInOrder(SampleBatch pending, long cutoffMicros, long nowMicros) {
    long previous = Long.MIN_VALUE;
    for (int i = 0; i < pending.size(); i++) {
      long time = pending.timeMicros(i);
      if (time < previous || time > cutoffMicros && time <= nowMicros) {
        return false;
      }
      previous = time;
    }
    return true;
  }

  /**
   * Moves the rows of {@code pending} stamped at or before {@code cutoffMicros}, or after {@code
   * nowMicros}, to the end of {@code into} in time order (rows of the same time in the order they
   * came); the others stay in {@code pending}, in their order.
   *
   * @return the batch that now holds the rows kept back: {@code pending} or a batch swapped in for
   *     it (the caller continues with the returned one)
   */
  SampleBatch takeDue(SampleBatch pending, long cutoffMicros, long nowMicros, SampleBatch into) {
    int size = pending.size();
    int due = 0;
    long earliest = Long.MAX_VALUE;
    long latest = Long.MIN_VALUE;
    boolean ordered = true;
    long previous = Long.MIN_VALUE;
    for (int i = 0; i < size; i++) {
      long time = pending.timeMicros(i);
      if (isDue(time, cutoffMicros, nowMicros)) {
        due++;
        ordered &= time >= previous;
        previous = time;
        earliest = Math.min(earliest, time);
        latest = Math.max(latest, time);
      }
    }
    if (due > 0) {
      addInOrder(pending, cutoffMicros, nowMicros, due, ordered, earliest, latest, into);
    }
    SampleBatch rest = kept;
    rest.clear();
    for (int i = 0; i < size; i++) {
      long time = pending.timeMicros(i);
      if (!isDue(time, cutoffMicros, nowMicros)) {
        rest.addFrom(pending, i);
      }
    }
    pending.clear();
    kept = pending;
    return rest;
  }

  private void addInOrder(
      SampleBatch pending,
      long cutoffMicros,
      long nowMicros,
      int due,
      boolean ordered,
      long earliest,
      long latest,
      SampleBatch into) {
    int size = pending.size();
    if (ordered) {
      for (int i = 0; i < size; i++) {
        long time = pending.timeMicros(i);
        if (isDue(time, cutoffMicros, nowMicros)) {
          into.addFrom(pending, i);
        }
      }
    } else if (size < 1 << POSITION_BITS && latest - earliest <= MAX_TIME_SPAN) {
      // one primitive sort of (time after the earliest, position): stable, no boxing
      if (keys.length < due) {
        keys = new long[Math.max(due, 2 * keys.length)];
      }
      int k = 0;
      for (int i = 0; i < size; i++) {
        long time = pending.timeMicros(i);
        if (isDue(time, cutoffMicros, nowMicros)) {
          keys[k++] = (time - earliest) << POSITION_BITS | i;
        }
      }
      Arrays.sort(keys, 0, due);
      long positionMask = (1L << POSITION_BITS) - 1;
      for (int j = 0; j < due; j++) {
        into.addFrom(pending, (int) (keys[j] & positionMask));
      }
    } else {
      // a transaction spanning years, or of millions of rows: rare, boxed
      IntStream.range(0, size)
          .filter(i -> isDue(pending.timeMicros(i), cutoffMicros, nowMicros))
          .boxed()
          .sorted(Comparator.comparingLong(pending::timeMicros))
          .forEach(i -> into.addFrom(pending, i));
    }
  }

  /** Whether a row of this time goes into the commit: at or before the cutoff, or after now. */
  private static boolean isDue(long time, long cutoffMicros, long nowMicros) {
    return time <= cutoffMicros || time > nowMicros;
  }
}
