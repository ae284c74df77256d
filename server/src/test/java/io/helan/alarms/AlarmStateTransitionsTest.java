package io.helan.alarms;

import static io.helan.alarms.AlarmHarness.MAINTAINER;
import static io.helan.alarms.AlarmHarness.OPERATOR;
import static io.helan.alarms.AlarmHarness.ORIGIN;
import static io.helan.alarms.AlarmHarness.VIEWER;
import static io.helan.alarms.AlarmState.ACKNOWLEDGED_ACTIVE;
import static io.helan.alarms.AlarmState.NORMAL;
import static io.helan.alarms.AlarmState.OUT_OF_SERVICE;
import static io.helan.alarms.AlarmState.RETURNED_UNACKNOWLEDGED;
import static io.helan.alarms.AlarmState.SHELVED;
import static io.helan.alarms.AlarmState.SUPPRESSED_BY_DESIGN;
import static io.helan.alarms.AlarmState.UNACKNOWLEDGED_ACTIVE;
import static io.helan.alarms.TestSite.point;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.helan.config.AlarmLimits;
import io.helan.config.ModbusTcpConnection;
import io.helan.config.Site;
import io.helan.config.StationKind;
import io.helan.config.WordOrder;
import io.helan.driver.DataFlag;
import io.helan.driver.LinkState;
import io.helan.driver.Quality;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every ISA-18.2 state transition of the engine, driven by samples and link changes. */
class AlarmStateTransitionsTest {
  private static final String PM25 = "yc-air.aqm.pm25";
  private static final String PM25_HI = PM25 + "/HI";
  private static final String PM25_HIHI = PM25 + "/HIHI";
  private static final String SO2_HI = "yc-air.aqm.so2/HI";
  private static final String DO_LO = "yc-air.aqm.do/LO";
  private static final String DO_LOLO = "yc-air.aqm.do/LOLO";
  private static final String PM10_ROC = "yc-air.aqm.pm10/RATE_OF_CHANGE";
  private static final String DEVICE = "yc-air.aqm";

  private static final Site SITE =
      new TestSite()
          .region("yc", "银川")
          .station(
              "yc-air",
              StationKind.AIR_CITY,
              "yc",
              "aqm",
              new ModbusTcpConnection("127.0.0.1", 20001, 1, WordOrder.ABCD, 50, 1000),
              point("pm25", "µg/m³", new AlarmLimits(115, 75, Double.NaN, Double.NaN, 3, 0, 0)),
              point(
                  "so2",
                  "µg/m³",
                  new AlarmLimits(Double.NaN, 500, Double.NaN, Double.NaN, 0, 300, 300)),
              point("do", "mg/L", new AlarmLimits(Double.NaN, Double.NaN, 5, 2, 0.2, 0, 0)),
              point(
                  "pm10",
                  "µg/m³",
                  new AlarmLimits(
                      Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, 0, 0, 0, 10, null, null)))
          .build();

  private final TestQuestDb questDb = TestQuestDb.shared();
  private AlarmHarness alarms;

  @BeforeEach
  void startEngine() {
    questDb.dropAlarmTables();
    alarms = new AlarmHarness(SITE, AlarmHarness.settings(), questDb);
  }

  @AfterEach
  void stopEngine() {
    alarms.close();
  }

  @Test
  void raisedAcknowledgedAndCleared() {
    alarms.sample(PM25, 40);
    assertThat(alarms.state(PM25_HI)).isEqualTo(NORMAL);

    alarms.sample(PM25, 80);
    assertThat(alarms.state(PM25_HI)).isEqualTo(UNACKNOWLEDGED_ACTIVE);

    AlarmRecord acknowledged = alarms.engine.acknowledge(OPERATOR, ORIGIN, PM25_HI, "已通知运维");
    assertThat(acknowledged.state()).isEqualTo(ACKNOWLEDGED_ACTIVE);
    assertThat(acknowledged.acknowledgedBy()).isEqualTo(OPERATOR.name());

    alarms.sample(PM25, 40);
    assertThat(alarms.state(PM25_HI)).isEqualTo(NORMAL);
    assertThat(alarms.engine.current()).isEmpty();
    assertThat(alarms.statesOf(PM25_HI))
        .containsExactly(UNACKNOWLEDGED_ACTIVE, ACKNOWLEDGED_ACTIVE, NORMAL);
  }

  @Test
  void returnsUnacknowledgedAndIsAnnunciatedAgainOnReactivation() {
    alarms.sample(PM25, 80);
    alarms.sample(PM25, 40);
    assertThat(alarms.state(PM25_HI)).isEqualTo(RETURNED_UNACKNOWLEDGED);

    alarms.sample(PM25, 90);
    assertThat(alarms.state(PM25_HI)).isEqualTo(UNACKNOWLEDGED_ACTIVE);
    alarms.sample(PM25, 40);
    assertThat(alarms.state(PM25_HI)).isEqualTo(RETURNED_UNACKNOWLEDGED);

    alarms.engine.acknowledge(OPERATOR, ORIGIN, PM25_HI, null);
    assertThat(alarms.state(PM25_HI)).isEqualTo(NORMAL);
    assertThatThrownBy(() -> alarms.engine.acknowledge(OPERATOR, ORIGIN, PM25_HI, null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("nothing to acknowledge");
  }

  @Test
  void deadbandHoldsTheAlarmUntilTheValueIsClearOfIt() {
    alarms.sample(PM25, 75);
    assertThat(alarms.state(PM25_HI)).as("at the limit is not above it").isEqualTo(NORMAL);
    alarms.sample(PM25, 76);
    assertThat(alarms.state(PM25_HI)).isEqualTo(UNACKNOWLEDGED_ACTIVE);
    alarms.sample(PM25, 74);
    alarms.sample(PM25, 72.5);
    assertThat(alarms.state(PM25_HI))
        .as("within the deadband of 3")
        .isEqualTo(UNACKNOWLEDGED_ACTIVE);
    alarms.sample(PM25, 71.9);
    assertThat(alarms.state(PM25_HI)).isEqualTo(RETURNED_UNACKNOWLEDGED);
    alarms.sample(PM25, 74.9);
    assertThat(alarms.state(PM25_HI))
        .as("back under the limit, not above it")
        .isEqualTo(RETURNED_UNACKNOWLEDGED);
  }

  @Test
  void onDelayRaisesOnlyWhatLastsAndOffDelayClearsOnlyWhatStaysAway() {
    alarms.sample("yc-air.aqm.so2", 600);
    assertThat(alarms.state(SO2_HI)).isEqualTo(NORMAL);
    alarms.sample("yc-air.aqm.so2", 400);
    await("a spike shorter than the on delay")
        .during(Duration.ofMillis(400))
        .atMost(Duration.ofSeconds(2))
        .until(() -> alarms.state(SO2_HI) == NORMAL);

    long raised = System.nanoTime();
    alarms.sample("yc-air.aqm.so2", 600);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> alarms.state(SO2_HI) == UNACKNOWLEDGED_ACTIVE);
    assertThat(Duration.ofNanos(System.nanoTime() - raised))
        .isGreaterThanOrEqualTo(Duration.ofMillis(300));

    alarms.sample("yc-air.aqm.so2", 400);
    alarms.sample("yc-air.aqm.so2", 600);
    await("a dip shorter than the off delay")
        .during(Duration.ofMillis(400))
        .atMost(Duration.ofSeconds(2))
        .until(() -> alarms.state(SO2_HI) == UNACKNOWLEDGED_ACTIVE);

    long cleared = System.nanoTime();
    alarms.sample("yc-air.aqm.so2", 400);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> alarms.state(SO2_HI) == RETURNED_UNACKNOWLEDGED);
    assertThat(Duration.ofNanos(System.nanoTime() - cleared))
        .isGreaterThanOrEqualTo(Duration.ofMillis(300));
    assertThat(alarms.statesOf(SO2_HI))
        .containsExactly(UNACKNOWLEDGED_ACTIVE, RETURNED_UNACKNOWLEDGED);
  }

  @Test
  void lowLimitsAndTheirPriorities() {
    alarms.sample("yc-air.aqm.do", 4);
    assertThat(alarms.state(DO_LO)).isEqualTo(UNACKNOWLEDGED_ACTIVE);
    assertThat(alarms.state(DO_LOLO)).isEqualTo(NORMAL);
    alarms.sample("yc-air.aqm.do", 1.5);
    assertThat(alarms.state(DO_LOLO)).isEqualTo(UNACKNOWLEDGED_ACTIVE);
    assertThat(alarms.engine.current()).extracting(AlarmRecord::id).containsExactly(DO_LOLO, DO_LO);
    assertThat(alarms.alarm(DO_LOLO).priority()).isLessThan(alarms.alarm(DO_LO).priority());
    alarms.sample("yc-air.aqm.do", 2.1);
    assertThat(alarms.state(DO_LOLO))
        .as("within the deadband of 0.2")
        .isEqualTo(UNACKNOWLEDGED_ACTIVE);
    alarms.sample("yc-air.aqm.do", 6);
    assertThat(alarms.state(DO_LOLO)).isEqualTo(RETURNED_UNACKNOWLEDGED);
    assertThat(alarms.state(DO_LO)).isEqualTo(RETURNED_UNACKNOWLEDGED);
  }

  @Test
  void highHighComesOnTopOfHigh() {
    alarms.sample(PM25, 120);
    assertThat(alarms.state(PM25_HIHI)).isEqualTo(UNACKNOWLEDGED_ACTIVE);
    assertThat(alarms.state(PM25_HI)).isEqualTo(UNACKNOWLEDGED_ACTIVE);
    assertThat(alarms.engine.current().get(0).id()).isEqualTo(PM25_HIHI);
  }

  @Test
  void rateOfChangeIsMeasuredOverItsWindowNotBetweenTwoReadings() {
    String pm10 = "yc-air.aqm.pm10";
    long t0 = AlarmHarness.micros(Instant.parse("2026-11-28T08:00:00Z"));
    long second = 1_000_000;
    alarms.sample(pm10, t0, 50, Quality.GOOD, DataFlag.N);
    alarms.sample(pm10, t0 + 10 * second, 70, Quality.GOOD, DataFlag.N); // a jump within the window
    assertThat(alarms.state(PM10_ROC)).isEqualTo(NORMAL);
    alarms.sample(pm10, t0 + 60 * second, 55, Quality.GOOD, DataFlag.N); // +5 per minute
    assertThat(alarms.state(PM10_ROC)).isEqualTo(NORMAL);
    alarms.sample(pm10, t0 + 120 * second, 80, Quality.GOOD, DataFlag.N); // +25 per minute
    assertThat(alarms.state(PM10_ROC)).isEqualTo(UNACKNOWLEDGED_ACTIVE);
    assertThat(alarms.alarm(PM10_ROC).value()).isEqualTo(25.0);
    alarms.sample(pm10, t0 + 180 * second, 82, Quality.GOOD, DataFlag.N);
    assertThat(alarms.state(PM10_ROC)).isEqualTo(RETURNED_UNACKNOWLEDGED);
  }

  @Test
  void timedShelveExpiresAndTheStillActiveAlarmIsAnnunciatedAgain() {
    alarms.sample(PM25, 80);
    alarms.engine.acknowledge(OPERATOR, ORIGIN, PM25_HI, null);
    AlarmRecord shelved =
        alarms.engine.shelve(OPERATOR, ORIGIN, PM25_HI, Duration.ofSeconds(2), "传感器清洗中");
    assertThat(shelved.state()).isEqualTo(SHELVED);
    assertThat(shelved.shelvedUntil()).isAfter(Instant.now());

    alarms.sample(PM25, 40);
    alarms.sample(PM25, 85);
    assertThat(alarms.state(PM25_HI))
        .as("changes while shelved are not annunciated")
        .isEqualTo(SHELVED);

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> alarms.state(PM25_HI) == UNACKNOWLEDGED_ACTIVE);
    List<AlarmTransition> journal = alarms.journalOf(PM25_HI);
    AlarmTransition expiry = journal.get(journal.size() - 1);
    assertThat(expiry.user()).isEqualTo(AlarmEngine.SYSTEM_USER);
    assertThat(expiry.reason()).isEqualTo("shelve expired");
    assertThat(journal.get(journal.size() - 2).reason()).isEqualTo("传感器清洗中");
  }

  @Test
  void timedShelveOfAnAlarmThatClearedMeanwhileEndsInNormal() {
    alarms.sample(PM25, 80);
    alarms.engine.shelve(OPERATOR, ORIGIN, PM25_HI, Duration.ofSeconds(1), "known dust event");
    alarms.sample(PM25, 40);
    await().atMost(Duration.ofSeconds(10)).until(() -> alarms.state(PM25_HI) == NORMAL);
    assertThat(alarms.alarm(PM25_HI).shelvedUntil()).isNull();
  }

  @Test
  void oneShotShelveLastsUntilTheAlarmNextReturnsToNormal() {
    alarms.sample(PM25, 80);
    AlarmRecord shelved = alarms.engine.shelve(OPERATOR, ORIGIN, PM25_HI, null, "沙尘天气，已知");
    assertThat(shelved.state()).isEqualTo(SHELVED);
    assertThat(shelved.shelvedUntil()).isNull();

    alarms.sample(PM25, 40);
    assertThat(alarms.state(PM25_HI)).isEqualTo(NORMAL);
    alarms.sample(PM25, 80);
    assertThat(alarms.state(PM25_HI))
        .as("the next activation is annunciated")
        .isEqualTo(UNACKNOWLEDGED_ACTIVE);
  }

  @Test
  void unshelveByHandAnnunciatesWhatIsStillActive() {
    alarms.sample(PM25, 80);
    alarms.engine.shelve(OPERATOR, ORIGIN, PM25_HI, Duration.ofHours(1), "testing");
    AlarmRecord back = alarms.engine.unshelve(OPERATOR, ORIGIN, PM25_HI, "done");
    assertThat(back.state()).isEqualTo(UNACKNOWLEDGED_ACTIVE);
    assertThatThrownBy(() -> alarms.engine.unshelve(OPERATOR, ORIGIN, PM25_HI, null))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void shelvingNeedsTheRoleAReasonAndALimitedDuration() {
    alarms.sample(PM25, 80);
    assertThatThrownBy(() -> alarms.engine.shelve(VIEWER, ORIGIN, PM25_HI, null, "why not"))
        .isInstanceOf(SecurityException.class);
    assertThatThrownBy(() -> alarms.engine.acknowledge(VIEWER, ORIGIN, PM25_HI, null))
        .isInstanceOf(SecurityException.class);
    assertThatThrownBy(() -> alarms.engine.shelve(OPERATOR, ORIGIN, PM25_HI, null, " "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("reason");
    assertThatThrownBy(
            () -> alarms.engine.shelve(OPERATOR, ORIGIN, PM25_HI, Duration.ofDays(3), "long"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> alarms.engine.acknowledge(OPERATOR, ORIGIN, "no-such/HI", null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(alarms.state(PM25_HI)).isEqualTo(UNACKNOWLEDGED_ACTIVE);
  }

  @Test
  void calibrationSuppressesMeasurementAlarmsByDesign() {
    alarms.sample(PM25, 40);
    alarms.sample(PM25, 300, DataFlag.C); // span gas far above the limits
    assertThat(alarms.state(PM25_HI)).isEqualTo(SUPPRESSED_BY_DESIGN);
    assertThat(alarms.state(PM25_HIHI)).isEqualTo(SUPPRESSED_BY_DESIGN);
    alarms.sample(PM25, 20, DataFlag.C); // zero gas
    assertThat(alarms.state(PM25_HI)).isEqualTo(NORMAL);
    alarms.sample(PM25, 300, DataFlag.C);
    alarms.sample(PM25, 40);
    assertThat(alarms.state(PM25_HI)).isEqualTo(NORMAL);
    assertThat(alarms.statesOf(PM25_HI)).doesNotContain(UNACKNOWLEDGED_ACTIVE);
    assertThat(alarms.statesOf(PM25_HI)).contains(SUPPRESSED_BY_DESIGN);
  }

  @Test
  void maintenanceHidesAnActiveAlarmAndAnnunciatesItAfreshIfItOutlastsMaintenance() {
    alarms.sample(PM25, 80);
    alarms.engine.acknowledge(OPERATOR, ORIGIN, PM25_HI, null);
    alarms.sample(PM25, 85, DataFlag.M);
    assertThat(alarms.state(PM25_HI)).isEqualTo(SUPPRESSED_BY_DESIGN);
    alarms.sample(PM25, 85);
    assertThat(alarms.state(PM25_HI)).isEqualTo(UNACKNOWLEDGED_ACTIVE);
  }

  @Test
  void outOfServiceIsForMaintainersAndHidesTheAlarmUntilReturned() {
    alarms.sample(PM25, 80);
    assertThatThrownBy(
            () -> alarms.engine.removeFromService(OPERATOR, ORIGIN, PM25_HI, "analyser removed"))
        .isInstanceOf(SecurityException.class);
    AlarmRecord removed =
        alarms.engine.removeFromService(MAINTAINER, ORIGIN, PM25_HI, "analyser removed");
    assertThat(removed.state()).isEqualTo(OUT_OF_SERVICE);
    alarms.sample(PM25, 40);
    alarms.sample(PM25, 90);
    assertThat(alarms.state(PM25_HI)).isEqualTo(OUT_OF_SERVICE);
    assertThatThrownBy(() -> alarms.engine.shelve(OPERATOR, ORIGIN, PM25_HI, null, "x"))
        .isInstanceOf(IllegalStateException.class);
    AlarmRecord back =
        alarms.engine.returnToService(MAINTAINER, ORIGIN, PM25_HI, "analyser refitted");
    assertThat(back.state()).isEqualTo(UNACKNOWLEDGED_ACTIVE);
    alarms.sample(PM25, 40);
    alarms.engine.removeFromService(MAINTAINER, ORIGIN, PM25_HI, "again");
    assertThat(alarms.engine.returnToService(MAINTAINER, ORIGIN, PM25_HI, null).state())
        .isEqualTo(NORMAL);
  }

  @Test
  void communicationLossFollowsTheLinkButNotTheServersOwnShutdown() {
    String commLoss = DEVICE + "/COMMUNICATION_LOSS";
    var device = SITE.device(DEVICE).orElseThrow();
    alarms.engine.onLinkState(device, LinkState.CONNECTED, null);
    alarms.engine.onLinkState(device, LinkState.DISCONNECTED, "Connection refused");
    assertThat(alarms.state(commLoss)).isEqualTo(UNACKNOWLEDGED_ACTIVE);
    assertThat(alarms.alarm(commLoss).message()).contains("Connection refused");
    alarms.engine.onLinkState(device, LinkState.CONNECTING, null);
    assertThat(alarms.state(commLoss)).isEqualTo(UNACKNOWLEDGED_ACTIVE);
    alarms.engine.onLinkState(device, LinkState.CONNECTED, null);
    assertThat(alarms.state(commLoss)).isEqualTo(RETURNED_UNACKNOWLEDGED);
    alarms.engine.onLinkState(device, LinkState.DISCONNECTED, "timeout");
    alarms.engine.onLinkState(device, LinkState.CLOSED, null);
    assertThat(alarms.state(commLoss)).isEqualTo(UNACKNOWLEDGED_ACTIVE);
  }

  @Test
  void deviceFaultFromFlagDClearsWhenEveryPointIsHealthyAgain() {
    String fault = DEVICE + "/DEVICE_FAULT";
    alarms.sample(PM25, 40, DataFlag.D);
    alarms.sample("yc-air.aqm.so2", 40, DataFlag.D);
    assertThat(alarms.state(fault)).isEqualTo(UNACKNOWLEDGED_ACTIVE);
    assertThat(alarms.state(PM25_HI)).isEqualTo(NORMAL);
    alarms.sample(PM25, 40);
    assertThat(alarms.state(fault)).as("so2 still faulty").isEqualTo(UNACKNOWLEDGED_ACTIVE);
    alarms.sample("yc-air.aqm.so2", 40);
    assertThat(alarms.state(fault)).isEqualTo(RETURNED_UNACKNOWLEDGED);
  }

  @Test
  void everyTransitionIsJournaledWithItsUserAndReasonAndPushedToListeners() {
    List<AlarmRecord> pushed = new CopyOnWriteArrayList<>();
    alarms.engine.addListener(pushed::add);
    alarms.sample(PM25, 80);
    alarms.engine.acknowledge(OPERATOR, ORIGIN, PM25_HI, "已确认");
    alarms.engine.shelve(OPERATOR, ORIGIN, PM25_HI, Duration.ofMinutes(10), "维护");
    alarms.engine.unshelve(OPERATOR, ORIGIN, PM25_HI, "维护结束");

    List<AlarmTransition> journal = alarms.journalOf(PM25_HI);
    assertThat(journal)
        .extracting(t -> t.alarm().state(), AlarmTransition::user, AlarmTransition::reason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                UNACKNOWLEDGED_ACTIVE, AlarmEngine.SYSTEM_USER, null),
            org.assertj.core.groups.Tuple.tuple(ACKNOWLEDGED_ACTIVE, OPERATOR.name(), "已确认"),
            org.assertj.core.groups.Tuple.tuple(SHELVED, OPERATOR.name(), "维护"),
            org.assertj.core.groups.Tuple.tuple(UNACKNOWLEDGED_ACTIVE, OPERATOR.name(), "维护结束"));
    assertThat(journal.get(1).origin()).isEqualTo("rest 127.0.0.1:50000");
    assertThat(journal.get(0).alarm().message()).contains("pm25").contains("80").contains("75");
    assertThat(pushed)
        .extracting(AlarmRecord::state)
        .containsExactly(
            UNACKNOWLEDGED_ACTIVE, ACKNOWLEDGED_ACTIVE, SHELVED, UNACKNOWLEDGED_ACTIVE);
  }
}
