package io.helan.alarms;

import static io.helan.alarms.AlarmHarness.OPERATOR;
import static io.helan.alarms.AlarmHarness.ORIGIN;
import static io.helan.alarms.AlarmHarness.VIEWER;
import static io.helan.alarms.TestSite.point;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helan.aggregates.Mean;
import io.helan.alarms.EnforcementNotice.Reading;
import io.helan.alarms.EnforcementNotice.Status;
import io.helan.config.AlarmLimits;
import io.helan.config.EmissionLimit;
import io.helan.config.Site;
import io.helan.config.StationKind;
import io.helan.driver.DataFlag;
import io.helan.driver.Quality;
import io.helan.driver.SampleBatch;
import io.helan.emissions.EmissionAverages;
import io.helan.emissions.EmissionHour;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Emission exceedance at a pollution source (HJ 75/76): the validated hourly average at reference
 * O2 against the limit raises the alarm and opens or extends an enforcement notice, once per hour;
 * raw readings open none, flag T raises the alarm at once.
 */
class EmissionExceedanceTest {
  static final String SO2 = "nd-power.cems.so2";
  static final String O2 = "nd-power.cems.o2";
  static final String EXCEEDANCE = SO2 + "/EMISSION_EXCEEDANCE";
  static final Instant H0 = Instant.parse("2026-11-28T02:00:00Z");
  static final Instant H1 = H0.plus(Duration.ofHours(1));
  static final EmissionLimit LIMIT = new EmissionLimit(35, 6, "o2");

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
                      LIMIT)),
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
  void aValidatedHourAboveTheLimitAtReferenceO2OpensANoticeAndRaisesTheAlarm() {
    // 30 mg/m³ measured at 9 % O2 is 30 × (21 − 6) / (21 − 9) = 37.5 at reference O2
    judge(alarms, hour(0, 30, 9));

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
  void rawReadingsAboveTheLimitOpenNoNoticeAndRaiseNoAlarm() {
    feedHour(alarms, 0, 30, 9, 60);
    feedHour(alarms, 1, 20, 9, 1);
    alarms.settle();
    assertThat(alarms.state(EXCEEDANCE)).isEqualTo(AlarmState.NORMAL);
    assertThat(alarms.engine.notices()).isEmpty();
  }

  @Test
  void aCompliantValidatedHourEndsTheAlarmButNotTheNotice() {
    judge(alarms, hour(0, 30, 9), hour(1, 20, 9)); // 25 at reference O2
    assertThat(alarms.state(EXCEEDANCE)).isEqualTo(AlarmState.RETURNED_UNACKNOWLEDGED);
    assertThat(alarms.engine.notices())
        .singleElement()
        .extracting(EnforcementNotice::status)
        .isEqualTo(Status.OPEN);
  }

  @Test
  void consecutiveHoursAddToTheNoticeAndALaterEpisodeOpensAnother() {
    // 37.5, 40 (the episode goes on), 25 (compliant), 45
    judge(alarms, hour(0, 30, 9), hour(1, 40, 6), hour(2, 20, 9), hour(3, 45, 6));

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
  void aRecomputedHourCountsOnceWithItsNewValueAndAnInvalidHourIsNotJudged() {
    judge(alarms, hour(0, 30, 9));
    judge(alarms, hour(0, 30, 9)); // recomputed, nothing changed
    judge(alarms, hour(0, 32, 9)); // a late packet raised the hour's mean: 40
    Mean invalid = new Mean(H1, H1.plus(Duration.ofHours(1)), 500, 44, 60, 45);
    Mean o2 = new Mean(H1, H1.plus(Duration.ofHours(1)), 9, 44, 60, 45);
    judge(
        alarms,
        new EmissionHour(
            invalid, o2, EmissionAverages.converted(invalid, o2, LIMIT), LIMIT.limit()));
    assertThat(alarms.engine.notices())
        .singleElement()
        .extracting(EnforcementNotice::readings)
        .isEqualTo(List.of(new Reading(H0, H1, 40, 9, false)));
    assertThat(alarms.state(EXCEEDANCE)).isEqualTo(AlarmState.UNACKNOWLEDGED_ACTIVE);
  }

  @Test
  void flagTRaisesTheAlarmAtOnceWithoutANotice() {
    feedHour(alarms, 0, 20, 9, 10);
    alarms.sample(SO2, micros(H0.plus(Duration.ofMinutes(10))), 2500, Quality.GOOD, DataFlag.T);
    AlarmRecord alarm = alarms.alarm(EXCEEDANCE);
    assertThat(alarm.state()).isEqualTo(AlarmState.UNACKNOWLEDGED_ACTIVE);
    assertThat(alarm.message()).contains("T");
    assertThat(alarms.engine.notices()).isEmpty();

    alarms.sample(SO2, micros(H0.plus(Duration.ofMinutes(11))), 20, Quality.GOOD, DataFlag.N);
    assertThat(alarms.state(EXCEEDANCE)).isEqualTo(AlarmState.RETURNED_UNACKNOWLEDGED);
  }

  @Test
  void enforcementClosesTheNoticeWithAComment() {
    judge(alarms, hour(0, 30, 9));
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
    // the hour recomputed after the closure does not reopen it
    judge(alarms, hour(0, 31, 9));

    alarms.settle();
    assertThat(alarms.engine.notices()).singleElement().isEqualTo(closed);
    assertThat(alarms.journal.notices(new JournalRejects(alarms.registry)))
        .singleElement()
        .isEqualTo(closed);
  }

  /** A fully valid hour h of SO2 and O2 as the validated means would give it. */
  static EmissionHour hour(int h, double so2, double o2) {
    Instant start = H0.plus(Duration.ofHours(h));
    Mean measured = new Mean(start, start.plus(Duration.ofHours(1)), so2, 60, 60, 45);
    Mean oxygen = new Mean(start, start.plus(Duration.ofHours(1)), o2, 60, 60, 45);
    return new EmissionHour(
        measured, oxygen, EmissionAverages.converted(measured, oxygen, LIMIT), LIMIT.limit());
  }

  /** Hands the validated hours to the engine and waits until it has judged them. */
  static void judge(AlarmHarness alarms, EmissionHour... hours) {
    alarms.engine.validatedHours(SITE.point(SO2).orElseThrow(), List.of(hours));
    alarms.settle();
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
