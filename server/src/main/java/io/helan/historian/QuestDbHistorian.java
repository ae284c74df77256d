package io.helan.historian;

import io.helan.config.Point;
import io.helan.config.Site;
import io.helan.driver.DataFlag;
import io.helan.driver.Quality;
import io.helan.driver.SampleBatch;
import io.micrometer.core.instrument.MeterRegistry;
import io.questdb.cairo.CairoEngine;
import io.questdb.cairo.CairoException;
import io.questdb.cairo.security.AllowAllSecurityContext;
import io.questdb.cairo.sql.BindVariableService;
import io.questdb.cairo.sql.Record;
import io.questdb.cairo.sql.RecordCursor;
import io.questdb.cairo.sql.RecordCursorFactory;
import io.questdb.griffin.SqlException;
import io.questdb.griffin.SqlExecutionContextImpl;
import io.questdb.griffin.engine.functions.bind.BindVariableServiceImpl;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The historian on QuestDB in this process: rows go in through the WAL writer, queries run on the
 * engine with bind variables. See {@link HistorianWriter} for the queue, commit and spool policy.
 */
public final class QuestDbHistorian implements Historian {
  private final Supplier<CairoEngine> engines;
  private final QueryWorkers queries;
  private final HistorianWriter writer;

  /**
   * A historian on an engine that someone else starts and stops.
   *
   * @param engines the current engine; asked again after a failed write, so a restarted QuestDB is
   *     picked up (it may throw while QuestDB is stopped: samples are spooled meanwhile)
   * @param spoolDir where samples wait while they cannot be written
   */
  public QuestDbHistorian(
      Site site, Supplier<CairoEngine> engines, MeterRegistry registry, Path spoolDir) {
    this.engines = engines;
    List<String> pointIds = site.points().stream().map(Point::id).toList();
    this.queries = new QueryWorkers("embedded");
    this.writer =
        HistorianWriter.create(
            "embedded", new WalRowWriter(engines, pointIds), pointIds, spoolDir, registry, queries);
  }

  @Override
  public void start() {
    try {
      engines.get().execute(SamplesTable.CREATE);
    } catch (SqlException e) {
      throw new IllegalStateException("cannot create table samples: " + e.getMessage(), e);
    }
    writer.start();
  }

  @Override
  public void append(SampleBatch batch) {
    writer.append(batch);
  }

  @Override
  public CompletableFuture<Void> flush() {
    return writer.flush();
  }

  @Override
  public CompletableFuture<List<HistoryRow>> history(
      Point point, Instant from, Instant to, Duration step) {
    String sql;
    try {
      SamplesTable.checkInterval(from, to);
      sql = SamplesTable.historySql("$1", "$2", "$3", step);
    } catch (IllegalArgumentException e) {
      return CompletableFuture.failedFuture(e);
    }
    long fromMicros = SamplesTable.micros(from);
    long toMicros = SamplesTable.micros(to);
    return queries.submit(() -> history(sql, point.id(), fromMicros, toMicros));
  }

  @Override
  public CompletableFuture<List<RawSample>> raw(
      Point point, Instant from, Instant to, int limit, boolean newestFirst) {
    String sql = SamplesTable.rawSql("$1", "$2", "$3", limit, newestFirst);
    long fromMicros = SamplesTable.micros(from);
    long toMicros = SamplesTable.micros(to);
    return queries.submit(() -> raw(sql, point.id(), fromMicros, toMicros));
  }

  @Override
  public CompletableFuture<Long> count(Point point) {
    return queries.submit(() -> count(point.id()));
  }

  @Override
  public long backlog() {
    return writer.backlog();
  }

  /** Writes what is queued and stops the threads; QuestDB itself is its owner's to stop. */
  @Override
  public void close() {
    writer.close();
    queries.close();
  }

  private List<HistoryRow> history(String sql, String pointId, long fromMicros, long toMicros) {
    CairoEngine engine = engines.get();
    try (SqlExecutionContextImpl context = context(engine)) {
      BindVariableService binds = context.getBindVariableService();
      binds.setStr(0, pointId);
      binds.setTimestamp(1, fromMicros);
      binds.setTimestamp(2, toMicros);
      try (RecordCursorFactory factory = engine.select(sql, context);
          RecordCursor cursor = factory.getCursor(context)) {
        Record record = cursor.getRecord();
        List<HistoryRow> rows = new ArrayList<>();
        while (cursor.hasNext()) {
          rows.add(
              new HistoryRow(
                  SamplesTable.instant(record.getTimestamp(0)),
                  record.getDouble(1),
                  record.getDouble(2),
                  record.getDouble(3),
                  record.getLong(4)));
        }
        return rows;
      }
    } catch (SqlException | CairoException e) {
      // QuestDB reuses its exception objects per thread: keep the message, not the object
      throw new IllegalStateException("history query failed: " + e.getMessage());
    }
  }

  private List<RawSample> raw(String sql, String pointId, long fromMicros, long toMicros) {
    CairoEngine engine = engines.get();
    try (SqlExecutionContextImpl context = context(engine)) {
      BindVariableService binds = context.getBindVariableService();
      binds.setStr(0, pointId);
      binds.setTimestamp(1, fromMicros);
      binds.setTimestamp(2, toMicros);
      try (RecordCursorFactory factory = engine.select(sql, context);
          RecordCursor cursor = factory.getCursor(context)) {
        Record record = cursor.getRecord();
        List<RawSample> samples = new ArrayList<>();
        while (cursor.hasNext()) {
          samples.add(
              new RawSample(
                  SamplesTable.instant(record.getTimestamp(0)),
                  record.getDouble(1),
                  Quality.valueOf(record.getSymA(2).toString()),
                  DataFlag.valueOf(record.getSymA(3).toString())));
        }
        return samples;
      }
    } catch (SqlException | CairoException e) {
      throw new IllegalStateException("raw history query failed: " + e.getMessage());
    }
  }

  private long count(String pointId) {
    CairoEngine engine = engines.get();
    try (SqlExecutionContextImpl context = context(engine)) {
      context.getBindVariableService().setStr(0, pointId);
      try (RecordCursorFactory factory = engine.select(SamplesTable.countSql("$1"), context);
          RecordCursor cursor = factory.getCursor(context)) {
        return cursor.hasNext() ? cursor.getRecord().getLong(0) : 0;
      }
    } catch (SqlException | CairoException e) {
      throw new IllegalStateException("count query failed: " + e.getMessage());
    }
  }

  private static SqlExecutionContextImpl context(CairoEngine engine) {
    return new SqlExecutionContextImpl(engine, 1)
        .with(
            AllowAllSecurityContext.INSTANCE,
            new BindVariableServiceImpl(engine.getConfiguration()));
  }
}
