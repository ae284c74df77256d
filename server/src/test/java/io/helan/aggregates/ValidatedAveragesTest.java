package io.helan.aggregates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.helan.driver.DataFlag;
import io.helan.driver.Quality;
import io.helan.historian.RawSample;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Validated hourly, daily and O3 8-hour means: validity counts, capture and excluded data. */
class ValidatedAveragesTest {
  private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
  private static final LocalDate DAY = LocalDate.of(2026, 7, 15);
  private static final Instant MIDNIGHT = DAY.atStartOfDay(BEIJING).toInstant();
  private static final Instant TEN = MIDNIGHT.plus(10, ChronoUnit.HOURS);

  private final ValidatedAverages averages = new ValidatedAverages(AveragingRules.DEFAULT, BEIJING);

  @Test
  void calibrationAndMaintenanceDataAreLeftOutOfTheHourlyMean() {
    List<RawSample> samples = new ArrayList<>();
    for (int second = 0; second < 3600; second += 30) {
      int minute = second / 60;
      if (minute >= 10 && minute < 20) {
        samples.add(sample(second, 400, DataFlag.C)); // span gas during calibration
      } else if (minute >= 40 && minute < 45) {
        samples.add(sample(second, 0, DataFlag.M)); // analyser opened for maintenance
      } else {
        samples.add(sample(second, 20, DataFlag.N));
      }
    }

    Mean hour = averages.hourly(samples, TEN, TEN.plus(1, ChronoUnit.HOURS)).get(0);

    assertThat(hour.value()).isEqualTo(20);
    assertThat(hour.validCount()).isEqualTo(45);
    assertThat(hour.captureRate()).isEqualTo(0.75);
    assertThat(hour.isValid()).as("45 valid minutes are enough").isTrue();
    assertThat(hour.start()).isEqualTo(TEN);
  }

  @Test
  void anHourWithFewerThan45ValidMinutesIsNotValid() {
    List<RawSample> samples = new ArrayList<>();
    for (int minute = 0; minute < 60; minute++) {
      samples.add(sample(minute * 60, 20, minute < 16 ? DataFlag.C : DataFlag.N));
    }

    Mean hour = averages.hourly(samples, TEN, TEN.plus(1, ChronoUnit.HOURS)).get(0);

    assertThat(hour.validCount()).isEqualTo(44);
    assertThat(hour.isValid()).isFalse();
    assertThat(hour.value()).as("the mean is kept beside its capture").isEqualTo(20);
  }

  @Test
  void everyExcludedFlagAndMarkedSampleIsLeftOut() {
    List<RawSample> samples = new ArrayList<>();
    DataFlag[] excluded = {DataFlag.F, DataFlag.M, DataFlag.S, DataFlag.D, DataFlag.C, DataFlag.B};
    for (int i = 0; i < excluded.length; i++) {
      samples.add(sample(i * 60, 999, excluded[i]));
    }
    samples.add(new RawSample(at(6 * 60), 999, Quality.UNCERTAIN, DataFlag.N)); // rule failure
    samples.add(new RawSample(at(7 * 60), 999, Quality.BAD_SENSOR_FAILURE, DataFlag.N));
    samples.add(sample(8 * 60, 30, DataFlag.N));
    samples.add(sample(9 * 60, 50, DataFlag.T)); // above the range: a real, high value

    Mean hour = averages.hourly(samples, TEN, TEN.plus(1, ChronoUnit.HOURS)).get(0);

    assertThat(hour.validCount()).isEqualTo(2);
    assertThat(hour.value()).isEqualTo(40);
  }

  @Test
  void samplesAreAveragedPerMinuteFirst() {
    List<RawSample> samples = new ArrayList<>();
    for (int s = 0; s < 10; s++) {
      samples.add(sample(s, 10, DataFlag.N)); // ten readings in minute 0
    }
    for (int minute = 1; minute < 45; minute++) {
      samples.add(sample(minute * 60, 40, DataFlag.N));
    }

    Mean hour = averages.hourly(samples, TEN, TEN.plus(1, ChronoUnit.HOURS)).get(0);

    assertThat(hour.value()).isCloseTo((10 + 44 * 40) / 45.0, within(1e-12));
  }

  @Test
  void hourlyMeansCoverEveryHourOfTheRange() {
    List<RawSample> samples = List.of(sample(-1, 5, DataFlag.N), sample(7200, 5, DataFlag.N));

    List<Mean> hours = averages.hourly(samples, TEN.plusSeconds(90), TEN.plus(2, ChronoUnit.HOURS));

    assertThat(hours).extracting(Mean::start).containsExactly(TEN, TEN.plus(1, ChronoUnit.HOURS));
    assertThat(hours).extracting(Mean::validCount).containsExactly(0, 0);
    assertThat(hours.get(0).value()).isNaN();
    assertThatThrownBy(() -> averages.hourly(samples, TEN, TEN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("empty range");
  }

  @Test
  void aDailyMeanNeeds20ValidHours() {
    List<Mean> hours = new ArrayList<>();
    for (int h = 0; h < 24; h++) {
      hours.add(hour(h, h < 20 ? 10 : 70, h < 20));
    }
    hours.add(hour(24, 1000, true)); // next day: not part of this one

    Mean day = averages.daily(hours, DAY);

    assertThat(day.value()).isEqualTo(10);
    assertThat(day.validCount()).isEqualTo(20);
    assertThat(day.expectedCount()).isEqualTo(24);
    assertThat(day.isValid()).isTrue();

    hours.set(0, hour(0, 10, false));
    assertThat(averages.daily(hours, DAY).isValid()).as("19 valid hours").isFalse();
  }

  @Test
  void eightHourMeansNeedSixValidHours() {
    List<Mean> hours = new ArrayList<>();
    for (int h = 0; h < 8; h++) {
      hours.add(hour(h, 10 * (h + 1), h != 3)); // 40 is not valid
    }

    List<Mean> windows = averages.eightHourMeans(hours);

    Mean last = windows.get(7);
    assertThat(last.start()).isEqualTo(MIDNIGHT);
    assertThat(last.end()).isEqualTo(MIDNIGHT.plus(8, ChronoUnit.HOURS));
    assertThat(last.value()).isEqualTo((360 - 40) / 7.0);
    assertThat(last.isValid()).isTrue();
    assertThat(windows.get(5).validCount()).as("hours 0–5, one not valid").isEqualTo(5);
    assertThat(windows.get(5).isValid()).isFalse();
  }

  @Test
  void dailyMaximumEightHourOzoneComesFromTheWindowsEndingInTheDay() {
    List<Mean> hours = new ArrayList<>();
    hours.add(hour(-1, 900, true)); // 23:00 the day before: only in windows ending before 08:00
    for (int h = 0; h < 24; h++) {
      double o3 = h >= 12 && h < 18 ? 200 : h == 10 || h == 11 || h == 18 || h == 19 ? 100 : 40;
      hours.add(hour(h, o3, true));
    }
    hours.add(hour(24, 900, true)); // 00:00 the day after

    Mean max = averages.dailyMaxEightHour(hours, DAY);

    // Windows 10–17, 11–18 and 12–19 each hold six hours of 200 and two of 100: 1400/8 = 175.
    assertThat(max.value()).isEqualTo(175);
    assertThat(max.validCount()).isEqualTo(17);
    assertThat(max.isValid()).isTrue();
  }

  @Test
  void dailyMaximumEightHourOzoneNeeds14ValidWindows() {
    List<Mean> hours = new ArrayList<>();
    for (int h = 0; h < 24; h++) {
      hours.add(hour(h, 100, h >= 5)); // hours 0–4 missing: windows from 00, 01, 02 not valid
    }
    assertThat(averages.dailyMaxEightHour(hours, DAY).validCount()).isEqualTo(14);
    assertThat(averages.dailyMaxEightHour(hours, DAY).isValid()).isTrue();

    hours.set(5, hour(5, 100, false)); // the window from 03:00 loses its sixth hour
    Mean max = averages.dailyMaxEightHour(hours, DAY);
    assertThat(max.validCount()).isEqualTo(13);
    assertThat(max.isValid()).isFalse();
    assertThat(max.captureRate()).isEqualTo(13 / 17.0);
  }

  @Test
  void rulesOutsideTheirRangeAreRejected() {
    assertThatThrownBy(() -> new AveragingRules(61, 20, 6, 14))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("minutesPerHour");
  }

  private static RawSample sample(int secondAfterTen, double value, DataFlag flag) {
    return new RawSample(at(secondAfterTen), value, Quality.GOOD, flag);
  }

  private static Instant at(int secondAfterTen) {
    return TEN.plusSeconds(secondAfterTen);
  }

  /** An hourly mean of the day starting at local hour h; valid with 60 minutes, else with none. */
  private static Mean hour(int h, double value, boolean valid) {
    Instant start = MIDNIGHT.plus(h, ChronoUnit.HOURS);
    return new Mean(start, start.plus(1, ChronoUnit.HOURS), value, valid ? 60 : 0, 60, 45);
  }

  /**
   * The daily and moving means find each hour by its start however the hourly means are given: out
   * of order, with gaps, a duplicate (the last wins), one far away, and days of a zone whose
   * midnight is not a clock hour (Asia/Kolkata, +05:30), where no hour matches a half-hour start.
   */
  @Test
  void hoursAreFoundByTheirStartHoweverTheyAreGiven() {
    for (ZoneId zone : List.of(BEIJING, ZoneId.of("Asia/Kolkata"))) {
      ValidatedAverages inZone = new ValidatedAverages(AveragingRules.DEFAULT, zone);
      Instant first = MIDNIGHT.minus(30, ChronoUnit.HOURS);
      List<Mean> hourly = new ArrayList<>();
      for (int h = 0; h < 80; h++) {
        if (h % 9 != 4) { // a gap every 9 hours
          hourly.add(0, inZone.hour(first.plus(h, ChronoUnit.HOURS), h % 13, 50)); // newest first
        }
      }
      hourly.add(inZone.hour(first.plus(5, ChronoUnit.HOURS), 99, 50)); // replaces hour 5
      List<Mean> withFarHour = new ArrayList<>(hourly);
      withFarHour.add(inZone.hour(first.plus(400 * 24, ChronoUnit.HOURS), 7, 50));
      List<LocalDate> days = List.of(DAY.minusDays(1), DAY, DAY.plusDays(1));
      for (List<Mean> given : List.of(hourly, withFarHour)) {
        List<Mean> daily = inZone.daily(given, days);
        List<Mean> eight = inZone.eightHourMeans(given);
        for (int d = 0; d < days.size(); d++) {
          Instant start = days.get(d).atStartOfDay(zone).toInstant();
          assertThat(daily.get(d).validCount())
              .as("%s %s", zone, days.get(d))
              .isEqualTo(validHours(given, start, 24).size());
          assertThat(daily.get(d).value()).isEqualTo(meanOrNaN(validHours(given, start, 24)));
        }
        for (int m = 0; m < given.size(); m++) {
          Instant start = given.get(m).start().minus(7, ChronoUnit.HOURS);
          assertThat((Double) eight.get(m).value())
              .isEqualTo(meanOrNaN(validHours(given, start, 8)));
        }
      }
    }
  }

  /** The valid hourly means starting exactly at start, start + 1 h, ...: the last given wins. */
  private static List<Double> validHours(List<Mean> given, Instant start, int hours) {
    List<Double> values = new ArrayList<>();
    for (int h = 0; h < hours; h++) {
      Instant at = start.plus(h, ChronoUnit.HOURS);
      Mean found = null;
      for (Mean mean : given) {
        if (mean.start().equals(at)) {
          found = mean;
        }
      }
      if (found != null && found.isValid()) {
        values.add(found.value());
      }
    }
    return values;
  }

  private static Double meanOrNaN(List<Double> values) {
    double sum = 0;
    for (double value : values) {
      sum += value;
    }
    return values.isEmpty() ? Double.NaN : sum / values.size();
  }
}
