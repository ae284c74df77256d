package io.helan.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.helan.config.Site;
import io.helan.config.SiteLoader;
import io.helan.driver.DataFlag;
import io.helan.driver.Quality;
import io.helan.driver.SampleBatch;
import io.helan.simulator.environment.AirQualityModel;
import io.helan.simulator.environment.AirSample;
import io.helan.simulator.environment.Cycles;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each quality rule catching its pattern, and leaving good data and raw values alone. */
class QualityRuleSetTest {
  private static final Site SITE =
      SiteLoader.load(Path.of("src/test/resources/sites/quality-rules.yaml"));
  private static final Instant NOW = Instant.parse("2026-07-15T04:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  private static final int PM25 = index("yc-air.aqm.pm25");
  private static final int PM10 = index("yc-air.aqm.pm10");
  private static final int NO2 = index("yc-air.aqm.no2");
  private static final int NOX = index("yc-air.aqm.nox");
  private static final int O2 = index("yc-plant.cems.o2");
  private static final int SO2 = index("yc-plant.cems.so2");

  @Test
  void theSiteFilesRulesCatchAFrozenAnalyserAndAnImplausibleValue() {
    QualityRuleSet rules = QualityRuleSet.builder(SITE).clock(CLOCK).configuredChecks().build();
    List<RuleFailure> failures = new ArrayList<>();
    for (int minute = 0; minute <= 60; minute++) {
      SampleBatch batch = new SampleBatch(1);
      double value = minute < 60 ? 35 : 900; // frozen for an hour, then above the range
      batch.add(PM25, micros(minute * 60), value, Quality.GOOD, DataFlag.N);
      failures.addAll(rules.apply(batch));
    }
    // flatlineMinutes 30: the samples from minute 30 to 59 are marked; 900 is outside [0, 800]
    assertThat(failures.subList(0, failures.size() - 1))
        .hasSize(30)
        .allSatisfy(f -> assertThat(f.rule()).isEqualTo(QualityRule.FLATLINE));
    assertThat(failures.get(failures.size() - 1).rule()).isEqualTo(QualityRule.RANGE);
  }

  @Test
  void aSimulatedDayPassesAndAFrozenAnalyserIsCaught() {
    QualityRuleSet rules =
        QualityRuleSet.builder(SITE)
            .clock(CLOCK)
            .point("yc-air.aqm.pm25", PointChecks.NONE.withFlatline(Duration.ofMinutes(30), 0))
            .point("yc-air.aqm.pm10", PointChecks.NONE.withFlatline(Duration.ofMinutes(30), 0))
            .standardCrossChecks(0, Duration.ofSeconds(60))
            .build();
    AirQualityModel model = new AirQualityModel("yc-air");
    ZonedDateTime midnight = ZonedDateTime.of(2026, 7, 15, 0, 0, 0, 0, Cycles.NINGXIA);
    double frozen = Double.NaN;
    List<RuleFailure> failures = new ArrayList<>();
    List<Double> sentPm25 = new ArrayList<>();
    List<Double> keptPm25 = new ArrayList<>();
    for (int minute = 0; minute < 24 * 60; minute++) {
      ZonedDateTime time = midnight.plusMinutes(minute);
      AirSample air = model.sample(time);
      boolean stuck = minute >= 10 * 60 && minute < 12 * 60; // the PM2.5 analyser hangs 10–12
      if (stuck && Double.isNaN(frozen)) {
        frozen = air.pm25();
      }
      double pm25 = stuck ? frozen : air.pm25();
      long micros = time.toInstant().toEpochMilli() * 1000;
      SampleBatch batch = new SampleBatch(4);
      batch.add(PM25, micros, pm25, Quality.GOOD, DataFlag.N);
      batch.add(PM10, micros, air.pm10(), Quality.GOOD, DataFlag.N);
      batch.add(NO2, micros, air.no2(), Quality.GOOD, DataFlag.N);
      batch.add(NOX, micros, air.no2() * 1.5, Quality.GOOD, DataFlag.N);
      for (RuleFailure failure : rules.apply(batch)) {
        failures.add(failure);
        assertThat(batch.quality(failure.index())).isEqualTo(Quality.UNCERTAIN);
      }
      sentPm25.add(pm25);
      keptPm25.add(batch.value(0));
    }

    assertThat(failures).allSatisfy(f -> assertThat(f.rule()).isEqualTo(QualityRule.FLATLINE));
    assertThat(failures).allSatisfy(f -> assertThat(f.point()).isEqualTo(PM25));
    // Unchanged from 10:00: the samples from 10:30 to 11:59 are marked, 90 of them.
    assertThat(failures).hasSize(90);
    assertThat(keptPm25).as("raw values are never changed").isEqualTo(sentPm25);
  }

  @Test
  void rangeAndOxygenChecksMarkWithoutChangingTheValue() {
    QualityRuleSet rules =
        QualityRuleSet.builder(SITE)
            .point("yc-plant.cems.so2", PointChecks.NONE.withRange(0, 1500))
            .build();
    SampleBatch batch = new SampleBatch(4);
    batch.add(O2, micros(0), 22, Quality.GOOD, DataFlag.N);
    batch.add(O2, micros(1), 8.5, Quality.GOOD, DataFlag.N);
    batch.add(O2, micros(2), -0.5, Quality.GOOD, DataFlag.N);
    batch.add(SO2, micros(0), 1600, Quality.GOOD, DataFlag.T);

    List<RuleFailure> failures = rules.apply(batch);

    assertThat(failures)
        .extracting(RuleFailure::index, RuleFailure::rule)
        .containsExactly(
            tuple(0, QualityRule.OXYGEN_RANGE),
            tuple(2, QualityRule.OXYGEN_RANGE),
            tuple(3, QualityRule.RANGE));
    assertThat(batch.quality(1)).isEqualTo(Quality.GOOD);
    assertThat(batch.value(0)).isEqualTo(22);
    assertThat(batch.value(3)).isEqualTo(1600);
    assertThat(batch.flag(3)).isEqualTo(DataFlag.T);
    assertThat(QualityRule.OXYGEN_RANGE.key()).isEqualTo("o2-range");
  }

  @Test
  void aSpikeFarFromTheRecentMeanIsMarked() {
    QualityRuleSet rules =
        QualityRuleSet.builder(SITE)
            .point("yc-air.aqm.pm10", PointChecks.NONE.withSpikeLimit(150))
            .build();
    double[] values = {50, 55, 48, 52, 50, 400, 50, 60};

    List<QualityRule> marked = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      marked.add(singleFailure(rules, PM10, micros(i * 60), values[i]));
    }

    // 400 − 51 > 150; back at 50 the mean of 55, 48, 52, 50, 400 is 121: 71 away, within.
    assertThat(marked).containsExactly(null, null, null, null, null, QualityRule.SPIKE, null, null);
  }

  @Test
  void aChangeFasterThanThePointCanIsMarked() {
    QualityRuleSet rules =
        QualityRuleSet.builder(SITE)
            .point("yc-air.aqm.no2", PointChecks.NONE.withMaxChangePerMinute(20))
            .build();

    assertThat(singleFailure(rules, NO2, micros(0), 50)).isNull();
    assertThat(singleFailure(rules, NO2, micros(30), 60)).as("10 in 30 s: 20 per minute").isNull();
    assertThat(singleFailure(rules, NO2, micros(90), 100))
        .as("40 in one minute")
        .isEqualTo(QualityRule.RATE_OF_CHANGE);
    assertThat(singleFailure(rules, NO2, micros(300), 130)).as("30 in 3.5 minutes").isNull();
  }

  @Test
  void crossChecksCompareSamplesOfTheSameTime() {
    QualityRuleSet rules =
        QualityRuleSet.builder(SITE).standardCrossChecks(0, Duration.ofSeconds(60)).build();

    SampleBatch inverted = new SampleBatch(4);
    inverted.add(PM25, micros(0), 80, Quality.GOOD, DataFlag.N);
    inverted.add(PM10, micros(0), 60, Quality.GOOD, DataFlag.N);
    inverted.add(NO2, micros(0), 100, Quality.GOOD, DataFlag.N);
    inverted.add(NOX, micros(0), 150, Quality.GOOD, DataFlag.N);
    List<RuleFailure> failures = rules.apply(inverted);

    assertThat(failures).extracting(RuleFailure::index).containsExactly(0, 1);
    assertThat(failures).allSatisfy(f -> assertThat(f.rule()).isEqualTo(QualityRule.CROSS_CHECK));
    assertThat(failures.get(0).detail()).isEqualTo("yc-air.aqm.pm25 80.0 > yc-air.aqm.pm10 60.0");
    assertThat(inverted.quality(2)).isEqualTo(Quality.GOOD);

    assertThat(singleFailure(rules, NO2, micros(30), 200))
        .as("NO2 above the NOx of 30 s before")
        .isEqualTo(QualityRule.CROSS_CHECK);
    assertThat(singleFailure(rules, PM25, micros(300), 90))
        .as("the PM10 value is 5 minutes old: no pair")
        .isNull();
  }

  @Test
  void samplesMeasuredTooLongAgoAreStale() {
    QualityRuleSet rules =
        QualityRuleSet.builder(SITE)
            .clock(CLOCK)
            .point("yc-air.aqm.pm25", PointChecks.NONE.withStaleAfter(Duration.ofMinutes(10)))
            .build();

    long twentyMinutesAgo = NOW.minus(Duration.ofMinutes(20)).toEpochMilli() * 1000;
    long fiveMinutesAgo = NOW.minus(Duration.ofMinutes(5)).toEpochMilli() * 1000;
    assertThat(singleFailure(rules, PM25, twentyMinutesAgo, 30)).isEqualTo(QualityRule.STALE);
    assertThat(singleFailure(rules, PM25, fiveMinutesAgo, 30)).isNull();
  }

  @Test
  void flaggedAndBadSamplesAreNotChecked() {
    QualityRuleSet rules =
        QualityRuleSet.builder(SITE)
            .point("yc-plant.cems.so2", PointChecks.NONE.withRange(0, 1500))
            .build();
    SampleBatch batch = new SampleBatch(2);
    batch.add(SO2, micros(0), 1900, Quality.GOOD, DataFlag.C); // span gas
    batch.add(SO2, micros(1), 1900, Quality.BAD_SENSOR_FAILURE, DataFlag.N);

    assertThat(rules.apply(batch)).isEmpty();
    assertThat(batch.quality(0)).isEqualTo(Quality.GOOD);
    assertThat(batch.quality(1)).isEqualTo(Quality.BAD_SENSOR_FAILURE);
  }

  @Test
  void badConfigurationIsRejected() {
    assertThatThrownBy(() -> QualityRuleSet.builder(SITE).point("yc-air.aqm.pm1", PointChecks.NONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no point 'yc-air.aqm.pm1'");
    assertThatThrownBy(() -> PointChecks.NONE.withRange(10, 5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is empty");
  }

  /** Checks one sample; returns the rule it failed, or null. */
  private static QualityRule singleFailure(
      QualityRuleSet rules, int point, long micros, double value) {
    SampleBatch batch = new SampleBatch(1);
    batch.add(point, micros, value, Quality.GOOD, DataFlag.N);
    List<RuleFailure> failures = rules.apply(batch);
    assertThat(failures).hasSizeLessThanOrEqualTo(1);
    return failures.isEmpty() ? null : failures.get(0).rule();
  }

  /** Microseconds since the epoch, {@code secondsAfterStart} after an hour before now. */
  private static long micros(int secondsAfterStart) {
    return NOW.minusSeconds(3600).plusSeconds(secondsAfterStart).toEpochMilli() * 1000;
  }

  private static int index(String pointId) {
    return SITE.point(pointId).orElseThrow().index();
  }
}
