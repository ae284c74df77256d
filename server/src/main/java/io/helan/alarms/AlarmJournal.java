package io.helan.alarms;

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
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alarm journal and the enforcement notices in QuestDB.
 *
 * <p>Every alarm transition becomes one row of {@code alarm_journal}; nothing is dropped: entries
 * wait in an unbounded queue and one writer thread commits them in batches, retrying while QuestDB
 * refuses. Notices are rows of {@code enforcement_notices}, upserted on (opened, id), so the table
 * holds each notice's latest version. Reads (history, restore, KPIs) run SQL on the caller's
 * thread.
 */
public final class AlarmJournal implements AutoCloseable {
  static final String JOURNAL_TABLE = "alarm_journal";
  static final String NOTICE_TABLE = "enforcement_notices";
  private static final Logger LOG = LoggerFactory.getLogger(AlarmJournal.class);
  private static final int MAX_BATCH = 10_000;
  private static final long RETRY_MILLIS = 1000;
  private static final long VISIBLE_TIMEOUT_SECONDS = 30;

  private final CairoEngine engine;
  private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
  private final Thread writer;
  private volatile boolean closing;
  private WalWriter journalWriter;
  private WalWriter noticeWriter;

  /** One annunciation (an alarm becoming unacknowledged active), for KPIs. */
  record Annunciation(String alarmId, long timeMicros) {}

  /** A request for {@link #flush()}: completed once everything queued before it is visible. */
  private record FlushMarker(CompletableFuture<Void> done) {}

  public AlarmJournal(CairoEngine engine) {
    this.engine = engine;
    this.writer = new Thread(this::run, "helan-alarm-journal");
    writer.setDaemon(true);
    writer.setUncaughtExceptionHandler(
        (thread, e) ->
            LOG.error("Alarm journal writer died; {} entries unwritten", queue.size(), e));
  }

  /** Creates the tables if needed and starts the writer thread. */
  public void start() {
    execute(
        "CREATE TABLE IF NOT EXISTS "
            + JOURNAL_TABLE
            + " (ts TIMESTAMP, alarm_id SYMBOL CAPACITY 16384, source SYMBOL CAPACITY 16384,"
            + " station SYMBOL CAPACITY 4096, kind SYMBOL, state SYMBOL, priority INT, value DOUBLE,"
            + " limit_value DOUBLE, user_name SYMBOL, reason STRING, message STRING, active BOOLEAN,"
            + " one_shot BOOLEAN, out_of_service BOOLEAN, active_since TIMESTAMP,"
            + " acknowledged_by SYMBOL, shelved_until TIMESTAMP, origin STRING)"
            + " TIMESTAMP(ts) PARTITION BY DAY WAL");
    execute(
        "CREATE TABLE IF NOT EXISTS "
            + NOTICE_TABLE
            + " (opened TIMESTAMP, id SYMBOL CAPACITY 4096, station SYMBOL, point SYMBOL,"
            + " pollutant SYMBOL, pollutant_name STRING, unit SYMBOL, status SYMBOL,"
            + " limit_value DOUBLE, reference_o2 DOUBLE, period_start TIMESTAMP,"
            + " period_end TIMESTAMP, readings STRING, closed_by SYMBOL, closed_at TIMESTAMP,"
            + " comment STRING)"
            + " TIMESTAMP(opened) PARTITION BY MONTH WAL DEDUP UPSERT KEYS(opened, id)");
    writer.start();
  }

  /** Queues a transition; never blocks. */
  public void append(AlarmTransition transition) {
    queue.add(transition);
  }

  /** Queues the latest version of a notice; never blocks. */
  public void append(EnforcementNotice notice) {
    queue.add(notice);
  }

  /** Entries queued and not yet committed. */
  public int backlog() {
    return queue.size();
  }

  /** Completes when every entry queued before this call is committed and visible to queries. */
  public CompletableFuture<Void> flush() {
    CompletableFuture<Void> done = new CompletableFuture<>();
    if (closing && !writer.isAlive()) {
      done.completeExceptionally(new IllegalStateException("alarm journal is closed"));
    } else {
      queue.add(new FlushMarker(done));
    }
    return done;
  }

  private void run() {
    List<Object> batch = new ArrayList<>();
    while (true) {
      Object first;
      try {
        first = queue.poll(200, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (first == null) {
        if (closing) {
          break;
        }
        continue;
      }
      batch.add(first);
      queue.drainTo(batch, MAX_BATCH - 1);
      writeUntilDone(batch);
      batch.clear();
    }
    closeWriters();
  }

  /** Writes the batch, retrying until it is committed: the journal must not lose an entry. */
  private void writeUntilDone(List<Object> batch) {
    while (true) {
      try {
        commit(batch);
        break;
      } catch (RuntimeException e) {
        LOG.error("Alarm journal write of {} entries failed; retrying", batch.size(), e);
        discardWriters();
        try {
          Thread.sleep(RETRY_MILLIS);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          LOG.error("Alarm journal stopped with {} entries unwritten", batch.size() + queue.size());
          return;
        }
      }
    }
    for (Object entry : batch) {
      if (entry instanceof FlushMarker marker) {
        awaitVisible(marker.done());
      }
    }
  }

  private void commit(List<Object> batch) {
    boolean journalRows = false;
    boolean noticeRows = false;
    for (Object entry : batch) {
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

  /** WAL rows become visible once QuestDB has applied them; flush waits for that. */
  private void awaitVisible(CompletableFuture<Void> done) {
    try {
      engine.awaitTable(JOURNAL_TABLE, VISIBLE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      engine.awaitTable(NOTICE_TABLE, VISIBLE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      done.complete(null);
    } catch (RuntimeException e) {
      done.completeExceptionally(e);
    }
  }

  private WalWriter journalWriter() {
    if (journalWriter == null) {
      journalWriter = engine.getWalWriter(engine.verifyTableName(JOURNAL_TABLE));
    }
    return journalWriter;
  }

  private WalWriter noticeWriter() {
    if (noticeWriter == null) {
      noticeWriter = engine.getWalWriter(engine.verifyTableName(NOTICE_TABLE));
    }
    return noticeWriter;
  }

  /** Drops uncommitted rows of a failed batch, which is then written again in full. */
  private void discardWriters() {
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

  private void closeWriters() {
    if (journalWriter != null) {
      journalWriter.close();
      journalWriter = null;
    }
    if (noticeWriter != null) {
      noticeWriter.close();
      noticeWriter = null;
    }
  }

  private static void writeTransition(WalWriter writer, AlarmTransition t) {
    AlarmRecord a = t.alarm();
    TableWriter.Row row = writer.newRow(micros(t.time()));
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
      row.putTimestamp(15, micros(a.activeSince()));
    }
    if (a.acknowledgedBy() != null) {
      row.putSym(16, a.acknowledgedBy());
    }
    if (a.shelvedUntil() != null) {
      row.putTimestamp(17, micros(a.shelvedUntil()));
    }
    if (t.origin() != null) {
      row.putStr(18, t.origin());
    }
    row.append();
  }

  private static void writeNotice(WalWriter writer, EnforcementNotice n) {
    TableWriter.Row row = writer.newRow(micros(n.opened()));
    row.putSym(1, n.id());
    row.putSym(2, n.stationId());
    row.putSym(3, n.pointId());
    row.putSym(4, n.pollutant());
    row.putStr(5, n.pollutantName());
    row.putSym(6, n.unit());
    row.putSym(7, n.status().name());
    row.putDouble(8, n.limit());
    row.putDouble(9, n.referenceO2());
    row.putTimestamp(10, micros(n.periodStart()));
    row.putTimestamp(11, micros(n.periodEnd()));
    row.putStr(12, readingsJson(n.readings()));
    if (n.closedBy() != null) {
      row.putSym(13, n.closedBy());
      row.putTimestamp(14, micros(n.closedAt()));
      row.putStr(15, n.comment());
    }
    row.append();
  }

  /**
   * One row of {@code alarm_journal} as read back: its transition, or why it cannot be read.
   *
   * @param time the row's time, null if even that is unreadable
   * @param alarmId the row's alarm id, null if unreadable
   * @param transition the row, or null when it cannot be read
   * @param problem why it cannot be read, or null
   */
  record JournalRow(Instant time, String alarmId, AlarmTransition transition, String problem) {
    boolean readable() {
      return transition != null;
    }

    /** The row as a person finds it in the table. */
    String describe() {
      return JOURNAL_TABLE + " row at " + time + " of alarm " + alarmId;
    }
  }

  /**
   * The latest entry of every alarm whose latest state is not NORMAL: what a restart restores. A
   * row that cannot be read comes back with its problem; when the table itself cannot be read past
   * some row, the rows read so far come back with one more row naming the failure.
   */
  List<JournalRow> latestAbnormal() {
    return rows(
        "SELECT * FROM (SELECT * FROM "
            + JOURNAL_TABLE
            + " LATEST ON ts PARTITION BY alarm_id)"
            + " WHERE state != 'NORMAL'",
        List.of());
  }

  /** The entries of one alarm before {@code time}, newest first, at most {@code limit}. */
  List<JournalRow> rowsBefore(String alarmId, Instant time, int limit) {
    return rows(
        "SELECT * FROM "
            + JOURNAL_TABLE
            + " WHERE alarm_id = $1 AND ts < $2 ORDER BY ts DESC LIMIT "
            + Math.max(1, limit),
        List.of(alarmId, time));
  }

  private List<JournalRow> rows(String sql, List<Object> parameters) {
    List<JournalRow> rows = new ArrayList<>();
    try {
      query(sql, parameters, (record, columns) -> rows.add(row(record, columns)));
    } catch (RuntimeException e) {
      rows.add(
          new JournalRow(
              null, null, null, "the journal cannot be read past here: " + e.getMessage()));
    }
    return rows;
  }

  private static JournalRow row(Record record, RecordMetadata columns) {
    Instant time = null;
    String alarmId = null;
    try {
      time = instant(record.getTimestamp(columns.getColumnIndex("ts")));
      alarmId = text(record.getSymA(columns.getColumnIndex("alarm_id")));
      return new JournalRow(time, alarmId, transition(record, columns), null);
    } catch (RuntimeException e) {
      return new JournalRow(time, alarmId, null, e.getMessage());
    }
  }

  /**
   * Journal entries between from (inclusive) and to (exclusive), newest first.
   *
   * @param stationId only this station, or null for all
   * @param kind only this kind, or null for all
   */
  public List<AlarmTransition> history(
      Instant from, Instant to, String stationId, AlarmKind kind, int limit) {
    StringBuilder sql =
        new StringBuilder("SELECT * FROM " + JOURNAL_TABLE + " WHERE ts >= $1 AND ts < $2");
    List<Object> parameters = new ArrayList<>(List.of(from, to));
    if (stationId != null) {
      parameters.add(stationId);
      sql.append(" AND station = $").append(parameters.size());
    }
    if (kind != null) {
      parameters.add(kind.name());
      sql.append(" AND kind = $").append(parameters.size());
    }
    sql.append(" ORDER BY ts DESC LIMIT ").append(Math.max(1, limit));
    List<AlarmTransition> result = new ArrayList<>();
    query(
        sql.toString(),
        parameters,
        (record, columns) -> {
          JournalRow row = row(record, columns);
          if (row.readable()) {
            result.add(row.transition());
          } else {
            LOG.debug("History leaves out {}: {}", row.describe(), row.problem());
          }
        });
    return result;
  }

  /**
   * Every alarm raised (transition to unacknowledged active) in [from, to), as it stood then,
   * oldest first; a row that cannot be read is left out (and logged at debug).
   */
  public List<AlarmRecord> raised(Instant from, Instant to) {
    List<AlarmRecord> raised = new ArrayList<>();
    for (JournalRow row :
        rows(
            "SELECT * FROM "
                + JOURNAL_TABLE
                + " WHERE ts >= $1 AND ts < $2 AND state = 'UNACKNOWLEDGED_ACTIVE' ORDER BY ts",
            List.of(from, to))) {
      if (row.readable()) {
        raised.add(row.transition().alarm());
      } else {
        LOG.debug("Raised alarms leave out {}: {}", row.describe(), row.problem());
      }
    }
    return raised;
  }

  /** Every annunciation (transition to unacknowledged active) in [from, to), oldest first. */
  List<Annunciation> annunciations(Instant from, Instant to) {
    List<Annunciation> result = new ArrayList<>();
    query(
        "SELECT alarm_id, ts FROM "
            + JOURNAL_TABLE
            + " WHERE ts >= $1 AND ts < $2 AND state = 'UNACKNOWLEDGED_ACTIVE' ORDER BY ts",
        List.of(from, to),
        (record, columns) -> {
          String alarmId = text(record.getSymA(0));
          if (alarmId != null) {
            result.add(new Annunciation(alarmId, record.getTimestamp(1)));
          }
        });
    return result;
  }

  /** Every notice in its latest version; a notice that cannot be read is rejected. */
  List<EnforcementNotice> notices(JournalRejects rejects) {
    List<EnforcementNotice> result = new ArrayList<>();
    try {
      query(
          "SELECT * FROM " + NOTICE_TABLE + " ORDER BY opened",
          List.of(),
          (record, columns) -> {
            try {
              result.add(notice(record, columns));
            } catch (RuntimeException e) {
              rejects.reject(
                  NOTICE_TABLE
                      + " row of notice "
                      + text(record.getSymA(columns.getColumnIndex("id"))),
                  e.getMessage());
            }
          });
    } catch (RuntimeException e) {
      rejects.reject(NOTICE_TABLE, "cannot be read past here: " + e.getMessage());
    }
    return result;
  }

  /** Rows of a journal table written so far and visible; for health checks and tests. */
  public long count(String table) {
    long[] count = {0};
    query(
        "SELECT count() FROM " + table,
        List.of(),
        (record, columns) -> count[0] = record.getLong(0));
    return count[0];
  }

  private void query(String sql, List<Object> parameters, QuestDbQuery.RowHandler handler) {
    QuestDbQuery.select(engine, sql, parameters, handler);
  }

  private void execute(String sql) {
    try (SqlExecutionContext context =
        new SqlExecutionContextImpl(engine, 1).with(AllowAllSecurityContext.INSTANCE)) {
      engine.execute(sql, context);
    } catch (SqlException e) {
      throw new IllegalStateException("alarm journal: " + e.getMessage() + " in " + sql, e);
    }
  }

  private static AlarmTransition transition(Record r, RecordMetadata c) {
    Instant time = instant(r.getTimestamp(c.getColumnIndex("ts")));
    AlarmRecord alarm =
        new AlarmRecord(
            required(r.getSymA(c.getColumnIndex("alarm_id")), "alarm_id"),
            required(r.getSymA(c.getColumnIndex("source")), "source"),
            text(r.getSymA(c.getColumnIndex("station"))),
            named(AlarmKind.class, r.getSymA(c.getColumnIndex("kind")), "kind"),
            r.getInt(c.getColumnIndex("priority")),
            named(AlarmState.class, r.getSymA(c.getColumnIndex("state")), "state"),
            r.getDouble(c.getColumnIndex("value")),
            r.getDouble(c.getColumnIndex("limit_value")),
            text(r.getStrA(c.getColumnIndex("message"))),
            instant(r.getTimestamp(c.getColumnIndex("active_since"))),
            time,
            text(r.getSymA(c.getColumnIndex("acknowledged_by"))),
            instant(r.getTimestamp(c.getColumnIndex("shelved_until"))));
    return new AlarmTransition(
        time,
        alarm,
        r.getBool(c.getColumnIndex("active")),
        r.getBool(c.getColumnIndex("one_shot")),
        r.getBool(c.getColumnIndex("out_of_service")),
        text(r.getSymA(c.getColumnIndex("user_name"))),
        text(r.getStrA(c.getColumnIndex("origin"))),
        text(r.getStrA(c.getColumnIndex("reason"))));
  }

  private static EnforcementNotice notice(Record r, RecordMetadata c) {
    return new EnforcementNotice(
        text(r.getSymA(c.getColumnIndex("id"))),
        text(r.getSymA(c.getColumnIndex("station"))),
        text(r.getSymA(c.getColumnIndex("point"))),
        text(r.getSymA(c.getColumnIndex("pollutant"))),
        text(r.getStrA(c.getColumnIndex("pollutant_name"))),
        text(r.getSymA(c.getColumnIndex("unit"))),
        r.getDouble(c.getColumnIndex("limit_value")),
        r.getDouble(c.getColumnIndex("reference_o2")),
        instant(r.getTimestamp(c.getColumnIndex("period_start"))),
        instant(r.getTimestamp(c.getColumnIndex("period_end"))),
        readings(text(r.getStrA(c.getColumnIndex("readings")))),
        EnforcementNotice.Status.valueOf(text(r.getSymA(c.getColumnIndex("status")))),
        instant(r.getTimestamp(c.getColumnIndex("opened"))),
        text(r.getSymA(c.getColumnIndex("closed_by"))),
        instant(r.getTimestamp(c.getColumnIndex("closed_at"))),
        text(r.getStrA(c.getColumnIndex("comment"))));
  }

  private static String readingsJson(List<EnforcementNotice.Reading> readings) {
    JsonArray array = new JsonArray();
    for (EnforcementNotice.Reading reading : readings) {
      array.add(
          new JsonObject()
              .put("periodStart", reading.periodStart().toString())
              .put("periodEnd", reading.periodEnd().toString())
              .put("value", reading.value())
              .put("o2", Double.isNaN(reading.o2()) ? null : reading.o2())
              .put("flagT", reading.flagT()));
    }
    return array.encode();
  }

  private static List<EnforcementNotice.Reading> readings(String json) {
    List<EnforcementNotice.Reading> readings = new ArrayList<>();
    for (Object item : new JsonArray(json)) {
      JsonObject reading = (JsonObject) item;
      Double o2 = reading.getDouble("o2");
      readings.add(
          new EnforcementNotice.Reading(
              Instant.parse(reading.getString("periodStart")),
              Instant.parse(reading.getString("periodEnd")),
              reading.getDouble("value"),
              o2 == null ? Double.NaN : o2,
              reading.getBoolean("flagT")));
    }
    return readings;
  }

  private static String required(CharSequence value, String column) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException(column + " is empty");
    }
    return value.toString();
  }

  private static <E extends Enum<E>> E named(Class<E> type, CharSequence value, String column) {
    String name = required(value, column);
    try {
      return Enum.valueOf(type, name);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(column + " '" + name + "' is not known", e);
    }
  }

  private static String text(CharSequence value) {
    return value == null ? null : value.toString();
  }

  /** The time, to the microsecond the journal keeps, so what is restored equals what was live. */
  static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }

  static long micros(Instant time) {
    return time.getEpochSecond() * 1_000_000 + time.getNano() / 1000;
  }

  /** The time of a QuestDB timestamp, or null for QuestDB's null. */
  static Instant instant(long micros) {
    if (micros == Long.MIN_VALUE) {
      return null;
    }
    return Instant.ofEpochSecond(
        Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1000L);
  }

  /** Writes what is queued, then stops the writer thread. */
  @Override
  public void close() {
    closing = true;
    try {
      writer.join(TimeUnit.SECONDS.toMillis(VISIBLE_TIMEOUT_SECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (writer.isAlive()) {
      LOG.warn("Alarm journal writer did not stop; {} entries unwritten", queue.size());
      writer.interrupt();
    }
  }
}
