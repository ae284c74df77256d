package io.helan.historian;

import io.questdb.cairo.CairoEngine;
import io.questdb.cairo.CairoException;
import io.questdb.cairo.wal.WalWriter;
import io.questdb.griffin.SqlException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A small WAL table in the server's own QuestDB (quality marks, validated means, validations):
 * created once, written in whole batches, one commit per batch. Not for the sample hot path.
 */
public final class LocalTable {
  private static final long VISIBLE_TIMEOUT_SECONDS = 30;

  private final CairoEngine engine;
  private final String name;

  /**
   * Creates the table if it does not exist.
   *
   * @param create the CREATE TABLE IF NOT EXISTS statement
   */
  public LocalTable(CairoEngine engine, String name, String create) {
    this.engine = engine;
    this.name = name;
    try {
      engine.execute(create);
    } catch (SqlException | CairoException e) {
      throw new IllegalStateException("cannot create table " + name + ": " + e.getMessage());
    }
  }

  /** Runs a schema change (ALTER TABLE) on the table. */
  public void alter(String sql) {
    try {
      engine.execute(sql);
    } catch (SqlException | CairoException e) {
      throw new IllegalStateException("cannot change table " + name + ": " + e.getMessage());
    }
  }

  public CairoEngine engine() {
    return engine;
  }

  public String name() {
    return name;
  }

  /**
   * Writes rows through one WAL writer and commits them together; nothing is committed when {@code
   * rows} throws. Callers serialise their writes (one writer per table at a time is cheapest).
   */
  public void write(Consumer<WalWriter> rows) {
    try (WalWriter writer = engine.getWalWriter(engine.verifyTableName(name))) {
      try {
        rows.accept(writer);
        writer.commit();
      } catch (RuntimeException e) {
        writer.rollback();
        throw e;
      }
    }
  }

  /** Waits until every committed row is visible to queries. */
  public void awaitVisible() {
    engine.awaitTable(name, VISIBLE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }
}
