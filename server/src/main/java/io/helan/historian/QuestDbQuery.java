package io.helan.historian;

import io.questdb.cairo.CairoEngine;
import io.questdb.cairo.CairoException;
import io.questdb.cairo.security.AllowAllSecurityContext;
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
   * @param parameters values of $1, $2, ...: an {@link Instant} binds a timestamp, anything else
   *     its text
   * @throws IllegalStateException when QuestDB refuses the query or fails while running it
   */
  public static void select(
      CairoEngine engine, String sql, List<Object> parameters, RowHandler handler) {
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
        try (RecordCursorFactory factory = engine.select(sql, context);
            RecordCursor cursor = factory.getCursor(context)) {
          RecordMetadata columns = factory.getMetadata();
          Record record = cursor.getRecord();
          while (cursor.hasNext()) {
            handler.row(record, columns);
          }
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
