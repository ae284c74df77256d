package io.helan.historian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.helan.bench.SyntheticSite;
import io.helan.config.Point;
import io.helan.config.Site;
import io.helan.driver.DataFlag;
import io.helan.driver.Quality;
import io.helan.driver.SampleBatch;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The minute rollup answers a trend exactly as the samples do: partial minutes at either end, bad
 * samples left out, steps of several minutes; and it serves only steps made of whole minutes.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MinuteRollupTest {
  private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");
  private static final Site SITE = SyntheticSite.create(2);

  @TempDir Path questDbDir;
  @TempDir Path spoolDir;

  @Test
  void servesWholeMinutesOfStepsMadeOfWholeMinutes() {
    Instant from = T0.plusSeconds(17);
    Instant to = T0.plusSeconds(3_600 + 23);

    assertThat(MinuteRollup.span(from, to, Duration.ofMinutes(5)))
        .contains(new MinuteRollup.Span(T0.plusSeconds(60), T0.plusSeconds(3_600)));
    assertThat(MinuteRollup.span(T0, T0.plusSeconds(3_600), Duration.ofMinutes(1)))
        .contains(new MinuteRollup.Span(T0, T0.plusSeconds(3_600)));
    assertThat(MinuteRollup.span(from, to, Duration.ofSeconds(87))).as("87 s").isEmpty();
    assertThat(MinuteRollup.span(from, to, Duration.ofSeconds(30))).as("30 s").isEmpty();
    assertThat(MinuteRollup.span(from, to, Duration.ofMinutes(7))).as("7 min").isEmpty();
    assertThat(MinuteRollup.span(from, T0.plusSeconds(59), Duration.ofMinutes(1)))
        .as("no whole minute")
        .isEmpty();
  }

  @Test
  void aTrendFromTheRollupEqualsTheTrendFromTheSamples() throws Exception {
    try (QuestDbEmbedded questDb = QuestDbEmbedded.start(questDbDir);
        QuestDbHistorian historian =
            new QuestDbHistorian(
                SITE, () -> questDb, CommitCadence.DEFAULT, new SimpleMeterRegistry(), spoolDir)) {
      historian.start();
      Point point = SITE.points().get(0);
      Point other = SITE.points().get(1);
      SampleBatch batch = new SampleBatch(2 * 600);
      for (int block = 0; block < 12; block++) {
        batch.clear();
        for (int s = block * 600; s < (block + 1) * 600; s++) {
          long micros = SamplesTable.micros(T0.plusSeconds(s));
          Quality quality = s % 97 == 0 ? Quality.BAD_COMMUNICATION : Quality.GOOD;
          batch.add(point.index(), micros, Math.sin(s / 100.0) * 50 + s % 7, quality, DataFlag.N);
          batch.add(other.index(), micros, 1_000 + s, Quality.GOOD, DataFlag.N);
        }
        historian.append(batch);
      }
      historian.flush().get(30, TimeUnit.SECONDS);
      await().atMost(Duration.ofSeconds(60)).until(() -> MinuteRollup.current(questDb.engine()));

      Instant from = T0.plusSeconds(17);
      Instant to = T0.plusSeconds(7_200 - 23);
      for (Duration step : List.of(Duration.ofMinutes(1), Duration.ofMinutes(5))) {
        List<HistoryRow> fromRollup = historian.history(point, from, to, step).get();
        List<HistoryRow> fromSamples = samples(questDb, point, from, to, step);
        assertThat(fromRollup).as("steps of %s", step).hasSameSizeAs(fromSamples);
        for (int i = 0; i < fromSamples.size(); i++) {
          HistoryRow expected = fromSamples.get(i);
          HistoryRow actual = fromRollup.get(i);
          assertThat(actual.time()).isEqualTo(expected.time());
          assertThat(actual.count()).isEqualTo(expected.count());
          assertThat(actual.min()).isEqualTo(expected.min());
          assertThat(actual.max()).isEqualTo(expected.max());
          assertThat(actual.avg()).isCloseTo(expected.avg(), within(1e-9));
        }
      }
      long good = 7_200 - (7_200 + 96) / 97;
      assertThat(
              historian
                  .history(point, T0, T0.plusSeconds(7_200), Duration.ofHours(1))
                  .get()
                  .stream()
                  .mapToLong(HistoryRow::count)
                  .sum())
          .isEqualTo(good);
    }
  }

  /** The trend as the samples table alone answers it. */
  private static List<HistoryRow> samples(
      QuestDbEmbedded questDb, Point point, Instant from, Instant to, Duration step) {
    List<HistoryRow> rows = new ArrayList<>();
    QuestDbQuery.select(
        questDb.engine(),
        SamplesTable.historySql("$1", "$2", "$3", step),
        List.of(point.id(), from, to),
        (r, columns) ->
            rows.add(
                new HistoryRow(
                    SamplesTable.instant(r.getTimestamp(0)),
                    r.getDouble(1),
                    r.getDouble(2),
                    r.getDouble(3),
                    r.getLong(4))));
    return rows;
  }
}
