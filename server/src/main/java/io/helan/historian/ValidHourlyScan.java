package io.helan.historian;

import io.helan.config.Point;
import io.questdb.cairo.CairoEngine;
import io.questdb.cairo.sql.Record;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The valid hourly means of points in one pass over their valid samples (good quality, flag neither
 * F, M, S, D, C nor B, a value): per point the samples of each minute are averaged, then the minute
 * means of each clock hour. Each point's samples arrive in time order, so one minute and one hour
 * are open per point at a time and nothing is grouped by key: the same figures as the two-level
 * GROUP BY ({@link SamplesTable#validHourlySql}) without its hash table of every point and minute.
 */
final class ValidHourlyScan {
  private static final long MICROS_PER_MINUTE = 60_000_000L;

  /** One point's open minute and hour. */
  private static final class Open {
    final String pointId;
    long minute = Long.MIN_VALUE;
    double minuteSum;
    int minuteSamples;
    long hour = Long.MIN_VALUE;
    double hourSum;
    int hourMinutes;

    Open(String pointId) {
      this.pointId = pointId;
    }
  }

  private static final long SECONDS_PER_HOUR = 3_600L;

  private final List<HourlyValidMean> means = new ArrayList<>();

  /** Open minutes and hours by the point's symbol key. */
  private Open[] open = new Open[1024];

  private ValidHourlyScan() {}

  /**
   * @param allPoints whether the points are all the table holds: then no point filter is needed
   */
  static List<HourlyValidMean> scan(
      CairoEngine engine, Collection<Point> points, boolean allPoints, Instant from, Instant to) {
    String sql =
        "SELECT point, ts, value FROM "
            + SamplesTable.NAME
            + " WHERE ts >= $1 AND ts < $2 AND quality = 'GOOD'"
            + " AND flag NOT IN ('F', 'M', 'S', 'D', 'C', 'B') AND value != null"
            + (allPoints
                ? ""
                : " AND point IN ("
                    + points.stream()
                        .map(p -> QuestDbHttp.quote(p.id()))
                        .collect(Collectors.joining(","))
                    + ")");
    Set<String> wanted = points.stream().map(Point::id).collect(Collectors.toSet());
    ValidHourlyScan scan = new ValidHourlyScan();
    QuestDbQuery.select(
        engine, sql, List.of(from, to), (record, columns) -> scan.sample(record, wanted));
    for (Open point : scan.open) {
      if (point != null) {
        scan.closeMinute(point);
        scan.closeHour(point);
      }
    }
    return scan.means;
  }

  /**
   * [from, to) cut at clock hours into at most {@code parts} ranges of about as many hours, in
   * order: each clock hour lies in one range, so the ranges can be scanned apart (in parallel) and
   * their means put together give the means of the whole range.
   */
  static List<Instant[]> hourRanges(Instant from, Instant to, int parts) {
    long firstCut = Math.floorDiv(from.getEpochSecond(), SECONDS_PER_HOUR) + 1;
    long lastCut = Math.floorDiv(to.getEpochSecond() - 1, SECONDS_PER_HOUR);
    long cuts = Math.max(0, lastCut - firstCut + 1); // hour starts inside (from, to)
    int ranges = (int) Math.min(parts, cuts + 1);
    List<Instant[]> result = new ArrayList<>(ranges);
    Instant start = from;
    for (int r = 1; r < ranges; r++) {
      Instant cut = Instant.ofEpochSecond((firstCut + cuts * r / ranges) * SECONDS_PER_HOUR);
      result.add(new Instant[] {start, cut});
      start = cut;
    }
    result.add(new Instant[] {start, to});
    return result;
  }

  private void sample(Record record, Set<String> wanted) {
    int key = record.getInt(0);
    if (key < 0) {
      return; // no point
    }
    if (key >= open.length) {
      open = Arrays.copyOf(open, Math.max(key + 1, open.length * 2));
    }
    Open point = open[key];
    if (point == null) {
      String id = record.getSymA(0).toString();
      point = new Open(wanted.contains(id) ? id : null);
      open[key] = point;
    }
    if (point.pointId == null) {
      return;
    }
    long minute = Math.floorDiv(record.getTimestamp(1), MICROS_PER_MINUTE);
    if (minute != point.minute) {
      if (minute < point.minute) {
        throw new IllegalStateException("samples of " + point.pointId + " came out of time order");
      }
      closeMinute(point);
      point.minute = minute;
    }
    point.minuteSum += record.getDouble(2);
    point.minuteSamples++;
  }

  private void closeMinute(Open point) {
    if (point.minuteSamples == 0) {
      return;
    }
    long hour = Math.floorDiv(point.minute, 60);
    if (hour != point.hour) {
      closeHour(point);
      point.hour = hour;
    }
    point.hourSum += point.minuteSum / point.minuteSamples;
    point.hourMinutes++;
    point.minuteSum = 0;
    point.minuteSamples = 0;
  }

  private void closeHour(Open point) {
    if (point.hourMinutes == 0) {
      return;
    }
    means.add(
        new HourlyValidMean(
            point.pointId,
            Instant.ofEpochSecond(point.hour * 3600),
            point.hourSum / point.hourMinutes,
            point.hourMinutes));
    point.hourSum = 0;
    point.hourMinutes = 0;
  }
}
