package io.helan.historian;

import java.time.Duration;

/**
 * How often the historian commits: every {@code interval}, or as soon as the open transaction holds
 * {@code rows} rows, whichever comes first. Fewer, larger commits cost QuestDB far less (each
 * commit is a WAL transaction to apply, and a refresh of the minute rollup that aggregates the
 * current minute of every point again); the interval bounds how long a sample waits before queries
 * see it. At a low rate the interval decides, at a high rate the rows do.
 */
public record CommitCadence(Duration interval, int rows) {
  /**
   * Every two seconds or every 100,000 rows: the default site (1,222 points at 1 Hz) commits about
   * 2,400 rows every two seconds, 100,000 points at 1 Hz 100,000 rows every second. A sample
   * reaches history queries within the interval plus the writer's one-second hold (3 s); live
   * values do not wait for it (they come from the current value table), and the HMI's trends draw
   * their live tail from the push. Half the commits of an interval of one second halve QuestDB's
   * cost per commit (BENCHMARKS.md, load).
   */
  public static final CommitCadence DEFAULT = new CommitCadence(Duration.ofSeconds(2), 100_000);

  public CommitCadence {
    if (interval == null || interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("commit interval must be positive, not " + interval);
    }
    if (rows < 1) {
      throw new IllegalArgumentException("rows per commit must be positive, not " + rows);
    }
  }
}
