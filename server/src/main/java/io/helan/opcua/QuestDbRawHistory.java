package io.helan.opcua;

import io.helan.config.Point;
import io.helan.driver.DataFlag;
import io.helan.driver.Quality;
import io.helan.historian.SamplesTable;
import io.questdb.cairo.CairoEngine;
import io.questdb.cairo.CairoException;
import io.questdb.cairo.security.AllowAllSecurityContext;
import io.questdb.cairo.sql.Record;
import io.questdb.cairo.sql.RecordCursor;
import io.questdb.cairo.sql.RecordCursorFactory;
import io.questdb.griffin.SqlException;
import io.questdb.griffin.SqlExecutionContextImpl;
import io.questdb.griffin.engine.functions.bind.BindVariableServiceImpl;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Raw samples from the historian's QuestDB table ({@link SamplesTable}) in this process, read on
 * two query threads of its own so OPC UA's threads never wait on storage. For an external QuestDB
 * the same query would go over its HTTP endpoint; the historian should offer it as {@code
 * Historian.raw(...)} so both sinks answer it.
 */
public final class QuestDbRawHistory implements RawHistory, AutoCloseable {
  private static final int THREADS = 2;
  private static final int BACKLOG = 256;

  private final Supplier<CairoEngine> engines;
  private final ThreadPoolExecutor pool;

  /**
   * @param engines the engine of the embedded QuestDB the historian writes to
   */
  public QuestDbRawHistory(Supplier<CairoEngine> engines) {
    this.engines = engines;
    this.pool =
        new ThreadPoolExecutor(
            THREADS,
            THREADS,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(BACKLOG),
            task -> {
              Thread thread = new Thread(task, "opcua-history");
              thread.setDaemon(true);
              return thread;
            });
  }

  @Override
  public CompletableFuture<List<Sample>> raw(
      Point point, Instant from, Instant to, int limit, boolean newestFirst) {
    String sql =
        "SELECT ts, value, quality, flag FROM "
            + SamplesTable.NAME
            + " WHERE point = $1 AND ts >= $2 AND ts < $3 ORDER BY ts"
            + (newestFirst ? " DESC" : "")
            + " LIMIT "
            + limit;
    try {
      return CompletableFuture.supplyAsync(
          () -> query(sql, point.id(), micros(from), micros(to)), pool);
    } catch (RejectedExecutionException e) {
      return CompletableFuture.failedFuture(
          new RejectedExecutionException("too many history reads waiting"));
    }
  }

  private List<Sample> query(String sql, String pointId, long fromMicros, long toMicros) {
    CairoEngine engine = engines.get();
    try (SqlExecutionContextImpl context =
        new SqlExecutionContextImpl(engine, 1)
            .with(
                AllowAllSecurityContext.INSTANCE,
                new BindVariableServiceImpl(engine.getConfiguration()))) {
      context.getBindVariableService().setStr(0, pointId);
      context.getBindVariableService().setTimestamp(1, fromMicros);
      context.getBindVariableService().setTimestamp(2, toMicros);
      try (RecordCursorFactory factory = engine.select(sql, context);
          RecordCursor cursor = factory.getCursor(context)) {
        Record record = cursor.getRecord();
        List<Sample> samples = new ArrayList<>();
        while (cursor.hasNext()) {
          samples.add(
              new Sample(
                  Instant.EPOCH.plus(record.getTimestamp(0), ChronoUnit.MICROS),
                  record.getDouble(1),
                  Quality.valueOf(record.getSymA(2).toString()),
                  DataFlag.valueOf(record.getSymA(3).toString())));
        }
        return samples;
      }
    } catch (SqlException | CairoException e) {
      // QuestDB reuses its exception objects per thread: keep the message, not the object
      throw new IllegalStateException("raw history query failed: " + e.getMessage());
    }
  }

  private static long micros(Instant time) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, time);
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
