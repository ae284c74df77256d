package io.helan.aggregates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.helan.config.Point;
import io.helan.config.Site;
import io.helan.config.SiteLoader;
import io.helan.historian.RawSample;
import io.helan.ingest.DeviceMode;
import io.helan.quality.QualityRuleSet;
import io.helan.simulator.environment.AirQualityModel;
import io.helan.simulator.environment.AirSample;
import io.helan.testing.IngestRig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Validated means stored in QuestDB from what ingest stored, and recomputed when data arrives late
 * or a calibration window's data must be left out.
 */
class MeanRecomputationTest {
  static final Site SITE = SiteLoader.load(Path.of("src/test/resources/sites/products.yaml"));
  static final LocalDate DAY = LocalDate.of(2026, 7, 15);
  static final ZonedDateTime MIDNIGHT = DAY.atStartOfDay(ValidatedAverages.NETWORK_ZONE);
  static final Clock NEXT_MORNING =
      Clock.fixed(MIDNIGHT.plusDays(1).plusHours(10).toInstant(), ZoneOffset.UTC);
  static final String PM25 = "yc-a.aqm.pm25";

  @Test
  void aLatePacketTriggersRecomputationOfItsHour(@TempDir Path dir) throws Exception {
    try (IngestRig rig = rig(dir)) {
      Instant hour = MIDNIGHT.plusHours(8).toInstant();
      for (int minute = 0; minute < 40; minute++) {
        rig.ingest(hour.plus(minute, ChronoUnit.MINUTES), Map.of(PM25, 30.0));
      }
      rig.recomputation.runOnce();
      Mean partial = hourOf(rig, hour);
      assertThat(partial.validCount()).isEqualTo(40);
      assertThat(partial.isValid()).as("40 of 60 minutes").isFalse();
      assertThat(partial.captureRate()).isCloseTo(40 / 60.0, within(1e-9));

      // the station's logger sends the last 20 minutes the next morning (HJ 212 backfill)
      for (int minute = 40; minute < 60; minute++) {
        rig.ingest(hour.plus(minute, ChronoUnit.MINUTES), Map.of(PM25, 60.0));
      }
      assertThat(rig.recomputation.runOnce()).isPositive();
      Mean complete = hourOf(rig, hour);
      assertThat(complete.isValid()).isTrue();
      assertThat(complete.captureRate()).isEqualTo(1.0);
      assertThat(complete.value()).isCloseTo((40 * 30.0 + 20 * 60.0) / 60, within(1e-9));
      assertThat(rig.recomputation.runOnce()).as("nothing new, nothing recomputed").isZero();
    }
  }

  @Test
  void aResentHourIsRecomputedAloneAndItsDayFromTheStoredHours(@TempDir Path dir) throws Exception {
    try (IngestRig rig = rig(dir)) {
      for (int minute = 0; minute < 24 * 60; minute++) {
        rig.ingest(MIDNIGHT.plusMinutes(minute).toInstant(), Map.of(PM25, 30.0));
      }
      rig.recomputation.runOnce();
      Instant eight = MIDNIGHT.plusHours(8).toInstant();
      for (int minute = 0; minute < 60; minute++) {
        rig.ingest(eight.plus(minute, ChronoUnit.MINUTES), Map.of(PM25, 90.0));
      }

      // the 08:00 hourly mean only; from the stored hourly means, the 24-hour means of the day
      // and of the next up to the clock's 10:00, and the daily means of both days
      assertThat(rig.recomputation.runOnce()).isEqualTo(1 + (24 + 11) + 2);
      assertThat(hourOf(rig, eight).value()).isEqualTo(90.0);
      double day = (23 * 30.0 + 90.0) / 24;
      Instant dayStart = MIDNIGHT.toInstant();
      assertThat(rig.means.means(PM25, MeanPeriod.DAY, dayStart, dayStart.plusSeconds(1)))
          .singleElement()
          .satisfies(mean -> assertThat(mean.value()).isCloseTo(day, within(1e-9)));
      Instant lastHour = MIDNIGHT.plusHours(23).toInstant();
      assertThat(
              rig.means.means(
                  PM25, MeanPeriod.TWENTY_FOUR_HOURS, lastHour, lastHour.plusSeconds(1)))
          .singleElement()
          .satisfies(mean -> assertThat(mean.value()).isCloseTo(day, within(1e-9)));
    }
  }

  @Test
  void calibrationDataIsLeftOutOfTheHourlyMean(@TempDir Path dir) throws Exception {
    try (IngestRig rig = rig(dir)) {
      Instant hour = MIDNIGHT.plusHours(9).toInstant();
      for (int minute = 0; minute < 60; minute++) {
        boolean calibrating = minute >= 10 && minute < 20;
        rig.modes.set("yc-a.aqm", calibrating ? DeviceMode.CALIBRATION : DeviceMode.NORMAL);
        // span gas during the calibration, ambient air otherwise
        rig.ingest(hour.plus(minute, ChronoUnit.MINUTES), Map.of(PM25, calibrating ? 400.0 : 20.0));
      }
      rig.recomputation.runOnce();
      Mean mean = hourOf(rig, hour);
      assertThat(mean.value()).isEqualTo(20.0);
      assertThat(mean.validCount()).isEqualTo(50);
      assertThat(mean.isValid()).isTrue();
    }
  }

  @Test
  void aSimulatedDayGivesDailyEightHourAndMovingMeansAsTheJavaAveragesDo(@TempDir Path dir)
      throws Exception {
    try (IngestRig rig = rig(dir)) {
      ingestDay(rig, "yc-a", DAY);
      rig.recomputation.runOnce();

      ValidatedAverages averages =
          new ValidatedAverages(AveragingRules.DEFAULT, ValidatedAverages.NETWORK_ZONE);
      Instant from = MIDNIGHT.toInstant();
      Instant to = MIDNIGHT.plusDays(1).toInstant();
      for (String id : List.of("yc-a.aqm.o3", PM25, "yc-a.aqm.co")) {
        Point point = rig.point(id);
        List<RawSample> raw =
            rig.historian.raw(point, from, to, 10_000, false).get(30, TimeUnit.SECONDS);
        List<Mean> expected = averages.hourly(raw, from, to);
        List<Mean> stored = rig.means.means(id, MeanPeriod.HOUR, from, to);
        assertThat(stored).hasSize(24);
        for (int h = 0; h < 24; h++) {
          assertThat(stored.get(h).value()).isCloseTo(expected.get(h).value(), within(1e-9));
          assertThat(stored.get(h).validCount()).isEqualTo(expected.get(h).validCount());
        }
        Mean daily = rig.means.means(id, MeanPeriod.DAY, from, to).get(0);
        assertThat(daily.isValid()).isTrue();
        assertThat(daily.value()).isCloseTo(averages.daily(expected, DAY).value(), within(1e-9));
      }
      List<Mean> maxEight =
          rig.means.means("yc-a.aqm.o3", MeanPeriod.DAY_MAX_EIGHT_HOURS, from, to);
      assertThat(maxEight).hasSize(1);
      assertThat(maxEight.get(0).validCount()).isEqualTo(17);
      List<Mean> eight = rig.means.means("yc-a.aqm.o3", MeanPeriod.EIGHT_HOURS, from, to);
      assertThat(eight).hasSize(24);
      assertThat(eight.get(0).isValid()).as("00:00 has only its own hour of this day").isFalse();
      assertThat(eight.get(7).isValid()).isTrue();
      assertThat(maxEight.get(0).value())
          .isEqualTo(eight.subList(7, 24).stream().mapToDouble(Mean::value).max().orElseThrow());
      List<Mean> moving = rig.means.means(PM25, MeanPeriod.TWENTY_FOUR_HOURS, from, to);
      assertThat(moving.get(23).isValid()).isTrue();
      assertThat(moving.get(23).value())
          .isCloseTo(rig.means.means(PM25, MeanPeriod.DAY, from, to).get(0).value(), within(1e-9));
      assertThat(rig.means.means("yc-a.aqm.no2", MeanPeriod.EIGHT_HOURS, from, to))
          .as("8-hour means are kept for O3 only")
          .isEmpty();
    }
  }

  static IngestRig rig(Path dir) {
    return new IngestRig(
        SITE, dir, QualityRuleSet.builder(SITE).build(), NEXT_MORNING, SampleOverlay.NONE);
  }

  static Mean hourOf(IngestRig rig, Instant hour) {
    List<Mean> means = rig.means.means(PM25, MeanPeriod.HOUR, hour, hour.plusSeconds(1));
    assertThat(means).hasSize(1);
    return means.get(0);
  }

  /** A simulated day of minute values of the six AQI pollutants at one air station. */
  static void ingestDay(IngestRig rig, String station, LocalDate day) {
    AirQualityModel model = new AirQualityModel(station);
    ZonedDateTime midnight = day.atStartOfDay(ValidatedAverages.NETWORK_ZONE);
    for (int minute = 0; minute < 24 * 60; minute++) {
      ZonedDateTime time = midnight.plusMinutes(minute);
      AirSample air = model.sample(time);
      rig.ingest(
          time.toInstant(),
          Map.of(
              station + ".aqm.so2", air.so2(),
              station + ".aqm.no2", air.no2(),
              station + ".aqm.co", air.co(),
              station + ".aqm.o3", air.o3(),
              station + ".aqm.pm10", air.pm10(),
              station + ".aqm.pm25", air.pm25()));
    }
  }
}
