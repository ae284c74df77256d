package io.helan.alarms;

import io.helan.config.DoseRateLevels;
import io.helan.historian.SamplesTable;
import io.questdb.cairo.CairoEngine;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds a radiation station's background from the samples the historian kept, so that after a
 * restart the background-relative levels hold at once instead of after a day of new readings. Takes
 * the same readings the live background takes: good, flag N, dry (neither raining nor within the
 * hold-off after rain), bucket by bucket with count, mean and variance.
 */
final class BackgroundHistory {
  private static final Logger LOG = LoggerFactory.getLogger(BackgroundHistory.class);

  private final CairoEngine engine;

  BackgroundHistory(CairoEngine engine) {
    this.engine = engine;
  }

  /** Whether the historian's samples table is there to read. */
  boolean available() {
    return engine.getTableTokenIfExists(SamplesTable.NAME) != null;
  }

  /**
   * Seeds {@code baseline} with the window of readings of {@code pointId} that ends at {@code to}.
   *
   * @param rainPointId the station's rain sensor, or null
   * @return how many buckets were seeded
   */
  int seed(
      RadiationBaseline baseline,
      DoseRateLevels levels,
      String pointId,
      String rainPointId,
      Instant to) {
    long bucketMicros = levels.baselineWindowMs() * 1000 / RadiationBaseline.BUCKETS;
    Instant from = to.minusMillis(levels.baselineWindowMs());
    Set<Long> wet =
        rainPointId == null ? Set.of() : wetBuckets(rainPointId, from, to, bucketMicros, levels);
    int[] seeded = {0};
    QuestDbQuery.select(
        engine,
        "SELECT ts, count(), avg(value), var_samp(value) FROM "
            + SamplesTable.NAME
            + " WHERE point = $1 AND quality = 'GOOD' AND flag = 'N' AND ts >= $2 AND ts < $3"
            + " SAMPLE BY "
            + sampleBy(bucketMicros)
            + " ALIGN TO CALENDAR",
        List.of(pointId, from, to),
        (row, columns) -> {
          long start = row.getTimestamp(0);
          if (!wet.contains(Math.floorDiv(start, bucketMicros))) {
            baseline.seed(start, row.getLong(1), row.getDouble(2), row.getDouble(3));
            seeded[0]++;
          }
        });
    baseline.advanceTo(AlarmJournal.micros(to));
    LOG.info(
        "Background of {} seeded from history: {} buckets ({} wet left out), mean {} σ {}",
        pointId,
        seeded[0],
        wet.size(),
        AlarmMessages.number(baseline.mean()),
        AlarmMessages.number(baseline.sigma()));
    return seeded[0];
  }

  /** Buckets with rain, and those within the hold-off after it. */
  private Set<Long> wetBuckets(
      String rainPointId, Instant from, Instant to, long bucketMicros, DoseRateLevels levels) {
    long holdoffBuckets = (levels.rainHoldoffMs() * 1000 + bucketMicros - 1) / bucketMicros;
    Set<Long> wet = new HashSet<>();
    QuestDbQuery.select(
        engine,
        "SELECT ts, max(value) FROM "
            + SamplesTable.NAME
            + " WHERE point = $1 AND quality = 'GOOD' AND ts >= $2 AND ts < $3"
            + " SAMPLE BY "
            + sampleBy(bucketMicros)
            + " ALIGN TO CALENDAR",
        List.of(rainPointId, from, to),
        (row, columns) -> {
          if (row.getDouble(1) >= 0.5) {
            long bucket = Math.floorDiv(row.getTimestamp(0), bucketMicros);
            for (long b = bucket; b <= bucket + holdoffBuckets; b++) {
              wet.add(b);
            }
          }
        });
    return wet;
  }

  /** A SAMPLE BY unit for the bucket: whole seconds where it can, else milliseconds. */
  private static String sampleBy(long bucketMicros) {
    return bucketMicros % 1_000_000 == 0
        ? bucketMicros / 1_000_000 + "s"
        : Math.max(1, bucketMicros / 1000) + "T";
  }
}
