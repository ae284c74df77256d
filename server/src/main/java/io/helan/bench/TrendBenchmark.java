package io.helan.bench;

import com.sun.management.OperatingSystemMXBean;
import io.helan.config.Point;
import io.helan.config.Site;
import io.helan.historian.CommitCadence;
import io.helan.historian.HistoryRow;
import io.helan.historian.MinuteRollup;
import io.helan.historian.QuestDbEmbedded;
import io.helan.historian.QuestDbHistorian;
import io.helan.historian.QuestDbQuery;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.questdb.cairo.CairoEngine;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench trend}: the history query behind a trend (one point, one day at 1 Hz, about 1,000
 * steps) through the embedded historian, on a table holding a day of N points at 1 Hz, with the
 * point symbol not indexed and indexed (same rows, the index dropped and added between cases). Each
 * point is asked once to warm up, then the queries go round the points; the median, p90 and maximum
 * of the warm runs are printed per case.
 */
@Command(
    name = "trend",
    mixinStandardHelpOptions = true,
    description =
        "Trend query: one point, one day at 1 Hz in ~1,000 steps, on a day of N points, with the"
            + " point symbol not indexed and indexed.")
public final class TrendBenchmark implements Callable<Integer> {
  private static final Instant DAY = Instant.parse("2026-01-01T00:00:00Z"); // SampleGenerator's

  @Option(
      names = "--points",
      defaultValue = "100",
      description =
          "Points stored, each one day at 1 Hz (default: ${DEFAULT-VALUE}, 8.64 M rows; the default"
              + " site's 1,222 would be 105 M).")
  int points;

  @Option(
      names = "--steps",
      defaultValue = "1000",
      description = "Steps the day is cut into, at most (default: ${DEFAULT-VALUE}).")
  int steps;

  @Option(
      names = "--runs",
      defaultValue = "200",
      description = "Warm queries per case and round (default: ${DEFAULT-VALUE}).")
  int runs;

  @Option(
      names = "--rounds",
      defaultValue = "3",
      description = "Rounds, each measuring both cases (default: ${DEFAULT-VALUE}).")
  int rounds;

  @Option(
      names = "--dir",
      paramLabel = "DIR",
      description =
          "Directory for the temporary QuestDB (default: the system's temporary directory).")
  Path dir;

  @Override
  public Integer call() throws Exception {
    if (points < 1 || steps < 1 || runs < 1 || rounds < 1 || points > 1_000) {
      throw new IllegalArgumentException(
          "--steps, --runs and --rounds must be positive and --points between 1 and 1000 (a day"
              + " of 1,000 points is 86 M rows, about 2.5 GB on disk)");
    }
    PrintStream out = System.out;
    Duration step = Duration.ofSeconds((86_400 + steps - 1) / steps);
    // the nearest whole number of minutes dividing a day at or above the step: the rollup serves it
    Duration rollupStep = Duration.ofMinutes((step.getSeconds() + 59) / 60);
    while (86_400 % rollupStep.getSeconds() != 0) {
      rollupStep = rollupStep.plusMinutes(1);
    }
    out.printf(
        "Trend benchmark: %d cores, Java %s, %s, load average %.1f%n",
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"),
        Instant.now(),
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    Site site = SyntheticSite.create(points);
    Path workDir = Files.createTempDirectory(BenchCommand.workDir(dir), "helan-trend");
    try (QuestDbEmbedded db = QuestDbEmbedded.start(workDir.resolve("questdb"))) {
      CairoEngine engine = db.engine();
      long rows = points * 86_400L;
      long fill = new RawQuestDbIngest(engine, site).run(rows, 10_000);
      out.printf(
          "%,d rows (%d points × 1 day at 1 Hz) stored in %.1f s; step %ds from the samples, %ds"
              + " from the minute rollup%n",
          rows, points, fill / 1e9, step.getSeconds(), rollupStep.getSeconds());
      try (QuestDbHistorian historian =
          new QuestDbHistorian(
              site,
              () -> db,
              CommitCadence.DEFAULT,
              new SimpleMeterRegistry(),
              workDir.resolve("spool"))) {
        historian.start();
        out.printf(
            "%-12s %6s %6s %10s %10s %10s %10s%n",
            "read from", "round", "rows", "p50 ms", "p90 ms", "max ms", "CPU ms");
        awaitRollup(engine, rows / 60);
        for (int round = 1; round <= rounds; round++) {
          measure(historian, site.points(), step, "samples", round, out);
          measure(historian, site.points(), rollupStep, "minute rollup", round, out);
        }
      }
    } finally {
      BenchProcesses.deleteTree(workDir);
    }
    return 0;
  }

  /** Waits until QuestDB has filled the minute rollup from the day's rows. */
  private static void awaitRollup(CairoEngine engine, long minutes) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
    long[] count = {0};
    while (count[0] < minutes) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "the minute rollup holds " + count[0] + " of " + minutes + " rows after 10 minutes");
      }
      TimeUnit.MILLISECONDS.sleep(200);
      QuestDbQuery.select(
          engine,
          "SELECT count() FROM " + MinuteRollup.NAME,
          List.of(),
          (r, columns) -> count[0] = r.getLong(0));
    }
  }

  private void measure(
      QuestDbHistorian historian,
      List<Point> points,
      Duration step,
      String source,
      int round,
      PrintStream out)
      throws Exception {
    Instant to = DAY.plus(Duration.ofDays(1));
    int rows = 0;
    for (Point point : points) {
      rows = check(historian.history(point, DAY, to, step).get());
    }
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpuBefore = os.getProcessCpuTime();
    long[] nanos = new long[runs];
    for (int i = 0; i < runs; i++) {
      Point point = points.get(i % points.size());
      long start = System.nanoTime();
      List<HistoryRow> answer = historian.history(point, DAY, to, step).get();
      nanos[i] = System.nanoTime() - start;
      check(answer);
    }
    double cpuMillis = (os.getProcessCpuTime() - cpuBefore) / 1e6 / runs;
    Arrays.sort(nanos);
    out.printf(
        "%-12s %6d %6d %10.2f %10.2f %10.2f %10.2f%n",
        source,
        round,
        rows,
        nanos[runs / 2] / 1e6,
        nanos[runs * 9 / 10] / 1e6,
        nanos[runs - 1] / 1e6,
        cpuMillis);
  }

  /** The rows of one answer, after checking it holds the whole day. */
  private static int check(List<HistoryRow> rows) {
    long samples = rows.stream().mapToLong(HistoryRow::count).sum();
    if (samples != 86_400) {
      throw new IllegalStateException("a trend counted " + samples + " samples, not 86,400");
    }
    return rows.size();
  }
}
