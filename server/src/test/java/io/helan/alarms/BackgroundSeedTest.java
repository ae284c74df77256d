package io.helan.alarms;

import static io.helan.alarms.TestSite.point;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.helan.config.AlarmLimits;
import io.helan.config.DoseRateLevels;
import io.helan.config.Site;
import io.helan.config.StationKind;
import io.helan.driver.DataFlag;
import io.helan.driver.Quality;
import io.helan.driver.SampleBatch;
import io.helan.historian.CommitCadence;
import io.helan.historian.Historian;
import io.helan.historian.IlpHistorian;
import io.helan.historian.QuestDbConsole;
import io.helan.historian.QuestDbEmbedded;
import io.helan.historian.QuestDbHistorian;
import io.helan.historian.SamplesTable;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * After a restart the radiation background comes back from the historian's samples at once, from an
 * embedded or an external historian alike.
 */
class BackgroundSeedTest {
  private static final String DOSE = "gy-jiancezhan.gamma.dose-rate";
  private static final String RAIN = "gy-jiancezhan.gamma.rain";
  private static final Site SITE =
      new TestSite()
          .region("gy", "固原")
          .station(
              "gy-jiancezhan",
              StationKind.RADIATION_GAMMA,
              "gy",
              "gamma",
              point(
                  "dose-rate",
                  "nGy/h",
                  new AlarmLimits(
                      Double.NaN,
                      Double.NaN,
                      Double.NaN,
                      Double.NaN,
                      0,
                      0,
                      0,
                      0,
                      Double.NaN,
                      DoseRateLevels.withAbsoluteLevels(Double.NaN, Double.NaN),
                      null)),
              point("rain", "", AlarmLimits.NONE))
          .build();

  @Test
  void theBackgroundIsSeededFromTheEmbeddedHistorian(@TempDir Path spool) throws Exception {
    TestQuestDb questDb = TestQuestDb.shared();
    questDb.dropAlarmTables();
    questDb.drop(SamplesTable.NAME);
    try (QuestDbHistorian historian =
        new QuestDbHistorian(
            SITE, questDb::questDb, CommitCadence.DEFAULT, new SimpleMeterRegistry(), spool)) {
      historian.start();
      seedsFromValidDryHistoryAndHoldsAtOnce(historian, questDb);
    }
  }

  @Test
  void theBackgroundIsSeededFromAnExternalHistorian(@TempDir Path server, @TempDir Path spool)
      throws Exception {
    TestQuestDb questDb = TestQuestDb.shared();
    questDb.dropAlarmTables();
    QuestDbConsole console = QuestDbConsole.withGeneratedPassword(0, 0);
    try (QuestDbEmbedded external = QuestDbEmbedded.start(server, console);
        IlpHistorian historian =
            new IlpHistorian(
                SITE,
                console.httpUrl(external.httpPort()),
                CommitCadence.DEFAULT,
                new SimpleMeterRegistry(),
                spool)) {
      historian.start();
      seedsFromValidDryHistoryAndHoldsAtOnce(historian, questDb);
    }
  }

  /**
   * Three days of history: noise around 90, two hours of rain with washout, an hour of maintenance
   * with a check source on the detector. The seeded background is that of the dry, valid readings
   * and judges the first live readings.
   */
  private static void seedsFromValidDryHistoryAndHoldsAtOnce(
      Historian historian, TestQuestDb questDb) throws Exception {
    Instant now = Instant.now();
    Instant start = now.minus(Duration.ofDays(3));
    Instant rainFrom = start.plus(Duration.ofHours(30));
    Instant maintenanceFrom = start.plus(Duration.ofHours(50));
    Random random = new Random(11);
    double sum = 0;
    double sumSquares = 0;
    int dry = 0;
    SampleBatch batch = new SampleBatch(2);
    for (Instant t = start; t.isBefore(now.minusSeconds(60)); t = t.plus(Duration.ofMinutes(5))) {
      boolean raining = !t.isBefore(rainFrom) && t.isBefore(rainFrom.plus(Duration.ofHours(2)));
      boolean maintenance =
          !t.isBefore(maintenanceFrom) && t.isBefore(maintenanceFrom.plus(Duration.ofHours(1)));
      double dose = 90 + 2 * random.nextGaussian();
      if (raining) {
        dose *= 1.3;
      } else if (maintenance) {
        dose = 5000;
      } else {
        sum += dose;
        sumSquares += dose * dose;
        dry++;
      }
      long micros = AlarmHarness.micros(t);
      batch.clear();
      batch.add(
          SITE.point(RAIN).orElseThrow().index(),
          micros,
          raining ? 1 : 0,
          Quality.GOOD,
          DataFlag.N);
      batch.add(
          SITE.point(DOSE).orElseThrow().index(),
          micros,
          dose,
          Quality.GOOD,
          maintenance ? DataFlag.M : DataFlag.N);
      historian.append(batch);
    }
    historian.flush().get(60, TimeUnit.SECONDS);
    double mean = sum / dry;
    double sigma = Math.sqrt((sumSquares - dry * mean * mean) / (dry - 1));

    try (AlarmHarness alarms = new AlarmHarness(SITE, AlarmHarness.settings(), questDb)) {
      RadiationBaseline baseline = alarms.engine.baseline(DOSE).orElseThrow();
      assertThat(baseline.isReady()).isFalse();
      alarms.engine.seedBackgrounds(historian);
      assertThat(baseline.isReady()).isTrue();
      assertThat(baseline.mean()).isCloseTo(mean, within(0.3));
      assertThat(baseline.sigma()).isCloseTo(sigma, within(0.15 * sigma));

      for (int i = 0; i < 3; i++) {
        alarms.sample(DOSE, 90 + 6 * sigma);
      }
      assertThat(alarms.state(DOSE + "/DOSE_RATE_INVESTIGATION"))
          .isEqualTo(AlarmState.UNACKNOWLEDGED_ACTIVE);
      assertThat(alarms.state(DOSE + "/DOSE_RATE_ALARM"))
          .isEqualTo(AlarmState.UNACKNOWLEDGED_ACTIVE);
    }
  }
}
