package io.helan.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.helan.config.Device;
import io.helan.config.Point;
import io.helan.config.Site;
import io.helan.driver.LinkState;
import io.helan.driver.SampleBatch;
import io.helan.historian.QuestDbConsole;
import io.helan.historian.QuestDbEmbedded;
import io.helan.ingest.PointValue;
import io.helan.server.HelanServer;
import io.helan.simulator.SimulatedNetwork;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three nodes on loopback share a small site (nine air stations played by their simulators) and an
 * external QuestDB: every device is polled by exactly one node and shown live by every node; when
 * one node dies (its Hazelcast member terminated without leaving, its drivers gone) the others
 * resume its devices, and the failover time and missing seconds are reported; when a second one
 * dies, the last node is a minority of the three and polls nothing.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class ClusterFailoverTest {
  static final int STATIONS = 9;
  static final Duration SETTLE = Duration.ofSeconds(90);

  @TempDir Path dir;

  @Test
  void eachDeviceHasOnePollerAndADeadNodesDevicesResumeOnTheOthers() throws Exception {
    Site site = ClusterTestNodes.smallSite(STATIONS);
    QuestDbConsole console = QuestDbConsole.withGeneratedPassword(0, 0);
    try (QuestDbEmbedded questDb = QuestDbEmbedded.start(dir.resolve("questdb"), console);
        SimulatedNetwork field = SimulatedNetwork.onFreePorts(site)) {
      Site served = field.site();
      String questDbUrl = console.httpUrl(questDb.httpPort()).toString();
      List<Integer> ports = ClusterTestNodes.freePorts(3);
      List<CompletableFuture<Node>> starting = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        int n = i;
        starting.add(
            CompletableFuture.supplyAsync(
                () ->
                    Node.start(served, dir.resolve("node" + n), questDbUrl, ports.get(n), ports)));
      }
      List<Node> nodes = new ArrayList<>();
      try {
        for (CompletableFuture<Node> node : starting) {
          nodes.add(node.get(120, TimeUnit.SECONDS));
        }
        Set<String> devices = served.devices().stream().map(Device::id).collect(Collectors.toSet());

        await().atMost(SETTLE).until(() -> ownedOnceAndConnected(nodes, devices));
        assertOnePollerEach(nodes, devices);
        long now = System.currentTimeMillis();
        await().atMost(SETTLE).until(() -> everyNodeShowsEveryDeviceLive(nodes, served, now));

        Node victim = nodes.stream().max(Comparator.comparing(n -> n.owned().size())).orElseThrow();
        Set<String> moved = victim.owned();
        assertThat(moved).isNotEmpty();
        long killedAt = victim.kill();
        List<Node> survivors = nodes.stream().filter(n -> n != victim).toList();

        await()
            .atMost(SETTLE)
            .until(() -> moved.stream().allMatch(id -> resumedAfter(survivors, victim, id)));
        Failover failover = Failover.measure(victim, survivors, moved, killedAt);
        System.out.println(failover);
        assertThat(failover.longestGapMillis()).isLessThan(30_000);
        await().atMost(SETTLE).until(() -> ownedOnceAndConnected(survivors, devices));
        assertOnePollerEach(survivors, devices);
        assertThat(
                survivors.stream()
                    .mapToDouble(
                        n ->
                            n.server
                                .metrics()
                                .get("helan.cluster.devices.taken.over")
                                .counter()
                                .count())
                    .sum())
            .isEqualTo(moved.size());

        // one of three is no majority: it stops polling and commands find no link
        Node last = survivors.get(1);
        survivors.get(0).kill();
        await().atMost(SETTLE).until(() -> !last.ownership().inMajority());
        await().atMost(SETTLE).until(() -> last.server.links().openDevices().isEmpty());
        assertThat(last.ownership().owned()).isEmpty();
        assertThat(last.server.metrics().get("helan.cluster.majority").gauge().value()).isZero();
      } finally {
        nodes.forEach(Node::close);
      }
    }
  }

  /**
   * Each node's current values (what its REST API and WebSocket push read) hold a sample taken
   * after {@code sinceMillis} for every point of every device, and its link states show every
   * device connected: its own devices and the other nodes' alike.
   */
  private static boolean everyNodeShowsEveryDeviceLive(
      List<Node> nodes, Site site, long sinceMillis) {
    PointValue value = new PointValue();
    for (Node node : nodes) {
      for (Point point : site.points()) {
        node.server.ingest().currentValues().read(point.index(), value);
        if (!value.hasValue() || value.timeMicros() / 1_000 < sinceMillis) {
          return false;
        }
      }
      for (Device device : site.devices()) {
        if (node.server.links().state(device.id()) != LinkState.CONNECTED) {
          return false;
        }
      }
    }
    return true;
  }

  /** Every device is owned by exactly one node, in the majority, whose link to it is up. */
  private static boolean ownedOnceAndConnected(List<Node> nodes, Set<String> devices) {
    List<String> owned = new ArrayList<>();
    for (Node node : nodes) {
      if (!node.ownership().inMajority()) {
        return false;
      }
      for (String id : node.owned()) {
        if (node.server.links().state(id) != LinkState.CONNECTED) {
          return false;
        }
        owned.add(id);
      }
    }
    return owned.size() == devices.size() && new HashSet<>(owned).equals(devices);
  }

  /**
   * From a moment on, each device delivers samples through its owner and through no other node
   * (waits until every device delivered two seconds' worth).
   */
  private static void assertOnePollerEach(List<Node> nodes, Set<String> devices) {
    long from = System.currentTimeMillis() + 1_000;
    await()
        .atMost(SETTLE)
        .until(
            () ->
                devices.stream()
                    .allMatch(
                        id -> nodes.stream().anyMatch(n -> n.secondsOf(id, from).size() >= 3)));
    for (String id : devices) {
      List<String> pollers =
          nodes.stream().filter(n -> !n.secondsOf(id, from).isEmpty()).map(Node::name).toList();
      assertThat(pollers).as("nodes that polled %s", id).hasSize(1);
    }
  }

  private static boolean resumedAfter(List<Node> survivors, Node victim, String id) {
    long last = victim.lastSample(id);
    return survivors.stream().anyMatch(n -> !n.secondsOf(id, last + 1).isEmpty());
  }

  /** One cluster node with the samples it ingested, per device and second (source time). */
  private static final class Node {
    final String name;
    final HelanServer server;
    final Map<String, NavigableSet<Long>> samples = new ConcurrentHashMap<>();
    boolean killed;

    Node(String name, HelanServer server) {
      this.name = name;
      this.server = server;
      Site site = server.site();
      server
          .ingest()
          .addListener(
              (SampleBatch batch, long change) -> {
                for (int i = 0; i < batch.size(); i++) {
                  String device = site.points().get(batch.point(i)).deviceId();
                  samples
                      .computeIfAbsent(device, d -> new ConcurrentSkipListSet<>())
                      .add(batch.timeMicros(i) / 1_000);
                }
              });
    }

    static Node start(Site site, Path dataDir, String questDbUrl, int port, List<Integer> ports) {
      return new Node(
          "node@" + port, ClusterTestNodes.startServer(site, dataDir, questDbUrl, port, ports));
    }

    String name() {
      return name;
    }

    DeviceOwnership ownership() {
      return server.ownership().orElseThrow();
    }

    Set<String> owned() {
      return ownership().owned();
    }

    /** The sample times (ms) of a device from {@code from} on. */
    NavigableSet<Long> secondsOf(String device, long from) {
      return samples.getOrDefault(device, new ConcurrentSkipListSet<>()).tailSet(from, true);
    }

    long lastSample(String device) {
      NavigableSet<Long> times = samples.get(device);
      return times == null || times.isEmpty() ? Long.MIN_VALUE : times.last();
    }

    /** Dies as a killed process would: its member vanishes without leaving, its drivers stop. */
    long kill() {
      long at = System.currentTimeMillis();
      server.cluster().orElseThrow().hazelcast().getLifecycleService().terminate();
      close();
      return at;
    }

    void close() {
      if (!killed) {
        killed = true;
        server.close();
      }
    }
  }

  /** The devices of a dead node: last sample before, first sample after, seconds without any. */
  private record Failover(
      int devices, long killedAt, List<Long> gapsMillis, long missingSeconds, long detectMillis) {

    static Failover measure(Node victim, List<Node> survivors, Set<String> moved, long killedAt) {
      List<Long> gaps = new ArrayList<>();
      long missing = 0;
      long firstResume = Long.MAX_VALUE;
      for (String id : moved) {
        long last = victim.lastSample(id);
        long first =
            survivors.stream()
                .map(n -> n.secondsOf(id, last + 1))
                .filter(s -> !s.isEmpty())
                .mapToLong(NavigableSet::first)
                .min()
                .orElseThrow();
        gaps.add(first - last);
        firstResume = Math.min(firstResume, first);
        // whole seconds strictly between the last and the first sample without any sample
        for (long second = last / 1000 + 1; second < first / 1000; second++) {
          missing++;
        }
      }
      return new Failover(moved.size(), killedAt, gaps, missing, firstResume - killedAt);
    }

    long longestGapMillis() {
      return gapsMillis.stream().mapToLong(Long::longValue).max().orElse(0);
    }

    @Override
    public String toString() {
      return ("Failover of %d devices: kill to first resumed sample %d ms; gap last-to-first sample"
              + " per device %s ms (longest %d); missing device-seconds %d")
          .formatted(devices, detectMillis, gapsMillis, longestGapMillis(), missingSeconds);
    }
  }
}
