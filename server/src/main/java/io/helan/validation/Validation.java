package io.helan.validation;

import java.time.Instant;

/**
 * A reviewer's decision about a period of one point's data, kept apart from the samples, which stay
 * as measured.
 *
 * @param id unique id
 * @param pointId the point
 * @param from start of the period (inclusive)
 * @param to end of the period (exclusive)
 * @param kind invalid, or corrected to {@code value}
 * @param value the corrected value (NaN for an invalid period)
 * @param reason why, as the reviewer gave it
 * @param user the reviewer
 * @param recorded when it was recorded
 */
public record Validation(
    String id,
    String pointId,
    Instant from,
    Instant to,
    Kind kind,
    double value,
    String reason,
    String user,
    Instant recorded) {

  /** What the reviewer decided. */
  public enum Kind {
    /** The period's samples do not count in validated means. */
    INVALID,
    /** The period's samples count with the corrected value. */
    CORRECTED
  }

  public boolean overlaps(Instant start, Instant end) {
    return from.isBefore(end) && to.isAfter(start);
  }

  public boolean covers(Instant time) {
    return !time.isBefore(from) && time.isBefore(to);
  }
}
