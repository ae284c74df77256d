package io.helan.historian;

import io.helan.driver.SampleBatch;
import io.questdb.cairo.CairoEngine;
import io.questdb.cairo.TableToken;
import io.questdb.cairo.TableWriter;
import io.questdb.cairo.sql.TableRecordMetadata;
import io.questdb.cairo.wal.WalWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Writes rows into the samples table of an in-process QuestDB through a {@link WalWriter}, without
 * allocating per row. The WAL writer is kept across commits (taking it from QuestDB's pool for each
 * transaction cost ingest rate: BENCHMARKS.md) and given back when QuestDB is asked to stop ({@link
 * QuestDbEmbedded#beforeStop}): an open transaction is rolled back then, and the next write or
 * commit fails so that the writer spools its rows. QuestDB is asked for again after a failure, so a
 * restarted one is picked up.
 *
 * <p>Used by the historian's writer thread; the stop hook runs on the thread that stops QuestDB,
 * hence the lock (uncontended but for that moment).
 */
final class WalRowWriter implements RowWriter {
  private final Supplier<QuestDbEmbedded> questDbs;
  private final String[] pointIds;
  private final Runnable giveBack = this::giveBack;
  private QuestDbEmbedded questDb;
  private CairoEngine engine;
  private TableToken table;
  private WalWriter writer;
  private boolean rowsUncommitted;
  private boolean transactionLost;
  private int pointColumn;
  private int valueColumn;
  private int qualityColumn;
  private int flagColumn;

  /**
   * @param questDbs the current QuestDB; may return a stopped one (writes then fail and are
   *     spooled) or a new one after a restart
   * @param pointIds the site's point ids by point index
   */
  WalRowWriter(Supplier<QuestDbEmbedded> questDbs, List<String> pointIds) {
    this.questDbs = questDbs;
    this.pointIds = pointIds.toArray(String[]::new);
  }

  @Override
  public synchronized void write(SampleBatch batch) {
    failIfTransactionLost();
    if (writer == null) {
      open();
    }
    rowsUncommitted = true;
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
  public synchronized void commit() {
    failIfTransactionLost();
    if (writer != null) {
      writer.commit();
      rowsUncommitted = false;
    }
  }

  @Override
  public synchronized void reset() {
    transactionLost = false;
    closeWriter();
    engine = null;
    table = null;
  }

  @Override
  public void awaitVisible(Duration timeout) {
    questDbs
        .get()
        .engine()
        .awaitTxn(SamplesTable.NAME, -1, timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void close() {
    reset();
    if (questDb != null) {
      questDb.removeBeforeStop(giveBack);
      questDb = null;
    }
  }

  /** QuestDB is about to stop: rolls the open transaction back and gives the writer back. */
  private synchronized void giveBack() {
    if (writer != null && rowsUncommitted) {
      transactionLost = true;
    }
    closeWriter();
    engine = null;
    table = null;
  }

  private void failIfTransactionLost() {
    if (transactionLost) {
      throw new IllegalStateException(
          "QuestDB stopped before the transaction was committed; it was rolled back");
    }
  }

  private void closeWriter() {
    WalWriter open = writer;
    writer = null;
    rowsUncommitted = false;
    if (open != null) {
      try {
        open.rollback();
      } finally {
        open.close();
      }
    }
  }

  private void open() {
    QuestDbEmbedded current = questDbs.get();
    if (current != questDb) {
      if (questDb != null) {
        questDb.removeBeforeStop(giveBack);
        questDb = null;
      }
      // before taking a writer: once registered, a stop waits for this lock and the writer
      current.beforeStop(giveBack);
      questDb = current;
    }
    if (engine == null || table == null) {
      engine = current.engine();
      SamplesTable.createIndexed(engine);
      table = engine.verifyTableName(SamplesTable.NAME);
    }
    writer = engine.getWalWriter(table);
    TableRecordMetadata metadata = writer.getMetadata();
    pointColumn = metadata.getColumnIndex(SamplesTable.COLUMN_POINT);
    valueColumn = metadata.getColumnIndex(SamplesTable.COLUMN_VALUE);
    qualityColumn = metadata.getColumnIndex(SamplesTable.COLUMN_QUALITY);
    flagColumn = metadata.getColumnIndex(SamplesTable.COLUMN_FLAG);
  }
}
