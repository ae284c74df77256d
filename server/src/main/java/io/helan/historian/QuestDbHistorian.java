package io.helan.historian;

import io.helan.config.Point;
import io.helan.config.Site;
import io.helan.driver.DataFlag;
import io.helan.driver.Quality;
import io.helan.driver.SampleBatch;
import io.micrometer.core.instrument.MeterRegistry;
import io.questdb.cairo.sql.Record;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The historian on QuestDB in this process: rows go in through the WAL writer, queries run on the
 * engine with bind variables. See {@link HistorianWriter} for the queue, commit and spool policy.
 */
public final class QuestDbHistorian implements Historian {
  /**
   * Parts a range of valid hourly means is scanned in, side by side on the query workers: more than
   * the workers, so that a part with denser data (1 Hz hours) does not leave one idle.
   */
  private static final int SCAN_PARTS = 8;

  private final Supplier<QuestDbEmbedded> questDbs;
  private final QueryWorkers queries;
  private final HistorianWriter writer;

  /**
   * A historian on an engine that someone else starts and stops.
   *
   * @param questDbs the current QuestDB; asked again after a failed write, so a restarted QuestDB
   *     is picked up (samples are spooled while it is stopped)
   * @param commits how often the writer commits
   * @param spoolDir where samples wait while they cannot be written
   */
  public QuestDbHistorian(
      Site site,
      Supplier<QuestDbEmbedded> questDbs,
      CommitCadence commits,
      MeterRegistry registry,
      Path spoolDir) {
    this.questDbs = questDbs;
    List<String> pointIds = site.points().stream().map(Point::id).toList();
    this.queries = new QueryWorkers("embedded");
    this.writer =
        HistorianWriter.create(
            "embedded",
            new WalRowWriter(questDbs, pointIds),
            pointIds,
            spoolDir,
            commits,
            registry,
            queries);
  }

  @Override
  public void start() {
    SamplesTable.createIndexed(questDbs.get().engine());
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
    Optional<MinuteRollup.Span> rollup =
        from.isBefore(to) ? MinuteRollup.span(from, to, step) : Optional.empty();
    if (rollup.isPresent()) {
      return queries.submit(() -> historyWithRollup(point, from, to, step, rollup.get()));
    }
    return perStep(
        SamplesTable::historySql,
        point,
        from,
        to,
        step,
        r ->
            new HistoryRow(
                SamplesTable.instant(r.getTimestamp(0)),
                r.getDouble(1),
                r.getDouble(2),
                r.getDouble(3),
                r.getLong(4)));
  }

  /**
   * History read from the minute rollup for the whole minutes, from the samples for the partial
   * ones at either end; from the samples alone while the rollup has not taken in the last commit.
   */
  private List<HistoryRow> historyWithRollup(
      Point point, Instant from, Instant to, Duration step, MinuteRollup.Span rollup) {
    MinuteRollup.Steps steps = new MinuteRollup.Steps();
    String samples = MinuteRollup.samplesSql(step);
    if (!MinuteRollup.current(questDbs.get().engine())) {
      addSteps(steps, samples, point, from, to);
      return steps.rows();
    }
    addSteps(steps, samples, point, from, rollup.from());
    addSteps(steps, MinuteRollup.rollupSql(step), point, rollup.from(), rollup.to());
    addSteps(steps, samples, point, rollup.to(), to);
    return steps.rows();
  }

  private void addSteps(
      MinuteRollup.Steps steps, String sql, Point point, Instant from, Instant to) {
    if (!from.isBefore(to)) {
      return;
    }
    QuestDbQuery.select(
        questDbs.get().engine(),
        sql,
        List.of(point.id(), from, to),
        (r, columns) ->
            steps.add(
                r.getTimestamp(0),
                r.getDouble(1),
                r.getLong(2),
                r.getDouble(3),
                r.getDouble(4),
                r.getLong(5)));
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
        r ->
            new StepStatistics(
                SamplesTable.instant(r.getTimestamp(0)),
                r.getLong(1),
                r.getDouble(2),
                r.getDouble(3)));
  }

  private <T> CompletableFuture<List<T>> perStep(
      SamplesTable.StepQuery query,
      Point point,
      Instant from,
      Instant to,
      Duration step,
      Function<Record, T> value) {
    String sql;
    try {
      SamplesTable.checkInterval(from, to);
      sql = query.sql("$1", "$2", "$3", step);
    } catch (IllegalArgumentException e) {
      return CompletableFuture.failedFuture(e);
    }
    return queries.submit(() -> rows(sql, List.of(point.id(), from, to), value));
  }

  @Override
  public CompletableFuture<List<RawSample>> raw(
      Point point, Instant from, Instant to, int limit, boolean newestFirst) {
    String sql = SamplesTable.rawSql("$1", "$2", "$3", limit, newestFirst);
    return queries.submit(
        () ->
            rows(
                sql,
                List.of(point.id(), from, to),
                r ->
                    new RawSample(
                        SamplesTable.instant(r.getTimestamp(0)),
                        r.getDouble(1),
                        Quality.valueOf(r.getSymA(2).toString()),
                        DataFlag.valueOf(r.getSymA(3).toString()))));
  }

  @Override
  public CompletableFuture<List<HourlyValidMean>> validHourlyMeans(
      Collection<Point> points, Instant from, Instant to) {
    if (points.isEmpty()) {
      return CompletableFuture.completedFuture(List.of());
    }
    // one pass over the samples in time order (ValidHourlyScan), not a GROUP BY of every minute;
    // the range cut at clock hours into parts that the query workers scan side by side
    List<CompletableFuture<List<HourlyValidMean>>> parts = new ArrayList<>();
    for (Instant[] range : ValidHourlyScan.hourRanges(from, to, SCAN_PARTS)) {
      parts.add(
          queries.submit(
              () -> ValidHourlyScan.scan(questDbs.get().engine(), points, range[0], range[1])));
    }
    return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new))
        .thenApply(
            done -> {
              List<HourlyValidMean> means = new ArrayList<>();
              for (CompletableFuture<List<HourlyValidMean>> part : parts) {
                means.addAll(part.join());
              }
              return means;
            });
  }

  @Override
  public CompletableFuture<Long> count(Point point) {
    return queries.submit(
        () -> {
          List<Long> counts =
              rows(SamplesTable.countSql("$1"), List.of(point.id()), r -> r.getLong(0));
          return counts.isEmpty() ? 0L : counts.get(0);
        });
  }

  @Override
  public long backlog() {
    return writer.backlog();
  }

  /** Writes what is queued and stops the threads; QuestDB itself is its owner's to stop. */
  @Override
  public void close() {
    writer.close();
    queries.close();
  }

  /** The rows of a query on the current engine, each made into a value. */
  private <T> List<T> rows(String sql, List<Object> parameters, Function<Record, T> value) {
    List<T> rows = new ArrayList<>();
    QuestDbQuery.select(
        questDbs.get().engine(),
        sql,
        parameters,
        (record, columns) -> rows.add(value.apply(record)));
    return rows;
  }
}
