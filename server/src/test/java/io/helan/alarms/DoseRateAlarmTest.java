package io.helan.alarms;

import static io.helan.alarms.TestSite.point;
import static org.assertj.core.api.Assertions.assertThat;

import io.helan.config.AlarmLimits;
import io.helan.config.DoseRateLevels;
import io.helan.config.Site;
import io.helan.config.StationKind;
import io.helan.driver.DataFlag;
import io.helan.driver.Quality;
import io.helan.driver.SampleBatch;
import io.helan.simulator.environment.GammaDoseModel;
import io.helan.simulator.environment.GammaSample;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Radiation investigation and alarm levels against each station's own background, fed with the
 * simulators' gamma dose model (background, dawn radon peak, counting noise and rain washout): five
 * weeks of normal readings raise nothing, a dose-rate rise raises both levels.
 */
class DoseRateAlarmTest {
  private static final String DOSE = "zw-shapotou.gamma.dose-rate";
  private static final String RAIN = "zw-shapotou.gamma.rain";
  private static final String INVESTIGATION = DOSE + "/DOSE_RATE_INVESTIGATION";
  private static final String ALARM = DOSE + "/DOSE_RATE_ALARM";
  private static final Duration STEP = Duration.ofMinutes(5);

  private static final Site SITE =
      new TestSite()
          .region("zw", "中卫")
          .station(
              "zw-shapotou",
              StationKind.RADIATION_GAMMA,
              "zw",
              "gamma",
              point(
                  "dose-rate",
                  "nGy/h",
                  new AlarmLimits(
                      Double.NaN,
                      Double.NaN,
                      Double.NaN,
                      Double.NaN,
                      1,
                      0,
                      0,
                      0,
                      Double.NaN,
                      DoseRateLevels.withAbsoluteLevels(Double.NaN, 250),
                      null)),
              point("rain", "", AlarmLimits.NONE))
          .build();

  private final TestQuestDb questDb = TestQuestDb.shared();
  private final GammaDoseModel model = new GammaDoseModel("zw-shapotou");
  private final SampleBatch batch = new SampleBatch(2);
  private AlarmHarness alarms;
  private ZonedDateTime time = ZonedDateTime.of(2026, 6, 1, 0, 0, 0, 0, ZoneId.of("Asia/Shanghai"));

  @BeforeEach
  void startEngine() {
    questDb.dropAlarmTables();
    alarms = new AlarmHarness(SITE, AlarmHarness.settings(), questDb);
  }

  @AfterEach
  void stopEngine() {
    alarms.close();
  }

  @Test
  void normalReadingsWithRainRaiseNothingAndARiseRaisesBothLevels() {
    RadiationBaseline baseline = alarms.engine.baseline(DOSE).orElseThrow();
    int wetReadingsAboveDryInvestigationLevel = 0;
    for (int i = 0; i < Duration.ofDays(35).dividedBy(STEP); i++) {
      GammaSample sample = model.sample(time);
      double dryInvestigationLevel = baseline.mean() + 3 * baseline.sigma();
      if (sample.raining() && baseline.isReady() && sample.doseRate() > dryInvestigationLevel) {
        wetReadingsAboveDryInvestigationLevel++;
      }
      feed(sample.doseRate(), sample.raining());
      time = time.plus(STEP);
    }
    alarms.settle();

    RadiationBaseline.Background background = baseline.background();
    assertThat(background.ready()).isTrue();
    assertThat(background.mean()).isBetween(70.0, 110.0);
    assertThat(background.sigma()).isLessThan(0.05 * background.mean());
    assertThat(wetReadingsAboveDryInvestigationLevel)
        .as("rain washout that dry levels would have taken for a release")
        .isGreaterThan(10);
    assertThat(alarms.journalOf(INVESTIGATION))
        .as("no investigation alarm from normal noise")
        .isEmpty();
    assertThat(alarms.journalOf(ALARM)).isEmpty();

    // A release: the dose rate climbs to twice the background over two hours.
    double investigationLevel = background.mean() + 3 * background.sigma();
    double valueAtInvestigation = Double.NaN;
    int steps = (int) Duration.ofHours(2).dividedBy(STEP);
    for (int i = 1; i <= steps; i++) {
      GammaSample sample = model.sample(time);
      feed(sample.doseRate() * (1 + (double) i / steps), false);
      time = time.plus(STEP);
      if (Double.isNaN(valueAtInvestigation)
          && alarms.state(INVESTIGATION) == AlarmState.UNACKNOWLEDGED_ACTIVE) {
        valueAtInvestigation = alarms.alarm(INVESTIGATION).value();
      }
    }
    assertThat(alarms.state(INVESTIGATION)).isEqualTo(AlarmState.UNACKNOWLEDGED_ACTIVE);
    assertThat(alarms.state(ALARM)).isEqualTo(AlarmState.UNACKNOWLEDGED_ACTIVE);
    AlarmRecord investigation = alarms.alarm(INVESTIGATION);
    assertThat(investigation.limit())
        .isCloseTo(investigationLevel, org.assertj.core.data.Offset.offset(1.0));
    assertThat(valueAtInvestigation)
        .as("caught early in the rise, far below the absolute level of 250")
        .isLessThan(1.25 * background.mean());
    assertThat(alarms.alarm(ALARM).priority()).isLessThan(investigation.priority());
    assertThat(baseline.mean())
        .as("the rise does not leak into the background")
        .isCloseTo(background.mean(), org.assertj.core.data.Offset.offset(0.5));
  }

  @Test
  void rainRaisesTheLevelsAndSaysSo() {
    for (int i = 0; i < Duration.ofDays(3).dividedBy(STEP); i++) {
      feed(80 + (i % 3), false);
      time = time.plus(STEP);
    }
    RadiationBaseline baseline = alarms.engine.baseline(DOSE).orElseThrow();
    double dryLevel = baseline.mean() + 3 * baseline.sigma();
    for (int i = 0; i < 6; i++) {
      feed(dryLevel * 1.15, true); // washout: above the dry level, within the rain allowance
      time = time.plus(STEP);
    }
    assertThat(alarms.state(INVESTIGATION)).isEqualTo(AlarmState.NORMAL);
    for (int i = 0; i < 6; i++) {
      feed(dryLevel * 1.15, false); // the rain stopped, the readings are still wet
      time = time.plus(STEP);
    }
    assertThat(alarms.state(INVESTIGATION)).isEqualTo(AlarmState.NORMAL);
    for (int i = 0; i < 6; i++) {
      feed(baseline.mean() * 1.6, true); // more than washout explains
      time = time.plus(STEP);
    }
    alarms.settle();
    AlarmRecord raised = alarms.alarm(INVESTIGATION);
    assertThat(raised.state()).isEqualTo(AlarmState.UNACKNOWLEDGED_ACTIVE);
    assertThat(raised.message()).contains("降雨");
    assertThat(raised.limit()).isGreaterThan(dryLevel * 1.4);
  }

  private void feed(double doseRate, boolean raining) {
    long micros = AlarmHarness.micros(time.toInstant());
    batch.clear();
    batch.add(alarms.index(RAIN), micros, raining ? 1 : 0, Quality.GOOD, DataFlag.N);
    batch.add(alarms.index(DOSE), micros, doseRate, Quality.GOOD, DataFlag.N);
    alarms.engine.onBatch(batch, 0);
  }
}
