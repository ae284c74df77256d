package io.helan.bench;

import com.sun.management.OperatingSystemMXBean;
import io.helan.aggregates.AveragingRules;
import io.helan.aggregates.MeanRecomputation;
import io.helan.aggregates.MeanStore;
import io.helan.aggregates.SampleOverlay;
import io.helan.aggregates.ValidatedAverages;
import io.helan.config.Point;
import io.helan.config.Site;
import io.helan.driver.DataFlag;
import io.helan.driver.Quality;
import io.helan.driver.SampleBatch;
import io.helan.historian.CommitCadence;
import io.helan.historian.MinuteRollup;
import io.helan.historian.QuestDbEmbedded;
import io.helan.historian.QuestDbHistorian;
import io.helan.historian.SamplesTable;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.questdb.cairo.CairoEngine;
import io.questdb.cairo.TableWriter;
import io.questdb.cairo.sql.TableRecordMetadata;
import io.questdb.cairo.wal.WalWriter;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Cost of keeping the validated means up to date. One QuestDB is filled with {@code points} points
 * of the generated site: {@code days} whole local days (from 2026-01-01, network time) of 1-minute
 * data, then the current day up to 12:30 — 1-minute data until the last {@code hzHours} hours, 1 Hz
 * data in them. The clock stands at 12:30 of the current day. Then, timed by wall clock and by the
 * process's CPU time (QuestDB's query threads included):
 *
 * <ul>
 *   <li>(a) the full recomputation of the whole days (hourly and daily means of every point);
 *   <li>(b) one steady-state cycle: every point received a sample in the current minute, {@link
 *       MeanRecomputation#runOnce()} recomputes what that marked.
 * </ul>
 *
 * <p>A 1 Hz month of 1,222 points is 3.2 G rows and a 1-minute month 53 M; the defaults (7 days of
 * 1-minute data, 1 Hz for the last hour) keep the fill to about 17 M rows so that it runs on a
 * small machine, and (a) is reported per day as well.
 */
public final class MeansBenchmark {
  private static final ZoneId ZONE = ValidatedAverages.NETWORK_ZONE;
  private static final LocalDate FIRST_DAY = LocalDate.of(2026, 1, 1);
  private static final int NOW_MINUTE_OF_DAY = 12 * 60 + 30;
  private static final long MICROS_PER_SECOND = 1_000_000L;
  private static final int COMMIT_ROWS = 1_000_000;

  /**
   * What to run.
   *
   * @param points points of the generated site
   * @param days whole days of 1-minute data before the current day
   * @param hzHours hours before 12:30 of the current day at 1 Hz
   * @param runs timed runs of each measurement (the median is reported)
   * @param workDir where the temporary QuestDB directory goes
   */
  public record Settings(int points, int days, int hzHours, int runs, Path workDir) {}

  private final Settings settings;
  private final Site site;
  private final LocalDate currentDay;
  private final Instant now;
  private final OperatingSystemMXBean os =
      (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  public MeansBenchmark(Settings settings) {
    this.settings = settings;
    this.site = SyntheticSite.create(settings.points());
    this.currentDay = FIRST_DAY.plusDays(settings.days());
    this.now = currentDay.atStartOfDay(ZONE).toInstant().plusSeconds(NOW_MINUTE_OF_DAY * 60L);
  }

  /** One timed run: wall and process CPU seconds, and how many means it stored. */
  public record Timing(double wallSeconds, double cpuSeconds, int means) {}

  /** The medians of (a) and (b). */
  public record Result(Timing fullDays, Timing cycle) {}

  public Result run(PrintStream out) throws Exception {
    Path dir = Files.createTempDirectory(settings.workDir(), "helan-bench-means-");
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (QuestDbEmbedded db = QuestDbEmbedded.start(dir.resolve("questdb"));
        QuestDbHistorian historian =
            new QuestDbHistorian(
                site, () -> db, CommitCadence.DEFAULT, registry, dir.resolve("spool"))) {
      historian.start();
      long fillStart = System.nanoTime();
      long rows = fill(db.engine());
      out.printf(
          "Means benchmark: %,d points, %d day(s) of 1-minute data from %s, current day %s up to"
              + " %s (1 Hz for the last %d h): %,d rows filled in %.1f s%n",
          settings.points(),
          settings.days(),
          FIRST_DAY,
          currentDay,
          now.atZone(ZONE).toLocalTime(),
          settings.hzHours(),
          rows,
          (System.nanoTime() - fillStart) / 1e9);
      awaitRollup(db.engine(), out);
      try (MeanRecomputation recomputation =
          new MeanRecomputation(
              site,
              historian,
              new MeanStore(db.engine()),
              new ValidatedAverages(AveragingRules.DEFAULT, ZONE),
              SampleOverlay.NONE,
              Clock.fixed(now, ZoneOffset.UTC))) {
        List<Point> points = site.points();
        LocalDate lastFullDay = currentDay.minusDays(1);
        // warm-up of both, not counted
        recomputation.recompute(points, lastFullDay, lastFullDay);
        cycle(recomputation);
        List<Timing> full = new ArrayList<>();
        List<Timing> cycles = new ArrayList<>();
        for (int run = 1; run <= settings.runs(); run++) {
          Timing a = time(() -> recomputation.recompute(points, FIRST_DAY, lastFullDay));
          Timing b = time(() -> cycle(recomputation));
          out.printf(
              "  run %d  (a) %d day(s): %6.2f s wall %6.2f s CPU %,9d means"
                  + "   (b) cycle: %6.2f s wall %6.2f s CPU %,7d means%n",
              run,
              settings.days(),
              a.wallSeconds(),
              a.cpuSeconds(),
              a.means(),
              b.wallSeconds(),
              b.cpuSeconds(),
              b.means());
          full.add(a);
          cycles.add(b);
        }
        Result result = new Result(median(full), median(cycles));
        printSummary(result, out);
        return result;
      }
    } finally {
      IngestBenchmark.deleteRecursively(dir);
    }
  }

  /** What ingest does in one minute of steady state (one sample per point), then one run. */
  private int cycle(MeanRecomputation recomputation) throws Exception {
    SampleBatch batch = new SampleBatch(site.points().size());
    long micros = SamplesTable.micros(now);
    for (Point point : site.points()) {
      batch.add(point.index(), micros, 1, Quality.GOOD, DataFlag.N);
    }
    recomputation.onBatch(batch, 0);
    return recomputation.runOnce();
  }

  private interface Work {
    int run() throws Exception;
  }

  private Timing time(Work work) throws Exception {
    long cpu = os.getProcessCpuTime();
    long start = System.nanoTime();
    int means = work.run();
    return new Timing(
        (System.nanoTime() - start) / 1e9, (os.getProcessCpuTime() - cpu) / 1e9, means);
  }

  /** Writes the data set in time order with one WAL writer; returns the row count. */
  private long fill(CairoEngine engine) throws Exception {
    engine.execute(SamplesTable.CREATE);
    String[] ids = site.points().stream().map(Point::id).toArray(String[]::new);
    long start = SamplesTable.micros(FIRST_DAY.atStartOfDay(ZONE).toInstant());
    long hzFrom = SamplesTable.micros(now) - settings.hzHours() * 3_600L * MICROS_PER_SECOND;
    long end = SamplesTable.micros(now);
    long rows = 0;
    try (WalWriter writer = engine.getWalWriter(engine.verifyTableName(SamplesTable.NAME))) {
      TableRecordMetadata metadata = writer.getMetadata();
      int pointColumn = metadata.getColumnIndex(SamplesTable.COLUMN_POINT);
      int valueColumn = metadata.getColumnIndex(SamplesTable.COLUMN_VALUE);
      int qualityColumn = metadata.getColumnIndex(SamplesTable.COLUMN_QUALITY);
      int flagColumn = metadata.getColumnIndex(SamplesTable.COLUMN_FLAG);
      long uncommitted = 0;
      for (long t = start; t < end; ) {
        for (int p = 0; p < ids.length; p++) {
          TableWriter.Row row = writer.newRow(t);
          row.putSym(pointColumn, ids[p]);
          row.putDouble(valueColumn, 20 + (t / MICROS_PER_SECOND + p) % 60);
          row.putSym(qualityColumn, Quality.GOOD.name());
          row.putSym(flagColumn, DataFlag.N.name());
          row.append();
        }
        rows += ids.length;
        uncommitted += ids.length;
        if (uncommitted >= COMMIT_ROWS) {
          writer.commit();
          uncommitted = 0;
        }
        t += (t >= hzFrom ? 1 : 60) * MICROS_PER_SECOND;
      }
      writer.commit();
    }
    engine.awaitTxn(SamplesTable.NAME, -1, 10, TimeUnit.MINUTES);
    return rows;
  }

  /**
   * Waits until the minute rollup has taken in the whole fill. QuestDB refreshes it in the
   * background after the commits, which takes both cores for a minute or more after a month's fill;
   * a real recomputation runs on a settled historian, so none of the timed runs competes with it.
   */
  private static void awaitRollup(CairoEngine engine, PrintStream out) throws InterruptedException {
    long start = System.nanoTime();
    long deadline = start + TimeUnit.MINUTES.toNanos(15);
    while (!MinuteRollup.current(engine)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the minute rollup was not refreshed within 15 minutes");
      }
      Thread.sleep(200);
    }
    out.printf(
        "Minute rollup (%s) refreshed after the fill in %.1f s; timed runs start now%n",
        MinuteRollup.NAME, (System.nanoTime() - start) / 1e9);
  }

  private void printSummary(Result result, PrintStream out) {
    Timing a = result.fullDays();
    Timing b = result.cycle();
    out.println();
    out.printf(
        "(a) full recomputation of %d day(s), median: %.2f s wall, %.2f s CPU (%.3f s wall per"
            + " day, %.1f s for 30 days)%n",
        settings.days(),
        a.wallSeconds(),
        a.cpuSeconds(),
        a.wallSeconds() / settings.days(),
        a.wallSeconds() / settings.days() * 30);
    out.printf(
        "(b) one every-minute cycle, median: %.2f s wall, %.2f s CPU = %.1f %% of one core%n",
        b.wallSeconds(), b.cpuSeconds(), b.cpuSeconds() / 60 * 100);
  }

  private static Timing median(List<Timing> timings) {
    List<Timing> sorted =
        timings.stream().sorted(Comparator.comparingDouble(Timing::wallSeconds)).toList();
    return sorted.get(sorted.size() / 2);
  }
}
