package io.helan.alarms;

import io.helan.alarms.JournalTables.JournalRecord;
import io.questdb.cairo.CairoEngine;
import io.vertx.core.json.JsonArray;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alarm journal and the enforcement notices in QuestDB: this process's own (a single server),
 * or the QuestDB server the nodes of a cluster share, where every node's rows go into the one
 * journal ({@link #shared}).
 *
 * <p>Every alarm transition becomes one row of {@code alarm_journal}; nothing is dropped: entries
 * wait in an unbounded queue and one writer thread commits them in batches. The local journal
 * retries while QuestDB refuses; the shared one spools what the server does not take to disk and
 * replays it, oldest first and before anything newer, once the server is back (rows written twice
 * are kept once: the shared journal deduplicates on time, alarm and state). Notices are rows of
 * {@code enforcement_notices}, upserted on (opened, id), so the table holds each notice's latest
 * version. Reads (history, restore, KPIs) run SQL on the caller's thread.
 */
public final class AlarmJournal implements AutoCloseable {
  static final String JOURNAL_TABLE = "alarm_journal";
  static final String NOTICE_TABLE = "enforcement_notices";
  private static final Logger LOG = LoggerFactory.getLogger(AlarmJournal.class);
  private static final int MAX_BATCH = 10_000;
  private static final long RETRY_MILLIS = 1000;
  private static final long VISIBLE_TIMEOUT_SECONDS = 30;

  private final JournalTables tables;
  // null for the local journal, which retries in memory
  private final JournalSpool spool;
  private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
  private final Thread writer;
  private volatile boolean closing;
  // flushes waiting for the spool to be replayed (writer thread only)
  private final List<CompletableFuture<Void>> waitingFlushes = new ArrayList<>();
  private long nextReplayNanos;
  // whether the shared journal's server refused the last write (writer thread only)
  private boolean away;

  /** One annunciation (an alarm becoming unacknowledged active), for KPIs. */
  record Annunciation(String alarmId, long timeMicros) {}

  /** A request for {@link #flush()}: completed once everything queued before it is visible. */
  private record FlushMarker(CompletableFuture<Void> done) {}

  /** The journal in this process's QuestDB. */
  public AlarmJournal(CairoEngine engine) {
    this(new LocalJournalTables(engine), null);
  }

  /**
   * The journal every node of a cluster writes to, on the QuestDB server at {@code url} (with
   * {@code user:password@} when it asks for them); rows wait in {@code spoolDir} while it is away.
   */
  public static AlarmJournal shared(URI url, Path spoolDir) {
    try {
      return new AlarmJournal(new SharedJournalTables(url), new JournalSpool(spoolDir));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the alarm journal spool " + spoolDir, e);
    }
  }

  private AlarmJournal(JournalTables tables, JournalSpool spool) {
    this.tables = tables;
    this.spool = spool;
    this.writer = new Thread(this::run, "helan-alarm-journal");
    writer.setDaemon(true);
    writer.setUncaughtExceptionHandler(
        (thread, e) ->
            LOG.error("Alarm journal writer died; {} entries unwritten", queue.size(), e));
  }

  /** The journal table's statement, with the given dedup clause (or none: ""). */
  static String createJournal(String dedup) {
    return "CREATE TABLE IF NOT EXISTS "
        + JOURNAL_TABLE
        + " (ts TIMESTAMP, alarm_id SYMBOL CAPACITY 16384, source SYMBOL CAPACITY 16384,"
        + " station SYMBOL CAPACITY 4096, kind SYMBOL, state SYMBOL, priority INT, value DOUBLE,"
        + " limit_value DOUBLE, user_name SYMBOL, reason STRING, message STRING, active BOOLEAN,"
        + " one_shot BOOLEAN, out_of_service BOOLEAN, active_since TIMESTAMP,"
        + " acknowledged_by SYMBOL, shelved_until TIMESTAMP, origin STRING)"
        + " TIMESTAMP(ts) PARTITION BY DAY WAL"
        + dedup;
  }

  static String createNotices() {
    return "CREATE TABLE IF NOT EXISTS "
        + NOTICE_TABLE
        + " (opened TIMESTAMP, id SYMBOL CAPACITY 4096, station SYMBOL, point SYMBOL,"
        + " pollutant SYMBOL, pollutant_name STRING, unit SYMBOL, status SYMBOL,"
        + " limit_value DOUBLE, reference_o2 DOUBLE, period_start TIMESTAMP,"
        + " period_end TIMESTAMP, readings STRING, closed_by SYMBOL, closed_at TIMESTAMP,"
        + " comment STRING)"
        + " TIMESTAMP(opened) PARTITION BY MONTH WAL DEDUP UPSERT KEYS(opened, id)";
  }

  /** Creates the tables if needed and starts the writer thread. */
  public void start() {
    tables.create();
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

  /** Entries waiting in the spool for the shared journal's server (0 for a local journal). */
  public long spooled() {
    return spool == null ? 0 : spool.entries();
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
        replayWhenDue();
        continue;
      }
      batch.add(first);
      queue.drainTo(batch, MAX_BATCH - 1);
      if (spool == null) {
        writeUntilDone(batch);
      } else {
        writeOrSpool(batch);
      }
      batch.clear();
    }
    if (spool != null) {
      nextReplayNanos = System.nanoTime();
      replayWhenDue();
      if (!spool.isEmpty()) {
        LOG.warn(
            "Alarm journal closed with {} entries in its spool; they are written at the next start",
            spool.entries());
        waitingFlushes.forEach(
            done -> done.completeExceptionally(new IllegalStateException("journal rows spooled")));
      }
    }
    tables.close();
  }

  /** Writes the batch, retrying until it is committed: the journal must not lose an entry. */
  private void writeUntilDone(List<Object> batch) {
    while (true) {
      try {
        tables.write(batch);
        break;
      } catch (RuntimeException e) {
        LOG.error("Alarm journal write of {} entries failed; retrying", batch.size(), e);
        tables.discard();
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

  /**
   * Writes the batch to the shared journal; when the server does not take it, or older entries
   * still wait in the spool, into the spool after them.
   */
  private void writeOrSpool(List<Object> batch) {
    List<Object> entries = new ArrayList<>(batch.size());
    for (Object entry : batch) {
      if (entry instanceof FlushMarker marker) {
        waitingFlushes.add(marker.done());
      } else {
        entries.add(entry);
      }
    }
    if (!entries.isEmpty() && (!spool.isEmpty() || !tryWrite(entries))) {
      try {
        spool.append(entries);
      } catch (IOException e) {
        LOG.error(
            "Alarm journal spool cannot be written; keeping {} entries in memory",
            entries.size(),
            e);
        writeUntilDone(entries);
      }
    }
    replayWhenDue();
    if (spool.isEmpty()) {
      waitingFlushes.forEach(this::awaitVisible);
      waitingFlushes.clear();
    }
  }

  /** Writes what the spool holds once the retry interval has passed since the last failure. */
  private void replayWhenDue() {
    if (spool == null || spool.isEmpty() || System.nanoTime() - nextReplayNanos < 0) {
      return;
    }
    try {
      List<Object> spooled = spool.read();
      if (spooled.isEmpty() || tryWrite(spooled)) {
        spool.clear();
        LOG.info("Alarm journal: {} spooled entries written to the shared journal", spooled.size());
        waitingFlushes.forEach(this::awaitVisible);
        waitingFlushes.clear();
      }
    } catch (IOException e) {
      LOG.error("Alarm journal spool cannot be read; retrying", e);
      nextReplayNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RETRY_MILLIS);
    }
  }

  /** Writes to the shared journal; false when it does not take them (logged once an outage). */
  private boolean tryWrite(List<Object> entries) {
    try {
      tables.write(entries);
      if (away) {
        away = false;
        LOG.info("Alarm journal: the shared journal takes rows again");
      }
      return true;
    } catch (RuntimeException e) {
      tables.discard();
      if (!away) {
        away = true;
        LOG.warn(
            "Alarm journal: the shared journal does not take rows ({}); spooling them until it does",
            e.getMessage());
      }
      nextReplayNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RETRY_MILLIS);
      return false;
    }
  }

  /** WAL rows become visible once QuestDB has applied them; flush waits for that. */
  private void awaitVisible(CompletableFuture<Void> done) {
    try {
      tables.awaitVisible(VISIBLE_TIMEOUT_SECONDS);
      done.complete(null);
    } catch (RuntimeException e) {
      done.completeExceptionally(e);
    }
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
      tables.query(sql, parameters, record -> rows.add(row(record)));
    } catch (RuntimeException e) {
      rows.add(
          new JournalRow(
              null, null, null, "the journal cannot be read past here: " + e.getMessage()));
    }
    return rows;
  }

  private static JournalRow row(JournalRecord record) {
    Instant time = null;
    String alarmId = null;
    try {
      time = instant(record.micros("ts"));
      alarmId = record.text("alarm_id");
      return new JournalRow(time, alarmId, transition(record), null);
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
    return readableRows(sql.toString(), parameters, "History");
  }

  /** The transitions of the rows the query finds; a row that cannot be read is logged, left out. */
  private List<AlarmTransition> readableRows(String sql, List<Object> parameters, String reader) {
    List<AlarmTransition> result = new ArrayList<>();
    tables.query(
        sql,
        parameters,
        record -> {
          JournalRow row = row(record);
          if (row.readable()) {
            result.add(row.transition());
          } else {
            LOG.warn("{} leaves out {}: {}", reader, row.describe(), row.problem());
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
    tables.query(
        "SELECT alarm_id, ts FROM "
            + JOURNAL_TABLE
            + " WHERE ts >= $1 AND ts < $2 AND state = 'UNACKNOWLEDGED_ACTIVE' ORDER BY ts",
        List.of(from, to),
        record -> {
          String alarmId = record.text("alarm_id");
          if (alarmId != null) {
            result.add(new Annunciation(alarmId, record.micros("ts")));
          }
        });
    return result;
  }

  /** Every notice in its latest version; a notice that cannot be read is rejected. */
  List<EnforcementNotice> notices(JournalRejects rejects) {
    List<EnforcementNotice> result = new ArrayList<>();
    try {
      tables.query(
          "SELECT * FROM " + NOTICE_TABLE + " ORDER BY opened",
          List.of(),
          record -> {
            try {
              result.add(notice(record));
            } catch (RuntimeException e) {
              rejects.reject(NOTICE_TABLE + " row of notice " + record.text("id"), e.getMessage());
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
    tables.query(
        "SELECT count() n FROM " + table, List.of(), record -> count[0] = record.longValue("n"));
    return count[0];
  }

  /**
   * The latest entry of each of these alarms that has one: what a cluster member taking a device
   * over finds of its alarms. Rows that cannot be read are left out.
   */
  public List<AlarmTransition> latest(Collection<String> alarmIds) {
    if (alarmIds.isEmpty()) {
      return List.of();
    }
    List<Object> parameters = new ArrayList<>(alarmIds);
    String placeholders =
        IntStream.rangeClosed(1, parameters.size())
            .mapToObj(i -> "$" + i)
            .collect(Collectors.joining(", "));
    return readableRows(
        "SELECT * FROM (SELECT * FROM "
            + JOURNAL_TABLE
            + " WHERE alarm_id IN ("
            + placeholders
            + ") LATEST ON ts PARTITION BY alarm_id)",
        parameters,
        "Taking a device over");
  }

  private static AlarmTransition transition(JournalRecord r) {
    Instant time = instant(r.micros("ts"));
    AlarmRecord alarm =
        new AlarmRecord(
            required(r.text("alarm_id"), "alarm_id"),
            required(r.text("source"), "source"),
            r.text("station"),
            named(AlarmKind.class, r.text("kind"), "kind"),
            r.integer("priority"),
            named(AlarmState.class, r.text("state"), "state"),
            r.number("value"),
            r.number("limit_value"),
            r.text("message"),
            instant(r.micros("active_since")),
            time,
            r.text("acknowledged_by"),
            instant(r.micros("shelved_until")));
    return new AlarmTransition(
        time,
        alarm,
        r.bool("active"),
        r.bool("one_shot"),
        r.bool("out_of_service"),
        r.text("user_name"),
        r.text("origin"),
        r.text("reason"));
  }

  private static EnforcementNotice notice(JournalRecord r) {
    return new EnforcementNotice(
        r.text("id"),
        r.text("station"),
        r.text("point"),
        r.text("pollutant"),
        r.text("pollutant_name"),
        r.text("unit"),
        r.number("limit_value"),
        r.number("reference_o2"),
        instant(r.micros("period_start")),
        instant(r.micros("period_end")),
        JournalEntryJson.readings(new JsonArray(r.text("readings"))),
        EnforcementNotice.Status.valueOf(r.text("status")),
        instant(r.micros("opened")),
        r.text("closed_by"),
        instant(r.micros("closed_at")),
        r.text("comment"));
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
