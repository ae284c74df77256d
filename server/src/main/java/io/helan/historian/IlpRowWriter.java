package io.helan.historian;

import io.helan.driver.SampleBatch;
import io.questdb.client.Sender;
import java.net.URI;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Writes rows to an external QuestDB server with the InfluxDB line protocol over HTTP: rows
 * accumulate in the sender's buffer and one HTTP request commits them as one transaction. The table
 * is created with its schema (dedup keys included) before the first row, since a table that ILP
 * creates by itself would have none.
 */
final class IlpRowWriter implements RowWriter {
  private final String senderConfig;
  private final QuestDbHttp http;
  private final String[] pointIds;
  private Sender sender;
  private boolean tableReady;

  /**
   * @param url the server's HTTP address, e.g. {@code http://db:9000}, with {@code user:password@}
   *     when the server asks for them
   * @param pointIds the site's point ids by point index
   */
  IlpRowWriter(URI url, QuestDbHttp http, List<String> pointIds) {
    this.senderConfig = QuestDbHttp.senderConfig(url);
    this.http = http;
    this.pointIds = pointIds.toArray(String[]::new);
  }

  @Override
  public void write(SampleBatch batch) {
    if (sender == null) {
      if (!tableReady) {
        http.exec(SamplesTable.CREATE);
        tableReady = true;
      }
      sender = Sender.fromConfig(senderConfig);
    }
    for (int i = 0; i < batch.size(); i++) {
      sender
          .table(SamplesTable.NAME)
          .symbol(SamplesTable.COLUMN_POINT, pointIds[batch.point(i)])
          .symbol(SamplesTable.COLUMN_QUALITY, batch.quality(i).name())
          .symbol(SamplesTable.COLUMN_FLAG, batch.flag(i).name())
          .doubleColumn(SamplesTable.COLUMN_VALUE, batch.value(i))
          .at(batch.timeMicros(i), ChronoUnit.MICROS);
    }
  }

  @Override
  public void commit() {
    if (sender != null) {
      sender.flush();
    }
  }

  @Override
  public void reset() {
    Sender failed = sender;
    sender = null;
    tableReady = false;
    if (failed != null) {
      try {
        failed.reset();
      } finally {
        failed.close();
      }
    }
  }

  /** Waits until the table's writer has applied the sequencer's last transaction. */
  @Override
  public void awaitVisible(Duration timeout) {
    http.awaitApplied(SamplesTable.NAME, timeout);
  }

  @Override
  public void close() {
    reset();
  }
}
