package io.helan.aggregates;

import io.helan.config.Point;
import io.helan.config.Site;
import io.helan.driver.SampleBatch;
import io.helan.historian.Historian;
import io.helan.historian.HourlyValidMean;
import io.helan.historian.RawSample;
import io.helan.ingest.IngestListener;
import io.helan.schedule.Periodic;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the stored validated means up to date. Ingest marks, per point, the span of clock hours its
 * samples fell in (on time, late from an HJ 212 backfill, or re-sent); every run recomputes the
 * local days those hours affect, up to the current hour, from the historian: hourly means, the
 * moving 8-hour (O3) and 24-hour (PM10, PM2.5, SO2) means of every hour, the daily means and the
 * daily maximum 8-hour O3. A reviewer's correction recomputes its period the same way. Points with
 * corrections are averaged from their samples with the corrections laid over them; the others from
 * the historian's per-hour aggregates in one query.
 */
public final class MeanRecomputation implements IngestListener, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MeanRecomputation.class);
  private static final long MICROS_PER_HOUR = 3_600_000_000L;
  private static final long SECONDS_PER_HOUR = 3_600L;
  private static final Duration QUERY_TIMEOUT = Duration.ofMinutes(2);
  private static final int MAX_RAW_SAMPLES = 5_000_000;

  /** O3; its 8-hour means and their daily maximum are kept. */
  private static final String O3 = "a05024";

  /** PM10, PM2.5 and SO2; their 24-hour moving means are kept for the hourly AQI. */
  private static final Set<String> TWENTY_FOUR_HOUR_CODES = Set.of("a34002", "a34004", "a21026");

  private final Site site;
  private final Historian historian;
  private final MeanStore store;
  private final ValidatedAverages averages;
  private final SampleOverlay overlay;
  private final Clock clock;
  private final List<MeansChanged> listeners = new CopyOnWriteArrayList<>();
  private final AtomicLongArray dirtyFrom;
  private final AtomicLongArray dirtyTo;
  private final Periodic runner =
      new Periodic("helan-mean-recomputation", "Recomputing validated means");

  public MeanRecomputation(
      Site site,
      Historian historian,
      MeanStore store,
      ValidatedAverages averages,
      SampleOverlay overlay,
      Clock clock) {
    this.site = site;
    this.historian = historian;
    this.store = store;
    this.averages = averages;
    this.overlay = overlay;
    this.clock = clock;
    int size = site.points().size();
    dirtyFrom = new AtomicLongArray(size);
    dirtyTo = new AtomicLongArray(size);
    for (int p = 0; p < size; p++) {
      dirtyFrom.set(p, Long.MAX_VALUE);
      dirtyTo.set(p, Long.MIN_VALUE);
    }
  }

  /** What is told, after they were stored, which local days' means were recomputed. */
  public interface MeansChanged {
    void meansChanged(LocalDate firstDay, LocalDate lastDay);
  }

  /** Tells the listener of every recomputation from now on (on the recomputing thread). */
  public void addListener(MeansChanged listener) {
    listeners.add(listener);
  }

  private void changed(LocalDate firstDay, LocalDate lastDay) {
    for (MeansChanged listener : listeners) {
      try {
        listener.meansChanged(firstDay, lastDay);
      } catch (RuntimeException e) {
        LOG.error("A listener of recomputed means failed", e);
      }
    }
  }

  /** Runs {@link #runOnce()} every {@code interval} from now on. */
  public void start(Duration interval) {
    runner.start(interval, this::runOnce);
  }

  /** Marks the hours of the batch's samples; two array reads per sample when nothing is new. */
  @Override
  public void onBatch(SampleBatch batch, long change) {
    for (int i = 0; i < batch.size(); i++) {
      int point = batch.point(i);
      long hour = Math.floorDiv(batch.timeMicros(i), MICROS_PER_HOUR);
      if (hour < dirtyFrom.get(point)) {
        dirtyFrom.accumulateAndGet(point, hour, Math::min);
      }
      if (hour > dirtyTo.get(point)) {
        dirtyTo.accumulateAndGet(point, hour, Math::max);
      }
    }
  }

  /**
   * Recomputes what ingest marked since the last run, once the historian has committed it: the
   * hourly means of the marked hours from the samples, then the moving and daily means those hours
   * enter from the stored hourly means. Points marked with the same span of hours are recomputed
   * together.
   *
   * @return how many means were stored
   */
  public int runOnce() throws Exception {
    historian.flush().get(QUERY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    Map<List<Long>, List<Point>> bySpan = new LinkedHashMap<>();
    for (Point point : site.points()) {
      int p = point.index();
      long from = dirtyFrom.getAndSet(p, Long.MAX_VALUE);
      long to = dirtyTo.getAndSet(p, Long.MIN_VALUE);
      if (from == Long.MAX_VALUE) {
        continue;
      }
      bySpan.computeIfAbsent(List.of(from, Math.max(from, to)), s -> new ArrayList<>()).add(point);
    }
    int stored = 0;
    for (Map.Entry<List<Long>, List<Point>> group : bySpan.entrySet()) {
      stored +=
          update(
              group.getValue(),
              hourStart(group.getKey().get(0)),
              hourStart(group.getKey().get(1) + 1));
    }
    return stored;
  }

  /**
   * Recomputes the hourly means of the points' clock hours in [from, to) (up to the current hour)
   * from the historian, then, from the stored hourly means, the moving means and daily values of
   * the local days those hours and the 23 after them fall in.
   *
   * @return how many means were stored
   */
  private int update(Collection<Point> points, Instant from, Instant to) throws Exception {
    Instant now = clock.instant();
    Instant end = min(to, nextHourStart(now));
    if (!end.isAfter(from)) {
      return 0;
    }
    List<StoredMean> hours = new ArrayList<>();
    for (Map.Entry<String, List<Mean>> point : hourlyMeans(points, from, end).entrySet()) {
      for (Mean hour : point.getValue()) {
        hours.add(new StoredMean(point.getKey(), MeanPeriod.HOUR, hour));
      }
    }
    store.store(hours);
    ZoneId zone = averages.zone();
    // a changed hour moves the 24-hour means of the 23 hours after it too
    LocalDate firstDay = day(from, zone);
    LocalDate lastDay = day(end.plus(22, ChronoUnit.HOURS), zone);
    Instant start = firstDay.atStartOfDay(zone).toInstant();
    Instant derivedEnd =
        min(lastDay.plusDays(1).atStartOfDay(zone).toInstant(), nextHourStart(now));
    Instant readFrom = start.minus(1, ChronoUnit.DAYS);
    Map<String, Map<Instant, Mean>> stored = store.hourlyMeans(points, readFrom, derivedEnd);
    List<StoredMean> derived = new ArrayList<>();
    for (Point point : points) {
      List<Mean> hourly =
          everyHour(stored.getOrDefault(point.id(), Map.of()), readFrom, derivedEnd);
      addDerived(derived, point, hourly, start, firstDay, lastDay, derivedEnd);
    }
    store.store(derived);
    changed(firstDay, lastDay);
    return hours.size() + derived.size();
  }

  /**
   * Recomputes and stores every mean of the points in the local days {@code firstDay} to {@code
   * lastDay} (inclusive), up to the current hour.
   *
   * @return how many means were stored
   */
  public int recompute(Collection<Point> points, LocalDate firstDay, LocalDate lastDay)
      throws Exception {
    ZoneId zone = averages.zone();
    Instant start = firstDay.atStartOfDay(zone).toInstant();
    Instant now = clock.instant();
    Instant end = min(lastDay.plusDays(1).atStartOfDay(zone).toInstant(), nextHourStart(now));
    if (!end.isAfter(start)) {
      return 0;
    }
    // the moving means of the first hours reach into the day before
    Instant readFrom = start.minus(1, ChronoUnit.DAYS);
    long started = System.nanoTime();
    Map<String, List<Mean>> hourlyByPoint = hourlyMeans(points, readFrom, end);
    long read = System.nanoTime();
    // each point's means apart from the others': side by side on the common pool's threads
    List<StoredMean> means =
        points.parallelStream()
            .flatMap(
                point -> {
                  List<Mean> hourly = hourlyByPoint.get(point.id());
                  List<StoredMean> ofPoint = new ArrayList<>();
                  addFrom(ofPoint, point, MeanPeriod.HOUR, hourly, start);
                  addDerived(ofPoint, point, hourly, start, firstDay, lastDay, end);
                  return ofPoint.stream();
                })
            .toList();
    long computed = System.nanoTime();
    store.store(means);
    long stored = System.nanoTime();
    LOG.info(
        "Recomputed {} means of {} point(s), {} to {}: read {} ms, computed {} ms, stored {} ms",
        means.size(),
        points.size(),
        firstDay,
        lastDay,
        (read - started) / 1_000_000,
        (computed - read) / 1_000_000,
        (stored - computed) / 1_000_000);
    changed(firstDay, lastDay);
    return means.size();
  }

  /**
   * Adds the point's moving means from {@code start} and its daily values of {@code firstDay} to
   * {@code lastDay} that begin before {@code end}, from its hourly means (which reach a day before
   * {@code start}).
   */
  private void addDerived(
      List<StoredMean> means,
      Point point,
      List<Mean> hourly,
      Instant start,
      LocalDate firstDay,
      LocalDate lastDay,
      Instant end) {
    ZoneId zone = averages.zone();
    if (point.code() != null && TWENTY_FOUR_HOUR_CODES.contains(point.code())) {
      addFrom(
          means, point, MeanPeriod.TWENTY_FOUR_HOURS, averages.twentyFourHourMeans(hourly), start);
    }
    boolean o3 = O3.equals(point.code());
    if (o3) {
      addFrom(means, point, MeanPeriod.EIGHT_HOURS, averages.eightHourMeans(hourly), start);
    }
    List<LocalDate> days = new ArrayList<>();
    for (LocalDate day = firstDay; !day.isAfter(lastDay); day = day.plusDays(1)) {
      if (!day.atStartOfDay(zone).toInstant().isBefore(end)) {
        break;
      }
      days.add(day);
    }
    for (Mean daily : averages.daily(hourly, days)) {
      means.add(new StoredMean(point.id(), MeanPeriod.DAY, daily));
    }
    if (o3) {
      for (Mean maximum : averages.dailyMaxEightHour(hourly, days)) {
        means.add(new StoredMean(point.id(), MeanPeriod.DAY_MAX_EIGHT_HOURS, maximum));
      }
    }
  }

  /** Every clock hour of [from, to) of each point, hours without valid data included. */
  private Map<String, List<Mean>> hourlyMeans(Collection<Point> points, Instant from, Instant to)
      throws Exception {
    List<Point> aggregated = new ArrayList<>();
    Map<String, List<Mean>> byPoint = new HashMap<>();
    for (Point point : points) {
      if (overlay.covers(point.id(), from, to)) {
        List<RawSample> raw =
            historian
                .raw(point, from, to, MAX_RAW_SAMPLES, false)
                .get(QUERY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        byPoint.put(point.id(), averages.hourly(overlay.apply(point.id(), raw), from, to));
      } else {
        aggregated.add(point);
      }
    }
    Map<String, Mean[]> rows = new HashMap<>();
    int hours = hours(from, to);
    for (HourlyValidMean row :
        historian
            .validHourlyMeans(aggregated, from, to)
            .get(QUERY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
      place(
          rows.computeIfAbsent(row.pointId(), id -> new Mean[hours]),
          from,
          averages.hour(row.hour(), row.mean(), row.validMinutes()));
    }
    for (Point point : aggregated) {
      byPoint.put(point.id(), everyHour(rows.getOrDefault(point.id(), new Mean[hours]), from));
    }
    return byPoint;
  }

  /** The hourly means of every clock hour of [from, to); hours not given have no valid minute. */
  private List<Mean> everyHour(Map<Instant, Mean> byHour, Instant from, Instant to) {
    Mean[] hourly = new Mean[hours(from, to)];
    for (Mean mean : byHour.values()) {
      place(hourly, from, mean);
    }
    return everyHour(hourly, from);
  }

  /**
   * The hourly means of every clock hour from {@code from}, one per element; an hour not given has
   * no valid minute.
   */
  private List<Mean> everyHour(Mean[] hourly, Instant from) {
    for (int h = 0; h < hourly.length; h++) {
      if (hourly[h] == null) {
        hourly[h] = averages.hour(from.plus(h, ChronoUnit.HOURS), Double.NaN, 0);
      }
    }
    return Arrays.asList(hourly);
  }

  /** Puts the hourly mean at its hour's place from {@code from}; others are left out. */
  private static void place(Mean[] hourly, Instant from, Mean mean) {
    long seconds = mean.start().getEpochSecond() - from.getEpochSecond();
    if (mean.start().getNano() == from.getNano()
        && seconds >= 0
        && seconds % SECONDS_PER_HOUR == 0
        && seconds / SECONDS_PER_HOUR < hourly.length) {
      hourly[(int) (seconds / SECONDS_PER_HOUR)] = mean;
    }
  }

  private static int hours(Instant from, Instant to) {
    return (int) Duration.between(from, to).toHours();
  }

  private static void addFrom(
      List<StoredMean> means, Point point, MeanPeriod period, List<Mean> hourly, Instant start) {
    for (int h = 0; h < hourly.size(); h++) {
      Mean mean = hourly.get(h);
      // moving means are labelled by the hour they end with
      Instant label = mean.end().minus(1, ChronoUnit.HOURS);
      if (!label.isBefore(start)) {
        Mean labelled =
            period == MeanPeriod.HOUR
                ? mean
                : new Mean(
                    label,
                    mean.end(),
                    mean.value(),
                    mean.validCount(),
                    mean.expectedCount(),
                    mean.requiredCount());
        means.add(new StoredMean(point.id(), period, labelled));
      }
    }
  }

  private static Instant hourStart(long hour) {
    return Instant.EPOCH.plus(hour, ChronoUnit.HOURS);
  }

  private static Instant nextHourStart(Instant time) {
    return time.truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);
  }

  private static LocalDate day(Instant time, ZoneId zone) {
    return time.atZone(zone).toLocalDate();
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  @Override
  public void close() {
    runner.close();
  }
}
