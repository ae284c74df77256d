package io.helan.historian;

import java.util.function.LongSupplier;

/**
 * When the {@link HistorianWriter} commits, after its {@link CommitCadence}: a cycle lasts the
 * interval, and at its end everything appended so far is committed but the rows stamped within the
 * writer's hold of now; within a cycle, the rows taken since the last commit are committed once
 * they reach the row limit. A commit by rows does not end the cycle, so a sample waits at most one
 * interval plus the hold (plus the time to write it).
 */
final class CommitPolicy {
  private final long intervalNanos;
  private final int rows;
  private final LongSupplier nanoClock;
  private long cycleEnd;

  /**
   * @param nanoClock the time in nanoseconds, {@code System::nanoTime} outside of tests
   */
  CommitPolicy(CommitCadence cadence, LongSupplier nanoClock) {
    this.intervalNanos = cadence.interval().toNanos();
    this.rows = cadence.rows();
    this.nanoClock = nanoClock;
    startCycle();
  }

  /** Starts the next cycle, one interval from now. */
  void startCycle() {
    cycleEnd = nanoClock.getAsLong() + intervalNanos;
  }

  /** When the current cycle ends, on the clock's scale: the writer waits for samples until then. */
  long cycleEnd() {
    return cycleEnd;
  }

  /** Whether the current cycle is over. */
  boolean cycleOver() {
    return nanoClock.getAsLong() - cycleEnd >= 0;
  }

  /** Whether an open transaction of this many rows is to be committed now, mid-cycle. */
  boolean rowsDue(long uncommittedRows) {
    return uncommittedRows >= rows;
  }
}
