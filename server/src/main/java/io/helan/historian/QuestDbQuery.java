package io.helan.historian;

import io.questdb.cairo.CairoEngine;
import io.questdb.cairo.CairoException;
import io.questdb.cairo.security.AllowAllSecurityContext;
import io.questdb.cairo.sql.PageFrame;
import io.questdb.cairo.sql.PageFrameCursor;
import io.questdb.cairo.sql.PartitionFormat;
import io.questdb.cairo.sql.PartitionFrameCursorFactory;
import io.questdb.cairo.sql.Record;
import io.questdb.cairo.sql.RecordCursor;
import io.questdb.cairo.sql.RecordCursorFactory;
import io.questdb.cairo.sql.RecordMetadata;
import io.questdb.cairo.sql.TableReferenceOutOfDateException;
import io.questdb.griffin.SqlException;
import io.questdb.griffin.SqlExecutionContextImpl;
import io.questdb.griffin.engine.functions.bind.BindVariableServiceImpl;
import java.time.Instant;
import java.util.List;

/**
 * Runs one SELECT against QuestDB in this process with bind variables, row by row: the historian's
 * queries and the alarm journal's.
 */
public final class QuestDbQuery {
  /**
   * How often a query is compiled again when a table it reads changed its schema between compiling
   * and opening the cursor (a materialized view's first refresh, an index being added).
   */
  private static final int ATTEMPTS = 3;

  private QuestDbQuery() {}

  /** Receives each row; the record is reused, so copy what is kept. */
  public interface RowHandler {
    void row(Record record, RecordMetadata columns);
  }

  /**
   * Receives each page frame of a table scan: per selected column, in the query's order, the
   * address of its values for the frame's rows ({@link PageFrame#getPageAddress}, 0 where the
   * column did not exist yet); the cursor resolves symbol keys.
   */
  public interface FrameHandler {
    void frame(PageFrame frame, PageFrameCursor cursor);
  }

  /**
   * @param parameters values of $1, $2, ...: an {@link Instant} binds a timestamp, anything else
   *     its text
   * @throws IllegalStateException when QuestDB refuses the query or fails while running it
   */
  public static void select(
      CairoEngine engine, String sql, List<Object> parameters, RowHandler handler) {
    run(
        engine,
        sql,
        parameters,
        (factory, context) -> {
          try (RecordCursor cursor = factory.getCursor(context)) {
            RecordMetadata columns = factory.getMetadata();
            Record record = cursor.getRecord();
            while (cursor.hasNext()) {
              handler.row(record, columns);
            }
          }
        });
  }

  /**
   * Runs a plain scan of one native table (selected columns, a time interval, no filter) frame by
   * frame, oldest first, with no per-row call: for passes over many millions of rows.
   *
   * @throws IllegalStateException when QuestDB refuses the query, cannot give it as page frames, or
   *     a frame is not in QuestDB's native format
   */
  public static void frames(
      CairoEngine engine, String sql, List<Object> parameters, FrameHandler handler) {
    run(
        engine,
        sql,
        parameters,
        (factory, context) -> {
          if (!factory.supportsPageFrameCursor()) {
            throw new IllegalStateException("not a plain table scan: " + sql);
          }
          try (PageFrameCursor cursor =
              factory.getPageFrameCursor(context, PartitionFrameCursorFactory.ORDER_ASC)) {
            PageFrame frame;
            while ((frame = cursor.next()) != null) {
              if (frame.getFormat() != PartitionFormat.NATIVE) {
                throw new IllegalStateException("a partition is not in the native format: " + sql);
              }
              handler.frame(frame, cursor);
            }
          }
        });
  }

  /** What is done with a compiled query. */
  private interface Use {
    void use(RecordCursorFactory factory, SqlExecutionContextImpl context) throws SqlException;
  }

  private static void run(CairoEngine engine, String sql, List<Object> parameters, Use use) {
    try (SqlExecutionContextImpl context = new SqlExecutionContextImpl(engine, 1)) {
      BindVariableServiceImpl bindings = new BindVariableServiceImpl(engine.getConfiguration());
      context.with(AllowAllSecurityContext.INSTANCE, bindings);
      for (int i = 0; i < parameters.size(); i++) {
        Object parameter = parameters.get(i);
        if (parameter instanceof Instant time) {
          bindings.setTimestamp(i, SamplesTable.micros(time));
        } else {
          bindings.setStr(i, parameter.toString());
        }
      }
      for (int attempt = 1; ; attempt++) {
        try (RecordCursorFactory factory = engine.select(sql, context)) {
          use.use(factory, context);
          return;
        } catch (TableReferenceOutOfDateException e) {
          // thrown when the cursor opens, before any row: compiling again sees the new schema
          if (attempt == ATTEMPTS) {
            throw new IllegalStateException("query failed: " + e.getMessage() + " in " + sql);
          }
        }
      }
    } catch (SqlException | CairoException e) {
      // QuestDB reuses its exception objects per thread: keep the message, not the object
      throw new IllegalStateException("query failed: " + e.getMessage() + " in " + sql);
    }
  }
}
