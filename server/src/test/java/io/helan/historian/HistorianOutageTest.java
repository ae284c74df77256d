package io.helan.historian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.helan.bench.SyntheticSite;
import io.helan.config.Point;
import io.helan.config.Site;
import io.helan.driver.DataFlag;
import io.helan.driver.Quality;
import io.helan.driver.SampleBatch;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * QuestDB stops under the historian: samples go to the spool and reach the table once it is back,
 * also when the historian itself was restarted meanwhile.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class HistorianOutageTest {
  static final Instant T0 = Instant.parse("2026-03-02T00:00:00Z");
  static final Site SITE = SyntheticSite.create(5);

  @TempDir Path questDbDir;
  @TempDir Path spoolDir;
  final AtomicReference<QuestDbEmbedded> questDb = new AtomicReference<>();

  @AfterEach
  void stopQuestDb() {
    if (questDb.get() != null) {
      questDb.get().close();
    }
  }

  @Test
  void samplesAppendedWhileQuestDbIsDownAreWrittenWhenItIsBack() throws Exception {
    startQuestDb();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (QuestDbHistorian historian =
        new QuestDbHistorian(SITE, questDb::get, CommitCadence.DEFAULT, registry, spoolDir)) {
      historian.start();
      historian.append(samples(0, 100));
      historian.flush().get(30, TimeUnit.SECONDS);

      questDb.get().close();
      historian.append(samples(100, 100));
      CompletableFuture<Void> flushed = historian.flush();

      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> registry.get("helan.historian.samples.spooled").counter().count() == 100);
      assertThat(spoolSegments()).isNotZero();
      assertThat(historian.backlog()).isEqualTo(100);
      assertThat(flushed).isNotDone();

      startQuestDb();
      flushed.get(30, TimeUnit.SECONDS);

      assertThat(historian.count(point()).get(10, TimeUnit.SECONDS)).isEqualTo(200);
      assertThat(historian.backlog()).isZero();
      assertThat(spoolSegments()).isZero();
    }
  }

  @Test
  void samplesSpooledBeforeARestartOfTheHistorianAreReplayedByTheNextOne() throws Exception {
    startQuestDb();
    try (QuestDbHistorian historian =
        new QuestDbHistorian(
            SITE, questDb::get, CommitCadence.DEFAULT, new SimpleMeterRegistry(), spoolDir)) {
      historian.start();
      questDb.get().close();
      historian.append(samples(0, 300));
    }
    assertThat(spoolSegments()).isNotZero();

    startQuestDb();
    try (QuestDbHistorian historian =
        new QuestDbHistorian(
            SITE, questDb::get, CommitCadence.DEFAULT, new SimpleMeterRegistry(), spoolDir)) {
      historian.start();
      assertThat(historian.backlog()).isEqualTo(300);
      historian.append(samples(300, 50));
      historian.flush().get(30, TimeUnit.SECONDS);

      assertThat(historian.count(point()).get(10, TimeUnit.SECONDS)).isEqualTo(350);
      assertThat(spoolSegments()).isZero();
    }
  }

  void startQuestDb() {
    questDb.set(QuestDbEmbedded.start(questDbDir));
  }

  static Point point() {
    return SITE.points().get(0);
  }

  static SampleBatch samples(int first, int count) {
    SampleBatch batch = new SampleBatch(count);
    for (int i = first; i < first + count; i++) {
      batch.add(
          point().index(), SamplesTable.micros(T0.plusSeconds(i)), i, Quality.GOOD, DataFlag.N);
    }
    return batch;
  }

  long spoolSegments() throws IOException {
    try (var files = Files.list(spoolDir)) {
      return files.filter(file -> file.toString().endsWith(".spool")).count();
    }
  }
}
