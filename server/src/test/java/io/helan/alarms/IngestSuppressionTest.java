package io.helan.alarms;

import static io.helan.alarms.TestSite.point;
import static org.assertj.core.api.Assertions.assertThat;

import io.helan.config.AlarmLimits;
import io.helan.config.Site;
import io.helan.config.StationKind;
import io.helan.driver.DataFlag;
import io.helan.driver.Quality;
import io.helan.driver.SampleBatch;
import io.helan.historian.CommitCadence;
import io.helan.historian.QuestDbHistorian;
import io.helan.ingest.CurrentValueTable;
import io.helan.ingest.DeviceMode;
import io.helan.ingest.DeviceModes;
import io.helan.ingest.IngestPipeline;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Suppression by design through the real ingest pipeline: a device put in calibration or
 * maintenance by a command gets its samples flagged C or M, and the alarm engine listening to
 * ingest raises no measurement alarm from them.
 */
class IngestSuppressionTest {
  private static final String DEVICE = "wz-jiancezhan.aqm";
  private static final String PM25 = DEVICE + ".pm25";
  private static final String PM25_HI = PM25 + "/HI";
  private static final Site SITE =
      new TestSite()
          .region("wz", "吴忠")
          .station(
              "wz-jiancezhan",
              StationKind.AIR_CITY,
              "wz",
              "aqm",
              point(
                  "pm25",
                  "µg/m³",
                  new AlarmLimits(Double.NaN, 75, Double.NaN, Double.NaN, 3, 0, 0)))
          .build();

  @Test
  void calibrationAndMaintenanceModesRaiseNoMeasurementAlarms(@TempDir Path spool) {
    TestQuestDb questDb = TestQuestDb.shared();
    questDb.dropAlarmTables();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (QuestDbHistorian historian =
            new QuestDbHistorian(SITE, questDb::questDb, CommitCadence.DEFAULT, registry, spool);
        AlarmHarness alarms = new AlarmHarness(SITE, AlarmHarness.settings(), questDb)) {
      historian.start();
      DeviceModes modes = new DeviceModes(SITE);
      IngestPipeline ingest =
          new IngestPipeline(SITE, new CurrentValueTable(SITE), modes, historian, registry);
      ingest.addListener(alarms.engine);

      modes.set(DEVICE, DeviceMode.CALIBRATION);
      ingest.accept(sample(400)); // span gas
      assertThat(alarms.state(PM25_HI)).isEqualTo(AlarmState.SUPPRESSED_BY_DESIGN);
      ingest.accept(sample(0)); // zero gas
      modes.set(DEVICE, DeviceMode.MAINTENANCE);
      ingest.accept(sample(300)); // analyser opened up
      assertThat(alarms.state(PM25_HI)).isEqualTo(AlarmState.SUPPRESSED_BY_DESIGN);
      modes.set(DEVICE, DeviceMode.NORMAL);
      ingest.accept(sample(30));
      assertThat(alarms.state(PM25_HI)).isEqualTo(AlarmState.NORMAL);
      assertThat(alarms.statesOf(PM25_HI)).doesNotContain(AlarmState.UNACKNOWLEDGED_ACTIVE);

      ingest.accept(sample(90)); // a real episode after maintenance is annunciated
      assertThat(alarms.state(PM25_HI)).isEqualTo(AlarmState.UNACKNOWLEDGED_ACTIVE);
    }
  }

  private static SampleBatch sample(double value) {
    SampleBatch batch = new SampleBatch(1);
    batch.add(
        SITE.point(PM25).orElseThrow().index(),
        AlarmHarness.micros(Instant.now()),
        value,
        Quality.GOOD,
        DataFlag.N);
    return batch;
  }
}
