package io.helan.alarms;

import static org.assertj.core.api.Assertions.assertThat;

import io.helan.config.Site;
import io.helan.config.Upstream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Records dropped for an upstream platform raise the server's alarm of that upstream. */
class UpstreamDropAlarmTest {

  @Test
  void droppedRecordsRaiseAnEventForTheOperator(@TempDir Path dataDir) {
    Site plain = AlarmRestartTest.SITE;
    String device = plain.devices().get(0).id();
    Site site =
        new Site(
            plain.id(),
            plain.name(),
            plain.regions(),
            plain.stations(),
            plain.emergency(),
            List.of(
                new Upstream(
                    "city",
                    "127.0.0.1",
                    9212,
                    "city01",
                    1000,
                    1,
                    30,
                    10,
                    List.of(new Upstream.ForwardedDevice(device, "A1", 22)))));
    try (TestQuestDb questDb = new TestQuestDb(dataDir);
        AlarmHarness alarms = new AlarmHarness(site, AlarmHarness.settings(), questDb)) {
      alarms.engine.upstreamRecordsDropped("city", 7);
      alarms.engine.upstreamRecordsDropped("nowhere", 7);
      alarms.settle();

      AlarmRecord dropped = alarms.alarm("helan:server:upstream:city/UPSTREAM_RECORDS_DROPPED");
      assertThat(dropped.state()).isEqualTo(AlarmState.RETURNED_UNACKNOWLEDGED);
      assertThat(dropped.value()).isEqualTo(7);
      assertThat(dropped.message()).contains("records dropped");
    }
  }
}
