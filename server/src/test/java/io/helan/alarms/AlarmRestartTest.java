package io.helan.alarms;

import static io.helan.alarms.AlarmHarness.MAINTAINER;
import static io.helan.alarms.AlarmHarness.OPERATOR;
import static io.helan.alarms.AlarmHarness.ORIGIN;
import static io.helan.alarms.TestSite.point;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.helan.config.AlarmLimits;
import io.helan.config.Site;
import io.helan.config.StationKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What was not normal before a restart is there after it, and lives on. */
class AlarmRestartTest {
  static final AlarmLimits HI = new AlarmLimits(Double.NaN, 75, Double.NaN, Double.NaN, 0, 0, 0);

  /** One station with six points that alarm above 75. */
  static final Site SITE =
      new TestSite()
          .region("yc", "银川")
          .station(
              "yc-air",
              StationKind.AIR_CITY,
              "yc",
              "aqm",
              point("a", "µg/m³", HI),
              point("b", "µg/m³", HI),
              point("c", "µg/m³", HI),
              point("d", "µg/m³", HI),
              point("e", "µg/m³", HI),
              point("f", "µg/m³", HI),
              point("g", "µg/m³", HI))
          .build();

  @Test
  void activeUnacknowledgedShelvedAndOutOfServiceAlarmsSurviveARestart(@TempDir Path dataDir) {
    List<AlarmRecord> before;
    try (TestQuestDb questDb = new TestQuestDb(dataDir);
        AlarmHarness alarms = new AlarmHarness(SITE, AlarmHarness.settings(), questDb)) {
      alarms.sample("yc-air.aqm.a", 80); // unacknowledged active
      alarms.sample("yc-air.aqm.b", 80);
      alarms.engine.acknowledge(OPERATOR, ORIGIN, "yc-air.aqm.b/HI", "seen"); // acknowledged
      alarms.sample("yc-air.aqm.c", 80);
      alarms.sample("yc-air.aqm.c", 40); // returned, unacknowledged
      alarms.sample("yc-air.aqm.d", 80);
      // d outlasts any restart; g's shelve runs out during or after it, either way it expires
      alarms.engine.shelve(OPERATOR, ORIGIN, "yc-air.aqm.d/HI", Duration.ofMinutes(10), "dust");
      alarms.sample("yc-air.aqm.g", 80);
      alarms.engine.shelve(OPERATOR, ORIGIN, "yc-air.aqm.g/HI", Duration.ofSeconds(3), "dust");
      alarms.engine.removeFromService(MAINTAINER, ORIGIN, "yc-air.aqm.e/HI", "analyser out");
      alarms.sample("yc-air.aqm.f", 80);
      alarms.sample("yc-air.aqm.f", 40);
      alarms.engine.acknowledge(OPERATOR, ORIGIN, "yc-air.aqm.f/HI", null); // back to normal
      alarms.settle();
      before = alarms.engine.current();
    }
    assertThat(before)
        .extracting(AlarmRecord::id, AlarmRecord::state)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(
                "yc-air.aqm.a/HI", AlarmState.UNACKNOWLEDGED_ACTIVE),
            org.assertj.core.groups.Tuple.tuple("yc-air.aqm.b/HI", AlarmState.ACKNOWLEDGED_ACTIVE),
            org.assertj.core.groups.Tuple.tuple(
                "yc-air.aqm.c/HI", AlarmState.RETURNED_UNACKNOWLEDGED),
            org.assertj.core.groups.Tuple.tuple("yc-air.aqm.d/HI", AlarmState.SHELVED),
            org.assertj.core.groups.Tuple.tuple("yc-air.aqm.g/HI", AlarmState.SHELVED),
            org.assertj.core.groups.Tuple.tuple("yc-air.aqm.e/HI", AlarmState.OUT_OF_SERVICE));

    try (TestQuestDb questDb = new TestQuestDb(dataDir);
        AlarmHarness alarms = new AlarmHarness(SITE, AlarmHarness.settings(), questDb)) {
      assertThat(alarms.engine.current())
          .filteredOn(alarm -> !alarm.id().equals("yc-air.aqm.g/HI"))
          .containsExactlyInAnyOrderElementsOf(
              before.stream().filter(alarm -> !alarm.id().equals("yc-air.aqm.g/HI")).toList());

      // the restored alarms are live: they clear, take acknowledgements and expire
      alarms.sample("yc-air.aqm.a", 40);
      assertThat(alarms.state("yc-air.aqm.a/HI")).isEqualTo(AlarmState.RETURNED_UNACKNOWLEDGED);
      alarms.sample("yc-air.aqm.b", 80);
      assertThat(alarms.state("yc-air.aqm.b/HI"))
          .as("still active, still acknowledged")
          .isEqualTo(AlarmState.ACKNOWLEDGED_ACTIVE);
      alarms.engine.acknowledge(OPERATOR, ORIGIN, "yc-air.aqm.c/HI", null);
      assertThat(alarms.state("yc-air.aqm.c/HI")).isEqualTo(AlarmState.NORMAL);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> alarms.state("yc-air.aqm.g/HI") == AlarmState.UNACKNOWLEDGED_ACTIVE);
      assertThat(alarms.engine.unshelve(OPERATOR, ORIGIN, "yc-air.aqm.d/HI", "dust gone").state())
          .isEqualTo(AlarmState.UNACKNOWLEDGED_ACTIVE);
      assertThat(
              alarms
                  .engine
                  .returnToService(MAINTAINER, ORIGIN, "yc-air.aqm.e/HI", "refitted")
                  .state())
          .isEqualTo(AlarmState.NORMAL);
    }
  }

  @Test
  void openEnforcementNoticesSurviveARestart(@TempDir Path dataDir) {
    List<EnforcementNotice> before;
    try (TestQuestDb questDb = new TestQuestDb(dataDir);
        AlarmHarness alarms =
            new AlarmHarness(EmissionExceedanceTest.SITE, AlarmHarness.settings(), questDb)) {
      EmissionExceedanceTest.judge(
          alarms, EmissionExceedanceTest.hour(0, 30, 9), EmissionExceedanceTest.hour(1, 40, 6));
      before = alarms.engine.notices();
    }
    assertThat(before)
        .singleElement()
        .extracting(EnforcementNotice::status)
        .isEqualTo(EnforcementNotice.Status.OPEN);
    try (TestQuestDb questDb = new TestQuestDb(dataDir);
        AlarmHarness alarms =
            new AlarmHarness(EmissionExceedanceTest.SITE, AlarmHarness.settings(), questDb)) {
      assertThat(alarms.engine.notices()).isEqualTo(before);
      assertThat(alarms.state(EmissionExceedanceTest.EXCEEDANCE))
          .isEqualTo(AlarmState.UNACKNOWLEDGED_ACTIVE);
      EnforcementNotice closed =
          alarms.engine.closeNotice(OPERATOR, ORIGIN, before.get(0).id(), "整改完成");
      assertThat(closed.readings()).hasSize(2);
    }
  }
}
