package io.helan.historian;

import io.helan.config.Point;
import io.helan.config.Site;
import io.helan.driver.DataFlag;
import io.helan.driver.Quality;
import io.helan.driver.SampleBatch;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.json.JsonArray;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The historian on an external QuestDB server: rows go in with ILP over HTTP, queries through the
 * server's HTTP {@code /exec} endpoint. The server may be down at start and at any time after;
 * samples wait in the spool meanwhile. See {@link HistorianWriter} for the queue, commit and spool
 * policy.
 */
public final class IlpHistorian implements Historian {
  private static final Logger LOG = LoggerFactory.getLogger(IlpHistorian.class);

  private final URI url;
  private final QuestDbHttp http;
  private final QueryWorkers queries;
  private final HistorianWriter writer;

  /**
   * @param url the server's HTTP address, e.g. {@code http://db:9000}, with {@code user:password@}
   *     when the server asks for them
   * @param commits how often the writer commits
   * @param spoolDir where samples wait while they cannot be written
   */
  public IlpHistorian(
      Site site, URI url, CommitCadence commits, MeterRegistry registry, Path spoolDir) {
    this.url = QuestDbHttp.withoutCredentials(url);
    this.http = new QuestDbHttp(url);
    List<String> pointIds = site.points().stream().map(Point::id).toList();
    this.queries = new QueryWorkers("external");
    this.writer =
        HistorianWriter.create(
            "external",
            new IlpRowWriter(url, http, pointIds),
            pointIds,
            spoolDir,
            commits,
            registry,
            queries);
  }

  /** Creates the table if the server is reachable now (else the writer does so later). */
  @Override
  public void start() {
    try {
      http.exec(SamplesTable.CREATE);
    } catch (RuntimeException e) {
      LOG.warn(
          "QuestDB {} not available yet ({}); samples are spooled until it is",
          url,
          e.getMessage());
    }
    writer.start();
  }

  @Override
  public void append(SampleBatch batch) {
    writer.append(batch);
  }

  @Override
  public CompletableFuture<Void> flush() {
    return writer.flush();
  }

  @Override
  public CompletableFuture<List<HistoryRow>> history(
      Point point, Instant from, Instant to, Duration step) {
    return perStep(
        SamplesTable::historySql,
        point,
        from,
        to,
        step,
        row ->
            new HistoryRow(
                Instant.parse(row.getString(0)),
                number(row, 1),
                number(row, 2),
                number(row, 3),
                row.getLong(4)));
  }

  @Override
  public CompletableFuture<List<StepStatistics>> validStatistics(
      Point point, Instant from, Instant to, Duration step) {
    return perStep(
        SamplesTable::validStatisticsSql,
        point,
        from,
        to,
        step,
        row ->
            new StepStatistics(
                Instant.parse(row.getString(0)), row.getLong(1), number(row, 2), number(row, 3)));
  }

  private <T> CompletableFuture<List<T>> perStep(
      SamplesTable.StepQuery query,
      Point point,
      Instant from,
      Instant to,
      Duration step,
      Function<JsonArray, T> value) {
    String sql;
    try {
      SamplesTable.checkInterval(from, to);
      sql =
          query.sql(
              QuestDbHttp.quote(point.id()),
              QuestDbHttp.timestamp(from),
              QuestDbHttp.timestamp(to),
              step);
    } catch (IllegalArgumentException e) {
      return CompletableFuture.failedFuture(e);
    }
    return queries.submit(
        () -> {
          JsonArray dataset = http.exec(sql);
          List<T> rows = new ArrayList<>(dataset.size());
          for (int i = 0; i < dataset.size(); i++) {
            rows.add(value.apply(dataset.getJsonArray(i)));
          }
          return rows;
        });
  }

  @Override
  public CompletableFuture<List<RawSample>> raw(
      Point point, Instant from, Instant to, int limit, boolean newestFirst) {
    String sql =
        SamplesTable.rawSql(
            QuestDbHttp.quote(point.id()),
            QuestDbHttp.timestamp(from),
            QuestDbHttp.timestamp(to),
            limit,
            newestFirst);
    return queries.submit(() -> rawSamples(http.exec(sql)));
  }

  @Override
  public CompletableFuture<List<HourlyValidMean>> validHourlyMeans(
      Collection<Point> points, Instant from, Instant to) {
    if (points.isEmpty()) {
      return CompletableFuture.completedFuture(List.of());
    }
    // one query per run of points: a statement naming thousands would not fit in QuestDB's URL
    List<String> statements =
        SamplesTable.pointRuns(points).stream()
            .map(
                run ->
                    SamplesTable.validHourlySql(
                        run, QuestDbHttp.timestamp(from), QuestDbHttp.timestamp(to)))
            .toList();
    return queries.submit(
        () -> {
          List<HourlyValidMean> means = new ArrayList<>();
          for (String sql : statements) {
            JsonArray dataset = http.exec(sql);
            for (int i = 0; i < dataset.size(); i++) {
              JsonArray row = dataset.getJsonArray(i);
              means.add(
                  new HourlyValidMean(
                      row.getString(0),
                      Instant.parse(row.getString(1)),
                      number(row, 2),
                      row.getInteger(3)));
            }
          }
          return means;
        });
  }

  @Override
  public CompletableFuture<Long> count(Point point) {
    String sql = SamplesTable.countSql(QuestDbHttp.quote(point.id()));
    return queries.submit(
        () -> {
          JsonArray rows = http.exec(sql);
          return rows.isEmpty() ? 0L : rows.getJsonArray(0).getLong(0);
        });
  }

  @Override
  public long backlog() {
    return writer.backlog();
  }

  @Override
  public void close() {
    writer.close();
    queries.close();
  }

  private static List<RawSample> rawSamples(JsonArray dataset) {
    List<RawSample> samples = new ArrayList<>(dataset.size());
    for (int i = 0; i < dataset.size(); i++) {
      JsonArray row = dataset.getJsonArray(i);
      samples.add(
          new RawSample(
              Instant.parse(row.getString(0)),
              number(row, 1),
              Quality.valueOf(row.getString(2)),
              DataFlag.valueOf(row.getString(3))));
    }
    return samples;
  }

  /** QuestDB sends a null (NaN) double as JSON null. */
  private static double number(JsonArray row, int column) {
    Number value = (Number) row.getValue(column);
    return value == null ? Double.NaN : value.doubleValue();
  }
}
