package io.helan.emergency;

import io.helan.historian.QuestDbQuery;
import io.questdb.cairo.CairoEngine;
import io.questdb.cairo.TableWriter;
import io.questdb.cairo.security.AllowAllSecurityContext;
import io.questdb.cairo.sql.Record;
import io.questdb.cairo.sql.RecordMetadata;
import io.questdb.cairo.wal.WalWriter;
import io.questdb.griffin.SqlException;
import io.questdb.griffin.SqlExecutionContext;
import io.questdb.griffin.SqlExecutionContextImpl;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Every timeline event of every incident, in QuestDB's {@code incident_events}: the incidents'
 * record and what a restart rebuilds them from. Events are rare (a handful a minute in an
 * incident), so each is committed before the action it records is taken further.
 */
final class IncidentJournal implements AutoCloseable {
  static final String TABLE = "incident_events";
  private static final long VISIBLE_TIMEOUT_SECONDS = 30;

  private final CairoEngine engine;
  private WalWriter writer;

  IncidentJournal(CairoEngine engine) {
    this.engine = engine;
  }

  /** Creates the table if needed. */
  void start() {
    try (SqlExecutionContext context =
        new SqlExecutionContextImpl(engine, 1).with(AllowAllSecurityContext.INSTANCE)) {
      engine.execute(
          "CREATE TABLE IF NOT EXISTS "
              + TABLE
              + " (ts TIMESTAMP, seq LONG, incident SYMBOL, kind SYMBOL, user_name SYMBOL,"
              + " text STRING, detail STRING) TIMESTAMP(ts) PARTITION BY MONTH WAL",
          context);
    } catch (SqlException e) {
      throw new IllegalStateException("cannot create " + TABLE + ": " + e.getMessage());
    }
  }

  /** Writes and commits one event. */
  synchronized void append(TimelineEvent event) {
    try {
      if (writer == null) {
        writer = engine.getWalWriter(engine.verifyTableName(TABLE));
      }
      TableWriter.Row row =
          writer.newRow(event.time().getEpochSecond() * 1_000_000 + event.time().getNano() / 1000);
      row.putLong(1, event.seq());
      row.putSym(2, event.incidentId());
      row.putSym(3, event.kind().name());
      row.putSym(4, event.user());
      row.putStr(5, event.text());
      row.putStr(6, event.detail());
      row.append();
      writer.commit();
    } catch (RuntimeException e) {
      if (writer != null) {
        writer.close();
        writer = null;
      }
      throw new IllegalStateException("cannot write the incident journal: " + e.getMessage(), e);
    }
  }

  /** Every event, oldest first, once what was committed before is visible. */
  List<TimelineEvent> all() {
    engine.awaitTable(TABLE, VISIBLE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    List<TimelineEvent> events = new ArrayList<>();
    QuestDbQuery.select(
        engine,
        "SELECT * FROM " + TABLE + " ORDER BY ts, seq",
        List.of(),
        (record, columns) -> events.add(event(record, columns)));
    return events;
  }

  private static TimelineEvent event(Record record, RecordMetadata columns) {
    return new TimelineEvent(
        record.getLong(columns.getColumnIndex("seq")),
        Instant.EPOCH.plus(record.getTimestamp(columns.getColumnIndex("ts")), ChronoUnit.MICROS),
        text(record.getSymA(columns.getColumnIndex("incident"))),
        EventKind.valueOf(text(record.getSymA(columns.getColumnIndex("kind")))),
        text(record.getSymA(columns.getColumnIndex("user_name"))),
        text(record.getStrA(columns.getColumnIndex("text"))),
        text(record.getStrA(columns.getColumnIndex("detail"))));
  }

  private static String text(CharSequence value) {
    return value == null ? null : value.toString();
  }

  @Override
  public synchronized void close() {
    if (writer != null) {
      writer.close();
      writer = null;
    }
  }
}
