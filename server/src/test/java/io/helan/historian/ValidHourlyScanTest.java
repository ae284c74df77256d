package io.helan.historian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.helan.aggregates.SampleValidity;
import io.helan.config.Point;
import io.helan.config.Site;
import io.helan.config.SiteLoader;
import io.helan.driver.DataFlag;
import io.helan.driver.Quality;
import io.helan.driver.SampleBatch;
import io.helan.quality.QualityRuleSet;
import io.helan.testing.IngestRig;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one-pass scan of valid hourly means gives the figures of the two-level GROUP BY it replaced
 * and of the validity rule applied to the raw samples: minutes with different numbers of samples,
 * flagged (C, drill X) and uncertain samples left out, for some points (a point filter) and for all
 * of them. The historian scans a range in parts cut at clock hours, side by side; the parts give
 * exactly the means of one scan of the whole range.
 */
class ValidHourlyScanTest {
  static final Site SITE = SiteLoader.load(Path.of("src/test/resources/sites/products.yaml"));
  static final int HOURS = 5;
  static final Instant FROM = Instant.parse("2026-07-15T01:00:00Z");
  static final Instant TO = FROM.plusSeconds(HOURS * 3600);

  @TempDir static Path dir;
  static IngestRig rig;

  /** Irregular minutes (0 to 3 samples), some flagged C, some uncertain. */
  @BeforeAll
  static void ingest() throws Exception {
    rig = new IngestRig(SITE, dir, QualityRuleSet.builder(SITE).build());
    List<Point> points = SITE.points();
    for (int minute = 0; minute < HOURS * 60; minute++) {
      SampleBatch batch = new SampleBatch(points.size() * 4);
      for (Point point : points) {
        int samples = (minute + point.index()) % 4; // 0 to 3 samples in the minute
        for (int s = 0; s < samples; s++) {
          long micros = (FROM.getEpochSecond() + minute * 60L + s * 15L) * 1_000_000L;
          DataFlag flag =
              (minute + s) % 11 == 0
                  ? DataFlag.C
                  : (minute + s) % 17 == 0 ? DataFlag.X : DataFlag.N;
          Quality quality = (minute + s) % 13 == 0 ? Quality.UNCERTAIN : Quality.GOOD;
          double value = point.index() * 10 + minute % 7 + s + 0.1 * (minute % 3);
          batch.add(point.index(), micros, value, quality, flag);
        }
      }
      rig.ingest.accept(batch);
    }
    rig.historian.flush().get(1, TimeUnit.MINUTES);
  }

  @AfterAll
  static void close() {
    rig.close();
  }

  @Test
  void theScanGivesTheGroupBysFigures() throws Exception {
    List<Point> points = SITE.points();
    for (List<Point> asked : List.of(points, points.subList(2, 5))) {
      List<HourlyValidMean> scanned =
          sorted(rig.historian.validHourlyMeans(asked, FROM, TO).get(1, TimeUnit.MINUTES));
      List<HourlyValidMean> grouped = new ArrayList<>();
      QuestDbQuery.select(
          rig.questDb.engine(),
          SamplesTable.validHourlySql(asked, "$1", "$2"),
          List.of(FROM, TO),
          (r, columns) ->
              grouped.add(
                  new HourlyValidMean(
                      r.getSymA(0).toString(),
                      SamplesTable.instant(r.getTimestamp(1)),
                      r.getDouble(2),
                      (int) r.getLong(3))));
      assertThat(scanned).isNotEmpty();
      assertSameMeans(scanned, grouped);
    }
  }

  /** Drill samples (X) count in no mean, as the rule says: the scan once counted them. */
  @Test
  void theScanGivesTheMeansOfTheValidityRuleOnTheRawSamples() throws Exception {
    List<Point> points = SITE.points();
    List<HourlyValidMean> scanned =
        sorted(rig.historian.validHourlyMeans(points, FROM, TO).get(1, TimeUnit.MINUTES));
    List<HourlyValidMean> expected = new ArrayList<>();
    boolean drillSeen = false;
    for (Point point : points) {
      List<RawSample> raw =
          rig.historian.raw(point, FROM, TO, 100_000, false).get(1, TimeUnit.MINUTES);
      drillSeen |= raw.stream().anyMatch(sample -> sample.flag() == DataFlag.X);
      // per hour, the mean of the minute means of the samples the rule counts
      Map<Instant, Map<Instant, List<Double>>> byHour = new TreeMap<>();
      for (RawSample sample : raw) {
        if (SampleValidity.counts(sample)) {
          byHour
              .computeIfAbsent(sample.time().truncatedTo(ChronoUnit.HOURS), h -> new TreeMap<>())
              .computeIfAbsent(
                  sample.time().truncatedTo(ChronoUnit.MINUTES), m -> new ArrayList<>())
              .add(sample.value());
        }
      }
      byHour.forEach(
          (hour, minutes) ->
              expected.add(
                  new HourlyValidMean(
                      point.id(),
                      hour,
                      minutes.values().stream()
                          .mapToDouble(v -> v.stream().mapToDouble(d -> d).average().orElseThrow())
                          .average()
                          .orElseThrow(),
                      minutes.size())));
    }
    assertThat(drillSeen).as("the data holds drill samples").isTrue();
    assertSameMeans(scanned, expected);
  }

  /** The same points, hours and valid minutes; means within rounding (summed in another order). */
  static void assertSameMeans(List<HourlyValidMean> scanned, List<HourlyValidMean> expected) {
    assertThat(scanned).hasSameSizeAs(expected);
    List<HourlyValidMean> ordered = sorted(expected);
    for (int i = 0; i < scanned.size(); i++) {
      HourlyValidMean a = scanned.get(i);
      HourlyValidMean b = ordered.get(i);
      assertThat(a.pointId()).isEqualTo(b.pointId());
      assertThat(a.hour()).isEqualTo(b.hour());
      assertThat(a.validMinutes()).as("valid minutes of %s", a).isEqualTo(b.validMinutes());
      assertThat(a.mean()).as("mean of %s", a).isCloseTo(b.mean(), within(1e-9));
    }
  }

  @Test
  void theScanInPartsGivesExactlyTheMeansOfOneScan() throws Exception {
    List<Point> points = SITE.points();
    // ranges starting and ending inside an hour as well as on whole hours
    Instant[][] ranges = {{FROM, TO}, {FROM.plusSeconds(7 * 60), TO.minusSeconds(3 * 60 + 30)}};
    for (List<Point> asked : List.of(points, points.subList(2, 5))) {
      for (Instant[] range : ranges) {
        List<HourlyValidMean> inParts =
            rig.historian.validHourlyMeans(asked, range[0], range[1]).get(1, TimeUnit.MINUTES);
        List<HourlyValidMean> whole =
            ValidHourlyScan.scan(rig.questDb.engine(), asked, range[0], range[1]);
        assertThat(whole.stream().map(HourlyValidMean::hour).distinct()).hasSize(HOURS);
        // records compare their doubles exactly
        assertThat(sorted(inParts)).isEqualTo(sorted(whole));
      }
    }
  }

  @Test
  void rangesAreCutAtClockHoursAndCoverTheWholeRange() {
    Instant from = FROM.plusSeconds(7 * 60);
    Instant to = FROM.plusSeconds(30 * 3600 + 90);
    List<Instant[]> ranges = ValidHourlyScan.hourRanges(from, to, 8);
    assertThat(ranges).hasSize(8);
    assertThat(ranges.get(0)[0]).isEqualTo(from);
    assertThat(ranges.get(7)[1]).isEqualTo(to);
    for (int r = 1; r < ranges.size(); r++) {
      Instant cut = ranges.get(r)[0];
      assertThat(cut).isEqualTo(ranges.get(r - 1)[1]).isAfter(ranges.get(r - 1)[0]);
      assertThat(cut.getEpochSecond() % 3600).as("cut on a clock hour").isZero();
    }
    assertThat(ValidHourlyScan.hourRanges(FROM, FROM.plusSeconds(3600), 8))
        .as("one hour, one range")
        .hasSize(1);
    assertThat(ValidHourlyScan.hourRanges(FROM, FROM.plusSeconds(3 * 3600), 8))
        .as("three hours, three ranges")
        .hasSize(3);
  }

  static final Comparator<HourlyValidMean> ORDER =
      Comparator.comparing(HourlyValidMean::pointId).thenComparing(HourlyValidMean::hour);

  static List<HourlyValidMean> sorted(List<HourlyValidMean> means) {
    List<HourlyValidMean> copy = new ArrayList<>(means);
    copy.sort(ORDER);
    return copy;
  }
}
