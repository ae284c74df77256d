package io.helan.bench;

import com.sun.management.UnixOperatingSystemMXBean;
import io.helan.auth.PasswordHasher;
import io.helan.auth.UserDirectory;
import io.helan.config.Device;
import io.helan.config.Point;
import io.helan.config.Site;
import io.helan.config.SiteLoader;
import io.helan.historian.HistorianSettings;
import io.helan.historian.QuestDbEmbedded;
import io.helan.historian.QuestDbQuery;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench load}: the whole server under a simulated field over the real protocols. For each
 * size, a site of air stations (Modbus TCP analyser racks) and radiation stations (OPC UA gamma
 * stations) is simulated in one process and served by {@code helan run} in another, on 127.0.0.1 at
 * free ports; this process subscribes to every station's live values over the WebSocket as the HMI
 * does, and measures the server process from outside over a window after a warm-up. Then it stops
 * the simulators, stops the server, opens its QuestDB and compares, per point, the samples stored
 * against the register reads each rack answered.
 *
 * <p>Sizes this machine cannot hold (file descriptors, processes, memory) are refused with the
 * reason before anything starts.
 */
@Command(
    name = "load",
    mixinStandardHelpOptions = true,
    description =
        "Server under a simulated field over Modbus TCP and OPC UA: samples/s, CPU, memory,"
            + " threads, commits, field-to-WebSocket latency and samples lost, per size.")
public final class LoadBenchmark implements Callable<Integer> {
  private static final long MIB = 1024 * 1024;

  /**
   * The program whose {@code run} serves the site: named, as the cli package depends on this one.
   */
  private static final String SERVER_MAIN = "io.helan.cli.HelanCommand";

  @Option(
      names = "--points",
      split = ",",
      defaultValue = "1000,10000,100000",
      description = "Site sizes in points (default: ${DEFAULT-VALUE}).")
  List<Integer> sizes;

  @Option(
      names = "--rate",
      defaultValue = "1",
      description = "Samples per point and second (default: ${DEFAULT-VALUE}).")
  double rateHz;

  @Option(
      names = "--warmup",
      defaultValue = "20",
      description = "Seconds after the server is up before measuring (default: ${DEFAULT-VALUE}).")
  int warmupSeconds;

  @Option(
      names = "--duration",
      defaultValue = "30",
      description = "Seconds measured (default: ${DEFAULT-VALUE}).")
  int durationSeconds;

  @Option(
      names = "--server-heap",
      defaultValue = "2048",
      description = "Server heap limit in MiB (default: ${DEFAULT-VALUE}).")
  int serverHeapMib;

  @Option(
      names = "--dir",
      paramLabel = "DIR",
      description = "Directory for the runs' data (default: the system's temporary directory).")
  Path dir;

  @Option(
      names = "--profile",
      paramLabel = "DIR",
      description =
          "Record the server process over the measured window with Java Flight Recorder"
              + " (profile settings) into DIR/server-<points>.jfr.")
  Path profileDir;

  /** The processes this benchmark started: ended with it, even when it is interrupted. */
  private final List<Process> children = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** What one size measured. */
  record Result(
      LoadSite site,
      double samplesPerSecond,
      double cpuPercent,
      double heapMib,
      double rssMib,
      int threads,
      double commitsPerSecond,
      double rowsPerCommit,
      long pushedValues,
      double bytesPerValue,
      int p50Ms,
      int p99Ms,
      int maxMs,
      long modbusSent,
      long opcUaSent,
      long stored,
      long lost,
      long pointSecondsMissing,
      List<String> missingExamples,
      Map<String, Double> threadPercent,
      Map<String, Latency> latencyByKind) {

    /** Server CPU time per sample ingested, in microseconds. */
    double cpuMicrosPerSample() {
      return samplesPerSecond == 0 ? 0 : cpuPercent / 100 * 1e6 / samplesPerSecond;
    }

    /** The same result with the samples counted after the run. */
    Result counted(Loss loss) {
      return new Result(
          site,
          samplesPerSecond,
          cpuPercent,
          heapMib,
          rssMib,
          threads,
          commitsPerSecond,
          rowsPerCommit,
          pushedValues,
          bytesPerValue,
          p50Ms,
          p99Ms,
          maxMs,
          loss.modbusSent,
          loss.opcUaSent,
          loss.stored,
          loss.lost,
          loss.pointSeconds,
          List.copyOf(loss.examples),
          threadPercent,
          latencyByKind);
    }
  }

  /** Field-to-frame latency of the values of one kind of point. */
  record Latency(long values, int p50Ms, int p99Ms, int maxMs) {}

  /** The kinds of point whose latencies are told apart: by how their time stamp is taken. */
  static final String MODBUS = "Modbus (stamped at the poll)";

  static final String OPC_UA = "OPC UA (source time, published every interval)";

  /** Thread groups printed, the busiest first. */
  private static final int THREAD_GROUPS_SHOWN = 12;

  @Override
  public Integer call() throws Exception {
    if (rateHz <= 0 || rateHz > 100 || warmupSeconds < 0 || durationSeconds < 1) {
      System.err.println("--rate must be in (0, 100], --warmup >= 0 and --duration >= 1");
      return 2;
    }
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(() -> children.forEach(Process::destroyForcibly), "load-benchmark-exit"));
    PrintStream out = System.out;
    out.printf(
        "Load benchmark: %d cores, Java %s, %s, load average %.2f, rate %s Hz, warm-up %d s,"
            + " window %d s%n",
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"),
        Instant.now(),
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
        rateHz,
        warmupSeconds,
        durationSeconds);
    List<LoadSite> runs = sitesThatFit(sizes, rateHz, LoadBenchmark::refusal, out);
    List<Result> results = new ArrayList<>();
    for (LoadSite site : runs) {
      Result result = run(site);
      results.add(result);
      print(out, result);
    }
    out.printf(
        "%n%8s %12s %8s %8s %9s %9s %8s %9s %9s %6s %6s %6s %8s%n",
        "points",
        "samples/s",
        "CPU %",
        "µs/smpl",
        "heap MiB",
        "RSS MiB",
        "threads",
        "commits/s",
        "rows/cmt",
        "p50ms",
        "p99ms",
        "maxms",
        "lost");
    for (Result r : results) {
      out.printf(
          "%8d %12.0f %8.1f %8.1f %9.0f %9.0f %8d %9.2f %9.0f %6d %6d %6d %8d%n",
          r.site().points(),
          r.samplesPerSecond(),
          r.cpuPercent(),
          r.cpuMicrosPerSample(),
          r.heapMib(),
          r.rssMib(),
          r.threads(),
          r.commitsPerSecond(),
          r.rowsPerCommit(),
          r.p50Ms(),
          r.p99Ms(),
          r.maxMs(),
          r.lost());
    }
    return results.stream().anyMatch(r -> r.lost() != 0) ? 1 : 0;
  }

  /** Why this machine cannot hold a site, or null if it can. */
  interface Refusal {
    String of(LoadSite site) throws IOException;
  }

  /** The sites of {@code sizes} (points) this machine can hold; the others printed as refused. */
  static List<LoadSite> sitesThatFit(
      List<Integer> sizes, double rateHz, Refusal refusal, PrintStream out) throws IOException {
    List<LoadSite> runs = new ArrayList<>();
    for (int points : sizes) {
      LoadSite site = LoadSite.of(points, rateHz);
      String reason = refusal.of(site);
      if (reason != null) {
        out.printf("%,d points: refused, %s%n", points, reason);
      } else {
        runs.add(site);
      }
    }
    return runs;
  }

  /**
   * Why this machine cannot hold the size, or null if it can. The simulator process holds a
   * listening socket, an accepted connection and two threads per rack; the server a connection per
   * device plus QuestDB's files; both processes start with this one's limits.
   */
  static String refusal(LoadSite site) throws IOException {
    int cores = Runtime.getRuntime().availableProcessors();
    double serverCores = serverCoresNeeded(site);
    if (serverCores > cores) {
      return String.format(
          "the server alone would need about %.1f cores at the cost measured at 10,002 points"
              + " (%.2f of a core plus %.2f per 1,000 samples/s, BENCHMARKS.md) and this machine"
              + " has %d, shared with the simulators",
          serverCores, SERVER_FIXED_CORES, SERVER_CORES_PER_1000_SAMPLES, cores);
    }
    int devices = site.devices();
    long descriptors =
        ((UnixOperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
            .getMaxFileDescriptorCount();
    long simulatorDescriptors = 2L * devices + 1000;
    if (simulatorDescriptors > descriptors) {
      return String.format(
          "the simulators need about %,d open files (a listener and a connection per device for"
              + " %,d devices) and this process may open %,d (ulimit -n)",
          simulatorDescriptors, devices, descriptors);
    }
    long threads = 2L * site.airStations() + 200;
    long maxProcesses = maxProcesses();
    if (threads > maxProcesses / 2) {
      return String.format(
          "the simulators need about %,d threads and this user may run %,d (ulimit -u), shared"
              + " with the server",
          threads, maxProcesses);
    }
    long neededMib = memoryNeededMib(site);
    long availableMib = memAvailableMib();
    if (neededMib > availableMib) {
      return String.format(
          "the server and the simulators need about %,d MiB and %,d MiB are available",
          neededMib, availableMib);
    }
    return null;
  }

  /**
   * The server's CPU on the quiet 2-core machine, 2026-12-07 16:30 UTC: 38 % of a core at 1,000
   * points and 102 % at 10,002, at 1 Hz (BENCHMARKS.md, quiet baseline), about 70 µs per sample.
   * Two loaded runs of 2026-12-07 23:00 UTC at 10,002 points measured 61 and 68 µs per sample, the
   * same cost; kept until a quiet run of a later build measures less.
   */
  static final double SERVER_FIXED_CORES = 0.31;

  static final double SERVER_CORES_PER_1000_SAMPLES = 0.07;

  /** Cores the server needs for the site at the measured cost. */
  static double serverCoresNeeded(LoadSite site) {
    double samplesPerSecond = site.points() * 1000.0 / site.periodMs();
    return SERVER_FIXED_CORES + SERVER_CORES_PER_1000_SAMPLES * samplesPerSecond / 1000;
  }

  /**
   * Server: its heap limit's worth is not assumed; 1 GiB base plus 20 KiB a point (QuestDB,
   * pushes).
   */
  static long memoryNeededMib(LoadSite site) {
    long server = 1024 + site.points() * 20L / 1024;
    long simulators = 300 + site.airStations() * 200L / 1024 + site.gammaStations() * 2L;
    return server + simulators;
  }

  static long memAvailableMib() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
      if (line.startsWith("MemAvailable:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
      }
    }
    return Long.MAX_VALUE;
  }

  private static long maxProcesses() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
      if (line.startsWith("Max processes")) {
        String soft = line.substring("Max processes".length()).trim().split("\\s+")[0];
        return soft.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(soft);
      }
    }
    return Long.MAX_VALUE;
  }

  private Result run(LoadSite site) throws Exception {
    children.clear();
    Path work = Files.createTempDirectory(BenchCommand.workDir(dir), "helan-load-");
    System.out.printf(
        "%n%,d points: %,d Modbus TCP racks, %,d OPC UA gamma stations, every %d ms; data in %s%n",
        site.points(), site.airStations(), site.gammaStations(), site.periodMs(), work);
    Process simulators = null;
    Process server = null;
    try {
      Path fieldFile = work.resolve("field.yaml");
      Files.writeString(fieldFile, site.yaml(Map.of()));
      long bound = 3L * (warmupSeconds + durationSeconds) + 300 + STEADY_LIMIT.toSeconds();
      simulators = startSimulators(fieldFile, bound, work);
      children.add(simulators);
      BufferedReader field =
          new BufferedReader(
              new InputStreamReader(simulators.getInputStream(), StandardCharsets.UTF_8));
      Map<String, Integer> ports = simulatorPorts(field, work);
      Path siteFile = work.resolve("site.yaml");
      Files.writeString(siteFile, site.yaml(ports));

      Path dataDir = work.resolve("data");
      String token =
          UserDirectory.open(
                  dataDir, PasswordHasher.DEFAULT, new PrintStream(OutputStream.nullOutputStream()))
              .addDisplay("load-benchmark");
      int httpPort = BenchProcesses.freePort();
      server =
          BenchProcesses.java(
                  List.of("-Xmx" + serverHeapMib + "m"),
                  SERVER_MAIN,
                  "run",
                  "--site",
                  siteFile.toString(),
                  "--no-simulators",
                  "--data-dir",
                  dataDir.toString(),
                  "--http-port",
                  Integer.toString(httpPort),
                  "--opcua-port",
                  Integer.toString(BenchProcesses.freePort()),
                  "--hj212-port",
                  Integer.toString(BenchProcesses.freePort()))
              .redirectOutput(work.resolve("server.log").toFile())
              .redirectErrorStream(true)
              .start();
      children.add(server);
      awaitUp(server, httpPort, work);
      ServerProbe probe = new ServerProbe(server.toHandle(), httpPort, dataDir);
      awaitSteady(probe, site);
      Result result;
      try (LatencyClient client =
          latencyClient(
              () ->
                  new LatencyClient(
                      httpPort, token, id -> id.startsWith("load-gamma-") ? OPC_UA : MODBUS))) {
        TimeUnit.SECONDS.sleep(warmupSeconds);
        if (profileDir != null) {
          jcmd(server, "JFR.start", "name=load", "settings=profile");
        }
        ServerProbe.Reading before = probe.read();
        client.reset();
        ServerProbe.Reading after = before;
        double maxHeap = 0;
        long maxRss = 0;
        int maxThreads = 0;
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(durationSeconds);
        while (System.nanoTime() < end) {
          TimeUnit.MILLISECONDS.sleep(
              Math.min(5000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
          after = probe.read();
          maxHeap = Math.max(maxHeap, after.heapBytes());
          maxRss = Math.max(maxRss, after.rssBytes());
          maxThreads = Math.max(maxThreads, after.threads());
        }
        if (profileDir != null) {
          Files.createDirectories(profileDir);
          Path recording = profileDir.resolve("server-" + site.points() + ".jfr").toAbsolutePath();
          jcmd(server, "JFR.stop", "name=load", "filename=" + recording);
          System.out.printf("  flight recording of the window: %s%n", recording);
        }
        double seconds = (after.nanos() - before.nanos()) / 1e9;
        double commits = after.commits() - before.commits();
        result =
            new Result(
                site,
                (after.samplesIngested() - before.samplesIngested()) / seconds,
                100.0 * (after.cpuNanos() - before.cpuNanos()) / (after.nanos() - before.nanos()),
                maxHeap / MIB,
                (double) maxRss / MIB,
                maxThreads,
                commits / seconds,
                commits == 0 ? 0 : (after.rowsCommitted() - before.rowsCommitted()) / commits,
                client.values(),
                client.values() == 0 ? 0 : (double) client.frameBytes() / client.values(),
                client.percentile(0.5),
                client.percentile(0.99),
                client.percentile(1.0),
                0,
                0,
                0,
                0,
                0,
                List.of(),
                threadPercent(before, after),
                latencyByKind(client));
      }
      Map<String, Map<String, NavigableMap<Long, Long>>> sent = stopSimulators(simulators, field);
      stopServer(server);
      Result counted = counted(result, sent, dataDir, SiteLoader.load(siteFile));
      if (counted.lost() == 0) {
        BenchProcesses.deleteTree(work);
      } else {
        System.out.printf("  samples lost: the run's logs and data stay in %s%n", work);
      }
      return counted;
    } finally {
      if (server != null && server.isAlive()) {
        server.destroyForcibly();
      }
      if (simulators != null && simulators.isAlive()) {
        simulators.destroyForcibly();
      }
    }
  }

  /**
   * Starts the simulators of the field file in a process of their own, for at most {@code
   * boundSeconds}; their log goes to {@code work/simulators.log}.
   */
  static Process startSimulators(Path fieldFile, long boundSeconds, Path work) throws IOException {
    return BenchProcesses.java(
            List.of("-Xmx2g"),
            LoadSimulators.class.getName(),
            fieldFile.toString(),
            Long.toString(boundSeconds))
        .redirectError(work.resolve("simulators.log").toFile())
        .start();
  }

  /** The port each simulated station took (station id to port), once all are up. */
  static Map<String, Integer> simulatorPorts(BufferedReader field, Path work) throws IOException {
    Map<String, Integer> ports = new HashMap<>();
    for (String line = field.readLine(); !"READY".equals(line); line = field.readLine()) {
      if (line == null) {
        throw new IllegalStateException("the simulators did not start: see " + work);
      }
      String[] parts = line.split(" ");
      // anything else on the simulators' output is their log
      if (parts.length == 3 && parts[0].equals("PORT")) {
        ports.put(parts[1], Integer.parseInt(parts[2]));
      }
    }
    return ports;
  }

  /**
   * Stops the field and returns what it sent: per device, per thing sent ({@code *} for all of a
   * rack's points, else an OPC UA variable's browse name), samples per epoch second.
   */
  private static Map<String, Map<String, NavigableMap<Long, Long>>> stopSimulators(
      Process simulators, BufferedReader field) throws IOException, InterruptedException {
    simulators.getOutputStream().write("STOP\n".getBytes(StandardCharsets.UTF_8));
    simulators.getOutputStream().flush();
    Map<String, Map<String, NavigableMap<Long, Long>>> sent = new HashMap<>();
    for (String line = field.readLine();
        line != null && !line.equals("DONE");
        line = field.readLine()) {
      String[] parts = line.split(" ");
      if (parts.length == 5 && parts[0].equals("SENT")) {
        sent.computeIfAbsent(parts[1], d -> new HashMap<>())
            .computeIfAbsent(parts[2], w -> new TreeMap<>())
            .put(Long.parseLong(parts[3]), Long.parseLong(parts[4]));
      }
    }
    simulators.waitFor(30, TimeUnit.SECONDS);
    return sent;
  }

  /** Longest wait for the server to keep up with the field before the warm-up starts anyway. */
  private static final Duration STEADY_LIMIT = Duration.ofMinutes(3);

  /**
   * Waits until the server ingests at least 90 % of the site's samples per second over 5 s, so that
   * the warm-up and the window start from a server that has its links up: on a loaded machine a
   * large site takes minutes to connect, and a window over a server still starting measures its
   * start. Says how long it took, or that it gave up after {@link #STEADY_LIMIT}.
   */
  private static void awaitSteady(ServerProbe probe, LoadSite site) throws Exception {
    double wanted = 0.9 * site.points() * 1000.0 / site.periodMs();
    long start = System.nanoTime();
    ServerProbe.Reading last = probe.read();
    double rate = 0;
    while (System.nanoTime() - start < STEADY_LIMIT.toNanos()) {
      TimeUnit.SECONDS.sleep(5);
      ServerProbe.Reading now = probe.read();
      rate =
          (now.samplesIngested() - last.samplesIngested()) / ((now.nanos() - last.nanos()) / 1e9);
      last = now;
      if (rate >= wanted) {
        System.out.printf(
            "  ingesting %,.0f samples/s %d s after the server answered%n",
            rate, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start));
        return;
      }
    }
    System.out.printf(
        "  still ingesting only %,.0f samples/s %d s after the server answered: measuring anyway%n",
        rate, STEADY_LIMIT.toSeconds());
  }

  /** Stops the server as an operator would (SIGTERM): it writes what it holds before it exits. */
  static void stopServer(Process server) throws InterruptedException {
    // the links see the field gone within their timeout; their last reads are in by then
    TimeUnit.SECONDS.sleep(2);
    server.destroy();
    if (!server.waitFor(120, TimeUnit.SECONDS)) {
      server.destroyForcibly();
      throw new IllegalStateException("the server did not stop within 120 s");
    }
  }

  /**
   * The result with samples sent, stored and lost, per point and second: a point's samples sent in
   * a second (by the rack's clock when it answered, by the source time of an OPC UA value) against
   * its rows stored with that second's time stamp (quality GOOD or UNCERTAIN: a value that came
   * from the field). The server stamps a Modbus sample when it polls, the rack counts it when it
   * answers, so a sample may land in the second before or after: a second's shortfall is made up
   * from the surplus of the second on either side.
   */
  private static Result counted(
      Result result,
      Map<String, Map<String, NavigableMap<Long, Long>>> sent,
      Path dataDir,
      Site site) {
    Map<String, Map<Long, Long>> stored = new HashMap<>();
    try (QuestDbEmbedded questDb =
        QuestDbEmbedded.start(HistorianSettings.defaults(dataDir).questDbDir())) {
      QuestDbQuery.select(
          questDb.engine(),
          "SELECT point, ts, count() FROM samples WHERE quality IN ('GOOD', 'UNCERTAIN')"
              + " SAMPLE BY 1s",
          List.of(),
          (row, columns) ->
              stored
                  .computeIfAbsent(row.getSymA(0).toString(), p -> new HashMap<>())
                  .put(Math.floorDiv(row.getTimestamp(1), 1_000_000L), row.getLong(2)));
    }
    Loss loss = new Loss();
    for (Device device : site.devices()) {
      Map<String, NavigableMap<Long, Long>> fromDevice = sent.get(device.id());
      if (fromDevice == null) {
        continue;
      }
      for (Point point : device.points()) {
        NavigableMap<Long, Long> sentPerSecond = fromDevice.get("*");
        if (sentPerSecond == null) {
          sentPerSecond = fromDevice.get(variable(point.address()));
        }
        if (sentPerSecond != null) {
          loss.add(point, sentPerSecond, stored.getOrDefault(point.id(), Map.of()));
        }
      }
    }
    return result.counted(loss);
  }

  /**
   * Each thread group's CPU over the window, in % of one core, the busiest first (threads that
   * ended within the window are left out).
   */
  static Map<String, Double> threadPercent(ServerProbe.Reading before, ServerProbe.Reading after) {
    double windowNanos = after.nanos() - before.nanos();
    Map<String, Double> percent = new java.util.LinkedHashMap<>();
    after.threadCpuNanos().entrySet().stream()
        .map(
            e ->
                Map.entry(
                    e.getKey(),
                    100.0
                        * (e.getValue() - before.threadCpuNanos().getOrDefault(e.getKey(), 0L))
                        / windowNanos))
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
        .forEach(e -> percent.put(e.getKey(), e.getValue()));
    return percent;
  }

  private static Map<String, Latency> latencyByKind(LatencyClient client) {
    Map<String, Latency> latencies = new java.util.LinkedHashMap<>();
    for (String kind : List.of(MODBUS, OPC_UA)) {
      latencies.put(
          kind,
          new Latency(
              client.values(kind),
              client.percentile(kind, 0.5),
              client.percentile(kind, 0.99),
              client.percentile(kind, 1.0)));
    }
    return latencies;
  }

  /** The browse name an OPC UA point's address names ({@code nsu=...;s=DoseRate}), or null. */
  private static String variable(String address) {
    int at = address == null ? -1 : address.lastIndexOf(";s=");
    return at < 0 ? null : address.substring(at + 3);
  }

  /** Samples sent, stored and lost, summed over points and seconds. */
  static final class Loss {
    private static final int EXAMPLES = 10;
    long modbusSent;
    long opcUaSent;
    long stored;
    long lost;

    /** Points and seconds with a sample missing. */
    long pointSeconds;

    final List<String> examples = new ArrayList<>();

    void add(Point point, NavigableMap<Long, Long> sent, Map<Long, Long> storedPerSecond) {
      if (sent.isEmpty()) {
        return;
      }
      boolean modbus = point.address() == null || !point.address().contains(";s=");
      long owed = 0; // sent in the second before and not stored in it
      long spare = 0; // stored in the second before beyond what was sent in it
      for (long second = sent.firstKey() - 1; second <= sent.lastKey() + 1; second++) {
        long n = sent.getOrDefault(second, 0L);
        long rows = storedPerSecond.getOrDefault(second, 0L);
        if (modbus) {
          modbusSent += n;
        } else {
          opcUaSent += n;
        }
        long kept = Math.min(n, rows);
        long surplus = rows - kept;
        long madeUp = Math.min(owed, surplus);
        settle(point, second - 1, owed - madeUp);
        long shortfall = n - kept;
        long fromBefore = Math.min(shortfall, spare);
        stored += kept + madeUp + fromBefore;
        owed = shortfall - fromBefore;
        spare = surplus - madeUp;
      }
      settle(point, sent.lastKey() + 1, owed);
    }

    private void settle(Point point, long second, long missing) {
      if (missing <= 0) {
        return;
      }
      lost += missing;
      pointSeconds++;
      if (examples.size() < EXAMPLES) {
        examples.add(point.id() + " at " + Instant.ofEpochSecond(second) + ": " + missing);
      }
    }
  }

  private static void print(PrintStream out, Result r) {
    out.printf(
        "  sustained %,.0f samples/s; server CPU %.1f %% of one core (%.1f µs per sample), heap max"
            + " %.0f MiB, RSS max %.0f MiB, %d threads%n",
        r.samplesPerSecond(),
        r.cpuPercent(),
        r.cpuMicrosPerSample(),
        r.heapMib(),
        r.rssMib(),
        r.threads());
    out.printf("  server CPU by thread group, %% of one core (µs per sample):");
    r.threadPercent().entrySet().stream()
        .limit(THREAD_GROUPS_SHOWN)
        .forEach(
            e ->
                out.printf(
                    " %s %.1f (%.1f);",
                    e.getKey(),
                    e.getValue(),
                    r.samplesPerSecond() == 0
                        ? 0
                        : e.getValue() / 100 * 1e6 / r.samplesPerSecond()));
    out.println();
    r.latencyByKind()
        .forEach(
            (kind, l) ->
                out.printf(
                    "  field to frame, %s: %,d values, p50 %d ms, p99 %d ms, max %d ms%n",
                    kind, l.values(), l.p50Ms(), l.p99Ms(), l.maxMs()));
    out.printf(
        "  historian %.2f commits/s of %.0f rows; WebSocket %,d values (%.1f frame bytes per value),"
            + " field to frame p50 %d ms, p99 %d ms, max %d ms%n",
        r.commitsPerSecond(),
        r.rowsPerCommit(),
        r.pushedValues(),
        r.bytesPerValue(),
        r.p50Ms(),
        r.p99Ms(),
        r.maxMs());
    out.printf(
        "  samples sent %,d (Modbus %,d, OPC UA %,d), stored %,d, lost %,d in %,d point-seconds%n",
        r.modbusSent() + r.opcUaSent(),
        r.modbusSent(),
        r.opcUaSent(),
        r.stored(),
        r.lost(),
        r.pointSecondsMissing());
    r.missingExamples().forEach(example -> out.printf("    missing: %s%n", example));
  }

  static void awaitUp(Process server, int httpPort, Path work) throws Exception {
    awaitUp(server, httpPort, work, Duration.ofSeconds(180));
  }

  /** Waits until the server's {@code /api/health} answers 200, at most {@code limit}. */
  static void awaitUp(Process server, int httpPort, Path work, Duration limit) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest health =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/api/health"))
            .timeout(Duration.ofSeconds(5))
            .build();
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      if (!server.isAlive()) {
        throw new IllegalStateException("the server exited: see " + work.resolve("server.log"));
      }
      try {
        if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      TimeUnit.MILLISECONDS.sleep(250);
    }
    throw new IllegalStateException("the server did not answer within " + limit);
  }

  /**
   * The WebSocket client, connected: a server that is still starting its services (on a loaded
   * machine the web answers before OPC UA is up) may drop the first handshakes, so it tries again
   * for up to two minutes.
   */
  static LatencyClient latencyClient(int httpPort, String token) throws Exception {
    return latencyClient(() -> new LatencyClient(httpPort, token));
  }

  /** A client made by {@code connect}, connected as {@link #latencyClient(int, String)} says. */
  static LatencyClient latencyClient(Callable<LatencyClient> connect) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (true) {
      try {
        return connect.call();
      } catch (Exception e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        System.out.printf("  WebSocket not connected (%s); trying again%n", e);
        TimeUnit.SECONDS.sleep(2);
      }
    }
  }

  /** Runs a diagnostic command of the JDK's jcmd against the server process. */
  private static void jcmd(Process server, String... command)
      throws IOException, InterruptedException {
    Path jcmd = Path.of(BenchProcesses.javaCommand()).resolveSibling("jcmd");
    List<String> line = new ArrayList<>(List.of(jcmd.toString(), Long.toString(server.pid())));
    line.addAll(List.of(command));
    Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IllegalStateException("jcmd " + String.join(" ", command) + ": " + output);
    }
  }
}
