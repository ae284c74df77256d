package io.helan.historian;

import java.time.Duration;

/**
 * How often the historian commits: every {@code interval}, or as soon as the open transaction holds
 * {@code rows} rows, whichever comes first. Fewer, larger commits cost QuestDB far less (each
 * commit is a WAL transaction to apply); the interval bounds how long a sample waits before queries
 * see it.
 */
public record CommitCadence(Duration interval, int rows) {
  /** Every second or every 100,000 rows. */
  public static final CommitCadence DEFAULT = new CommitCadence(Duration.ofSeconds(1), 100_000);

  public CommitCadence {
    if (interval == null || interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("commit interval must be positive, not " + interval);
    }
    if (rows < 1) {
      throw new IllegalArgumentException("rows per commit must be positive, not " + rows);
    }
  }
}
