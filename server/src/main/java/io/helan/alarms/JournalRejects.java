package io.helan.alarms;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Journal rows a restore could not use, because they are unreadable or claim what the audit trail
 * does not back. Each is counted ({@value #METRIC}); the first {@value #LOGGED} of a restore are
 * logged one line each and the rest in one summary line, so a journal full of bad rows cannot flood
 * the log. The rows themselves stay in the journal as evidence.
 */
final class JournalRejects {
  static final String METRIC = "helan.alarms.journal.rows.rejected";
  private static final Logger LOG = LoggerFactory.getLogger(JournalRejects.class);
  private static final int LOGGED = 20;

  private final Counter counter;
  private final AtomicLong total = new AtomicLong();
  private int ofThisRestore;

  JournalRejects(MeterRegistry registry) {
    this.counter =
        Counter.builder(METRIC)
            .description("Alarm journal rows not restored: unreadable or not backed by the audit")
            .register(registry);
  }

  /**
   * Counts and logs one rejected row.
   *
   * @param row what identifies the row (table, time, alarm)
   * @param reason why it cannot be used
   */
  void reject(String row, String reason) {
    counter.increment();
    total.incrementAndGet();
    if (++ofThisRestore <= LOGGED) {
      LOG.warn("Alarm journal row rejected, not restored: {}: {}", row, reason);
    }
  }

  /** Rows rejected by the restore that just ended; logs how many went unlogged. */
  int endRestore() {
    int rejected = ofThisRestore;
    if (rejected > LOGGED) {
      LOG.warn("{} more alarm journal rows rejected (not logged one by one)", rejected - LOGGED);
    }
    ofThisRestore = 0;
    return rejected;
  }

  /** Rows rejected since the server started. */
  long total() {
    return total.get();
  }
}
