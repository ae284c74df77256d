package io.helan.historian;

import io.questdb.cairo.CairoEngine;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The per-minute rollup of the samples table, a QuestDB materialized view that QuestDB refreshes
 * after each commit to the table: per point and minute the sum, count, minimum and maximum of the
 * good samples' values and the count of good samples. A history query whose step is a whole number
 * of minutes dividing a day reads the rollup for the whole minutes of its range and the samples
 * table for the partial minutes at either end; the parts meet per step in {@link Steps}. A day's
 * trend then reads 1,440 rows of the rollup instead of 86,400 samples.
 *
 * <p>The rollup is read only while it has taken in every commit to the table ({@link #CURRENT}):
 * samples written long after their time (a spool replayed, a logger's backfill) land in old
 * minutes, and until the view's next refresh (normally within a second) the query reads the samples
 * table.
 */
public final class MinuteRollup {
  public static final String NAME = "samples_1m";

  /** One row, true when the view is valid and has taken in the table's last commit. */
  private static final String CURRENT =
      "SELECT view_status = 'valid' AND refresh_base_table_txn = base_table_txn"
          + " FROM materialized_views() WHERE view_name = 'samples_1m'";

  static final String CREATE =
      "CREATE MATERIALIZED VIEW IF NOT EXISTS samples_1m AS ("
          + "SELECT ts, point, sum(value) value_sum, count(value) value_count,"
          + " min(value) value_min, max(value) value_max, count() good_count"
          + " FROM samples WHERE quality = 'GOOD' SAMPLE BY 1m"
          + ") PARTITION BY DAY";

  static final String INDEX_POINT =
      "ALTER MATERIALIZED VIEW samples_1m ALTER COLUMN point ADD INDEX";

  private MinuteRollup() {}

  /** Whether the view is valid and has taken in the table's last commit. */
  public static boolean current(CairoEngine engine) {
    boolean[] current = {false};
    QuestDbQuery.select(engine, CURRENT, List.of(), (r, columns) -> current[0] = r.getBool(0));
    return current[0];
  }

  /** The part of [from, to) that the rollup answers, for a step it can serve. */
  record Span(Instant from, Instant to) {}

  /**
   * The whole minutes of [from, to), when the step is a whole number of minutes that divides a day
   * (so that each step is made of whole minutes); empty otherwise.
   */
  static Optional<Span> span(Instant from, Instant to, Duration step) {
    long seconds = step.getSeconds();
    if (step.getNano() != 0 || seconds < 60 || seconds % 60 != 0 || 86_400 % seconds != 0) {
      return Optional.empty();
    }
    Instant start = from.truncatedTo(ChronoUnit.MINUTES);
    if (start.isBefore(from)) {
      start = start.plus(1, ChronoUnit.MINUTES);
    }
    Instant end = to.truncatedTo(ChronoUnit.MINUTES);
    return start.isBefore(end) ? Optional.of(new Span(start, end)) : Optional.empty();
  }

  /** Per step of the rollup between $2 and $3 for point $1: sum, count, min, max, good count. */
  static String rollupSql(Duration step) {
    return "SELECT ts, sum(value_sum), sum(value_count), min(value_min), max(value_max),"
        + " sum(good_count) FROM samples_1m WHERE point = $1 AND ts >= $2 AND ts < $3 SAMPLE BY "
        + SamplesTable.sampleBy(step)
        + " ALIGN TO CALENDAR";
  }

  /** The same figures per step from the samples table. */
  static String samplesSql(Duration step) {
    return "SELECT ts, sum(value), count(value), min(value), max(value), count() FROM samples"
        + " WHERE point = $1 AND quality = 'GOOD' AND ts >= $2 AND ts < $3 SAMPLE BY "
        + SamplesTable.sampleBy(step)
        + " ALIGN TO CALENDAR";
  }

  /** Partial figures of steps, from the rollup and the samples table, added up per step. */
  static final class Steps {
    private final Map<Long, double[]> byStart = new TreeMap<>();

    /** Adds one part of a step: sum and count of values, min, max, count of good samples. */
    void add(long startMicros, double sum, long values, double min, double max, long good) {
      double[] step = byStart.computeIfAbsent(startMicros, s -> new double[] {0, 0, NaN, NaN, 0});
      if (values > 0) {
        step[0] += sum;
        step[1] += values;
        step[2] = Double.isNaN(step[2]) ? min : Math.min(step[2], min);
        step[3] = Double.isNaN(step[3]) ? max : Math.max(step[3], max);
      }
      step[4] += good;
    }

    List<HistoryRow> rows() {
      List<HistoryRow> rows = new ArrayList<>(byStart.size());
      byStart.forEach(
          (start, s) ->
              rows.add(
                  new HistoryRow(
                      SamplesTable.instant(start),
                      s[1] == 0 ? NaN : s[0] / s[1],
                      s[2],
                      s[3],
                      (long) s[4])));
      return rows;
    }

    private static final double NaN = Double.NaN;
  }
}
