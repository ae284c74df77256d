package io.helan.validation;

import io.helan.aggregates.MeanRecomputation;
import io.helan.audit.AuditTrail;
import io.helan.audit.Origin;
import io.helan.auth.Role;
import io.helan.auth.User;
import io.helan.config.Point;
import io.helan.config.Site;
import io.helan.historian.Historian;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Manual validation: a reviewer marks a period of a point's data invalid or enters a corrected
 * value for it, with a reason. Each decision is checked, put in the audit trail, kept in the {@link
 * ValidationLog} and the validated means of its days are recomputed at once. Bad input is refused
 * before anything is written.
 */
public final class ValidationService {
  /** The longest period one validation may cover. */
  public static final Duration MAX_PERIOD = Duration.ofDays(31);

  private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
  private static final int MAX_REASON_LENGTH = 1000;
  private static final long QUERY_TIMEOUT_SECONDS = 60;

  private final Site site;
  private final Historian historian;
  private final ValidationLog log;
  private final MeanRecomputation recomputation;
  private final AuditTrail audit;
  private final ZoneId zone;
  private final Clock clock;

  public ValidationService(
      Site site,
      Historian historian,
      ValidationLog log,
      MeanRecomputation recomputation,
      AuditTrail audit,
      ZoneId zone,
      Clock clock) {
    this.site = site;
    this.historian = historian;
    this.log = log;
    this.recomputation = recomputation;
    this.audit = audit;
    this.zone = zone;
    this.clock = clock;
  }

  public ValidationLog log() {
    return log;
  }

  /**
   * Records a validation and recomputes the means it changes.
   *
   * @param value the corrected value for {@link Validation.Kind#CORRECTED}, NaN for invalid
   * @throws SecurityException when the user is not a reviewer
   * @throws IllegalArgumentException for an unknown point, a missing reason, a period that is
   *     empty, in the future, too long or holds no data, or an implausible corrected value
   */
  public Validation record(
      User user,
      Origin origin,
      String pointId,
      Instant from,
      Instant to,
      Validation.Kind kind,
      double value,
      String reason)
      throws Exception {
    requireReviewer(user);
    Point point =
        site.point(pointId == null ? "" : pointId)
            .orElseThrow(() -> new IllegalArgumentException("no point '" + pointId + "'"));
    if (reason == null || reason.isBlank()) {
      throw new IllegalArgumentException("a reason is required");
    }
    if (reason.length() > MAX_REASON_LENGTH) {
      throw new IllegalArgumentException("the reason is longer than " + MAX_REASON_LENGTH);
    }
    checkPeriod(from, to);
    checkValue(point, kind, value);
    if (historian
        .raw(point, from, to, 1, false)
        .get(QUERY_TIMEOUT_SECONDS, TimeUnit.SECONDS)
        .isEmpty()) {
      throw new IllegalArgumentException(
          "no data of " + pointId + " between " + from + " and " + to);
    }
    Validation validation =
        new Validation(
            UUID.randomUUID().toString(),
            pointId,
            from,
            to,
            kind,
            kind == Validation.Kind.CORRECTED ? value : Double.NaN,
            reason.strip(),
            user.name(),
            clock.instant());
    audit.append(
        user.name(),
        origin,
        kind == Validation.Kind.INVALID ? "validation.invalidate" : "validation.correct",
        pointId,
        "from "
            + from
            + " to "
            + to
            + (kind == Validation.Kind.CORRECTED ? " value " + value : "")
            + " reason: "
            + validation.reason()
            + " id "
            + validation.id(),
        "recorded");
    log.record(validation);
    recomputation.recompute(List.of(point), day(from), day(to.minusNanos(1)).plusDays(1));
    return validation;
  }

  /**
   * @throws SecurityException when the user may not validate data
   */
  public static void requireReviewer(User user) {
    if (!user.has(Role.REVIEWER)) {
      throw new SecurityException("validating data needs the REVIEWER role");
    }
  }

  private void checkPeriod(Instant from, Instant to) {
    if (from == null || to == null) {
      throw new IllegalArgumentException("'from' and 'to' are required");
    }
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("'from' must be before 'to'");
    }
    if (from.isBefore(EARLIEST) || to.isAfter(clock.instant())) {
      throw new IllegalArgumentException(
          "the period must lie between " + EARLIEST + " and now, not " + from + " – " + to);
    }
    if (Duration.between(from, to).compareTo(MAX_PERIOD) > 0) {
      throw new IllegalArgumentException("a validation covers at most 31 days");
    }
  }

  private static void checkValue(Point point, Validation.Kind kind, double value) {
    if (kind == Validation.Kind.INVALID) {
      if (!Double.isNaN(value)) {
        throw new IllegalArgumentException("an invalid period takes no value");
      }
      return;
    }
    if (!Double.isFinite(value) || value < point.rangeLow() || value > point.rangeHigh()) {
      throw new IllegalArgumentException(
          "the corrected value must lie in the point's range "
              + point.rangeLow()
              + " – "
              + point.rangeHigh()
              + ", not "
              + value);
    }
  }

  private LocalDate day(Instant time) {
    return time.atZone(zone).toLocalDate();
  }
}
