package io.helan.validation;

import io.helan.aggregates.SampleOverlay;
import io.helan.driver.DataFlag;
import io.helan.driver.Quality;
import io.helan.historian.LocalTable;
import io.helan.historian.QuestDbQuery;
import io.helan.historian.RawSample;
import io.helan.historian.SamplesTable;
import io.questdb.cairo.CairoEngine;
import io.questdb.cairo.TableWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The reviewers' validations in QuestDB ({@code validations}), read back at start and kept in
 * memory, and laid over stored samples before they are averaged: a later validation of the same
 * time wins over an earlier one.
 */
public final class ValidationLog implements SampleOverlay {
  public static final String TABLE = "validations";

  private final LocalTable table;
  private final Map<String, List<Validation>> byPoint = new ConcurrentHashMap<>();

  public ValidationLog(CairoEngine engine) {
    table =
        new LocalTable(
            engine,
            TABLE,
            "CREATE TABLE IF NOT EXISTS "
                + TABLE
                + " (ts TIMESTAMP, id SYMBOL CAPACITY 65536, point SYMBOL CAPACITY 131072,"
                + " period_start TIMESTAMP, period_end TIMESTAMP, kind SYMBOL, value DOUBLE,"
                + " reason STRING, user_name SYMBOL) TIMESTAMP(ts) PARTITION BY MONTH WAL"
                + " DEDUP UPSERT KEYS(ts, id)");
    QuestDbQuery.select(
        engine,
        "SELECT ts, id, point, period_start, period_end, kind, value, reason, user_name FROM "
            + TABLE
            + " ORDER BY ts",
        List.of(),
        (record, columns) ->
            remember(
                new Validation(
                    record.getSymA(1).toString(),
                    record.getSymA(2).toString(),
                    SamplesTable.instant(record.getTimestamp(3)),
                    SamplesTable.instant(record.getTimestamp(4)),
                    Validation.Kind.valueOf(record.getSymA(5).toString()),
                    record.getDouble(6),
                    record.getStrA(7).toString(),
                    record.getSymA(8).toString(),
                    SamplesTable.instant(record.getTimestamp(0)))));
  }

  /** Stores a validation and waits until it is on disk and visible. */
  public synchronized void record(Validation validation) {
    table.write(
        wal -> {
          TableWriter.Row row = wal.newRow(SamplesTable.micros(validation.recorded()));
          row.putSym(1, validation.id());
          row.putSym(2, validation.pointId());
          row.putTimestamp(3, SamplesTable.micros(validation.from()));
          row.putTimestamp(4, SamplesTable.micros(validation.to()));
          row.putSym(5, validation.kind().name());
          row.putDouble(6, validation.value());
          row.putStr(7, validation.reason());
          row.putSym(8, validation.user());
          row.append();
        });
    table.awaitVisible();
    remember(validation);
  }

  private void remember(Validation validation) {
    byPoint
        .computeIfAbsent(validation.pointId(), id -> new CopyOnWriteArrayList<>())
        .add(validation);
  }

  /** The validations of a point overlapping [from, to), oldest first. */
  public List<Validation> of(String pointId, Instant from, Instant to) {
    return byPoint.getOrDefault(pointId, List.of()).stream()
        .filter(v -> v.overlaps(from, to))
        .toList();
  }

  @Override
  public boolean covers(String pointId, Instant from, Instant to) {
    return !of(pointId, from, to).isEmpty();
  }

  @Override
  public List<RawSample> apply(String pointId, List<RawSample> samples) {
    List<Validation> validations = byPoint.get(pointId);
    if (validations == null) {
      return samples;
    }
    List<RawSample> validated = new ArrayList<>(samples.size());
    for (RawSample sample : samples) {
      Validation last = null;
      for (Validation validation : validations) {
        if (validation.covers(sample.time())) {
          last = validation;
        }
      }
      if (last == null) {
        validated.add(sample);
      } else if (last.kind() == Validation.Kind.CORRECTED) {
        validated.add(new RawSample(sample.time(), last.value(), Quality.GOOD, DataFlag.N));
      }
    }
    return validated;
  }
}
