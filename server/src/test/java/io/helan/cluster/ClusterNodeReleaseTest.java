package io.helan.cluster;

import static org.awaitility.Awaitility.await;

import io.helan.config.Site;
import io.helan.historian.QuestDbConsole;
import io.helan.historian.QuestDbEmbedded;
import io.helan.server.HelanServer;
import io.helan.simulator.SimulatedNetwork;
import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cluster nodes started and closed in one JVM, round after round (as the tests and the benchmarks
 * do), leave nothing behind: once closed, no thread, hook or static registry keeps a server alive,
 * so the garbage collector takes every one of them.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ClusterNodeReleaseTest {
  private static final int ROUNDS = 3;

  @TempDir Path dir;

  @Test
  void closedNodesAreCollectable() throws Exception {
    QuestDbConsole console = QuestDbConsole.withGeneratedPassword(0, 0);
    List<WeakReference<HelanServer>> closed = new ArrayList<>();
    try (QuestDbEmbedded questDb = QuestDbEmbedded.start(dir.resolve("questdb"), console);
        SimulatedNetwork field = SimulatedNetwork.onFreePorts(ClusterTestNodes.smallSite(2))) {
      Site site = field.site();
      String questDbUrl = console.httpUrl(questDb.httpPort()).toString();
      for (int round = 0; round < ROUNDS; round++) {
        List<HelanServer> nodes =
            ClusterTestNodes.startCluster(site, dir.resolve("round" + round), questDbUrl, 2);
        await()
            .atMost(Duration.ofSeconds(90))
            .until(() -> ClusterTestNodes.everyDeviceOwnedAndConnected(nodes, site));
        for (HelanServer node : nodes) {
          node.close();
          closed.add(new WeakReference<>(node));
        }
      }
    }
    await()
        .atMost(Duration.ofSeconds(Long.getLong("leak.wait", 60)))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              System.gc();
              return closed.stream().allMatch(reference -> reference.get() == null);
            });
  }
}
