package io.helan.alarms;

import static io.helan.alarms.AlarmState.NORMAL;
import static io.helan.alarms.AlarmState.RETURNED_UNACKNOWLEDGED;
import static io.helan.alarms.AlarmState.UNACKNOWLEDGED_ACTIVE;
import static io.helan.alarms.TestSite.point;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.helan.config.AlarmLimits;
import io.helan.config.Hj212Connection;
import io.helan.config.ModbusTcpConnection;
import io.helan.config.Site;
import io.helan.config.StationKind;
import io.helan.config.WordOrder;
import io.helan.driver.LinkState;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A connected device that stops delivering samples raises stale data; a disconnected one, or one
 * whose link we closed, does not.
 */
class StaleDataTest {
  private static final String STALE = "yc-air.aqm/STALE_DATA";

  /** One air station polled every second. */
  private static Site polledSite() {
    return new TestSite()
        .region("yc", "银川")
        .station(
            "yc-air",
            StationKind.AIR_CITY,
            "yc",
            "aqm",
            new ModbusTcpConnection("127.0.0.1", 20001, 1, WordOrder.ABCD, 50, 1000),
            point("pm25", "µg/m³", AlarmLimits.NONE))
        .build();
  }

  /** Stale after 300 ms of silence, judged every 50 ms. */
  private static AlarmSettings quickStale() {
    return AlarmHarness.settings()
        .withStale(3, Duration.ofMillis(300))
        .withTick(Duration.ofMillis(50));
  }

  @Test
  void staleWhenAConnectedDeviceFallsSilentAndNotWhenItsLinkIsDown() {
    Site site = polledSite();
    TestQuestDb questDb = TestQuestDb.shared();
    questDb.dropAlarmTables();
    try (AlarmHarness alarms = new AlarmHarness(site, quickStale(), questDb)) {
      var device = site.device("yc-air.aqm").orElseThrow();
      alarms.engine.onLinkState(device, LinkState.CONNECTED, null);
      alarms.sample("yc-air.aqm.pm25", 30);
      assertThat(alarms.state(STALE)).isEqualTo(NORMAL);

      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> alarms.state(STALE) == UNACKNOWLEDGED_ACTIVE);
      assertThat(alarms.alarm(STALE).limit()).isEqualTo(0.3);

      alarms.sample("yc-air.aqm.pm25", 31);
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> alarms.state(STALE) == RETURNED_UNACKNOWLEDGED);
      alarms.engine.acknowledge(AlarmHarness.OPERATOR, AlarmHarness.ORIGIN, STALE, null);

      alarms.engine.onLinkState(device, LinkState.DISCONNECTED, "timeout");
      await("communication loss covers a dead link")
          .during(Duration.ofMillis(600))
          .atMost(Duration.ofSeconds(5))
          .until(() -> alarms.state(STALE) == NORMAL);
      assertThat(alarms.state("yc-air.aqm/COMMUNICATION_LOSS")).isEqualTo(UNACKNOWLEDGED_ACTIVE);
    }
  }

  @Test
  void silenceCountsOnlyFromTheFirstSampleAfterTheLinkIsUp() {
    Site site = polledSite();
    TestQuestDb questDb = TestQuestDb.shared();
    questDb.dropAlarmTables();
    try (AlarmHarness alarms = new AlarmHarness(site, quickStale(), questDb)) {
      var device = site.device("yc-air.aqm").orElseThrow();
      // a restart: the link is still coming up, for longer than the stale time
      alarms.engine.onLinkState(device, LinkState.CONNECTING, null);
      await()
          .during(Duration.ofMillis(700))
          .atMost(Duration.ofSeconds(5))
          .until(() -> alarms.state(STALE) == NORMAL);

      // up, but the first values take their time (OPC UA subscriptions)
      alarms.engine.onLinkState(device, LinkState.CONNECTED, null);
      await()
          .during(Duration.ofMillis(700))
          .atMost(Duration.ofSeconds(5))
          .until(() -> alarms.state(STALE) == NORMAL);

      alarms.sample("yc-air.aqm.pm25", 30);
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> alarms.state(STALE) == UNACKNOWLEDGED_ACTIVE);
      assertThat(alarms.journalOf(STALE)).hasSize(1);
    }
  }

  @Test
  void aLinkWeClosedIsNotStaleAndKeepsItsAlarmsAsTheyAre() {
    Site site = polledSite();
    TestQuestDb questDb = TestQuestDb.shared();
    questDb.dropAlarmTables();
    try (AlarmHarness alarms = new AlarmHarness(site, quickStale(), questDb)) {
      var device = site.device("yc-air.aqm").orElseThrow();
      alarms.engine.onLinkState(device, LinkState.CONNECTED, null);
      alarms.sample("yc-air.aqm.pm25", 30);
      // the server stops, or another node of a cluster polls the device now: silence is expected
      alarms.engine.onLinkState(device, LinkState.CLOSED, null);
      await("a closed link is silent, not stale")
          .during(Duration.ofMillis(700))
          .atMost(Duration.ofSeconds(5))
          .until(() -> alarms.state(STALE) == NORMAL);
      assertThat(alarms.state("yc-air.aqm/COMMUNICATION_LOSS")).isEqualTo(NORMAL);
      assertThat(alarms.journalOf(STALE)).isEmpty();
    }
  }

  @Test
  void aDeviceWithoutAKnownIntervalHasNoStaleAlarm() {
    Site site =
        new TestSite()
            .region("nd", "宁东")
            .station(
                "nd-power",
                StationKind.POLLUTION_SOURCE,
                "nd",
                "logger",
                new Hj212Connection("NX0001", "123456", 10_000, 3, 480),
                point("so2", "mg/m³", AlarmLimits.NONE))
            .build();
    AlarmCatalog catalog = new AlarmCatalog(site, AlarmSettings.defaults());
    assertThat(catalog.byId("nd-power.logger/STALE_DATA")).isEmpty();
    assertThat(catalog.byId("nd-power.logger/COMMUNICATION_LOSS")).isPresent();
  }
}
