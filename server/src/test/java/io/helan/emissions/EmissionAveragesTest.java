package io.helan.emissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.helan.aggregates.AveragingRules;
import io.helan.aggregates.ValidatedAverages;
import io.helan.config.EmissionLimit;
import io.helan.driver.DataFlag;
import io.helan.driver.Quality;
import io.helan.historian.RawSample;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reference-O2 conversion and hourly exceedance judgement, worked by hand. */
class EmissionAveragesTest {
  private static final Instant HOUR = Instant.parse("2026-07-15T02:00:00Z");

  /** A coal boiler: SO2 at most 200 mg/m³ at 9 % O2. */
  private static final EmissionLimit COAL_BOILER_SO2 = new EmissionLimit(200, 9, "o2");

  private final EmissionAverages emissions =
      new EmissionAverages(
          new ValidatedAverages(AveragingRules.DEFAULT, ZoneId.of("Asia/Shanghai")));

  @Test
  void conversionToReferenceOxygen() {
    // 100 × (21 − 9) / (21 − 12) = 133.3
    assertThat(ReferenceOxygen.convert(100, 9, 12)).isCloseTo(400 / 3.0, within(1e-9));
    assertThat(ReferenceOxygen.convert(50, 15, 15)).isEqualTo(50);
    // 30 × 46/30 + 10 = 56
    assertThat(ReferenceOxygen.nitrogenOxidesAsNo2(30, 10)).isCloseTo(56, within(1e-9));
    assertThatThrownBy(() -> ReferenceOxygen.convert(100, 9, 21))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("below 21 %");
  }

  @Test
  void anHourBelowTheLimitAsMeasuredCanExceedItAtReferenceOxygen() {
    List<RawSample> so2 = new ArrayList<>();
    List<RawSample> o2 = new ArrayList<>();
    everyMinute(0, so2, 160, DataFlag.N);
    everyMinute(0, o2, 11, DataFlag.N);
    everyMinute(1, so2, 160, DataFlag.N);
    everyMinute(1, o2, 12, DataFlag.N);

    List<EmissionHour> hours = judge(so2, o2, COAL_BOILER_SO2, 2);

    // 160 × 12/10 = 192: within the limit.
    assertThat(hours.get(0).converted()).isCloseTo(192, within(1e-9));
    assertThat(hours.get(0).isExceedance()).isFalse();
    // 160 × 12/9 = 213.3: above 200 although 160 as measured is not.
    assertThat(hours.get(1).converted()).isCloseTo(640 / 3.0, within(1e-9));
    assertThat(hours.get(1).isExceedance()).isTrue();
    assertThat(hours.get(1).measured().value()).isEqualTo(160);
    assertThat(hours.get(1).o2().value()).isEqualTo(12);
  }

  @Test
  void calibrationAndMaintenanceHoursAreNotJudged() {
    List<RawSample> so2 = new ArrayList<>();
    List<RawSample> o2 = new ArrayList<>();
    for (int minute = 0; minute < 60; minute++) {
      boolean calibrating = minute < 20;
      so2.add(sample(0, minute, calibrating ? 500 : 160, calibrating ? DataFlag.C : DataFlag.N));
      o2.add(sample(0, minute, 11, DataFlag.N));
    }
    everyMinute(1, so2, 400, DataFlag.N);
    everyMinute(1, o2, 11, DataFlag.M); // the O2 analyser is in maintenance

    List<EmissionHour> hours = judge(so2, o2, COAL_BOILER_SO2, 2);

    assertThat(hours.get(0).measured().validCount()).isEqualTo(40);
    assertThat(hours.get(0).isValid()).as("40 valid minutes, the span gas left out").isFalse();
    assertThat(hours.get(0).isExceedance()).isFalse();
    assertThat(hours.get(1).isValid()).as("no valid O2 to convert with").isFalse();
    assertThat(hours.get(1).isExceedance()).isFalse();
  }

  @Test
  void wastewaterNeedsNoConversion() {
    List<RawSample> cod = new ArrayList<>();
    everyMinute(0, cod, 55, DataFlag.N);

    EmissionHour hour = judge(cod, List.of(), new EmissionLimit(50, Double.NaN, null), 1).get(0);

    assertThat(hour.converted()).isEqualTo(55);
    assertThat(hour.o2()).isNull();
    assertThat(hour.isExceedance()).isTrue();
  }

  private List<EmissionHour> judge(
      List<RawSample> pollutant, List<RawSample> o2, EmissionLimit limit, int hours) {
    return emissions.hourly(pollutant, o2, limit, HOUR, HOUR.plus(hours, ChronoUnit.HOURS));
  }

  private static void everyMinute(int hour, List<RawSample> into, double value, DataFlag flag) {
    for (int minute = 0; minute < 60; minute++) {
      into.add(sample(hour, minute, value, flag));
    }
  }

  private static RawSample sample(int hour, int minute, double value, DataFlag flag) {
    Instant time = HOUR.plus(hour, ChronoUnit.HOURS).plus(minute, ChronoUnit.MINUTES);
    return new RawSample(time, value, Quality.GOOD, flag);
  }
}
