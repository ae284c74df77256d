package io.helan.bench;

import com.sun.management.OperatingSystemMXBean;
import io.helan.auth.LoginThrottle;
import io.helan.config.Device;
import io.helan.config.Point;
import io.helan.config.Site;
import io.helan.driver.DataFlag;
import io.helan.driver.Quality;
import io.helan.driver.SampleBatch;
import io.helan.field.FieldLinks;
import io.helan.historian.Historian;
import io.helan.historian.HistoryRow;
import io.helan.historian.HourlyValidMean;
import io.helan.historian.RawSample;
import io.helan.historian.StepStatistics;
import io.helan.ingest.CurrentValueTable;
import io.helan.ingest.DeviceModes;
import io.helan.ingest.IngestPipeline;
import io.helan.opcua.BareMiloServer;
import io.helan.opcua.HelanOpcUaServer;
import io.helan.opcua.OpcUaSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.milo.opcua.stack.core.Stack;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench opcua}: notifications per second that one Milo client, in its own JVM, receives from
 * Helan's OPC UA server subscribed to N points whose values change every 100 ms (driven through the
 * real ingest pipeline), against a bare Milo server pushing as many variables by exception (the
 * yardstick), with each server process's CPU over the same windows.
 *
 * <p>The historian is left out of Helan's pipeline here (samples are dropped after the
 * current-value table): this measures the OPC UA server, and a historian writing 500 k rows/s would
 * measure QuestDB instead. Both servers offer the same NodeIds (the generated site's point ids).
 */
@Command(
    name = "opcua",
    mixinStandardHelpOptions = true,
    description =
        "OPC UA subscription throughput: Helan's server against a bare Milo server, one client"
            + " subscribed to N variables changing every 100 ms.")
public final class OpcUaBenchmark implements Callable<Integer> {
  static final long UPDATE_PERIOD_MS = 100;

  @Option(
      names = "--points",
      split = ",",
      defaultValue = "10000,50000",
      description = "Subscribed variables per case (default: ${DEFAULT-VALUE}).")
  List<Integer> points;

  @Option(
      names = "--warmup",
      defaultValue = "5",
      description = "Seconds after subscribing before measuring (default: ${DEFAULT-VALUE}).")
  int warmupSeconds;

  @Option(
      names = "--window",
      defaultValue = "10",
      description = "Seconds per measuring window (default: ${DEFAULT-VALUE}).")
  int windowSeconds;

  @Option(
      names = "--windows",
      defaultValue = "3",
      description = "Measuring windows per case; medians are reported (default: ${DEFAULT-VALUE}).")
  int windows;

  /** One measured case: medians over the windows. */
  record Result(String server, int points, double notificationsPerSecond, double cpuPercent) {}

  @Override
  public Integer call() throws Exception {
    PrintStream out = System.out;
    out.printf(
        "OPC UA benchmark: %d cores, Java %s, %s%n",
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"),
        Instant.now());
    out.printf("%-8s %8s %14s %12s%n", "server", "points", "notif/s", "CPU % core");
    for (int count : points) {
      Result helan = measure("helan", count);
      out.printf(
          "%-8s %8d %14.0f %12.1f%n",
          helan.server(), count, helan.notificationsPerSecond(), helan.cpuPercent());
      Result bare = measure("bare", count);
      out.printf(
          "%-8s %8d %14.0f %12.1f%n",
          bare.server(), count, bare.notificationsPerSecond(), bare.cpuPercent());
      out.printf(
          "ratio    %8d %14.2f %12.2f%n",
          count,
          helan.notificationsPerSecond() / bare.notificationsPerSecond(),
          helan.cpuPercent() / bare.cpuPercent());
    }
    // this command owns the process: nothing else uses Milo's shared threads
    Stack.releaseSharedResources();
    return 0;
  }

  private Result measure(String server, int count) throws Exception {
    Site site = SyntheticSite.create(count);
    int port = BenchProcesses.freePort();
    Path dataDir = Files.createTempDirectory("helan-opcua-bench");
    ScheduledExecutorService load =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "opcua-bench-load");
              thread.setDaemon(true);
              return thread;
            });
    try (Endpoint endpoint =
        "helan".equals(server)
            ? helan(site, port, dataDir, load)
            : bare(site, port, dataDir, load)) {
      return run(server, count, endpoint);
    } finally {
      load.shutdownNow();
      BenchProcesses.deleteTree(dataDir);
    }
  }

  /** A running server: its URL and namespace, and how to stop it. */
  private interface Endpoint extends AutoCloseable {
    String url();

    String namespaceUri();

    @Override
    void close();
  }

  private Endpoint helan(Site site, int port, Path dataDir, ScheduledExecutorService load)
      throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    IngestPipeline ingest =
        new IngestPipeline(
            site, new CurrentValueTable(site), new DeviceModes(site), new NoHistory(), registry);
    FieldLinks links = new FieldLinks(site, protocol -> Optional.empty(), ingest, registry);
    HelanOpcUaServer server =
        new HelanOpcUaServer(
                new OpcUaSettings("127.0.0.1", "127.0.0.1", port, dataDir, true, true),
                site,
                ingest,
                links,
                new NoHistory(),
                null,
                null,
                (user, password) -> Optional.empty(),
                new LoginThrottle(LoginThrottle.Settings.defaults()))
            .start();
    List<SampleBatch> batches = new ArrayList<>();
    for (Device device : site.devices()) {
      batches.add(new SampleBatch(device.points().size()));
    }
    long[] tick = {0};
    load.scheduleAtFixedRate(
        () -> {
          tick[0]++;
          long now = System.currentTimeMillis() * 1000;
          for (int d = 0; d < batches.size(); d++) {
            SampleBatch batch = batches.get(d);
            batch.clear();
            for (Point point : site.devices().get(d).points()) {
              batch.add(
                  point.index(), now, value(point.index(), tick[0]), Quality.GOOD, DataFlag.N);
            }
            ingest.accept(batch);
          }
        },
        UPDATE_PERIOD_MS,
        UPDATE_PERIOD_MS,
        TimeUnit.MILLISECONDS);
    return new Endpoint() {
      @Override
      public String url() {
        return server.endpointUrl();
      }

      @Override
      public String namespaceUri() {
        return "urn:helan:site:" + site.id();
      }

      @Override
      public void close() {
        server.close();
      }
    };
  }

  private Endpoint bare(Site site, int port, Path dataDir, ScheduledExecutorService load)
      throws Exception {
    BareMiloServer server = BareMiloServer.start(site, port, dataDir.resolve("pki"));
    long[] tick = {0};
    load.scheduleAtFixedRate(
        () -> {
          long now = tick[0]++;
          server.update(point -> value(point, now));
        },
        UPDATE_PERIOD_MS,
        UPDATE_PERIOD_MS,
        TimeUnit.MILLISECONDS);
    return new Endpoint() {
      @Override
      public String url() {
        return server.url();
      }

      @Override
      public String namespaceUri() {
        return BareMiloServer.NAMESPACE_URI;
      }

      @Override
      public void close() {
        server.close();
      }
    };
  }

  /** A value that differs from the last at every tick, inside the points' 0..1000 range. */
  static double value(int point, long tick) {
    return (point * 7 + tick) % 1000 + 0.5;
  }

  /** Runs the client JVM against the endpoint and pairs its windows with this JVM's CPU time. */
  private Result run(String server, int count, Endpoint endpoint) throws Exception {
    String java = BenchProcesses.javaCommand();
    Process client =
        new ProcessBuilder(
                java,
                "-Xmx2g",
                "-cp",
                System.getProperty("java.class.path"),
                OpcUaBenchmarkClient.class.getName(),
                endpoint.url(),
                endpoint.namespaceUri(),
                Integer.toString(count),
                Integer.toString(warmupSeconds),
                Integer.toString(windowSeconds),
                Integer.toString(windows))
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    List<Double> rates = new ArrayList<>();
    List<Double> cpu = new ArrayList<>();
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8))) {
      long lastWall = 0;
      long lastCpu = 0;
      String line;
      while ((line = lines.readLine()) != null) {
        long wall = System.nanoTime();
        long processCpu = os.getProcessCpuTime();
        if (line.equals("START")) {
          lastWall = wall;
          lastCpu = processCpu;
        } else if (line.startsWith("WINDOW ")) {
          double seconds = (wall - lastWall) / 1e9;
          rates.add(Long.parseLong(line.substring(7)) / seconds);
          cpu.add(100.0 * (processCpu - lastCpu) / (wall - lastWall));
          lastWall = wall;
          lastCpu = processCpu;
        }
      }
    }
    if (!client.waitFor(60, TimeUnit.SECONDS)) {
      client.destroyForcibly();
    }
    if (rates.isEmpty()) {
      throw new IllegalStateException(server + " " + count + ": the client measured nothing");
    }
    return new Result(server, count, median(rates), median(cpu));
  }

  static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int middle = sorted.size() / 2;
    return sorted.size() % 2 == 1
        ? sorted.get(middle)
        : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
  }

  /** The benchmark's historian: keeps nothing (see the class comment). */
  private static final class NoHistory implements Historian {
    @Override
    public void start() {}

    @Override
    public void append(SampleBatch batch) {}

    @Override
    public CompletableFuture<Void> flush() {
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<List<HistoryRow>> history(
        Point point, Instant from, Instant to, Duration step) {
      return CompletableFuture.completedFuture(List.of());
    }

    @Override
    public CompletableFuture<List<StepStatistics>> validStatistics(
        Point point, Instant from, Instant to, Duration step) {
      return CompletableFuture.completedFuture(List.of());
    }

    @Override
    public CompletableFuture<List<RawSample>> raw(
        Point point, Instant from, Instant to, int limit, boolean newestFirst) {
      return CompletableFuture.completedFuture(List.of());
    }

    @Override
    public CompletableFuture<List<HourlyValidMean>> validHourlyMeans(
        Collection<Point> points, Instant from, Instant to) {
      return CompletableFuture.completedFuture(List.of());
    }

    @Override
    public CompletableFuture<Long> count(Point point) {
      return CompletableFuture.completedFuture(0L);
    }

    @Override
    public long backlog() {
      return 0;
    }

    @Override
    public void close() {}
  }
}
