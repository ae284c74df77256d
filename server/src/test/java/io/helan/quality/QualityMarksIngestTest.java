package io.helan.quality;

import static org.assertj.core.api.Assertions.assertThat;

import io.helan.config.Point;
import io.helan.config.Site;
import io.helan.config.SiteLoader;
import io.helan.driver.DataFlag;
import io.helan.driver.Quality;
import io.helan.driver.SampleBatch;
import io.helan.historian.QuestDbHistorian;
import io.helan.historian.RawSample;
import io.helan.ingest.IngestPipeline;
import io.helan.simulator.environment.AirQualityModel;
import io.helan.simulator.environment.AirSample;
import io.helan.simulator.environment.Cycles;
import io.helan.testing.IngestRig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quality rules on the real ingest path: samples that fail are stored uncertain with their raw
 * value, and the failed rule's name is stored beside them in {@code quality_marks}.
 */
class QualityMarksIngestTest {
  private static final Site SITE =
      SiteLoader.load(Path.of("src/test/resources/sites/quality-rules.yaml"));

  @Test
  void aFlatlinedAnalyserAndEachOtherRuleAreMarkedAndStoredWithTheirRawValues(@TempDir Path dir)
      throws Exception {
    QualityRuleSet rules =
        QualityRuleSet.builder(SITE)
            .point("yc-air.aqm.pm25", PointChecks.NONE.withFlatline(Duration.ofMinutes(30), 0))
            .point("yc-air.aqm.pm10", PointChecks.NONE.withRange(0, 1000))
            .point("yc-air.aqm.no2", PointChecks.NONE.withSpikeLimit(300))
            .point("yc-plant.cems.so2", PointChecks.NONE.withMaxChangePerMinute(100))
            .standardCrossChecks(0, Duration.ofMinutes(1))
            .build();
    try (IngestRig rig = new IngestRig(SITE, dir, rules)) {
      IngestPipeline ingest = rig.ingest;
      QuestDbHistorian historian = rig.historian;
      QualityMarks marks = rig.marks;
      AirQualityModel model = new AirQualityModel("yc-air");
      ZonedDateTime start = ZonedDateTime.of(2026, 7, 15, 8, 0, 0, 0, Cycles.NINGXIA);
      double frozen = model.sample(start.plusHours(1)).pm25();
      for (int minute = 0; minute < 180; minute++) {
        ZonedDateTime time = start.plusMinutes(minute);
        AirSample air = model.sample(time);
        boolean stuck = minute >= 60 && minute < 120; // the PM2.5 analyser hangs 09:00–10:00
        double pm25 = stuck ? frozen : air.pm25();
        double pm10 = minute == 150 ? 1500 : air.pm10(); // implausible PM10 at 10:30
        double no2 = minute == 160 ? 900 : air.no2(); // a spike at 10:40
        SampleBatch batch = new SampleBatch(4);
        long micros = micros(time.toInstant());
        batch.add(index("yc-air.aqm.pm25"), micros, pm25, Quality.GOOD, DataFlag.N);
        batch.add(index("yc-air.aqm.pm10"), micros, pm10, Quality.GOOD, DataFlag.N);
        batch.add(index("yc-air.aqm.no2"), micros, no2, Quality.GOOD, DataFlag.N);
        batch.add(index("yc-air.aqm.nox"), micros, air.no2() * 1.5, Quality.GOOD, DataFlag.N);
        ingest.accept(batch);
      }
      Instant plant = start.toInstant();
      ingest.accept(flueGas(plant, 8.0, 50));
      ingest.accept(flueGas(plant.plusSeconds(60), 23.5, 400)); // O2 above air, SO2 jumps 350/min

      historian.flush().get(30, TimeUnit.SECONDS);
      marks.flush().get(30, TimeUnit.SECONDS);
      Instant to = start.toInstant().plus(Duration.ofHours(3));

      List<QualityMark> pm25Marks = marks.marks(point("yc-air.aqm.pm25"), plant, to);
      assertThat(pm25Marks).extracting(QualityMark::rule).containsOnly("flatline");
      // frozen from 09:00: every sample from 09:30 to 09:59 is marked
      assertThat(pm25Marks).hasSize(30);
      assertThat(pm25Marks.get(0).time()).isEqualTo(start.plusMinutes(90).toInstant());
      List<RawSample> stored =
          historian.raw(point("yc-air.aqm.pm25"), plant, to, 1000, false).get(30, TimeUnit.SECONDS);
      assertThat(stored).hasSize(180);
      Map<Quality, List<Double>> byQuality =
          stored.stream()
              .collect(
                  Collectors.groupingBy(
                      RawSample::quality,
                      Collectors.mapping(RawSample::value, Collectors.toList())));
      assertThat(byQuality.get(Quality.UNCERTAIN)).hasSize(30).containsOnly(frozen);

      assertThat(rulesOf(marks, "yc-air.aqm.pm10", plant, to)).containsExactly("range");
      // 900 is also above the NOx of the same minute
      assertThat(rulesOf(marks, "yc-air.aqm.no2", plant, to))
          .containsExactlyInAnyOrder("spike", "cross-check");
      assertThat(rulesOf(marks, "yc-plant.cems.o2", plant, to)).containsExactly("o2-range");
      assertThat(rulesOf(marks, "yc-plant.cems.so2", plant, to)).containsExactly("rate-of-change");
      RawSample implausible =
          historian
              .raw(point("yc-air.aqm.pm10"), start.plusMinutes(150).toInstant(), to, 1, false)
              .get(30, TimeUnit.SECONDS)
              .get(0);
      assertThat(implausible.value()).as("raw value kept").isEqualTo(1500);
      assertThat(implausible.quality()).isEqualTo(Quality.UNCERTAIN);
    }
  }

  @Test
  void anInvertedPairIsMarkedAsACrossCheck(@TempDir Path dir) throws Exception {
    QualityRuleSet rules =
        QualityRuleSet.builder(SITE).standardCrossChecks(0, Duration.ofMinutes(1)).build();
    try (IngestRig rig = new IngestRig(SITE, dir, rules)) {
      IngestPipeline ingest = rig.ingest;
      QuestDbHistorian historian = rig.historian;
      QualityMarks marks = rig.marks;
      Instant time = Instant.parse("2026-07-15T02:00:00Z");
      SampleBatch batch = new SampleBatch(2);
      batch.add(index("yc-air.aqm.pm25"), micros(time), 90, Quality.GOOD, DataFlag.N);
      batch.add(index("yc-air.aqm.pm10"), micros(time), 70, Quality.GOOD, DataFlag.N);
      ingest.accept(batch);

      marks.flush().get(30, TimeUnit.SECONDS);
      Instant to = time.plusSeconds(1);
      assertThat(rulesOf(marks, "yc-air.aqm.pm25", time, to)).containsExactly("cross-check");
      assertThat(rulesOf(marks, "yc-air.aqm.pm10", time, to)).containsExactly("cross-check");
      assertThat(marks.marks(point("yc-air.aqm.pm25"), time, to).get(0).detail())
          .contains("yc-air.aqm.pm25 90.0 > yc-air.aqm.pm10 70.0");
    }
  }

  private static List<String> rulesOf(
      QualityMarks marks, String pointId, Instant from, Instant to) {
    return marks.marks(point(pointId), from, to).stream().map(QualityMark::rule).toList();
  }

  private static SampleBatch flueGas(Instant time, double o2, double so2) {
    SampleBatch batch = new SampleBatch(2);
    batch.add(index("yc-plant.cems.o2"), micros(time), o2, Quality.GOOD, DataFlag.N);
    batch.add(index("yc-plant.cems.so2"), micros(time), so2, Quality.GOOD, DataFlag.N);
    return batch;
  }

  private static Point point(String id) {
    return SITE.point(id).orElseThrow();
  }

  private static int index(String id) {
    return point(id).index();
  }

  private static long micros(Instant time) {
    return time.toEpochMilli() * 1000;
  }
}
