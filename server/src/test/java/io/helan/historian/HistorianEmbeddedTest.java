package io.helan.historian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helan.bench.SyntheticSite;
import io.helan.config.Point;
import io.helan.config.Site;
import io.helan.driver.DataFlag;
import io.helan.driver.Quality;
import io.helan.driver.SampleBatch;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The historian on embedded QuestDB: writes, flush, history, deduplication, a full queue. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HistorianEmbeddedTest {
  static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");
  static final Site SITE = SyntheticSite.create(20);

  @TempDir static Path questDbDir;
  static QuestDbEmbedded questDb;

  @TempDir Path spoolDir;
  SimpleMeterRegistry registry;
  QuestDbHistorian historian;

  @BeforeAll
  static void startQuestDb() {
    questDb = QuestDbEmbedded.start(questDbDir);
  }

  @AfterAll
  static void stopQuestDb() {
    questDb.close();
  }

  @BeforeEach
  void startHistorian() {
    registry = new SimpleMeterRegistry();
    historian = new QuestDbHistorian(SITE, questDb::engine, registry, spoolDir);
    historian.start();
  }

  @AfterEach
  void closeHistorian() {
    historian.close();
  }

  @Test
  void everyAppendedSampleIsCountedAfterFlush() throws Exception {
    Point first = point(0);
    Point second = point(1);
    SampleBatch batch = new SampleBatch(100);
    for (int b = 0; b < 30; b++) {
      batch.clear();
      for (int i = 0; i < 100; i++) {
        Point point = i % 2 == 0 ? first : second;
        batch.add(point.index(), micros(T0.plusSeconds(b * 100L + i)), i, Quality.GOOD, DataFlag.N);
      }
      historian.append(batch);
    }

    historian.flush().get(30, TimeUnit.SECONDS);

    assertThat(historian.count(first).get(10, TimeUnit.SECONDS)).isEqualTo(1500);
    assertThat(historian.count(second).get(10, TimeUnit.SECONDS)).isEqualTo(1500);
    assertThat(historian.backlog()).isZero();
    assertThat(registry.get("helan.historian.rows.written").counter().count()).isEqualTo(3000);
    assertThat(registry.get("helan.historian.commit").timer().count()).isPositive();
  }

  @Test
  void historyAggregatesTheGoodSamplesOfEachStep() throws Exception {
    Point point = point(2);
    SampleBatch batch = new SampleBatch(16);
    // minute 0: three good values, a bad and an uncertain one that must not count
    add(batch, point, T0.plusSeconds(0), 1, Quality.GOOD);
    add(batch, point, T0.plusSeconds(10), 2, Quality.GOOD);
    add(batch, point, T0.plusSeconds(20), 3, Quality.GOOD);
    add(batch, point, T0.plusSeconds(30), 100, Quality.BAD_COMMUNICATION);
    add(batch, point, T0.plusSeconds(40), -50, Quality.UNCERTAIN);
    // minute 1: two good values; minute 2 empty; minute 4 outside [from, to)
    add(batch, point, T0.plusSeconds(60), 10, Quality.GOOD);
    add(batch, point, T0.plusSeconds(119), 20, Quality.GOOD);
    add(batch, point, T0.plusSeconds(240), 99, Quality.GOOD);
    historian.append(batch);
    historian.flush().get(30, TimeUnit.SECONDS);

    List<HistoryRow> rows =
        historian
            .history(point, T0, T0.plusSeconds(240), Duration.ofMinutes(1))
            .get(10, TimeUnit.SECONDS);

    assertThat(rows)
        .containsExactly(
            new HistoryRow(T0, 2, 1, 3, 3), new HistoryRow(T0.plusSeconds(60), 15, 10, 20, 2));
    assertThat(historian.count(point).get(10, TimeUnit.SECONDS)).isEqualTo(8);
  }

  @Test
  void theSameSamplesSentTwiceAreStoredOnceWithTheLastValue() throws Exception {
    Point point = point(3);
    SampleBatch batch = new SampleBatch(10);
    for (int i = 0; i < 10; i++) {
      add(batch, point, T0.plusSeconds(i), 1, Quality.GOOD);
    }
    historian.append(batch);
    historian.flush().get(30, TimeUnit.SECONDS);
    SampleBatch resent = new SampleBatch(10);
    for (int i = 0; i < 10; i++) {
      add(resent, point, T0.plusSeconds(i), 5, Quality.GOOD);
    }
    historian.append(resent);
    historian.append(resent);
    historian.flush().get(30, TimeUnit.SECONDS);

    assertThat(historian.count(point).get(10, TimeUnit.SECONDS)).isEqualTo(10);
    List<HistoryRow> rows =
        historian
            .history(point, T0, T0.plusSeconds(60), Duration.ofMinutes(1))
            .get(10, TimeUnit.SECONDS);
    assertThat(rows).containsExactly(new HistoryRow(T0, 5, 5, 5, 10));
  }

  @Test
  void aPointWithoutSamplesHasNoHistory() throws Exception {
    Point point = point(4);

    assertThat(historian.history(point, T0, T0.plusSeconds(3600), Duration.ofMinutes(5)).get())
        .isEmpty();
    assertThat(historian.count(point).get()).isZero();
  }

  @Test
  void badQueryArgumentsFailTheFuture() {
    Point point = point(5);

    assertThatThrownBy(() -> historian.history(point, T0, T0, Duration.ofMinutes(1)).get())
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> historian.history(point, T0, T0.plusSeconds(60), Duration.ofMillis(1500)).get())
        .hasCauseInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void samplesOfUnknownPointsAreRefusedAndTheRestKept() throws Exception {
    Point point = point(6);
    SampleBatch batch = new SampleBatch(4);
    add(batch, point, T0, 1, Quality.GOOD);
    batch.add(SITE.points().size(), micros(T0), 1, Quality.GOOD, DataFlag.N);
    batch.add(-1, micros(T0), 1, Quality.GOOD, DataFlag.N);
    add(batch, point, T0.plusSeconds(1), 2, Quality.GOOD);

    historian.append(batch);
    historian.flush().get(30, TimeUnit.SECONDS);

    assertThat(historian.count(point).get(10, TimeUnit.SECONDS)).isEqualTo(2);
    assertThat(registry.get("helan.historian.samples.rejected").counter().count()).isEqualTo(2);
  }

  @Test
  void whenTheQueueIsFullSamplesGoToTheSpoolAndAreReplayed(@TempDir Path smallSpoolDir)
      throws Exception {
    Point point = point(7);
    List<String> pointIds = SITE.points().stream().map(Point::id).toList();
    SimpleMeterRegistry writerRegistry = new SimpleMeterRegistry();
    try (QueryWorkers workers = new QueryWorkers("test");
        HistorianWriter writer =
            new HistorianWriter(
                "test",
                new WalRowWriter(questDb::engine, pointIds),
                new SampleQueue(2, 10),
                new SampleSpool(smallSpoolDir, pointIds, 25),
                pointIds.size(),
                writerRegistry,
                workers)) {
      // the writer is not running yet: two buffers of 10 fill up, the rest must spill
      SampleBatch batch = new SampleBatch(10);
      for (int b = 0; b < 100; b++) {
        batch.clear();
        for (int i = 0; i < 10; i++) {
          add(batch, point, T0.plusSeconds(b * 10L + i), b, Quality.GOOD);
        }
        writer.append(batch);
      }
      assertThat(writerRegistry.get("helan.historian.samples.spooled").counter().count())
          .isEqualTo(980);
      assertThat(writer.backlog()).isEqualTo(1000);

      writer.start();
      writer.flush().get(30, TimeUnit.SECONDS);

      assertThat(historian.count(point).get(10, TimeUnit.SECONDS)).isEqualTo(1000);
      assertThat(writer.backlog()).isZero();
      try (var files = Files.list(smallSpoolDir)) {
        assertThat(files.map(file -> file.getFileName().toString()))
            .noneMatch(name -> name.endsWith(".spool"));
      }
    }
  }

  static Point point(int index) {
    return SITE.points().get(index);
  }

  static void add(SampleBatch batch, Point point, Instant time, double value, Quality quality) {
    batch.add(point.index(), micros(time), value, quality, DataFlag.N);
  }

  static long micros(Instant time) {
    return SamplesTable.micros(time);
  }
}
