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
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The historian on an external QuestDB server: a QuestDB of its own with the HTTP endpoint on and a
 * password, as a separate server would have.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class HistorianExternalTest {
  static final Instant T0 = Instant.parse("2026-03-03T12:00:00Z");
  static final Site SITE = SyntheticSite.create(5);

  @TempDir static Path questDbDir;
  static QuestDbEmbedded server;
  static final QuestDbConsole CONSOLE = QuestDbConsole.withGeneratedPassword(0, 0);

  @TempDir Path spoolDir;

  @BeforeAll
  static void startServer() {
    server = QuestDbEmbedded.start(questDbDir, CONSOLE);
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @Test
  void samplesMakeTheRoundTripThroughIlpAndHttpQueries() throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (IlpHistorian historian =
        new IlpHistorian(SITE, serverUrl(), CommitCadence.DEFAULT, registry, spoolDir)) {
      historian.start();
      Point point = SITE.points().get(0);
      SampleBatch batch = new SampleBatch(8);
      batch.add(point.index(), micros(T0), 1, Quality.GOOD, DataFlag.N);
      batch.add(point.index(), micros(T0.plusSeconds(30)), 3, Quality.GOOD, DataFlag.C);
      batch.add(
          point.index(), micros(T0.plusSeconds(45)), 7, Quality.BAD_SENSOR_FAILURE, DataFlag.D);
      batch.add(point.index(), micros(T0.plusSeconds(60)), 10, Quality.GOOD, DataFlag.N);
      historian.append(batch);
      historian.append(batch);
      historian.flush().get(30, TimeUnit.SECONDS);

      assertThat(historian.count(point).get(10, TimeUnit.SECONDS)).isEqualTo(4);
      assertThat(
              historian
                  .history(point, T0, T0.plusSeconds(120), Duration.ofMinutes(1))
                  .get(10, TimeUnit.SECONDS))
          .containsExactly(
              new HistoryRow(T0, 2, 1, 3, 2), new HistoryRow(T0.plusSeconds(60), 10, 10, 10, 1));
      assertThat(historian.raw(point, T0, T0.plusSeconds(60), 10, true).get(10, TimeUnit.SECONDS))
          .containsExactly(
              new RawSample(T0.plusSeconds(45), 7, Quality.BAD_SENSOR_FAILURE, DataFlag.D),
              new RawSample(T0.plusSeconds(30), 3, Quality.GOOD, DataFlag.C),
              new RawSample(T0, 1, Quality.GOOD, DataFlag.N));
      assertThat(registry.get("helan.historian.rows.written").counter().count()).isEqualTo(8);
    }
  }

  @Test
  void validHourlyMeansOfThousandsOfPointsFitQuestDbsUrl() throws Exception {
    // 5,000 ids in one statement make a URL QuestDB refuses ("url is too long")
    Site site = SyntheticSite.create(5_000);
    Point first = site.points().get(0);
    Point last = site.points().get(site.points().size() - 1);
    Instant hour = T0.plus(Duration.ofDays(1)); // the other tests write T0's hour
    try (IlpHistorian historian =
        new IlpHistorian(
            site, serverUrl(), CommitCadence.DEFAULT, new SimpleMeterRegistry(), spoolDir)) {
      historian.start();
      SampleBatch batch = new SampleBatch(4);
      batch.add(first.index(), micros(hour), 1, Quality.GOOD, DataFlag.N);
      batch.add(first.index(), micros(hour.plusSeconds(10)), 3, Quality.GOOD, DataFlag.N);
      batch.add(last.index(), micros(hour), 5, Quality.GOOD, DataFlag.N);
      historian.append(batch);
      historian.flush().get(30, TimeUnit.SECONDS);

      assertThat(
              historian
                  .validHourlyMeans(site.points(), hour, hour.plus(Duration.ofHours(1)))
                  .get(30, TimeUnit.SECONDS))
          .containsExactly(
              new HourlyValidMean(first.id(), hour, 2, 1),
              new HourlyValidMean(last.id(), hour, 5, 1));
    }
  }

  @Test
  void samplesAppendedWhileTheServerIsDownArriveWhenItIsBack() throws Exception {
    int port = server.httpPort();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (IlpHistorian historian =
        new IlpHistorian(SITE, serverUrl(), CommitCadence.DEFAULT, registry, spoolDir)) {
      historian.start();
      Point point = SITE.points().get(1);
      historian.append(samples(point, 0, 50));
      historian.flush().get(30, TimeUnit.SECONDS);

      server.close();
      historian.append(samples(point, 50, 50));
      CompletableFuture<Void> flushed = historian.flush();
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> registry.get("helan.historian.samples.spooled").counter().count() == 50);
      assertThat(flushed).isNotDone();

      server =
          QuestDbEmbedded.start(
              questDbDir, new QuestDbConsole(port, 0, CONSOLE.user(), CONSOLE.password()));
      flushed.get(60, TimeUnit.SECONDS);

      assertThat(historian.count(point).get(10, TimeUnit.SECONDS)).isEqualTo(100);
      assertThat(historian.backlog()).isZero();
    }
  }

  static URI serverUrl() {
    return CONSOLE.httpUrl(server.httpPort());
  }

  static SampleBatch samples(Point point, int first, int count) {
    SampleBatch batch = new SampleBatch(count);
    for (int i = first; i < first + count; i++) {
      batch.add(point.index(), micros(T0.plusSeconds(i)), i, Quality.GOOD, DataFlag.N);
    }
    return batch;
  }

  static long micros(Instant time) {
    return SamplesTable.micros(time);
  }
}
