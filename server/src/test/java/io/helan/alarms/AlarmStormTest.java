package io.helan.alarms;

import static org.assertj.core.api.Assertions.assertThat;

import io.helan.config.AlarmLimits;
import io.helan.config.Site;
import io.helan.config.StationKind;
import io.helan.driver.DataFlag;
import io.helan.driver.Quality;
import io.helan.driver.SampleBatch;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** An alarm storm: a thousand alarms within one second, every one of them in the journal. */
class AlarmStormTest {
  private static final int STATIONS = 20;
  private static final int POINTS_PER_STATION = 50;

  @Test
  void aThousandAlarmsInOneSecondAreAllJournaledAndCountAsAFlood() throws Exception {
    TestSite builder = new TestSite().region("nd", "宁东");
    AlarmLimits hi = new AlarmLimits(Double.NaN, 100, Double.NaN, Double.NaN, 0, 0, 0);
    for (int s = 0; s < STATIONS; s++) {
      TestSite.PointSpec[] points = new TestSite.PointSpec[POINTS_PER_STATION];
      for (int p = 0; p < POINTS_PER_STATION; p++) {
        points[p] = TestSite.point("p" + p, "µg/m³", hi);
      }
      builder.station("nd-park-" + s, StationKind.AIR_PARK, "nd", "aqm", points);
    }
    Site site = builder.build();
    TestQuestDb questDb = TestQuestDb.shared();
    questDb.dropAlarmTables();

    try (AlarmHarness alarms = new AlarmHarness(site, AlarmHarness.settings(), questDb)) {
      // each station's device reports its batch on its own thread, all within one second
      long started = System.nanoTime();
      ScheduledExecutorService links = Executors.newScheduledThreadPool(STATIONS);
      List<ScheduledFuture<?>> reports = new ArrayList<>();
      for (int s = 0; s < STATIONS; s++) {
        int station = s;
        reports.add(
            links.schedule(
                () -> {
                  SampleBatch batch = new SampleBatch(POINTS_PER_STATION);
                  long now = AlarmHarness.micros(Instant.now());
                  for (int p = 0; p < POINTS_PER_STATION; p++) {
                    batch.add(station * POINTS_PER_STATION + p, now, 250, Quality.GOOD, DataFlag.N);
                  }
                  alarms.engine.onBatch(batch, 0);
                },
                station * 20L,
                TimeUnit.MILLISECONDS));
      }
      for (ScheduledFuture<?> report : reports) {
        report.get();
      }
      links.shutdown();
      // sent within 380 ms by the schedule; how long the engine took is printed, not asserted (a
      // loaded machine stretches it, and the flood counts below hold for any storm under 10 min)
      long fed = System.nanoTime();
      alarms.settle();
      long journaled = System.nanoTime();
      System.out.printf(
          "Alarm storm: 1000 alarms fed in %d ms, all journaled and visible %d ms later%n",
          (fed - started) / 1_000_000, (journaled - fed) / 1_000_000);

      assertThat(alarms.journal.count(AlarmJournal.JOURNAL_TABLE)).isEqualTo(1000);
      Set<String> ids = new HashSet<>();
      alarms
          .engine
          .history(Instant.EPOCH, Instant.now().plusSeconds(1), null, AlarmKind.HI, 5000)
          .forEach(t -> ids.add(t.alarm().id()));
      assertThat(ids).hasSize(1000);
      assertThat(alarms.engine.current()).hasSize(1000);
      assertThat(alarms.engine.counts().total().unacknowledged()).isEqualTo(1000);
      assertThat(alarms.engine.counts().stations()).hasSize(STATIONS);

      AlarmKpis kpis = alarms.engine.kpis(Duration.ofHours(1));
      assertThat(kpis.annunciations()).isEqualTo(1000);
      assertThat(kpis.maxPer10Minutes()).isGreaterThanOrEqualTo(500);
      assertThat(kpis.floodIntervals()).isBetween(1L, 2L);
      assertThat(kpis.timeInFlood()).isGreaterThanOrEqualTo(Duration.ofMinutes(10));
      assertThat(kpis.badActors()).hasSize(AlarmKpis.BAD_ACTORS);
      assertThat(kpis.chattering()).isEmpty();
    }
  }
}
