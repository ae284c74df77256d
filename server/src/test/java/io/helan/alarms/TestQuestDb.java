package io.helan.alarms;

import io.helan.historian.QuestDbEmbedded;
import io.questdb.cairo.CairoEngine;
import io.questdb.cairo.security.AllowAllSecurityContext;
import io.questdb.griffin.SqlException;
import io.questdb.griffin.SqlExecutionContextImpl;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The server's embedded QuestDB with every network listener off, for alarm tests. One is shared by
 * the test classes of this JVM; a test that needs its own (restart) starts one on its own
 * directory.
 */
final class TestQuestDb implements AutoCloseable {
  private static TestQuestDb shared;

  private final QuestDbEmbedded questDb;
  private final Path root;

  TestQuestDb(Path root) {
    this.root = root;
    questDb = QuestDbEmbedded.start(root);
  }

  /** The QuestDB shared by this JVM's alarm tests, started on first use. */
  static synchronized TestQuestDb shared() {
    if (shared == null) {
      try {
        shared = new TestQuestDb(Files.createTempDirectory("helan-alarms-questdb"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
    }
    return shared;
  }

  /** The directory QuestDB runs in; alarm tests keep their audit trail there too. */
  Path root() {
    return root;
  }

  QuestDbEmbedded questDb() {
    return questDb;
  }

  CairoEngine engine() {
    return questDb.engine();
  }

  /** Drops the alarm tables, so each test starts from an empty journal. */
  void dropAlarmTables() {
    drop(AlarmJournal.JOURNAL_TABLE);
    drop(AlarmJournal.NOTICE_TABLE);
  }

  void drop(String table) {
    execute("DROP TABLE IF EXISTS " + table);
  }

  /** Runs one statement as someone with direct access to the database would. */
  void execute(String sql) {
    try (SqlExecutionContextImpl context =
        new SqlExecutionContextImpl(engine(), 1).with(AllowAllSecurityContext.INSTANCE)) {
      engine().execute(sql, context);
    } catch (SqlException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Waits until what was written to the table is visible. */
  void awaitTable(String table) {
    engine().awaitTable(table, 30, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    questDb.close();
  }
}
