package io.helan.bench;

import io.helan.config.Site;
import io.helan.driver.SampleBatch;
import io.helan.driver.SampleSink;
import io.helan.historian.CommitCadence;
import io.helan.historian.QuestDbEmbedded;
import io.helan.historian.QuestDbHistorian;
import io.helan.historian.SamplesTable;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.questdb.cairo.CairoEngine;
import io.questdb.cairo.security.AllowAllSecurityContext;
import io.questdb.cairo.sql.RecordCursor;
import io.questdb.cairo.sql.RecordCursorFactory;
import io.questdb.griffin.SqlExecutionContextImpl;
import io.questdb.griffin.engine.functions.bind.BindVariableServiceImpl;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Ingest throughput of the full path against raw QuestDB. After an uncounted warm-up of both, each
 * round runs both paths, in alternating order, each in a fresh QuestDB in a temporary directory, on
 * the same generated samples: (a) {@link RawQuestDbIngest}, (b) the {@link IngestPath} with a
 * {@link QuestDbHistorian} behind it, fed by one or many threads, followed by {@code flush()}. Both
 * are timed until the last sample is visible to queries and checked by counting the rows.
 *
 * <p>With many threads the full path is fed the way polling feeds it: each thread stands for a
 * device link and sends small batches of its own points (batch {@code c} of the run goes to thread
 * {@code c mod threads}).
 */
public final class IngestBenchmark {
  private static final String RAW = "raw QuestDB (WAL writer)";
  private static final String FULL = "full path";

  private final Settings settings;
  private final IngestPath ingestPath;
  private final Site site;
  private final List<MemoryPoolMXBean> heapPools =
      ManagementFactory.getMemoryPoolMXBeans().stream()
          .filter(pool -> pool.getType() == MemoryType.HEAP)
          .toList();

  /**
   * What to run.
   *
   * @param samples samples per run
   * @param points points of the generated site
   * @param batchSize samples per batch
   * @param threads threads feeding the full path
   * @param rounds rounds, each running both paths
   * @param workDir where the temporary QuestDB directories go
   */
  public record Settings(
      long samples, int points, int batchSize, int threads, int rounds, Path workDir) {}

  /** One measured run. */
  public record Run(
      int round,
      String path,
      double samplesPerSecond,
      long peakHeapBytes,
      long gcs,
      long spooled) {}

  public IngestBenchmark(Settings settings, IngestPath ingestPath) {
    this.settings = settings;
    this.ingestPath = ingestPath;
    this.site = SyntheticSite.create(settings.points());
  }

  /** Runs every round, printing each run and then the summary table. */
  public List<Run> run(PrintStream out) throws Exception {
    out.printf(
        "Ingest benchmark: %,d samples over %,d points in batches of %,d from %d thread(s),"
            + " %d rounds%n",
        settings.samples(),
        settings.points(),
        settings.batchSize(),
        settings.threads(),
        settings.rounds());
    // warm-up: JIT compilation and first-use costs of both paths, not counted
    runRaw(0);
    runFull(0);
    List<Run> runs = new ArrayList<>();
    for (int round = 1; round <= settings.rounds(); round++) {
      // alternate the order so that warm-up and drift do not favour one path
      boolean rawFirst = round % 2 == 1;
      for (String path : rawFirst ? List.of(RAW, FULL) : List.of(FULL, RAW)) {
        Run run = path.equals(RAW) ? runRaw(round) : runFull(round);
        out.printf(
            "  round %d  %-26s %,12.0f samples/s%n",
            run.round(), run.path(), run.samplesPerSecond());
        runs.add(run);
      }
    }
    printSummary(runs, out);
    return runs;
  }

  private Run runRaw(int round) throws Exception {
    Path dir = Files.createTempDirectory(settings.workDir(), "helan-bench-");
    try (QuestDbEmbedded db = startQuestDb(dir)) {
      RawQuestDbIngest raw = new RawQuestDbIngest(db.engine(), site);
      Measurement measurement = new Measurement();
      long nanos = raw.run(settings.samples(), settings.batchSize());
      Run run = measurement.finish(round, RAW, nanos, 0);
      checkRows(db.engine());
      return run;
    } finally {
      deleteRecursively(dir);
    }
  }

  private Run runFull(int round) throws Exception {
    Path dir = Files.createTempDirectory(settings.workDir(), "helan-bench-");
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (QuestDbEmbedded db = startQuestDb(dir);
        QuestDbHistorian historian =
            new QuestDbHistorian(
                site, () -> db, CommitCadence.DEFAULT, registry, dir.resolve("spool"))) {
      historian.start();
      SampleSink sink = ingestPath.open(site, historian, registry);
      Measurement measurement = new Measurement();
      long start = System.nanoTime();
      feed(sink);
      historian.flush().get(5, TimeUnit.MINUTES);
      long nanos = System.nanoTime() - start;
      double spooled = registry.get("helan.historian.samples.spooled").counter().count();
      Run run = measurement.finish(round, FULL, nanos, (long) spooled);
      checkRows(db.engine());
      return run;
    } finally {
      deleteRecursively(dir);
    }
  }

  /** Sends every sample to the sink from the configured number of threads. */
  private void feed(SampleSink sink) throws InterruptedException {
    List<Thread> feeders = new ArrayList<>();
    for (int t = 0; t < settings.threads(); t++) {
      int thread = t;
      feeders.add(new Thread(() -> feedShare(sink, thread), "bench-feeder-" + t));
    }
    feeders.forEach(Thread::start);
    for (Thread feeder : feeders) {
      feeder.join();
    }
  }

  /** Batches {@code thread}, {@code thread + threads}, ... of the run, in order. */
  private void feedShare(SampleSink sink, int thread) {
    SampleGenerator generator = new SampleGenerator(settings.points());
    SampleBatch batch = new SampleBatch(settings.batchSize());
    long stride = (long) settings.batchSize() * settings.threads();
    for (long first = (long) thread * settings.batchSize();
        first < settings.samples();
        first += stride) {
      generator.fill(
          batch, first, (int) Math.min(settings.batchSize(), settings.samples() - first));
      sink.accept(batch);
    }
  }

  private static QuestDbEmbedded startQuestDb(Path dir) {
    return QuestDbEmbedded.start(dir.resolve("questdb"));
  }

  /** Heap and GC counters around one run, reset after QuestDB has started. */
  private final class Measurement {
    private final long gcsBefore;

    Measurement() {
      System.gc();
      heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
      gcsBefore = gcCount();
    }

    Run finish(int round, String path, long nanos, long spooled) {
      long peakHeap = heapPools.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
      double samplesPerSecond = settings.samples() * 1e9 / nanos;
      return new Run(round, path, samplesPerSecond, peakHeap, gcCount() - gcsBefore, spooled);
    }

    private static long gcCount() {
      return ManagementFactory.getGarbageCollectorMXBeans().stream()
          .mapToLong(GarbageCollectorMXBean::getCollectionCount)
          .sum();
    }
  }

  private void checkRows(CairoEngine engine) throws Exception {
    try (SqlExecutionContextImpl context =
            new SqlExecutionContextImpl(engine, 1)
                .with(
                    AllowAllSecurityContext.INSTANCE,
                    new BindVariableServiceImpl(engine.getConfiguration()));
        RecordCursorFactory factory =
            engine.select("SELECT count() FROM " + SamplesTable.NAME, context);
        RecordCursor cursor = factory.getCursor(context)) {
      long rows = cursor.hasNext() ? cursor.getRecord().getLong(0) : 0;
      if (rows != settings.samples()) {
        throw new IllegalStateException(
            "benchmark table holds " + rows + " rows, expected " + settings.samples());
      }
    }
  }

  private void printSummary(List<Run> runs, PrintStream out) {
    Run rawMedian = median(runs, RAW);
    Run fullMedian = median(runs, FULL);
    out.println();
    out.printf(
        "%-26s %16s %16s %8s %12s%n",
        "path", "median samples/s", "peak heap (max)", "GCs/run", "spooled/run");
    for (Run median : List.of(rawMedian, fullMedian)) {
      List<Run> ofPath = runs.stream().filter(run -> run.path().equals(median.path())).toList();
      out.printf(
          "%-26s %,16.0f %13d MB %8.1f %,12.0f%n",
          median.path(),
          median.samplesPerSecond(),
          ofPath.stream().mapToLong(Run::peakHeapBytes).max().orElse(0) / (1024 * 1024),
          ofPath.stream().mapToLong(Run::gcs).average().orElse(0),
          ofPath.stream().mapToLong(Run::spooled).average().orElse(0));
    }
    out.printf(
        "full path / raw QuestDB: %.2f%n",
        fullMedian.samplesPerSecond() / rawMedian.samplesPerSecond());
  }

  private static Run median(List<Run> runs, String path) {
    List<Run> sorted =
        runs.stream()
            .filter(run -> run.path().equals(path))
            .sorted(Comparator.comparingDouble(Run::samplesPerSecond))
            .toList();
    return sorted.get(sorted.size() / 2);
  }

  static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }
}
