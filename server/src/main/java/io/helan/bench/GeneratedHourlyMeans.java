package io.helan.bench;

import io.helan.config.Point;
import io.helan.driver.SampleBatch;
import io.helan.historian.Historian;
import io.helan.historian.HistoryRow;
import io.helan.historian.HourlyValidMean;
import io.helan.historian.RawSample;
import io.helan.historian.StepStatistics;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A historian that holds no samples, only generated valid hourly means of every point: the input
 * the validated means are recomputed from when a benchmark needs a month of stored means without
 * the 50 M samples behind them. Pollutants get plausible concentrations on a two-day cycle (AQI
 * days from excellent to moderately polluted); every point has 60 valid minutes an hour, but 40
 * (too few) in one hour of 29. Every other query fails.
 */
final class GeneratedHourlyMeans implements Historian {
  /** A plausible concentration of a pollutant in one hour, varying over the day and the month. */
  private static double value(Point point, Instant hour) {
    long h = hour.getEpochSecond() / 3600;
    double wave = (h + point.index() * 7L) % 48 / 48.0; // 0–1, a two-day cycle
    double base =
        switch (point.code() == null ? "" : point.code()) {
          case "a34004" -> 15 + 140 * wave; // PM2.5 µg/m³: good to moderately polluted
          case "a34002" -> 30 + 220 * wave; // PM10
          case "a21026" -> 5 + 60 * wave; // SO2
          case "a21004" -> 10 + 90 * wave; // NO2
          case "a21005" -> 0.3 + 2 * wave; // CO mg/m³
          case "a05024" -> 40 + 200 * wave; // O3
          default -> 1 + 20 * wave;
        };
    return Math.round(base * 10) / 10.0;
  }

  @Override
  public CompletableFuture<List<HourlyValidMean>> validHourlyMeans(
      Collection<Point> asked, Instant from, Instant to) {
    List<HourlyValidMean> means = new ArrayList<>();
    for (Point point : asked) {
      for (Instant hour = from.truncatedTo(ChronoUnit.HOURS);
          hour.isBefore(to);
          hour = hour.plus(1, ChronoUnit.HOURS)) {
        long h = hour.getEpochSecond() / 3600;
        int minutes = (h + point.index()) % 29 == 0 ? 40 : 60;
        means.add(new HourlyValidMean(point.id(), hour, value(point, hour), minutes));
      }
    }
    return CompletableFuture.completedFuture(means);
  }

  @Override
  public void start() {}

  @Override
  public void append(SampleBatch batch) {
    throw unsupported();
  }

  @Override
  public CompletableFuture<Void> flush() {
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public CompletableFuture<List<HistoryRow>> history(
      Point point, Instant from, Instant to, Duration step) {
    return CompletableFuture.failedFuture(unsupported());
  }

  @Override
  public CompletableFuture<List<StepStatistics>> validStatistics(
      Point point, Instant from, Instant to, Duration step) {
    return CompletableFuture.failedFuture(unsupported());
  }

  @Override
  public CompletableFuture<List<RawSample>> raw(
      Point point, Instant from, Instant to, int limit, boolean newestFirst) {
    return CompletableFuture.failedFuture(unsupported());
  }

  @Override
  public CompletableFuture<Long> count(Point point) {
    return CompletableFuture.failedFuture(unsupported());
  }

  @Override
  public long backlog() {
    return 0;
  }

  @Override
  public void close() {}

  private static UnsupportedOperationException unsupported() {
    return new UnsupportedOperationException(
        "the report benchmark's historian holds only generated hourly means");
  }
}
