package io.helan.bench;

import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The {@code bench} command: performance measurements of this build on this machine. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Benchmarks of this build on this machine.",
    subcommands = {
      OpcUaBenchmark.class,
      LoadBenchmark.class,
      TrendBenchmark.class,
      ClusterBenchmark.class
    })
public final class BenchCommand implements Runnable {
  private final IngestPath ingestPath;

  @Spec CommandSpec spec;

  /** Benchmarks {@code ingestPath} (the real pipeline, given by the main program). */
  public BenchCommand(IngestPath ingestPath) {
    this.ingestPath = ingestPath;
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** {@code bench ingest}: samples/s of the full ingest path against raw QuestDB. */
  @Command(
      name = "ingest",
      mixinStandardHelpOptions = true,
      description =
          "Ingest throughput: the full path (ingest, current values, historian) against samples"
              + " written straight into QuestDB, both until visible to queries.")
  int ingest(
      @Option(
              names = "--samples",
              defaultValue = "5000000",
              description = "Samples per run (default: ${DEFAULT-VALUE}).")
          long samples,
      @Option(
              names = "--points",
              defaultValue = "10000",
              description = "Points of the generated site (default: ${DEFAULT-VALUE}).")
          int points,
      @Option(
              names = "--batch",
              defaultValue = "1000",
              description = "Samples per batch (default: ${DEFAULT-VALUE}).")
          int batch,
      @Option(
              names = "--threads",
              defaultValue = "1",
              description =
                  "Threads feeding the full path, each with its own points, as device links do"
                      + " (default: ${DEFAULT-VALUE}).")
          int threads,
      @Option(
              names = "--rounds",
              defaultValue = "3",
              description = "Rounds, each running both paths (default: ${DEFAULT-VALUE}).")
          int rounds,
      @Option(
              names = "--dir",
              paramLabel = "DIR",
              description =
                  "Directory for the temporary QuestDB instances (default: the system's temporary directory).")
          Path dir)
      throws Exception {
    if (samples < 1 || points < 1 || batch < 1 || threads < 1 || rounds < 1) {
      throw new ParameterException(
          spec.subcommands().get("ingest"),
          "--samples, --points, --batch, --threads and --rounds must be positive");
    }
    Path workDir = workDir(dir);
    new IngestBenchmark(
            new IngestBenchmark.Settings(samples, points, batch, threads, rounds, workDir),
            ingestPath)
        .run(System.out);
    return 0;
  }

  /** {@code bench plume}: time of one plume estimate on the 200 × 200 grid. */
  @Command(
      name = "plume",
      mixinStandardHelpOptions = true,
      description =
          "Plume estimate time: release rate fitted to the stations, 200 x 200 grid, contours"
              + " and per-station comparison.")
  int plume(
      @Option(
              names = "--stations",
              defaultValue = "50",
              description = "Radiation stations compared (default: ${DEFAULT-VALUE}).")
          int stations,
      @Option(
              names = "--runs",
              defaultValue = "100",
              description = "Timed runs (default: ${DEFAULT-VALUE}).")
          int runs) {
    if (stations < 1 || runs < 1) {
      throw new ParameterException(
          spec.subcommands().get("plume"), "--stations and --runs must be positive");
    }
    PlumeBenchmark.run(stations, runs, System.out);
    return 0;
  }

  /** {@code bench hj212}: the HJ 212 codec per core, and simulated loggers into QuestDB. */
  @Command(
      name = "hj212",
      mixinStandardHelpOptions = true,
      description =
          "HJ 212: frames of a typical real-time upload read per second on one core, then"
              + " simulated loggers through the driver and ingest into QuestDB.")
  int hj212(
      @Option(
              names = "--frames",
              defaultValue = "20000000",
              description = "Frames the codec reads (default: ${DEFAULT-VALUE}).")
          long frames,
      @Option(
              names = "--loggers",
              defaultValue = "500",
              description =
                  "Simulated loggers, 0 to skip the end-to-end run (default: ${DEFAULT-VALUE}).")
          int loggers,
      @Option(
              names = "--interval-seconds",
              defaultValue = "1",
              description =
                  "Real-time upload interval of each logger in whole seconds, as DataTime has"
                      + " (default: ${DEFAULT-VALUE}).")
          int intervalSeconds,
      @Option(
              names = "--seconds",
              defaultValue = "60",
              description = "Length of the end-to-end run (default: ${DEFAULT-VALUE}).")
          int seconds,
      @Option(
              names = "--dir",
              paramLabel = "DIR",
              description =
                  "Directory for the temporary QuestDB (default: the system's temporary directory).")
          Path dir)
      throws Exception {
    if (frames < 1 || loggers < 0 || intervalSeconds < 1 || seconds < 1) {
      throw new ParameterException(
          spec.subcommands().get("hj212"),
          "--frames, --interval-seconds and --seconds must be positive, --loggers not negative");
    }
    Hj212Benchmark benchmark = new Hj212Benchmark(System.out);
    benchmark.codec(frames);
    if (loggers > 0) {
      benchmark.endToEnd(
          loggers,
          java.time.Duration.ofSeconds(intervalSeconds),
          seconds,
          ingestPath,
          workDir(dir));
    }
    return 0;
  }

  /** {@code bench means}: cost of the validated means' full and every-minute recomputation. */
  @Command(
      name = "means",
      mixinStandardHelpOptions = true,
      description =
          "Validated means: (a) full recomputation of whole days, (b) one every-minute cycle of"
              + " the current day, on a generated historian of 1-minute data (1 Hz for the last"
              + " hours).")
  int means(
      @Option(
              names = "--points",
              defaultValue = "1222",
              description = "Points of the generated site (default: ${DEFAULT-VALUE}).")
          int points,
      @Option(
              names = "--days",
              defaultValue = "7",
              description =
                  "Whole days of 1-minute data before the current day (default: ${DEFAULT-VALUE}).")
          int days,
      @Option(
              names = "--hz-hours",
              defaultValue = "1",
              description =
                  "Hours of the current day (up to 12:30) at 1 Hz (default: ${DEFAULT-VALUE}).")
          int hzHours,
      @Option(
              names = "--runs",
              defaultValue = "3",
              description = "Timed runs of each measurement (default: ${DEFAULT-VALUE}).")
          int runs,
      @Option(
              names = "--dir",
              paramLabel = "DIR",
              description =
                  "Directory for the temporary QuestDB (default: the system's temporary directory).")
          Path dir)
      throws Exception {
    if (points < 1 || days < 1 || runs < 1 || hzHours < 0 || hzHours > 12) {
      throw new ParameterException(
          spec.subcommands().get("means"),
          "--points, --days and --runs must be positive, --hz-hours 0–12");
    }
    Path workDir = workDir(dir);
    new MeansBenchmark(new MeansBenchmark.Settings(points, days, hzHours, runs, workDir))
        .run(System.out);
    return 0;
  }

  /** {@code bench report}: time to generate the monthly regional report. */
  @Command(
      name = "report",
      mixinStandardHelpOptions = true,
      description =
          "Monthly regional report of the default site: its content from a month of validated"
              + " means, then the XLSX and the PDF file, timed.")
  int report(
      @Option(
              names = "--runs",
              defaultValue = "3",
              description = "Timed runs (default: ${DEFAULT-VALUE}).")
          int runs,
      @Option(
              names = "--dir",
              paramLabel = "DIR",
              description =
                  "Directory for the temporary QuestDB (default: the system's temporary directory).")
          Path dir)
      throws Exception {
    if (runs < 1) {
      throw new ParameterException(spec.subcommands().get("report"), "--runs must be positive");
    }
    new ReportBenchmark(runs, workDir(dir)).run(System.out);
    return 0;
  }

  /** {@code bench public}: requests/s of the public API from its cache. */
  @Command(
      name = "public",
      mixinStandardHelpOptions = true,
      description =
          "Public release API under load: concurrent HTTP clients on 127.0.0.1 against a started"
              + " server, answers from the cache; requests/s, p50/p99 latency, errors.")
  int publicApi(
      @Option(
              names = "--clients",
              defaultValue = "32",
              description =
                  "Concurrent connections, one request in flight each (default: ${DEFAULT-VALUE}).")
          int clients,
      @Option(
              names = "--warmup",
              defaultValue = "5",
              description = "Seconds of load before measuring (default: ${DEFAULT-VALUE}).")
          int warmup,
      @Option(
              names = "--seconds",
              defaultValue = "20",
              description = "Measured seconds (default: ${DEFAULT-VALUE}).")
          int seconds,
      @Option(
              names = "--dir",
              paramLabel = "DIR",
              description =
                  "Directory for the server's temporary data (default: the system's temporary directory).")
          Path dir)
      throws Exception {
    if (clients < 1 || warmup < 0 || seconds < 1) {
      throw new ParameterException(
          spec.subcommands().get("public"),
          "--clients and --seconds must be positive, --warmup not negative");
    }
    new PublicBenchmark(clients, warmup, seconds, workDir(dir)).run(System.out);
    return 0;
  }

  /** The directory a benchmark works in: {@code --dir}, else the system's temporary directory. */
  static Path workDir(Path dir) {
    return dir != null ? dir : Path.of(System.getProperty("java.io.tmpdir"));
  }
}
