package io.helan.bench;

import io.helan.config.Point;
import io.helan.config.Site;
import io.helan.driver.SampleBatch;
import io.helan.historian.CommitCadence;
import io.helan.historian.SamplesTable;
import io.questdb.cairo.CairoEngine;
import io.questdb.cairo.TableWriter;
import io.questdb.cairo.sql.TableRecordMetadata;
import io.questdb.cairo.wal.WalWriter;
import java.util.concurrent.TimeUnit;

/**
 * The yardstick of the ingest benchmark: the same samples written straight into the samples table
 * with one WAL writer on the calling thread, no queue and no copy. The table is the historian's
 * own, created the same way (DDL, point index, the minute rollup that QuestDB refreshes after each
 * commit), and it commits after the same number of rows as the historian's default cadence. It
 * measures until the last row is committed and visible to queries, as the historian's flush does.
 */
public final class RawQuestDbIngest {
  private static final int COMMIT_ROWS = CommitCadence.DEFAULT.rows();

  private final CairoEngine engine;
  private final String[] pointIds;

  public RawQuestDbIngest(CairoEngine engine, Site site) {
    this.engine = engine;
    this.pointIds = site.points().stream().map(Point::id).toArray(String[]::new);
  }

  /**
   * Generates and writes {@code samples} samples in batches of {@code batchSize}.
   *
   * @return nanoseconds from the first row until all are visible
   */
  public long run(long samples, int batchSize) {
    SamplesTable.createIndexed(engine);
    SampleGenerator generator = new SampleGenerator(pointIds.length);
    SampleBatch batch = new SampleBatch(batchSize);
    long start = System.nanoTime();
    try (WalWriter writer = engine.getWalWriter(engine.verifyTableName(SamplesTable.NAME))) {
      TableRecordMetadata metadata = writer.getMetadata();
      int pointColumn = metadata.getColumnIndex(SamplesTable.COLUMN_POINT);
      int valueColumn = metadata.getColumnIndex(SamplesTable.COLUMN_VALUE);
      int qualityColumn = metadata.getColumnIndex(SamplesTable.COLUMN_QUALITY);
      int flagColumn = metadata.getColumnIndex(SamplesTable.COLUMN_FLAG);
      long uncommitted = 0;
      for (long first = 0; first < samples; first += batchSize) {
        generator.fill(batch, first, (int) Math.min(batchSize, samples - first));
        for (int i = 0; i < batch.size(); i++) {
          TableWriter.Row row = writer.newRow(batch.timeMicros(i));
          row.putSym(pointColumn, pointIds[batch.point(i)]);
          row.putDouble(valueColumn, batch.value(i));
          row.putSym(qualityColumn, batch.quality(i).name());
          row.putSym(flagColumn, batch.flag(i).name());
          row.append();
        }
        uncommitted += batch.size();
        if (uncommitted >= COMMIT_ROWS) {
          writer.commit();
          uncommitted = 0;
        }
      }
      writer.commit();
    }
    engine.awaitTxn(SamplesTable.NAME, -1, 5, TimeUnit.MINUTES);
    return System.nanoTime() - start;
  }
}
