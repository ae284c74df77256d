package io.helan.alarms;

import io.helan.historian.QuestDbQuery;
import io.questdb.cairo.CairoEngine;
import io.questdb.cairo.ColumnType;
import io.questdb.cairo.TableWriter;
import io.questdb.cairo.security.AllowAllSecurityContext;
import io.questdb.cairo.sql.Record;
import io.questdb.cairo.sql.RecordMetadata;
import io.questdb.cairo.wal.WalWriter;
import io.questdb.griffin.SqlException;
import io.questdb.griffin.SqlExecutionContext;
import io.questdb.griffin.SqlExecutionContextImpl;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The journal's tables in this process's QuestDB, written through its WAL writers. */
final class LocalJournalTables implements JournalTables {
  private static final Logger LOG = LoggerFactory.getLogger(LocalJournalTables.class);

  private final CairoEngine engine;
  private WalWriter journalWriter;
  private WalWriter noticeWriter;

  LocalJournalTables(CairoEngine engine) {
    this.engine = engine;
  }

  @Override
  public void create() {
    execute(AlarmJournal.createJournal(""));
    execute(AlarmJournal.createNotices());
  }

  @Override
  public void write(List<Object> entries) {
    boolean journalRows = false;
    boolean noticeRows = false;
    for (Object entry : entries) {
      if (entry instanceof AlarmTransition transition) {
        writeTransition(journalWriter(), transition);
        journalRows = true;
      } else if (entry instanceof EnforcementNotice notice) {
        writeNotice(noticeWriter(), notice);
        noticeRows = true;
      }
    }
    if (journalRows) {
      journalWriter.commit();
    }
    if (noticeRows) {
      noticeWriter.commit();
    }
  }

  @Override
  public void discard() {
    for (WalWriter writer : new WalWriter[] {journalWriter, noticeWriter}) {
      if (writer != null) {
        try {
          writer.rollback();
          writer.close();
        } catch (RuntimeException e) {
          LOG.debug("Discarding a failed alarm journal writer: {}", e.getMessage());
        }
      }
    }
    journalWriter = null;
    noticeWriter = null;
  }

  @Override
  public void awaitVisible(long timeoutSeconds) {
    engine.awaitTable(AlarmJournal.JOURNAL_TABLE, timeoutSeconds, TimeUnit.SECONDS);
    engine.awaitTable(AlarmJournal.NOTICE_TABLE, timeoutSeconds, TimeUnit.SECONDS);
  }

  @Override
  public void query(String sql, List<Object> parameters, RowReader reader) {
    QuestDbQuery.select(
        engine, sql, parameters, (record, columns) -> reader.row(new CairoRow(record, columns)));
  }

  @Override
  public void close() {
    if (journalWriter != null) {
      journalWriter.close();
      journalWriter = null;
    }
    if (noticeWriter != null) {
      noticeWriter.close();
      noticeWriter = null;
    }
  }

  private WalWriter journalWriter() {
    if (journalWriter == null) {
      journalWriter = engine.getWalWriter(engine.verifyTableName(AlarmJournal.JOURNAL_TABLE));
    }
    return journalWriter;
  }

  private WalWriter noticeWriter() {
    if (noticeWriter == null) {
      noticeWriter = engine.getWalWriter(engine.verifyTableName(AlarmJournal.NOTICE_TABLE));
    }
    return noticeWriter;
  }

  private void execute(String sql) {
    try (SqlExecutionContext context =
        new SqlExecutionContextImpl(engine, 1).with(AllowAllSecurityContext.INSTANCE)) {
      engine.execute(sql, context);
    } catch (SqlException e) {
      throw new IllegalStateException("alarm journal: " + e.getMessage() + " in " + sql, e);
    }
  }

  private static void writeTransition(WalWriter writer, AlarmTransition t) {
    AlarmRecord a = t.alarm();
    TableWriter.Row row = writer.newRow(AlarmJournal.micros(t.time()));
    row.putSym(1, a.id());
    row.putSym(2, a.source());
    row.putSym(3, a.stationId());
    row.putSym(4, a.kind().name());
    row.putSym(5, a.state().name());
    row.putInt(6, a.priority());
    row.putDouble(7, a.value());
    row.putDouble(8, a.limit());
    row.putSym(9, t.user());
    if (t.reason() != null) {
      row.putStr(10, t.reason());
    }
    row.putStr(11, a.message());
    row.putBool(12, t.conditionActive());
    row.putBool(13, t.oneShotShelve());
    row.putBool(14, t.outOfService());
    if (a.activeSince() != null) {
      row.putTimestamp(15, AlarmJournal.micros(a.activeSince()));
    }
    if (a.acknowledgedBy() != null) {
      row.putSym(16, a.acknowledgedBy());
    }
    if (a.shelvedUntil() != null) {
      row.putTimestamp(17, AlarmJournal.micros(a.shelvedUntil()));
    }
    if (t.origin() != null) {
      row.putStr(18, t.origin());
    }
    row.append();
  }

  private static void writeNotice(WalWriter writer, EnforcementNotice n) {
    TableWriter.Row row = writer.newRow(AlarmJournal.micros(n.opened()));
    row.putSym(1, n.id());
    row.putSym(2, n.stationId());
    row.putSym(3, n.pointId());
    row.putSym(4, n.pollutant());
    row.putStr(5, n.pollutantName());
    row.putSym(6, n.unit());
    row.putSym(7, n.status().name());
    row.putDouble(8, n.limit());
    row.putDouble(9, n.referenceO2());
    row.putTimestamp(10, AlarmJournal.micros(n.periodStart()));
    row.putTimestamp(11, AlarmJournal.micros(n.periodEnd()));
    row.putStr(12, JournalEntryJson.readings(n.readings()).encode());
    if (n.closedBy() != null) {
      row.putSym(13, n.closedBy());
      row.putTimestamp(14, AlarmJournal.micros(n.closedAt()));
      row.putStr(15, n.comment());
    }
    row.append();
  }

  /** A row of a QuestDB cursor, read by column name. */
  private record CairoRow(Record record, RecordMetadata columns) implements JournalRecord {
    @Override
    public String text(String column) {
      int index = columns.getColumnIndex(column);
      CharSequence value =
          ColumnType.tagOf(columns.getColumnType(index)) == ColumnType.SYMBOL
              ? record.getSymA(index)
              : record.getStrA(index);
      return value == null ? null : value.toString();
    }

    @Override
    public long micros(String column) {
      return record.getTimestamp(columns.getColumnIndex(column));
    }

    @Override
    public int integer(String column) {
      return record.getInt(columns.getColumnIndex(column));
    }

    @Override
    public long longValue(String column) {
      return record.getLong(columns.getColumnIndex(column));
    }

    @Override
    public double number(String column) {
      return record.getDouble(columns.getColumnIndex(column));
    }

    @Override
    public boolean bool(String column) {
      return record.getBool(columns.getColumnIndex(column));
    }
  }
}
