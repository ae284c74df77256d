package io.helan.bench;

import io.helan.auth.PasswordHasher;
import io.helan.auth.UserDirectory;
import io.helan.config.Point;
import io.helan.config.Site;
import io.helan.config.SiteLoader;
import io.helan.historian.QuestDbConsole;
import io.helan.historian.QuestDbEmbedded;
import io.vertx.core.json.JsonObject;
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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench cluster}: Helan as a cluster of server processes on 127.0.0.1 sharing one external
 * QuestDB (in this process) and a simulated field (in a process of its own), per size:
 *
 * <ol>
 *   <li>the clustering overhead on ingest: one single server (no cluster) polling a site of {@code
 *       1/nodes} of the points, then the cluster polling all of them, so that each node ingests
 *       about what the single server does; samples ingested per CPU second of the server processes,
 *       over the same window;
 *   <li>the cross-node push latency: a WebSocket client on node 1 subscribed to every station,
 *       timing only the values of the devices other nodes poll (sample time taken by the owner's
 *       driver → frame received);
 *   <li>the failover time: the node (other than node 1) polling most devices is killed with
 *       SIGKILL; for each of its devices, the last sample before the kill → the first sample after
 *       it from the new owner, both as node 1's WebSocket shows them.
 * </ol>
 *
 * <p>Sizes this machine cannot hold are refused with the reason before anything starts.
 */
@Command(
    name = "cluster",
    mixinStandardHelpOptions = true,
    description =
        "Cluster of server processes over a simulated field: failover time after a kill -9,"
            + " cross-node push latency p50/p99, and the clustering overhead on one node's ingest"
            + " (samples per CPU second against a single server), per size.")
public final class ClusterBenchmark implements Callable<Integer> {
  private static final String SERVER_MAIN = "io.helan.cli.HelanCommand";
  private static final Duration SETTLE = Duration.ofMinutes(6);
  private static final Duration RESUME = Duration.ofMinutes(2);
  private static final Duration COMPILING = Duration.ofMinutes(5);
  private static final double SETTLED_COMPILER_SHARE = 0.10;
  private static final int COMPILER_CHECK_SECONDS = 10;

  @Option(
      names = "--points",
      split = ",",
      defaultValue = "1000,10000",
      description = "Site sizes in points (default: ${DEFAULT-VALUE}).")
  List<Integer> sizes;

  @Option(
      names = "--nodes",
      defaultValue = "3",
      description = "Cluster nodes, at least 3 (default: ${DEFAULT-VALUE}).")
  int nodes;

  @Option(
      names = "--rate",
      defaultValue = "1",
      description = "Samples per point and second (default: ${DEFAULT-VALUE}).")
  double rateHz;

  @Option(
      names = "--warmup",
      defaultValue = "10",
      description =
          "Seconds after the servers are up before measuring (default: ${DEFAULT-VALUE}).")
  int warmupSeconds;

  @Option(
      names = "--duration",
      defaultValue = "20",
      description =
          "Seconds measured, for the single server and for the cluster (default: ${DEFAULT-VALUE}).")
  int durationSeconds;

  @Option(
      names = "--node-heap",
      defaultValue = "1024",
      description = "Heap limit of each server in MiB (default: ${DEFAULT-VALUE}).")
  int nodeHeapMib;

  @Option(
      names = "--dir",
      paramLabel = "DIR",
      description = "Directory for the runs' data (default: the system's temporary directory).")
  Path dir;

  /** The processes this benchmark started: ended with it, even when it is interrupted. */
  private final List<Process> children = new CopyOnWriteArrayList<>();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** What one size measured. */
  record Result(
      LoadSite site,
      double singleSamplesPerCpuSecond,
      double clusterSamplesPerCpuSecond,
      double singleCompilerShare,
      double clusterCompilerShare,
      int singleP50Ms,
      int singleP99Ms,
      long crossNodeValues,
      int crossNodeP50Ms,
      int crossNodeP99Ms,
      int devicesMoved,
      long failoverMedianMs,
      long failoverMaxMs,
      long killToAllResumedMs) {

    /** How many fewer samples per CPU second a cluster node ingests than the single server, %. */
    double overheadPercent() {
      return 100.0 * (1 - clusterSamplesPerCpuSecond / singleSamplesPerCpuSecond);
    }

    /**
     * The same, counting the CPU time of everything but the JIT compilers: the steady cost, where
     * compilation still ran in the window.
     */
    double overheadWithoutCompilersPercent() {
      return 100.0
          * (1
              - (clusterSamplesPerCpuSecond / (1 - clusterCompilerShare))
                  / (singleSamplesPerCpuSecond / (1 - singleCompilerShare)));
    }
  }

  @Override
  public Integer call() throws Exception {
    if (nodes < 3 || rateHz <= 0 || rateHz > 100 || warmupSeconds < 0 || durationSeconds < 1) {
      System.err.println(
          "--nodes must be at least 3, --rate in (0, 100], --warmup >= 0 and --duration >= 1");
      return 2;
    }
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(() -> children.forEach(Process::destroyForcibly), "cluster-benchmark-exit"));
    PrintStream out = System.out;
    out.printf(
        "Cluster benchmark: %d nodes, %d cores, Java %s, %s, load average %.2f, rate %s Hz,"
            + " warm-up %d s, window %d s%n",
        nodes,
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"),
        Instant.now(),
        loadAverage(),
        rateHz,
        warmupSeconds,
        durationSeconds);
    List<LoadSite> runs = LoadBenchmark.sitesThatFit(sizes, rateHz, this::refusal, out);
    List<Result> results = new ArrayList<>();
    for (LoadSite site : runs) {
      Result result = run(site);
      results.add(result);
      print(out, result);
    }
    out.printf(
        "%n%8s %9s %9s %9s %12s %12s %10s %9s %9s %9s%n",
        "points",
        "moved",
        "fo p50ms",
        "fo maxms",
        "push p50ms",
        "push p99ms",
        "single/cpu",
        "node/cpu",
        "overhead",
        "w/o JIT");
    for (Result r : results) {
      out.printf(
          "%8d %9d %9d %9d %12d %12d %10.0f %9.0f %8.1f%% %8.1f%%%n",
          r.site().points(),
          r.devicesMoved(),
          r.failoverMedianMs(),
          r.failoverMaxMs(),
          r.crossNodeP50Ms(),
          r.crossNodeP99Ms(),
          r.singleSamplesPerCpuSecond(),
          r.clusterSamplesPerCpuSecond(),
          r.overheadPercent(),
          r.overheadWithoutCompilersPercent());
    }
    out.printf("load average at the end %.2f%n", loadAverage());
    return 0;
  }

  /**
   * Why this machine cannot hold the size, or null: what the load benchmark checks for one server
   * and the simulators, plus a heap's worth for each further node and the shared QuestDB.
   */
  private String refusal(LoadSite site) throws IOException {
    String one = LoadBenchmark.refusal(site);
    if (one != null) {
      return one;
    }
    long neededMib =
        LoadBenchmark.memoryNeededMib(site) + (long) (nodes - 1) * (nodeHeapMib + 400) + 500;
    long availableMib = LoadBenchmark.memAvailableMib();
    if (neededMib > availableMib) {
      return String.format(
          "%d servers, the simulators and the shared QuestDB need about %,d MiB and %,d MiB are"
              + " available",
          nodes, neededMib, availableMib);
    }
    return null;
  }

  private Result run(LoadSite site) throws Exception {
    children.clear();
    Path work = Files.createTempDirectory(BenchCommand.workDir(dir), "helan-cluster-");
    LoadSite third = LoadSite.of(site.points() / nodes, rateHz);
    System.out.printf(
        "%n%,d points: %,d Modbus TCP racks, %,d OPC UA gamma stations, every %d ms; single"
            + " server with %,d points; data in %s%n",
        site.points(),
        site.airStations(),
        site.gammaStations(),
        site.periodMs(),
        third.points(),
        work);
    QuestDbConsole console = QuestDbConsole.withGeneratedPassword(0, 0);
    Process simulators = null;
    try (QuestDbEmbedded questDb = QuestDbEmbedded.start(work.resolve("questdb"), console)) {
      String questDbUrl = console.httpUrl(questDb.httpPort()).toString();
      Path fieldFile = work.resolve("field.yaml");
      Files.writeString(fieldFile, site.yaml(Map.of()));
      simulators = LoadBenchmark.startSimulators(fieldFile, 900, work);
      children.add(simulators);
      Map<String, Integer> ports =
          LoadBenchmark.simulatorPorts(
              new BufferedReader(
                  new InputStreamReader(simulators.getInputStream(), StandardCharsets.UTF_8)),
              work);

      Path singleSite = work.resolve("single.yaml");
      Files.writeString(singleSite, third.yaml(ports));
      Single single = single(SiteLoader.load(singleSite), singleSite, questDbUrl, work);

      Path siteFile = work.resolve("site.yaml");
      Files.writeString(siteFile, site.yaml(ports));
      Result result = cluster(site, SiteLoader.load(siteFile), siteFile, questDbUrl, work, single);
      if (result.clusterSamplesPerCpuSecond() > 0 && result.crossNodeValues() > 0) {
        BenchProcesses.deleteTree(work);
      } else {
        System.out.printf("  figures missing: the servers' logs are kept in %s%n", work);
      }
      return result;
    } finally {
      children.forEach(Process::destroyForcibly);
    }
  }

  /** What the single server measured. */
  private record Single(double samplesPerCpuSecond, double compilerShare, int p50Ms, int p99Ms) {}

  private Single single(Site site, Path siteFile, String questDbUrl, Path work) throws Exception {
    Node node = new Node("single", siteFile, questDbUrl, work, List.of());
    String token = node.displayToken();
    node.start();
    node.awaitUp();
    ServerProbe probe = node.probe();
    awaitIngesting(List.of(probe), site);
    try (LatencyClient client =
        LoadBenchmark.latencyClient(() -> new LatencyClient(node.httpPort, token))) {
      warmUp(List.of(probe));
      ServerProbe.Reading before = probe.read();
      client.reset();
      TimeUnit.SECONDS.sleep(durationSeconds);
      ServerProbe.Reading after = probe.read();
      double rate = samplesPerCpuSecond(List.of(before), List.of(after));
      double jit = compilerShare(List.of(before), List.of(after));
      System.out.printf(
          "  single server, %,d devices: %,.0f samples per CPU second (JIT compilation %.0f %% of"
              + " that CPU); push p50 %d ms, p99 %d ms%n",
          site.devices().size(), rate, 100 * jit, client.percentile(0.5), client.percentile(0.99));
      return new Single(rate, jit, client.percentile(0.5), client.percentile(0.99));
    } finally {
      LoadBenchmark.stopServer(node.process);
    }
  }

  private Result cluster(
      LoadSite load, Site site, Path siteFile, String questDbUrl, Path work, Single single)
      throws Exception {
    Path secret = work.resolve("cluster-secret");
    Files.writeString(secret, "bench-" + System.nanoTime());
    List<String> members = new ArrayList<>();
    List<Integer> memberPorts = new ArrayList<>();
    for (int i = 0; i < nodes; i++) {
      int port = BenchProcesses.freePort();
      memberPorts.add(port);
      members.add("127.0.0.1:" + port);
    }
    List<Node> cluster = new ArrayList<>();
    try {
      String token = null;
      for (int i = 0; i < nodes; i++) {
        List<String> clusterArgs =
            List.of(
                "--cluster",
                "--cluster-members",
                String.join(",", members),
                "--cluster-port",
                Integer.toString(memberPorts.get(i)),
                "--cluster-name",
                "bench",
                "--cluster-secret-file",
                secret.toString());
        Node node = new Node("node" + (i + 1), siteFile, questDbUrl, work, clusterArgs);
        if (token == null) {
          token = node.displayToken();
        } else {
          // the same users on every node: the cluster keeps the newest, and these are the same
          Files.copy(
              cluster.get(0).dataDir.resolve(UserDirectory.FILE_NAME),
              node.dataDir.resolve(UserDirectory.FILE_NAME));
        }
        cluster.add(node);
      }
      for (Node node : cluster) {
        node.start();
      }
      for (Node node : cluster) {
        node.awaitUp();
      }
      String bearer = token;
      Map<Node, Set<String>> owned = awaitSettled(cluster, site, bearer);
      Node observer = cluster.get(0);
      Set<String> local = owned.get(observer);
      Map<String, String> deviceOfPoint = new HashMap<>();
      for (Point point : site.points()) {
        deviceOfPoint.put(point.id(), point.deviceId());
      }
      SampleTimes times = new SampleTimes(deviceOfPoint);
      try (LatencyClient client =
          LoadBenchmark.latencyClient(
              () ->
                  new LatencyClient(
                      observer.httpPort,
                      bearer,
                      id -> !local.contains(deviceOfPoint.get(id)),
                      times::add))) {
        List<ServerProbe> probes = new ArrayList<>();
        for (Node node : cluster) {
          probes.add(node.probe());
        }
        awaitIngesting(probes, site);
        warmUp(probes);
        List<ServerProbe.Reading> before = read(probes);
        client.reset();
        TimeUnit.SECONDS.sleep(durationSeconds);
        List<ServerProbe.Reading> after = read(probes);
        double rate = samplesPerCpuSecond(before, after);
        double jit = compilerShare(before, after);
        long crossValues = client.values();
        int p50 = client.percentile(0.5);
        int p99 = client.percentile(0.99);

        Node victim =
            cluster.stream()
                .filter(n -> n != observer)
                .max((a, b) -> Integer.compare(owned.get(a).size(), owned.get(b).size()))
                .orElseThrow();
        Set<String> moved = owned(victim, bearer);
        victim.process.destroyForcibly();
        long killedAt = System.currentTimeMillis();
        victim.process.waitFor(30, TimeUnit.SECONDS);
        System.out.printf(
            "  killed %s (SIGKILL) polling %,d devices; waiting for them on the others%n",
            victim.name, moved.size());
        long deadline = System.nanoTime() + RESUME.toNanos();
        while (!times.allResumedAfter(moved, killedAt) && System.nanoTime() < deadline) {
          TimeUnit.MILLISECONDS.sleep(100);
        }
        Failover failover = times.failover(moved, killedAt);
        return new Result(
            load,
            single.samplesPerCpuSecond(),
            rate,
            single.compilerShare(),
            jit,
            single.p50Ms(),
            single.p99Ms(),
            crossValues,
            p50,
            p99,
            moved.size(),
            failover.medianMs(),
            failover.maxMs(),
            failover.killToAllResumedMs());
      }
    } finally {
      for (Node node : cluster) {
        if (node.process != null) {
          node.process.destroy();
        }
      }
      for (Node node : cluster) {
        if (node.process != null && !node.process.waitFor(60, TimeUnit.SECONDS)) {
          node.process.destroyForcibly();
        }
      }
    }
  }

  /**
   * Waits until every node sees all members and the majority, and every device is polled by exactly
   * one node; returns who polls which.
   */
  private Map<Node, Set<String>> awaitSettled(List<Node> cluster, Site site, String token)
      throws Exception {
    long deadline = System.nanoTime() + SETTLE.toNanos();
    int devices = site.devices().size();
    while (true) {
      Map<Node, Set<String>> owned = new HashMap<>();
      Set<String> all = new HashSet<>();
      int count = 0;
      boolean agreed = true;
      for (Node node : cluster) {
        JsonObject view = clusterView(node, token);
        agreed &=
            view.getBoolean("inMajority", false)
                && view.getJsonArray("members").size() == cluster.size();
        Set<String> ids = new HashSet<>();
        view.getJsonArray("owned").forEach(id -> ids.add((String) id));
        owned.put(node, ids);
        all.addAll(ids);
        count += ids.size();
      }
      if (agreed && count == devices && all.size() == devices) {
        System.out.printf(
            "  cluster settled: devices per node %s%n",
            cluster.stream().map(n -> n.name + " " + owned.get(n).size()).toList());
        return owned;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "the cluster did not settle within "
                + SETTLE
                + ": "
                + count
                + " of "
                + devices
                + " devices polled; see "
                + cluster.get(0).log.getParent());
      }
      TimeUnit.MILLISECONDS.sleep(500);
    }
  }

  /**
   * Waits until the servers ingested a few samples of every point between them: on a loaded machine
   * the HTTP API answers long before the last link polls.
   */
  private static void awaitIngesting(List<ServerProbe> probes, Site site) throws Exception {
    long deadline = System.nanoTime() + SETTLE.toNanos();
    while (true) {
      double ingested = 0;
      for (ServerProbe probe : probes) {
        ingested += probe.read().samplesIngested();
      }
      if (ingested >= 3.0 * site.points().size()) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "the servers ingested " + ingested + " samples in " + SETTLE + ": not polling");
      }
      TimeUnit.MILLISECONDS.sleep(500);
    }
  }

  private Set<String> owned(Node node, String token) throws Exception {
    Set<String> ids = new HashSet<>();
    clusterView(node, token).getJsonArray("owned").forEach(id -> ids.add((String) id));
    return ids;
  }

  private JsonObject clusterView(Node node, String token) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort + "/api/cluster"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          node.name + " answered /api/cluster with " + response.statusCode());
    }
    return new JsonObject(response.body());
  }

  /**
   * Waits the warm-up, then until the servers' JIT compilers took at most {@value
   * #SETTLED_COMPILER_SHARE} of their CPU in two {@value #COMPILER_CHECK_SECONDS} s spans in a row
   * (at most {@link #COMPILING}): a freshly started server compiles for minutes on a loaded
   * machine, and that warm-up is not the steady cost of ingest the window measures.
   */
  private void warmUp(List<ServerProbe> probes) throws Exception {
    TimeUnit.SECONDS.sleep(warmupSeconds);
    long deadline = System.nanoTime() + COMPILING.toNanos();
    long started = System.nanoTime();
    int settled = 0;
    while (true) {
      List<ServerProbe.Reading> before = read(probes);
      TimeUnit.SECONDS.sleep(COMPILER_CHECK_SECONDS);
      double share = compilerShare(before, read(probes));
      // compilation comes in bursts: twice in a row below the share, or the time is up
      settled = share <= SETTLED_COMPILER_SHARE ? settled + 1 : 0;
      if (settled == 2 || System.nanoTime() > deadline) {
        System.out.printf(
            "  JIT compilation %.0f %% of the servers' CPU after %d s more warm-up%n",
            100 * share, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
        return;
      }
    }
  }

  private static List<ServerProbe.Reading> read(List<ServerProbe> probes) throws Exception {
    List<ServerProbe.Reading> readings = new ArrayList<>();
    for (ServerProbe probe : probes) {
      readings.add(probe.read());
    }
    return readings;
  }

  /** The share of the processes' CPU time their JIT compilers took between two readings. */
  private static double compilerShare(
      List<ServerProbe.Reading> before, List<ServerProbe.Reading> after) {
    double compiler = 0;
    double cpu = 0;
    for (int i = 0; i < before.size(); i++) {
      compiler += after.get(i).compilerCpuNanos() - before.get(i).compilerCpuNanos();
      cpu += after.get(i).cpuNanos() - before.get(i).cpuNanos();
    }
    return cpu <= 0 ? 0 : compiler / cpu;
  }

  /** Samples ingested per CPU second of the processes, summed over them, between two readings. */
  private static double samplesPerCpuSecond(
      List<ServerProbe.Reading> before, List<ServerProbe.Reading> after) {
    double samples = 0;
    double cpuSeconds = 0;
    for (int i = 0; i < before.size(); i++) {
      samples += after.get(i).samplesIngested() - before.get(i).samplesIngested();
      cpuSeconds += (after.get(i).cpuNanos() - before.get(i).cpuNanos()) / 1e9;
    }
    return samples / cpuSeconds;
  }

  private static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  private static void print(PrintStream out, Result r) {
    out.printf(
        "  failover (last sample of the dead node's devices -> first sample from the new owner),"
            + " %,d devices: median %,d ms, max %,d ms; kill -> every device resumed %,d ms%n",
        r.devicesMoved(), r.failoverMedianMs(), r.failoverMaxMs(), r.killToAllResumedMs());
    out.printf(
        "  cross-node push latency (sample on another node's device -> WebSocket frame on node1):"
            + " p50 %d ms, p99 %d ms over %,d values (single server: p50 %d ms, p99 %d ms)%n",
        r.crossNodeP50Ms(),
        r.crossNodeP99Ms(),
        r.crossNodeValues(),
        r.singleP50Ms(),
        r.singleP99Ms());
    out.printf(
        "  clustering overhead on ingest: single server %,.0f, cluster node %,.0f samples per CPU"
            + " second: overhead %+.1f %% (goal <= +10 %%); JIT compilation %.0f %% and %.0f %%"
            + " of that CPU, without it: overhead %+.1f %%%n",
        r.singleSamplesPerCpuSecond(),
        r.clusterSamplesPerCpuSecond(),
        r.overheadPercent(),
        100 * r.singleCompilerShare(),
        100 * r.clusterCompilerShare(),
        r.overheadWithoutCompilersPercent());
    out.printf("  load average %.2f%n", loadAverage());
  }

  /** One server process of a run: its data directory, log and HTTP port, started on demand. */
  private final class Node {
    final String name;
    final Path dataDir;
    final Path log;
    final int httpPort;
    private final List<String> arguments;
    Process process;

    Node(String name, Path siteFile, String questDbUrl, Path work, List<String> clusterArgs)
        throws IOException {
      this.name = name;
      this.dataDir = Files.createDirectories(work.resolve(name));
      this.log = work.resolve(name + ".log");
      this.httpPort = BenchProcesses.freePort();
      List<String> args =
          new ArrayList<>(
              List.of(
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
                  Integer.toString(BenchProcesses.freePort()),
                  "--questdb-url",
                  questDbUrl));
      args.addAll(clusterArgs);
      this.arguments = List.copyOf(args);
    }

    /** Creates the users file with a display token for the benchmark's clients. */
    String displayToken() throws IOException {
      return UserDirectory.open(
              dataDir, PasswordHasher.DEFAULT, new PrintStream(OutputStream.nullOutputStream()))
          .addDisplay("cluster-benchmark");
    }

    void start() throws IOException {
      process =
          BenchProcesses.java(
                  List.of("-Xmx" + nodeHeapMib + "m"),
                  SERVER_MAIN,
                  arguments.toArray(String[]::new))
              .redirectOutput(log.toFile())
              .redirectErrorStream(true)
              .start();
      children.add(process);
    }

    /** Waits until its HTTP API answers. */
    void awaitUp() throws Exception {
      LoadBenchmark.awaitUp(process, httpPort, log.getParent(), SETTLE);
    }

    ServerProbe probe() throws IOException {
      return new ServerProbe(process.toHandle(), httpPort, dataDir);
    }
  }

  /** Per device, the sample times (ms) node 1's WebSocket showed. */
  private static final class SampleTimes {
    private final Map<String, String> deviceOfPoint;
    private final Map<String, NavigableSet<Long>> times = new ConcurrentHashMap<>();

    SampleTimes(Map<String, String> deviceOfPoint) {
      this.deviceOfPoint = deviceOfPoint;
    }

    void add(ValueFrameReader.PointUpdate update) {
      String device = deviceOfPoint.get(update.id());
      if (device != null && update.timeMillis() != null) {
        times.computeIfAbsent(device, d -> new ConcurrentSkipListSet<>()).add(update.timeMillis());
      }
    }

    boolean allResumedAfter(Set<String> devices, long at) {
      return devices.stream()
          .allMatch(d -> times.containsKey(d) && times.get(d).higher(at) != null);
    }

    Failover failover(Set<String> devices, long killedAt) {
      List<Long> gaps = new ArrayList<>();
      long lastResumed = 0;
      for (String device : devices) {
        NavigableSet<Long> seen = times.get(device);
        Long last = seen == null ? null : seen.floor(killedAt);
        Long first = seen == null ? null : seen.higher(killedAt);
        if (last == null || first == null) {
          gaps.add(Long.MAX_VALUE); // never resumed within the wait: shown as such
          continue;
        }
        gaps.add(first - last);
        lastResumed = Math.max(lastResumed, first);
      }
      gaps.sort(null);
      return new Failover(
          gaps.isEmpty() ? 0 : gaps.get(gaps.size() / 2),
          gaps.isEmpty() ? 0 : gaps.get(gaps.size() - 1),
          lastResumed == 0 ? -1 : lastResumed - killedAt);
    }
  }

  private record Failover(long medianMs, long maxMs, long killToAllResumedMs) {}
}
