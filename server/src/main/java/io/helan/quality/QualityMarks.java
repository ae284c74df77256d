package io.helan.quality;

import io.helan.config.Point;
import io.helan.config.Site;
import io.helan.driver.SampleBatch;
import io.helan.historian.LocalTable;
import io.helan.historian.QuestDbQuery;
import io.helan.historian.SamplesTable;
import io.questdb.cairo.CairoEngine;
import io.questdb.cairo.TableWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The names of the rules samples failed, in the table {@code quality_marks} beside the samples
 * (which stay as measured, quality uncertain). Ingest hands failures over without waiting; one
 * thread writes them. A sample re-sent and failing again replaces its mark (DEDUP on time, point
 * and rule).
 */
public final class QualityMarks implements QualityMarkSink, AutoCloseable {
  public static final String TABLE = "quality_marks";
  private static final Logger LOG = LoggerFactory.getLogger(QualityMarks.class);

  private final Site site;
  private final LocalTable table;
  private final ExecutorService writer =
      Executors.newSingleThreadExecutor(
          task -> {
            Thread thread = new Thread(task, "helan-quality-marks");
            thread.setDaemon(true);
            return thread;
          });

  public QualityMarks(Site site, CairoEngine engine) {
    this.site = site;
    this.table =
        new LocalTable(
            engine,
            TABLE,
            "CREATE TABLE IF NOT EXISTS "
                + TABLE
                + " (ts TIMESTAMP, point SYMBOL CAPACITY 131072, rule SYMBOL CAPACITY 16,"
                + " detail STRING) TIMESTAMP(ts) PARTITION BY DAY WAL"
                + " DEDUP UPSERT KEYS(ts, point, rule)");
  }

  @Override
  public void marked(SampleBatch batch, List<RuleFailure> failures) {
    List<QualityMark> marks = new ArrayList<>(failures.size());
    for (RuleFailure failure : failures) {
      marks.add(
          new QualityMark(
              SamplesTable.instant(batch.timeMicros(failure.index())),
              site.points().get(failure.point()).id(),
              failure.rule().key(),
              failure.detail()));
    }
    writer.execute(() -> write(marks));
  }

  private void write(List<QualityMark> marks) {
    try {
      table.write(
          wal -> {
            for (QualityMark mark : marks) {
              TableWriter.Row row = wal.newRow(SamplesTable.micros(mark.time()));
              row.putSym(1, mark.pointId());
              row.putSym(2, mark.rule());
              row.putStr(3, mark.detail());
              row.append();
            }
          });
    } catch (RuntimeException e) {
      LOG.error("{} quality marks could not be written", marks.size(), e);
    }
  }

  /** Completes when every mark handed over before this call is visible to queries. */
  public CompletableFuture<Void> flush() {
    return CompletableFuture.runAsync(table::awaitVisible, writer);
  }

  /** The marks of one point's samples with {@code from <= time < to}, oldest first. */
  public List<QualityMark> marks(Point point, Instant from, Instant to) {
    List<QualityMark> marks = new ArrayList<>();
    QuestDbQuery.select(
        table.engine(),
        "SELECT ts, rule, detail FROM "
            + TABLE
            + " WHERE point = $1 AND ts >= $2 AND ts < $3 ORDER BY ts",
        List.of(point.id(), from, to),
        (record, columns) ->
            marks.add(
                new QualityMark(
                    SamplesTable.instant(record.getTimestamp(0)),
                    point.id(),
                    String.valueOf(record.getSymA(1)),
                    String.valueOf(record.getStrA(2)))));
    return marks;
  }

  @Override
  public void close() {
    writer.shutdown();
    try {
      if (!writer.awaitTermination(10, TimeUnit.SECONDS)) {
        LOG.warn("Quality marks still being written at close");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
