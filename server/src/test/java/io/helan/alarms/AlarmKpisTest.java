package io.helan.alarms;

import static org.assertj.core.api.Assertions.assertThat;

import io.helan.alarms.AlarmJournal.Annunciation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ISA-18.2 KPIs from annunciations: rate, flood, bad actors, chattering, stale, shelved. */
class AlarmKpisTest {
  private static final Instant FROM = Instant.parse("2026-11-28T00:00:00Z");
  private static final Instant TO = FROM.plus(Duration.ofHours(1));

  @Test
  void floodBadActorsAndChattering() {
    List<Annunciation> annunciations = new ArrayList<>();
    // 00:10-00:20: a flood of 12 from 12 alarms
    for (int i = 0; i < 12; i++) {
      annunciations.add(at("flood-" + i + "/HI", Duration.ofMinutes(10).plusSeconds(i * 30)));
    }
    // 00:30: one alarm chattering, three times within 50 s; another three times in 3 minutes
    annunciations.add(at("chatter/HI", Duration.ofMinutes(30)));
    annunciations.add(at("chatter/HI", Duration.ofMinutes(30).plusSeconds(20)));
    annunciations.add(at("chatter/HI", Duration.ofMinutes(30).plusSeconds(50)));
    annunciations.add(at("slow/HI", Duration.ofMinutes(31)));
    annunciations.add(at("slow/HI", Duration.ofMinutes(32)));
    annunciations.add(at("slow/HI", Duration.ofMinutes(33)));
    annunciations.sort((a, b) -> Long.compare(a.timeMicros(), b.timeMicros()));

    AlarmRecord stale =
        record("old/HI", AlarmState.ACKNOWLEDGED_ACTIVE, TO.minus(Duration.ofHours(30)), null);
    AlarmRecord fresh =
        record("new/HI", AlarmState.UNACKNOWLEDGED_ACTIVE, TO.minus(Duration.ofHours(2)), null);
    AlarmRecord shelved =
        record("dust/HI", AlarmState.SHELVED, TO.minus(Duration.ofHours(40)), TO.plusSeconds(600));

    AlarmKpis kpis = AlarmKpis.compute(FROM, TO, annunciations, List.of(stale, fresh, shelved), TO);

    assertThat(kpis.annunciations()).isEqualTo(18);
    assertThat(kpis.per10Minutes())
        .extracting(AlarmKpis.Interval::count)
        .containsExactly(0L, 12L, 0L, 6L, 0L, 0L);
    assertThat(kpis.averagePer10Minutes()).isEqualTo(3.0);
    assertThat(kpis.maxPer10Minutes()).isEqualTo(12);
    assertThat(kpis.floodIntervals()).isEqualTo(1);
    assertThat(kpis.timeInFlood()).isEqualTo(Duration.ofMinutes(10));
    assertThat(kpis.timeInFloodPercent())
        .isCloseTo(100.0 / 6, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(kpis.badActors()).hasSize(10);
    assertThat(kpis.badActors().subList(0, 2))
        .containsExactly(
            new AlarmKpis.AlarmCount("chatter/HI", 3), new AlarmKpis.AlarmCount("slow/HI", 3));
    assertThat(kpis.chattering()).containsExactly(new AlarmKpis.AlarmCount("chatter/HI", 3));
    assertThat(kpis.stale()).containsExactly(stale);
    assertThat(kpis.shelved()).containsExactly(shelved);
  }

  private static Annunciation at(String id, Duration after) {
    return new Annunciation(id, AlarmJournal.micros(FROM.plus(after)));
  }

  private static AlarmRecord record(
      String id, AlarmState state, Instant activeSince, Instant shelvedUntil) {
    return new AlarmRecord(
        id,
        id.split("/")[0],
        "yc-air",
        AlarmKind.HI,
        3,
        state,
        80,
        75,
        id,
        activeSince,
        activeSince,
        null,
        shelvedUntil);
  }
}
