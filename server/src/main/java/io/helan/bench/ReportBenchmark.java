package io.helan.bench;

import com.sun.management.OperatingSystemMXBean;
import io.helan.aggregates.AveragingRules;
import io.helan.aggregates.MeanRecomputation;
import io.helan.aggregates.MeanStore;
import io.helan.aggregates.SampleOverlay;
import io.helan.aggregates.ValidatedAverages;
import io.helan.config.Site;
import io.helan.config.SiteLoader;
import io.helan.historian.QuestDbEmbedded;
import io.helan.products.DataProducts;
import io.helan.reports.PdfReport;
import io.helan.reports.ReportBuilder;
import io.helan.reports.ReportContent;
import io.helan.reports.ReportKey;
import io.helan.reports.ReportPeriod;
import io.helan.reports.ReportRevision;
import io.helan.reports.XlsxReport;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Time to generate the monthly regional report of the default site (every station, city and the
 * region) as the server does for {@code POST /api/reports {"month": ...}}: the content from the
 * validated means ({@link ReportBuilder}), then the XLSX (with its native charts) and the PDF file
 * (with its chart pictures).
 *
 * <p>The validated means of the month (hourly, 8-hour and 24-hour moving, daily, daily maximum
 * 8-hour O3) are stored in an embedded QuestDB by the server's own {@link MeanRecomputation}, from
 * {@link GeneratedHourlyMeans}: a report reads nothing but the stored means, so the samples behind
 * them need not exist.
 */
public final class ReportBenchmark {
  private static final ZoneId ZONE = ValidatedAverages.NETWORK_ZONE;
  private static final YearMonth MONTH = YearMonth.of(2026, 1);

  private final int runs;
  private final Path workDir;
  private final OperatingSystemMXBean os =
      (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  public ReportBenchmark(int runs, Path workDir) {
    this.runs = runs;
    this.workDir = workDir;
  }

  /** Wall and process CPU seconds of one stage. */
  private record Timing(double wallSeconds, double cpuSeconds) {}

  /** One run: the content, then each file rendered from it. */
  private record Run(Timing content, Timing xlsx, Timing pdf) {
    double totalWall() {
      return content.wallSeconds() + xlsx.wallSeconds() + pdf.wallSeconds();
    }

    double totalCpu() {
      return content.cpuSeconds() + xlsx.cpuSeconds() + pdf.cpuSeconds();
    }
  }

  public void run(PrintStream out) throws Exception {
    Site site = SiteLoader.loadDefault();
    Path dir = Files.createTempDirectory(workDir, "helan-bench-report-");
    Instant now = MONTH.plusMonths(1).atDay(2).atStartOfDay(ZONE).toInstant();
    try (QuestDbEmbedded db = QuestDbEmbedded.start(dir.resolve("questdb"))) {
      MeanStore store = new MeanStore(db.engine());
      long fillStart = System.nanoTime();
      int stored;
      try (MeanRecomputation recomputation =
          new MeanRecomputation(
              site,
              new GeneratedHourlyMeans(),
              store,
              new ValidatedAverages(AveragingRules.DEFAULT, ZONE),
              SampleOverlay.NONE,
              Clock.fixed(now, ZoneOffset.UTC))) {
        stored = recomputation.recompute(site.points(), MONTH.atDay(1), MONTH.atEndOfMonth());
      }
      out.printf(
          "Report benchmark: default site, %,d points in %d stations; %,d validated means of %s"
              + " stored in %.1f s%n",
          site.points().size(),
          site.stations().size(),
          stored,
          MONTH,
          (System.nanoTime() - fillStart) / 1e9);

      ReportBuilder builder = new ReportBuilder(new DataProducts(site, store, ZONE), store, ZONE);
      ReportKey key = ReportKey.region(ReportPeriod.monthly(MONTH));
      List<Run> timed = new ArrayList<>();
      for (int r = 1; r <= runs; r++) {
        ReportContent[] content = new ReportContent[1];
        Timing build = time(() -> content[0] = builder.build(key));
        ReportRevision revision =
            new ReportRevision(key.id(), r, now, "benchmark", content[0].fingerprint());
        byte[][] files = new byte[2][];
        Timing xlsx = time(() -> files[0] = XlsxReport.render(content[0], revision));
        Timing pdf = time(() -> files[1] = PdfReport.render(content[0], revision));
        Run run = new Run(build, xlsx, pdf);
        timed.add(run);
        out.printf(
            "  run %d  content %6.2f s (%.2f s CPU, %d rows, %d charts)   XLSX %6.2f s (%.2f s"
                + " CPU, %,d bytes)   PDF %6.2f s (%.2f s CPU, %,d bytes)   all %6.2f s wall,"
                + " %6.2f s CPU%n",
            r,
            build.wallSeconds(),
            build.cpuSeconds(),
            content[0].tables().stream().mapToInt(t -> t.rows().size()).sum(),
            content[0].tables().stream().mapToInt(t -> t.charts().size()).sum(),
            xlsx.wallSeconds(),
            xlsx.cpuSeconds(),
            files[0].length,
            pdf.wallSeconds(),
            pdf.cpuSeconds(),
            files[1].length,
            run.totalWall(),
            run.totalCpu());
      }
      Run median =
          timed.stream()
              .sorted((a, b) -> Double.compare(a.totalWall(), b.totalWall()))
              .toList()
              .get(timed.size() / 2);
      out.println();
      out.printf(
          "monthly regional report %s, median of %d: %.2f s wall (%.2f s CPU) for content, XLSX"
              + " and PDF; XLSX %.2f s (content + file), PDF %.2f s (content + file); goal < 30 s%n",
          key.id(),
          timed.size(),
          median.totalWall(),
          median.totalCpu(),
          median.content().wallSeconds() + median.xlsx().wallSeconds(),
          median.content().wallSeconds() + median.pdf().wallSeconds());
    } finally {
      IngestBenchmark.deleteRecursively(dir);
    }
  }

  private Timing time(Runnable work) {
    long cpu = os.getProcessCpuTime();
    long start = System.nanoTime();
    work.run();
    return new Timing((System.nanoTime() - start) / 1e9, (os.getProcessCpuTime() - cpu) / 1e9);
  }
}
