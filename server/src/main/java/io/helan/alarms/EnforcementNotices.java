package io.helan.alarms;

import io.helan.alarms.EnforcementNotice.Reading;
import io.helan.alarms.EnforcementNotice.Status;
import io.helan.config.Point;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The enforcement notices opened by emission exceedances. Changed only on the engine thread; read
 * from any thread. Every change is handed to the journal, so notices survive a restart.
 */
final class EnforcementNotices {
  private static final DateTimeFormatter ID_TIME =
      DateTimeFormatter.ofPattern("yyyyMMddHHmm").withZone(ZoneOffset.UTC);

  private final Map<String, EnforcementNotice> byId = new ConcurrentHashMap<>();

  /** The open notice of each point's current episode (engine thread only). */
  private final Map<String, String> episodeOfPoint = new HashMap<>();

  /** Takes in notices read back from the journal. */
  void restore(List<EnforcementNotice> notices) {
    for (EnforcementNotice notice : notices) {
      byId.put(notice.id(), notice);
      if (notice.status() == Status.OPEN) {
        String current = episodeOfPoint.get(notice.pointId());
        if (current == null || byId.get(current).periodEnd().isBefore(notice.periodEnd())) {
          episodeOfPoint.put(notice.pointId(), notice.id());
        }
      }
    }
  }

  /**
   * Records an exceeding value of a period. A period a notice already holds is not counted again:
   * an open notice takes its new value (the period's validated average was recomputed), a closed
   * one stays as enforcement closed it. Otherwise the value joins the point's open notice when it
   * continues that episode (its period touches the notice's span), else it opens a notice.
   *
   * @return the notice as changed, or empty when nothing changed
   */
  Optional<EnforcementNotice> exceeded(
      Point point, double limit, double referenceO2, Reading reading, Instant now) {
    for (EnforcementNotice held : byId.values()) {
      if (!held.pointId().equals(point.id())) {
        continue;
      }
      for (int r = 0; r < held.readings().size(); r++) {
        Reading old = held.readings().get(r);
        if (old.periodStart().equals(reading.periodStart()) && old.flagT() == reading.flagT()) {
          if (held.status() != Status.OPEN || old.equals(reading)) {
            return Optional.empty();
          }
          List<Reading> readings = new ArrayList<>(held.readings());
          readings.set(r, reading);
          EnforcementNotice changed =
              update(
                  held,
                  held.periodStart(),
                  held.periodEnd(),
                  readings,
                  Status.OPEN,
                  null,
                  null,
                  null);
          byId.put(changed.id(), changed);
          return Optional.of(changed);
        }
      }
    }
    EnforcementNotice open =
        Optional.ofNullable(episodeOfPoint.get(point.id())).map(byId::get).orElse(null);
    EnforcementNotice notice;
    if (open != null
        && open.status() == Status.OPEN
        && !reading.periodStart().isAfter(open.periodEnd())
        && !reading.periodEnd().isBefore(open.periodStart())) {
      List<Reading> readings = new ArrayList<>(open.readings());
      readings.add(reading);
      readings.sort(Comparator.comparing(Reading::periodStart));
      Instant start =
          reading.periodStart().isBefore(open.periodStart())
              ? reading.periodStart()
              : open.periodStart();
      Instant end =
          reading.periodEnd().isAfter(open.periodEnd()) ? reading.periodEnd() : open.periodEnd();
      notice = update(open, start, end, readings, Status.OPEN, null, null, null);
    } else {
      notice =
          new EnforcementNotice(
              "EN-" + ID_TIME.format(reading.periodStart()) + "-" + point.id(),
              point.stationId(),
              point.id(),
              point.code() == null ? point.name() : point.code(),
              point.name(),
              point.unit(),
              limit,
              referenceO2,
              reading.periodStart(),
              reading.periodEnd(),
              List.of(reading),
              Status.OPEN,
              now,
              null,
              null,
              null);
    }
    byId.put(notice.id(), notice);
    EnforcementNotice current =
        Optional.ofNullable(episodeOfPoint.get(point.id())).map(byId::get).orElse(null);
    if (current == null
        || current.status() != Status.OPEN
        || !notice.periodEnd().isBefore(current.periodEnd())) {
      episodeOfPoint.put(point.id(), notice.id());
    }
    return Optional.of(notice);
  }

  /** Closes an open notice with the user's comment. */
  EnforcementNotice close(String id, String user, String comment, Instant now) {
    EnforcementNotice open = byId.get(id);
    if (open == null) {
      throw new IllegalArgumentException("no enforcement notice '" + id + "'");
    }
    if (open.status() != Status.OPEN) {
      throw new IllegalStateException("enforcement notice " + id + " is already closed");
    }
    EnforcementNotice closed =
        update(
            open,
            open.periodStart(),
            open.periodEnd(),
            open.readings(),
            Status.CLOSED,
            user,
            now,
            comment);
    byId.put(id, closed);
    episodeOfPoint.remove(open.pointId(), id);
    return closed;
  }

  /**
   * The same notice (same point, limit and opening) with a new episode span, readings and status.
   */
  private static EnforcementNotice update(
      EnforcementNotice notice,
      Instant periodStart,
      Instant periodEnd,
      List<Reading> readings,
      Status status,
      String closedBy,
      Instant closedAt,
      String comment) {
    return new EnforcementNotice(
        notice.id(),
        notice.stationId(),
        notice.pointId(),
        notice.pollutant(),
        notice.pollutantName(),
        notice.unit(),
        notice.limit(),
        notice.referenceO2(),
        periodStart,
        periodEnd,
        readings,
        status,
        notice.opened(),
        closedBy,
        closedAt,
        comment);
  }

  Optional<EnforcementNotice> notice(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** Notices, newest first. */
  List<EnforcementNotice> all() {
    List<EnforcementNotice> list = new ArrayList<>(byId.values());
    list.sort(Comparator.comparing(EnforcementNotice::opened).reversed());
    return list;
  }
}
