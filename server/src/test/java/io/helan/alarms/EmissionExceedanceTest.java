package io.helan.alarms;

import static io.helan.alarms.AlarmHarness.OPERATOR;
import static io.helan.alarms.AlarmHarness.ORIGIN;
import static io.helan.alarms.AlarmHarness.VIEWER;
import static io.helan.alarms.TestSite.point;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helan.alarms.EnforcementNotice.Reading;
import io.helan.alarms.EnforcementNotice.Status;
import io.helan.config.AlarmLimits;
import io.helan.config.EmissionLimit;
import io.helan.config.Site;
import io.helan.config.StationKind;
import io.helan.driver.DataFlag;
import io.helan.driver.Quality;
import io.helan.driver.SampleBatch;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Emission exceedance at a pollution source (HJ 75/76): the hourly average of valid minute values
 * converted to reference O2 against the limit, or flag T at once; each exceedance episode opens an
 * enforcement notice (regional plan tasks 43 and 44).
 */
class EmissionExceedanceTest {
  static final String SO2 = "nd-power.cems.so2";
  static final String O2 = "nd-power.cems.o2";
  static final String EXCEEDANCE = SO2 + "/EMISSION_EXCEEDANCE";
  static final Instant H0 = Instant.parse("2026-11-28T02:00:00Z");

  /** A coal-fired unit: SO2 limit 35 mg/m³ at 6 % reference O2 (GB 13223 ultra-low emission). */
  static final Site SITE =
      new TestSite()
          .region("nd", "宁东")
          .station(
              "nd-power",
              StationKind.POLLUTION_SOURCE,
              "nd",
              "cems",
              point(
                  "so2",
                  "a21026",
                  "mg/m³",
                  new AlarmLimits(
                      Double.NaN,
                      Double.NaN,
                      Double.NaN,
                      Double.NaN,
                      0,
                      0,
                      0,
                      0,
                      Double.NaN,
                      null,
                      new EmissionLimit(35, 6, "o2"))),
              point("o2", "a19001", "%", AlarmLimits.NONE))
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
  void anHourAboveTheLimitAtReferenceO2OpensANotice() {
    // 30 mg/m³ measured at 9 % O2 is 30 × (21 − 6) / (21 − 9) = 37.5 at reference O2
    feedHour(alarms, 0, 30, 9, 60);
    assertThat(alarms.state(EXCEEDANCE))
        .as("judged when the hour is over")
        .isEqualTo(AlarmState.NORMAL);
    feedHour(alarms, 1, 20, 9, 1);

    AlarmRecord alarm = alarms.alarm(EXCEEDANCE);
    assertThat(alarm.state()).isEqualTo(AlarmState.UNACKNOWLEDGED_ACTIVE);
    assertThat(alarm.value()).isEqualTo(37.5);
    assertThat(alarm.limit()).isEqualTo(35);

    List<EnforcementNotice> notices = alarms.engine.notices();
    assertThat(notices).hasSize(1);
    EnforcementNotice notice = notices.get(0);
    assertThat(notice.status()).isEqualTo(Status.OPEN);
    assertThat(notice.stationId()).isEqualTo("nd-power");
    assertThat(notice.pollutant()).isEqualTo("a21026");
    assertThat(notice.limit()).isEqualTo(35);
    assertThat(notice.referenceO2()).isEqualTo(6);
    assertThat(notice.periodStart()).isEqualTo(H0);
    assertThat(notice.periodEnd()).isEqualTo(H0.plus(Duration.ofHours(1)));
    assertThat(notice.readings())
        .containsExactly(new Reading(H0, H0.plus(Duration.ofHours(1)), 37.5, 9, false));
  }

  @Test
  void theRawAverageBelowTheLimitIsNoExcuseAndACompliantHourEndsTheAlarmButNotTheNotice() {
    feedHour(alarms, 0, 30, 9, 60);
    feedHour(alarms, 1, 20, 9, 60); // 25 at reference O2
    feedHour(alarms, 2, 20, 9, 1);
    assertThat(alarms.state(EXCEEDANCE)).isEqualTo(AlarmState.RETURNED_UNACKNOWLEDGED);
    assertThat(alarms.engine.notices())
        .singleElement()
        .extracting(EnforcementNotice::status)
        .isEqualTo(Status.OPEN);
  }

  @Test
  void consecutiveHoursAddToTheNoticeAndALaterEpisodeOpensAnother() {
    feedHour(alarms, 0, 30, 9, 60);
    feedHour(alarms, 1, 40, 6, 60); // 40 at reference O2: the episode goes on
    feedHour(alarms, 2, 20, 9, 60); // compliant
    feedHour(alarms, 3, 45, 6, 60);
    feedHour(alarms, 4, 20, 9, 1);
    alarms.settle();

    List<EnforcementNotice> notices = alarms.engine.notices();
    assertThat(notices).hasSize(2);
    EnforcementNotice first = notices.get(1);
    assertThat(first.readings()).extracting(Reading::value).containsExactly(37.5, 40.0);
    assertThat(first.periodEnd()).isEqualTo(H0.plus(Duration.ofHours(2)));
    assertThat(first.maxValue()).isEqualTo(40);
    EnforcementNotice second = notices.get(0);
    assertThat(second.periodStart()).isEqualTo(H0.plus(Duration.ofHours(3)));
  }

  @Test
  void anHourWithoutFortyFiveValidMinutesIsNotJudgedAndMaintenanceValuesDoNotCount() {
    feedHour(alarms, 0, 30, 9, 44); // 44 valid minutes
    SampleBatch batch = new SampleBatch(2);
    for (int minute = 44; minute < 60; minute++) {
      long time = micros(H0.plus(Duration.ofMinutes(minute)));
      batch.clear();
      batch.add(alarms.index(O2), time, 9, Quality.GOOD, DataFlag.M);
      batch.add(alarms.index(SO2), time, 500, Quality.GOOD, DataFlag.M);
      alarms.engine.onBatch(batch, 0);
    }
    feedHour(alarms, 1, 20, 9, 1);
    assertThat(alarms.state(EXCEEDANCE)).isEqualTo(AlarmState.NORMAL);
    assertThat(alarms.engine.notices()).isEmpty();
  }

  @Test
  void flagTIsAnExceedanceAtOnce() {
    feedHour(alarms, 0, 20, 9, 10);
    alarms.sample(SO2, micros(H0.plus(Duration.ofMinutes(10))), 2500, Quality.GOOD, DataFlag.T);
    AlarmRecord alarm = alarms.alarm(EXCEEDANCE);
    assertThat(alarm.state()).isEqualTo(AlarmState.UNACKNOWLEDGED_ACTIVE);
    assertThat(alarm.message()).contains("T");
    EnforcementNotice notice = alarms.engine.notices().get(0);
    assertThat(notice.readings()).singleElement().extracting(Reading::flagT).isEqualTo(true);
    assertThat(notice.readings().get(0).value()).isEqualTo(2500);

    alarms.sample(SO2, micros(H0.plus(Duration.ofMinutes(11))), 20, Quality.GOOD, DataFlag.N);
    assertThat(alarms.state(EXCEEDANCE)).isEqualTo(AlarmState.RETURNED_UNACKNOWLEDGED);
  }

  @Test
  void enforcementClosesTheNoticeWithAComment() {
    feedHour(alarms, 0, 30, 9, 60);
    feedHour(alarms, 1, 20, 9, 1);
    alarms.settle();
    String id = alarms.engine.notices().get(0).id();
    assertThat(id).isEqualTo("EN-202611280200-" + SO2);

    assertThatThrownBy(() -> alarms.engine.closeNotice(VIEWER, ORIGIN, id, "seen"))
        .isInstanceOf(SecurityException.class);
    assertThatThrownBy(() -> alarms.engine.closeNotice(OPERATOR, ORIGIN, id, ""))
        .isInstanceOf(IllegalArgumentException.class);
    EnforcementNotice closed =
        alarms.engine.closeNotice(OPERATOR, ORIGIN, id, "现场检查：脱硫塔循环泵故障，已责令整改");
    assertThat(closed.status()).isEqualTo(Status.CLOSED);
    assertThat(closed.closedBy()).isEqualTo(OPERATOR.name());
    assertThat(closed.comment()).contains("整改");
    assertThatThrownBy(() -> alarms.engine.closeNotice(OPERATOR, ORIGIN, id, "again"))
        .isInstanceOf(IllegalStateException.class);

    alarms.settle();
    assertThat(alarms.journal.notices(new JournalRejects(alarms.registry)))
        .singleElement()
        .isEqualTo(closed);
  }

  /** One reading a minute, at 10 s past, for the first {@code minutes} minutes of hour h. */
  static void feedHour(AlarmHarness alarms, int hour, double so2, double o2, int minutes) {
    SampleBatch batch = new SampleBatch(2);
    for (int minute = 0; minute < minutes; minute++) {
      long time =
          micros(H0.plus(Duration.ofHours(hour)).plus(Duration.ofMinutes(minute)).plusSeconds(10));
      batch.clear();
      batch.add(alarms.index(O2), time, o2, Quality.GOOD, DataFlag.N);
      batch.add(alarms.index(SO2), time, so2, Quality.GOOD, DataFlag.N);
      alarms.engine.onBatch(batch, 0);
    }
  }

  private static long micros(Instant time) {
    return AlarmHarness.micros(time);
  }
}
