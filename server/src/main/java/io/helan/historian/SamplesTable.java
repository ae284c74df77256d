package io.helan.historian;

import io.helan.config.Point;
import io.questdb.cairo.CairoEngine;
import io.questdb.griffin.SqlException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The QuestDB table that keeps every sample, and the SQL both sinks run against it. Points,
 * qualities and flags are SYMBOLs (quality and flag as their enum names); re-sent samples (a spool
 * replayed twice) replace themselves through DEDUP UPSERT KEYS(ts, point). The point symbol is
 * indexed: a trend reads one point's rows of a day through the index instead of scanning every
 * point's rows (BENCHMARKS.md, trend query).
 */
public final class SamplesTable {
  public static final String NAME = "samples";

  /** Room for about 100k point ids before the symbol table must grow. */
  public static final String CREATE =
      "CREATE TABLE IF NOT EXISTS samples ("
          + "ts TIMESTAMP, "
          + "point SYMBOL CAPACITY 131072 INDEX, "
          + "value DOUBLE, "
          + "quality SYMBOL CAPACITY 16, "
          + "flag SYMBOL CAPACITY 16"
          + ") TIMESTAMP(ts) PARTITION BY DAY WAL DEDUP UPSERT KEYS(ts, point)";

  /** Whether the point column of a table or view is indexed: one row, true or false. */
  static String pointIndexedSql(String table) {
    return "SELECT indexed FROM table_columns('" + table + "') WHERE \"column\" = 'point'";
  }

  /** Indexes the point column of a table created before it was indexed. */
  public static final String ADD_POINT_INDEX = "ALTER TABLE samples ALTER COLUMN point ADD INDEX";

  public static final String DROP_POINT_INDEX = "ALTER TABLE samples ALTER COLUMN point DROP INDEX";

  public static final String COLUMN_POINT = "point";
  public static final String COLUMN_VALUE = "value";
  public static final String COLUMN_QUALITY = "quality";
  public static final String COLUMN_FLAG = "flag";

  private SamplesTable() {}

  /**
   * Creates the table in QuestDB in this process if it does not exist, and indexes the point column
   * of a table created before it was indexed (QuestDB applies that in the background); creates the
   * per-minute rollup ({@link MinuteRollup}) with its point column indexed if it does not exist
   * (QuestDB fills it from the table's rows in the background).
   *
   * @throws IllegalStateException when QuestDB refuses
   */
  public static void createIndexed(CairoEngine engine) {
    try {
      engine.execute(CREATE);
      if (!pointIndexed(engine)) {
        engine.execute(ADD_POINT_INDEX);
      }
      engine.execute(MinuteRollup.CREATE);
      if (!pointIndexed(engine, MinuteRollup.NAME)) {
        engine.execute(MinuteRollup.INDEX_POINT);
      }
    } catch (SqlException e) {
      throw new IllegalStateException("cannot create table samples: " + e.getMessage());
    }
  }

  /** Whether the point column is indexed now (an ALTER under way counts once applied). */
  public static boolean pointIndexed(CairoEngine engine) {
    return pointIndexed(engine, NAME);
  }

  /** Whether the point column of the table is indexed now. */
  public static boolean pointIndexed(CairoEngine engine, String table) {
    boolean[] indexed = {false};
    QuestDbQuery.select(
        engine, pointIndexedSql(table), List.of(), (r, columns) -> indexed[0] = r.getBool(0));
    return indexed[0];
  }

  /** A query with one row per step; point and interval as SQL expressions. */
  interface StepQuery {
    String sql(String point, String from, String to, Duration step);
  }

  /**
   * The history query: one row per step with the average, minimum, maximum and count of the good
   * samples. The point and the interval are given as SQL expressions: bind variables for the
   * embedded engine, quoted literals over HTTP.
   */
  static String historySql(String point, String from, String to, Duration step) {
    return perStep("avg(value), min(value), max(value), count()", "", point, from, to, step);
  }

  /** Count, mean and sample variance of the valid samples (good, flag N) per step. */
  static String validStatisticsSql(String point, String from, String to, Duration step) {
    return perStep(
        "count(), avg(value), var_samp(value)", " AND flag = 'N'", point, from, to, step);
  }

  private static String perStep(
      String aggregates, String filter, String point, String from, String to, Duration step) {
    return "SELECT ts, "
        + aggregates
        + " FROM samples WHERE point = "
        + point
        + " AND quality = 'GOOD'"
        + filter
        + " AND ts >= "
        + from
        + " AND ts < "
        + to
        + " SAMPLE BY "
        + sampleBy(step)
        + " ALIGN TO CALENDAR";
  }

  /** Every stored sample of one point in [from, to), by time, at most {@code limit}. */
  static String rawSql(String point, String from, String to, int limit, boolean newestFirst) {
    return "SELECT ts, value, quality, flag FROM samples WHERE point = "
        + point
        + " AND ts >= "
        + from
        + " AND ts < "
        + to
        + " ORDER BY ts"
        + (newestFirst ? " DESC" : "")
        + " LIMIT "
        + limit;
  }

  /**
   * Per point and clock hour: the mean of the minute means of the valid samples and the count of
   * minutes that hold one. Valid as in {@code io.helan.aggregates.SampleValidity}: good quality, a
   * value (QuestDB stores NaN and infinities as null), and flag neither F, M, S, D, C, B nor X.
   *
   * @param points at least one point
   */
  /**
   * The longest list of quoted point ids one {@link #validHourlySql} names: the statement travels
   * in the URL of a GET to QuestDB's {@code /exec} (no POST there), which refuses a URL longer than
   * its request buffer ("url is too long"; a few thousand points' ids).
   */
  static final int MAX_POINT_LIST_CHARS = 8_000;

  /**
   * The points cut into runs whose {@link #validHourlySql} lists at most {@value
   * #MAX_POINT_LIST_CHARS} characters of ids each (a longer id runs alone), in id order: the
   * queries' rows, each ordered by point, follow one another in point order.
   */
  static List<List<Point>> pointRuns(Collection<Point> points) {
    List<Point> sorted = new ArrayList<>(points);
    sorted.sort(Comparator.comparing(Point::id));
    List<List<Point>> runs = new ArrayList<>();
    List<Point> run = new ArrayList<>();
    int chars = 0;
    for (Point point : sorted) {
      int length = QuestDbHttp.quote(point.id()).length() + 1;
      if (!run.isEmpty() && chars + length > MAX_POINT_LIST_CHARS) {
        runs.add(run);
        run = new ArrayList<>();
        chars = 0;
      }
      run.add(point);
      chars += length;
    }
    if (!run.isEmpty()) {
      runs.add(run);
    }
    return runs;
  }

  static String validHourlySql(Collection<Point> points, String from, String to) {
    return "SELECT point, timestamp_floor('h', minute) hour, avg(minute_mean), count(minute_mean)"
        + " FROM (SELECT point, timestamp_floor('m', ts) minute, avg(value) minute_mean"
        + " FROM samples WHERE point IN ("
        + points.stream().map(p -> QuestDbHttp.quote(p.id())).collect(Collectors.joining(","))
        + ") AND ts >= "
        + from
        + " AND ts < "
        + to
        + " AND quality = 'GOOD' AND flag NOT IN ("
        + ValidHourlyScan.EXCLUDED_FLAGS.stream()
            .map(flag -> "'" + flag.name() + "'")
            .collect(Collectors.joining(", "))
        + ")"
        + " AND value != null"
        + " GROUP BY point, minute)"
        + " GROUP BY point, hour ORDER BY point, hour";
  }

  /** Counts all rows of one point. */
  static String countSql(String point) {
    return "SELECT count() FROM samples WHERE point = " + point;
  }

  /**
   * The SAMPLE BY unit for a step: a whole number of days, hours, minutes or seconds, in the
   * largest unit that divides it exactly (90 s becomes {@code 90s}, 2 h {@code 2h}).
   *
   * @throws IllegalArgumentException for a step that is not a positive whole number of seconds
   */
  static String sampleBy(Duration step) {
    if (step.isNegative() || step.isZero() || step.getNano() != 0) {
      throw new IllegalArgumentException(
          "step must be a positive whole number of seconds, not " + step);
    }
    long seconds = step.getSeconds();
    if (seconds % 86_400 == 0) {
      return seconds / 86_400 + "d";
    }
    if (seconds % 3_600 == 0) {
      return seconds / 3_600 + "h";
    }
    if (seconds % 60 == 0) {
      return seconds / 60 + "m";
    }
    return seconds + "s";
  }

  /** Microseconds since the epoch, QuestDB's TIMESTAMP resolution. */
  public static long micros(Instant time) {
    long seconds = time.getEpochSecond();
    if (seconds >= 0 && seconds < Long.MAX_VALUE / 1_000_000L - 1) {
      // the same figure as below without its overflow checks (a million means are written at once)
      return seconds * 1_000_000L + time.getNano() / 1_000;
    }
    return ChronoUnit.MICROS.between(Instant.EPOCH, time);
  }

  public static Instant instant(long micros) {
    return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
  }

  /** Checks the arguments of a history query. */
  static void checkInterval(Instant from, Instant to) {
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("'from' must be before 'to'");
    }
  }
}
