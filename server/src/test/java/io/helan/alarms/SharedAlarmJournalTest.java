package io.helan.alarms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.helan.historian.QuestDbConsole;
import io.helan.historian.QuestDbEmbedded;
import io.helan.historian.QuestDbHttp;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal a cluster's nodes share on an external QuestDB server: entries written while the
 * server is down wait in the spool and arrive once it is back, and an entry written twice (a spool
 * replayed after its rows were committed, as a crash between commit and delete leaves it) is kept
 * once. What is read back (latest row per alarm, history) is what was written.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SharedAlarmJournalTest {
  private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");
  private static final QuestDbConsole CONSOLE = QuestDbConsole.withGeneratedPassword(0, 0);

  @TempDir Path questDbDir;
  @TempDir Path spoolDir;

  @Test
  void entriesSpooledDuringAnOutageArriveOnceAndAReplayedEntryIsKeptOnce() throws Exception {
    AlarmTransition raised =
        transition("S1/COMMUNICATION_LOSS", 0, AlarmState.UNACKNOWLEDGED_ACTIVE);
    AlarmTransition acknowledged =
        transition("S1/COMMUNICATION_LOSS", 1, AlarmState.ACKNOWLEDGED_ACTIVE);
    AlarmTransition other =
        transition("S2/COMMUNICATION_LOSS", 2, AlarmState.UNACKNOWLEDGED_ACTIVE);
    QuestDbEmbedded server = QuestDbEmbedded.start(questDbDir, CONSOLE);
    int port = server.httpPort();
    URI url = CONSOLE.httpUrl(port);
    try {
      AlarmJournal journal = AlarmJournal.shared(url, spoolDir);
      journal.start();
      journal.append(raised);
      journal.flush().get(30, TimeUnit.SECONDS);

      server.close();
      journal.append(acknowledged);
      CompletableFuture<Void> flushed = journal.flush();
      await().atMost(Duration.ofSeconds(30)).until(() -> journal.spooled() == 1);
      assertThat(flushed).isNotDone();
      journal.close();
      // as a crash between commit and delete would leave it: a row already written, spooled again
      new JournalSpool(spoolDir).append(List.of(raised, other));

      server =
          QuestDbEmbedded.start(
              questDbDir, new QuestDbConsole(port, 0, CONSOLE.user(), CONSOLE.password()));
      AlarmJournal restarted = AlarmJournal.shared(url, spoolDir);
      restarted.start();
      restarted.flush().get(60, TimeUnit.SECONDS);
      assertThat(restarted.spooled()).isZero();

      assertThat(restarted.count(AlarmJournal.JOURNAL_TABLE)).isEqualTo(3);
      assertThat(
              new QuestDbHttp(url)
                  .exec(
                      "SELECT count() FROM alarm_journal WHERE alarm_id = 'S1/COMMUNICATION_LOSS'"
                          + " AND state = 'UNACKNOWLEDGED_ACTIVE'")
                  .getJsonArray(0)
                  .getLong(0))
          .isEqualTo(1);
      assertThat(restarted.latest(List.of("S1/COMMUNICATION_LOSS", "S2/COMMUNICATION_LOSS")))
          .containsExactlyInAnyOrder(acknowledged, other);
      assertThat(restarted.history(T0, T0.plusSeconds(60), null, null, 10))
          .containsExactly(other, acknowledged, raised);
      restarted.close();
    } finally {
      server.close();
    }
  }

  private static AlarmTransition transition(String id, int second, AlarmState state) {
    Instant time = T0.plusSeconds(second).plusNanos(123_000);
    String device = id.substring(0, id.indexOf('/'));
    boolean acknowledged = state == AlarmState.ACKNOWLEDGED_ACTIVE;
    AlarmRecord alarm =
        new AlarmRecord(
            id,
            device,
            "station-" + device,
            AlarmKind.COMMUNICATION_LOSS,
            2,
            state,
            Double.NaN,
            Double.NaN,
            "通信中断 / communication lost",
            T0,
            time,
            acknowledged ? "li.ming" : null,
            null);
    return new AlarmTransition(
        time,
        alarm,
        true,
        false,
        false,
        acknowledged ? "li.ming" : "system",
        acknowledged ? "rest 10.0.0.5:51234" : null,
        acknowledged ? "seen" : null);
  }
}
