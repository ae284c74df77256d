package io.helan.aggregates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.helan.historian.QuestDbEmbedded;
import io.helan.historian.SamplesTable;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The validated means are read point by point (reports, AQI, the public API), so their point column
 * is indexed, also in a table created before it was.
 */
class MeanStoreTest {

  @Test
  void aTableCreatedWithoutThePointIndexGetsIt(@TempDir Path dir) throws Exception {
    Instant hour = Instant.parse("2026-01-01T00:00:00Z");
    try (QuestDbEmbedded questDb = QuestDbEmbedded.start(dir.resolve("db"))) {
      // the table as it was created before the index
      questDb
          .engine()
          .execute(
              "CREATE TABLE validated_means (ts TIMESTAMP, point SYMBOL CAPACITY 131072, period"
                  + " SYMBOL CAPACITY 16, value DOUBLE, valid_count INT, expected_count INT,"
                  + " required_count INT, valid BOOLEAN, capture DOUBLE, period_end TIMESTAMP)"
                  + " TIMESTAMP(ts) PARTITION BY MONTH WAL DEDUP UPSERT KEYS(ts, point, period)");
      assertThat(SamplesTable.pointIndexed(questDb.engine(), MeanStore.TABLE)).isFalse();

      MeanStore store = new MeanStore(questDb.engine());

      // QuestDB applies the ALTER to a WAL table in the background
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> SamplesTable.pointIndexed(questDb.engine(), MeanStore.TABLE));
      Mean mean = new Mean(hour, hour.plusSeconds(3600), 12.5, 50, 60, 45);
      store.store(List.of(new StoredMean("a.so2", MeanPeriod.HOUR, mean)));
      assertThat(store.means("a.so2", MeanPeriod.HOUR, hour, hour.plusSeconds(3600)))
          .containsExactly(mean);
    }
  }

  @Test
  void anyMeanTellsWhetherAMeanStartsInTheRange(@TempDir Path dir) throws Exception {
    Instant hour = Instant.parse("2026-01-01T05:00:00Z");
    try (QuestDbEmbedded questDb = QuestDbEmbedded.start(dir.resolve("db"))) {
      MeanStore store = new MeanStore(questDb.engine());
      assertThat(store.anyMean(hour.minusSeconds(86_400), hour.plusSeconds(86_400))).isFalse();

      Mean mean = new Mean(hour, hour.plusSeconds(3600), 12.5, 50, 60, 45);
      store.store(List.of(new StoredMean("a.so2", MeanPeriod.HOUR, mean)));

      assertThat(store.anyMean(hour, hour.plusSeconds(1))).isTrue();
      assertThat(store.anyMean(hour.minusSeconds(3600), hour)).isFalse();
      assertThat(store.anyMean(hour.plusSeconds(1), hour.plusSeconds(86_400))).isFalse();
    }
  }
}
