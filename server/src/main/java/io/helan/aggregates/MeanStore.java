package io.helan.aggregates;

import io.helan.config.Point;
import io.helan.historian.LocalTable;
import io.helan.historian.QuestDbQuery;
import io.helan.historian.SamplesTable;
import io.questdb.cairo.CairoEngine;
import io.questdb.cairo.TableWriter;
import io.questdb.cairo.sql.Record;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The validated means in QuestDB ({@code validated_means}): one row per point, period and start,
 * with the valid, expected and required input counts and the capture rate beside the value. A
 * recomputed mean replaces the stored one (DEDUP UPSERT on start, point and period).
 */
public final class MeanStore {
  public static final String TABLE = "validated_means";

  private final LocalTable table;

  public MeanStore(CairoEngine engine) {
    table =
        new LocalTable(
            engine,
            TABLE,
            "CREATE TABLE IF NOT EXISTS "
                + TABLE
                + " (ts TIMESTAMP, point SYMBOL CAPACITY 131072 INDEX, period SYMBOL CAPACITY 16,"
                + " value DOUBLE, valid_count INT, expected_count INT, required_count INT,"
                + " valid BOOLEAN, capture DOUBLE, period_end TIMESTAMP)"
                + " TIMESTAMP(ts) PARTITION BY MONTH WAL DEDUP UPSERT KEYS(ts, point, period)");
    // a point's means are read by the point (reports, AQI, the public API): index a table created
    // before the point column was indexed
    if (!SamplesTable.pointIndexed(engine, TABLE)) {
      table.alter("ALTER TABLE " + TABLE + " ALTER COLUMN point ADD INDEX");
    }
  }

  /** Stores the means in one commit and waits until queries see them. */
  public synchronized void store(Collection<StoredMean> means) {
    if (means.isEmpty()) {
      return;
    }
    table.write(
        wal -> {
          for (StoredMean stored : means) {
            Mean mean = stored.mean();
            TableWriter.Row row = wal.newRow(SamplesTable.micros(mean.start()));
            row.putSym(1, stored.pointId());
            row.putSym(2, stored.period().key());
            row.putDouble(3, mean.value());
            row.putInt(4, mean.validCount());
            row.putInt(5, mean.expectedCount());
            row.putInt(6, mean.requiredCount());
            row.putBool(7, mean.isValid());
            row.putDouble(8, mean.captureRate());
            row.putTimestamp(9, SamplesTable.micros(mean.end()));
            row.append();
          }
        });
    table.awaitVisible();
  }

  /** Whether a mean of any point and period starts in [from, to): reads one row at most. */
  public boolean anyMean(Instant from, Instant to) {
    boolean[] found = {false};
    QuestDbQuery.select(
        table.engine(),
        "SELECT ts FROM " + TABLE + " WHERE ts >= $1 AND ts < $2 LIMIT 1",
        List.of(from, to),
        (record, columns) -> found[0] = true);
    return found[0];
  }

  /** The stored means of one point and period starting in [from, to), oldest first. */
  public List<Mean> means(String pointId, MeanPeriod period, Instant from, Instant to) {
    List<Mean> means = new ArrayList<>();
    QuestDbQuery.select(
        table.engine(),
        "SELECT ts, period_end, value, valid_count, expected_count, required_count FROM "
            + TABLE
            + " WHERE point = $1 AND period = $2 AND ts >= $3 AND ts < $4 ORDER BY ts",
        List.of(pointId, period.key(), from, to),
        (record, columns) -> means.add(mean(record, 0)));
    return means;
  }

  /**
   * The mean whose ts, period_end, value and counts are the record's columns from {@code first}.
   */
  private static Mean mean(Record record, int first) {
    return new Mean(
        SamplesTable.instant(record.getTimestamp(first)),
        SamplesTable.instant(record.getTimestamp(first + 1)),
        record.getDouble(first + 2),
        record.getInt(first + 3),
        record.getInt(first + 4),
        record.getInt(first + 5));
  }

  /**
   * The stored means of every point for one period starting in [from, to), by point, oldest first:
   * one query where asking point by point would take one each.
   */
  public Map<String, List<Mean>> means(MeanPeriod period, Instant from, Instant to) {
    Map<String, List<Mean>> byPoint = new HashMap<>();
    QuestDbQuery.select(
        table.engine(),
        "SELECT point, ts, period_end, value, valid_count, expected_count, required_count FROM "
            + TABLE
            + " WHERE period = $1 AND ts >= $2 AND ts < $3 ORDER BY ts",
        List.of(period.key(), from, to),
        (record, columns) ->
            byPoint
                .computeIfAbsent(record.getSymA(0).toString(), id -> new ArrayList<>())
                .add(mean(record, 1)));
    return byPoint;
  }

  /** The stored hourly means of the points starting in [from, to), by point and start. */
  public Map<String, Map<Instant, Mean>> hourlyMeans(
      Collection<Point> points, Instant from, Instant to) {
    Set<String> ids = points.stream().map(Point::id).collect(Collectors.toSet());
    Map<String, Map<Instant, Mean>> byPoint = new HashMap<>();
    means(MeanPeriod.HOUR, from, to)
        .forEach(
            (point, means) -> {
              if (ids.contains(point)) {
                Map<Instant, Mean> byStart = byPoint.computeIfAbsent(point, id -> new HashMap<>());
                means.forEach(mean -> byStart.put(mean.start(), mean));
              }
            });
    return byPoint;
  }
}
