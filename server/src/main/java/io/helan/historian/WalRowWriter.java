package io.helan.historian;

import io.helan.driver.SampleBatch;
import io.questdb.cairo.CairoEngine;
import io.questdb.cairo.TableToken;
import io.questdb.cairo.TableWriter;
import io.questdb.cairo.sql.TableRecordMetadata;
import io.questdb.cairo.wal.WalWriter;
import io.questdb.griffin.SqlException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Writes rows into the samples table of an in-process QuestDB through a {@link WalWriter}, without
 * allocating per row. The WAL writer is taken from the engine's pool for each transaction and given
 * back on commit, so the engine is never stopped with a writer checked out; the engine itself is
 * asked for again after a failure, so a restarted QuestDB is picked up.
 */
final class WalRowWriter implements RowWriter {
  private final Supplier<CairoEngine> engines;
  private final String[] pointIds;
  private CairoEngine engine;
  private TableToken table;
  private WalWriter writer;
  private int pointColumn;
  private int valueColumn;
  private int qualityColumn;
  private int flagColumn;

  /**
   * @param engines the current engine; may throw while QuestDB is stopped
   * @param pointIds the site's point ids by point index
   */
  WalRowWriter(Supplier<CairoEngine> engines, List<String> pointIds) {
    this.engines = engines;
    this.pointIds = pointIds.toArray(String[]::new);
  }

  @Override
  public void write(SampleBatch batch) {
    if (writer == null) {
      open();
    }
    for (int i = 0; i < batch.size(); i++) {
      TableWriter.Row row = writer.newRow(batch.timeMicros(i));
      row.putSym(pointColumn, pointIds[batch.point(i)]);
      row.putDouble(valueColumn, batch.value(i));
      row.putSym(qualityColumn, batch.quality(i).name());
      row.putSym(flagColumn, batch.flag(i).name());
      row.append();
    }
  }

  @Override
  public void commit() {
    if (writer != null) {
      writer.commit();
      WalWriter done = writer;
      writer = null;
      done.close();
    }
  }

  @Override
  public void reset() {
    WalWriter failed = writer;
    writer = null;
    engine = null;
    table = null;
    if (failed != null) {
      try {
        failed.rollback();
      } finally {
        failed.close();
      }
    }
  }

  @Override
  public void awaitVisible(Duration timeout) {
    engines.get().awaitTxn(SamplesTable.NAME, -1, timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    reset();
  }

  private void open() {
    CairoEngine current = engines.get();
    if (current != engine || table == null) {
      try {
        current.execute(SamplesTable.CREATE);
      } catch (SqlException e) {
        throw new IllegalStateException("cannot create table samples: " + e.getMessage());
      }
      table = current.verifyTableName(SamplesTable.NAME);
      engine = current;
    }
    writer = engine.getWalWriter(table);
    TableRecordMetadata metadata = writer.getMetadata();
    pointColumn = metadata.getColumnIndex(SamplesTable.COLUMN_POINT);
    valueColumn = metadata.getColumnIndex(SamplesTable.COLUMN_VALUE);
    qualityColumn = metadata.getColumnIndex(SamplesTable.COLUMN_QUALITY);
    flagColumn = metadata.getColumnIndex(SamplesTable.COLUMN_FLAG);
  }
}
