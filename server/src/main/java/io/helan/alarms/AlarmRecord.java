package io.helan.alarms;

import java.time.Instant;
import java.util.Comparator;

/**
 * A snapshot of one alarm instance as shown and journaled.
 *
 * @param id stable id, {@code <source>/<kind>} (source is a point or device id)
 * @param source the point or device id it watches
 * @param stationId owning station
 * @param kind what it watches
 * @param priority 1 (highest) to 4
 * @param state ISA-18.2 state
 * @param value the value that raised or last changed it (NaN if none)
 * @param limit the limit crossed (NaN if none)
 * @param message human-readable text, Chinese first
 * @param activeSince when it last became active (null if never)
 * @param changed when its state last changed
 * @param acknowledgedBy who acknowledged it (null if not)
 * @param shelvedUntil end of a timed shelve (null if not shelved or one-shot)
 */
public record AlarmRecord(
    String id,
    String source,
    String stationId,
    AlarmKind kind,
    int priority,
    AlarmState state,
    double value,
    double limit,
    String message,
    Instant activeSince,
    Instant changed,
    String acknowledgedBy,
    Instant shelvedUntil) {

  /** The order alarm lists are shown in: priority, unacknowledged first, newest first. */
  public static final Comparator<AlarmRecord> DISPLAY_ORDER =
      Comparator.comparingInt(AlarmRecord::priority)
          .thenComparing(r -> !r.state().needsAcknowledge())
          .thenComparing(
              r -> r.activeSince() == null ? Instant.EPOCH : r.activeSince(),
              Comparator.reverseOrder())
          .thenComparing(AlarmRecord::id);
}
