package io.helan.historian;

import io.helan.driver.SampleBatch;
import io.questdb.client.Sender;
import io.vertx.core.json.JsonArray;
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
  /** Visibility is polled: QuestDB applies WAL transactions a few milliseconds after commit. */
  private static final long POLL_MILLIS = 10;

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
    int port = url.getPort() < 0 ? 9000 : url.getPort();
    // auto_flush=off: the writer commits; retry_timeout bounds how long a failing commit blocks
    String config =
        url.getScheme()
            + "::addr="
            + url.getHost()
            + ":"
            + port
            + ";auto_flush=off;retry_timeout=2000;request_timeout=30000;";
    String credentials = url.getUserInfo();
    if (credentials != null) {
      int colon = credentials.indexOf(':');
      config +=
          "username="
              + escape(colon < 0 ? credentials : credentials.substring(0, colon))
              + ";password="
              + escape(colon < 0 ? "" : credentials.substring(colon + 1))
              + ";";
    }
    this.senderConfig = config;
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
    long deadline = System.nanoTime() + timeout.toNanos();
    long target = -1;
    while (true) {
      JsonArray rows =
          http.exec(
              "SELECT writerTxn, sequencerTxn FROM wal_tables() WHERE name = "
                  + QuestDbHttp.quote(SamplesTable.NAME));
      if (rows.isEmpty()) {
        return;
      }
      JsonArray txns = rows.getJsonArray(0);
      if (target < 0) {
        target = txns.getLong(1);
      }
      if (txns.getLong(0) >= target) {
        return;
      }
      if (System.nanoTime() - deadline >= 0) {
        throw new IllegalStateException(
            "QuestDB did not apply transaction " + target + " of table samples within " + timeout);
      }
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for QuestDB", e);
      }
    }
  }

  @Override
  public void close() {
    reset();
  }

  /** A value in the sender's configuration string, where ';' is written twice. */
  private static String escape(String value) {
    return value.replace(";", ";;");
  }
}
