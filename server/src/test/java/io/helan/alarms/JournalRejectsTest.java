package io.helan.alarms;

import static io.helan.alarms.AlarmHarness.OPERATOR;
import static io.helan.alarms.AlarmHarness.ORIGIN;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.helan.config.Site;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Journal rows a restart cannot read are skipped, logged (bounded), counted and alarmed; the engine
 * starts with every other alarm restored.
 */
class JournalRejectsTest {
  private static final Site SITE = AlarmRestartTest.SITE;
  static final String SERVER_ALARM = "helan:server/JOURNAL_ROWS_REJECTED";
  private static final int GHOSTS = 25;

  @Test
  void unreadableRowsAreRejectedAndTheEngineStartsWithTheRest(@TempDir Path dataDir) {
    try (TestQuestDb questDb = new TestQuestDb(dataDir);
        AlarmHarness alarms = new AlarmHarness(SITE, AlarmHarness.settings(), questDb)) {
      alarms.sample("yc-air.aqm.a", 80);
      alarms.sample("yc-air.aqm.b", 80);
      alarms.engine.acknowledge(OPERATOR, ORIGIN, "yc-air.aqm.b/HI", "seen");
      alarms.sample("yc-air.aqm.c", 80);
      alarms.settle();
    }
    try (TestQuestDb questDb = new TestQuestDb(dataDir)) {
      Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
      // c: a later row without a kind (the row of the field report); d: a state no one knows
      insert(questDb, now, "yc-air.aqm.c/HI", "yc-air.aqm.c", "null", "'ACKNOWLEDGED_ACTIVE'");
      insert(questDb, now, "yc-air.aqm.d/HI", "yc-air.aqm.d", "'HI'", "'EXPLODED'");
      for (int i = 0; i < GHOSTS; i++) {
        insert(questDb, now, "ghost-" + i + "/HI", "ghost-" + i, "null", "'UNACKNOWLEDGED_ACTIVE'");
      }
      questDb.awaitTable(AlarmJournal.JOURNAL_TABLE);
    }

    ListAppender<ILoggingEvent> log = new ListAppender<>();
    Logger logger = (Logger) LoggerFactory.getLogger(JournalRejects.class);
    log.start();
    logger.addAppender(log);
    int rejected = GHOSTS + 2;
    try (TestQuestDb questDb = new TestQuestDb(dataDir);
        AlarmHarness alarms = new AlarmHarness(SITE, AlarmHarness.settings(), questDb)) {
      assertThat(alarms.state("yc-air.aqm.a/HI")).isEqualTo(AlarmState.UNACKNOWLEDGED_ACTIVE);
      assertThat(alarms.state("yc-air.aqm.b/HI")).isEqualTo(AlarmState.ACKNOWLEDGED_ACTIVE);
      assertThat(alarms.state("yc-air.aqm.c/HI"))
          .as("restored from its last readable row")
          .isEqualTo(AlarmState.UNACKNOWLEDGED_ACTIVE);
      assertThat(alarms.state("yc-air.aqm.d/HI")).isEqualTo(AlarmState.NORMAL);

      assertThat(alarms.engine.rejectedJournalRows()).isEqualTo(rejected);
      assertThat(alarms.registry.get(AlarmEngine.JOURNAL_ROWS_REJECTED).counter().count())
          .isEqualTo(rejected);
      AlarmRecord serverAlarm = alarms.alarm(SERVER_ALARM);
      assertThat(serverAlarm.state()).isEqualTo(AlarmState.RETURNED_UNACKNOWLEDGED);
      assertThat(serverAlarm.value()).isEqualTo(rejected);
      assertThat(serverAlarm.message()).contains("rows not restored");
      assertThat(log.list)
          .as("20 rows one by one, the rest in one line")
          .hasSize(21)
          .allMatch(event -> event.getLevel() == Level.WARN);
      assertThat(log.list.get(20).getFormattedMessage()).startsWith((rejected - 20) + " more");
      alarms.engine.acknowledge(OPERATOR, ORIGIN, SERVER_ALARM, "checked the log");
    } finally {
      logger.detachAppender(log);
    }

    try (TestQuestDb questDb = new TestQuestDb(dataDir);
        AlarmHarness alarms = new AlarmHarness(SITE, AlarmHarness.settings(), questDb)) {
      assertThat(alarms.engine.rejectedJournalRows())
          .as("c and d were journaled afresh: only the rows of alarms the site lacks are left")
          .isEqualTo(GHOSTS);
      assertThat(alarms.state("yc-air.aqm.c/HI")).isEqualTo(AlarmState.UNACKNOWLEDGED_ACTIVE);
      assertThat(alarms.state("yc-air.aqm.d/HI")).isEqualTo(AlarmState.NORMAL);
    }
  }

  @Test
  void forgedOperatorRowsWithoutAnAuditRecordAreNotRestored(@TempDir Path dataDir) {
    Instant raised;
    try (TestQuestDb questDb = new TestQuestDb(dataDir);
        AlarmHarness alarms = new AlarmHarness(SITE, AlarmHarness.settings(), questDb)) {
      alarms.sample("yc-air.aqm.a", 80);
      alarms.sample("yc-air.aqm.b", 80);
      alarms.engine.shelve(OPERATOR, ORIGIN, "yc-air.aqm.b/HI", null, "dust storm");
      raised = alarms.alarm("yc-air.aqm.a/HI").activeSince();
    }
    try (TestQuestDb questDb = new TestQuestDb(dataDir)) {
      Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
      // what someone with QuestDB's console open would write to silence alarms
      questDb.execute(
          "INSERT INTO alarm_journal (ts, alarm_id, source, station, kind, state, priority,"
              + " active, active_since, acknowledged_by, message, user_name) VALUES ('"
              + now
              + "', 'yc-air.aqm.a/HI', 'yc-air.aqm.a', 'yc-air', 'HI', 'ACKNOWLEDGED_ACTIVE', 3,"
              + " true, '"
              + raised
              + "', 'wang.operator', 'forged', 'wang.operator')");
      questDb.execute(
          "INSERT INTO alarm_journal (ts, alarm_id, source, station, kind, state, priority,"
              + " active, out_of_service, message, user_name) VALUES ('"
              + now
              + "', 'yc-air.aqm.c/HI', 'yc-air.aqm.c', 'yc-air', 'HI', 'OUT_OF_SERVICE', 3,"
              + " false, true, 'forged', 'li.maintainer')");
      questDb.awaitTable(AlarmJournal.JOURNAL_TABLE);
    }

    try (TestQuestDb questDb = new TestQuestDb(dataDir);
        AlarmHarness alarms = new AlarmHarness(SITE, AlarmHarness.settings(), questDb)) {
      assertThat(alarms.state("yc-air.aqm.a/HI"))
          .as("the forged acknowledgement does not count")
          .isEqualTo(AlarmState.UNACKNOWLEDGED_ACTIVE);
      assertThat(alarms.state("yc-air.aqm.c/HI")).isEqualTo(AlarmState.NORMAL);
      assertThat(alarms.state("yc-air.aqm.b/HI"))
          .as("the audited shelve does")
          .isEqualTo(AlarmState.SHELVED);
      assertThat(alarms.engine.rejectedJournalRows()).isEqualTo(2);
      assertThat(alarms.alarm(SERVER_ALARM).state()).isEqualTo(AlarmState.RETURNED_UNACKNOWLEDGED);
    }
  }

  private static void insert(
      TestQuestDb questDb, Instant time, String alarmId, String source, String kind, String state) {
    questDb.execute(
        "INSERT INTO alarm_journal (ts, alarm_id, source, station, kind, state, priority, active,"
            + " message, user_name) VALUES ('"
            + time
            + "', '"
            + alarmId
            + "', '"
            + source
            + "', 'yc-air', "
            + kind
            + ", "
            + state
            + ", 3, true, 'written behind the server''s back', 'system')");
  }
}
