package io.helan.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.helan.config.Site;
import io.helan.historian.QuestDbConsole;
import io.helan.historian.QuestDbEmbedded;
import io.helan.server.HelanServer;
import io.helan.simulator.SimulatedNetwork;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three nodes on loopback whose members reach each other through a {@link LoopbackFirewall}: when
 * one is cut off from the other two, it is a minority (one of three) and stops polling its devices
 * and refuses commands, saying why, while the two others take its devices over; when it is let back
 * in, it merges into the cluster again and every device is polled by one node.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ClusterSplitBrainTest {
  private static final Duration WAIT = Duration.ofSeconds(120);
  private static final int OUTBOUND_PORTS = 4;

  @TempDir Path dir;

  @Test
  void aCutOffMinorityStopsPollingAndRefusesCommandsAndTheMajorityTakesItsDevices()
      throws Exception {
    QuestDbConsole console = QuestDbConsole.withGeneratedPassword(0, 0);
    try (QuestDbEmbedded questDb = QuestDbEmbedded.start(dir.resolve("questdb"), console);
        SimulatedNetwork field = SimulatedNetwork.onFreePorts(ClusterTestNodes.smallSite(6))) {
      Site site = field.site();
      String questDbUrl = console.httpUrl(questDb.httpPort()).toString();
      List<Integer> ports = ClusterTestNodes.freePorts(3 + 3 * OUTBOUND_PORTS);
      List<Integer> memberPorts = ports.subList(0, 3);
      List<Set<Integer>> outbound = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        int from = 3 + i * OUTBOUND_PORTS;
        outbound.add(new HashSet<>(ports.subList(from, from + OUTBOUND_PORTS)));
      }
      try (LoopbackFirewall firewall = new LoopbackFirewall(memberPorts, outbound)) {
        List<String> members = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
          members.add(ClusterTestNodes.HOST + ":" + firewall.publicPort(i));
        }
        List<CompletableFuture<HelanServer>> starting = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
          ClusterSettings settings =
              new ClusterSettings(
                  ClusterTestNodes.HOST,
                  memberPorts.get(i),
                  members,
                  "helan-test",
                  "s3cret",
                  0,
                  firewall.publicPort(i),
                  List.copyOf(outbound.get(i)));
          Path dataDir = dir.resolve("node" + i);
          starting.add(
              CompletableFuture.supplyAsync(
                  () -> ClusterTestNodes.startServer(site, dataDir, questDbUrl, settings)));
        }
        List<HelanServer> nodes = new ArrayList<>();
        try {
          for (CompletableFuture<HelanServer> node : starting) {
            nodes.add(node.get(120, TimeUnit.SECONDS));
          }
          await()
              .atMost(WAIT)
              .until(() -> ClusterTestNodes.everyDeviceOwnedAndConnected(nodes, site));

          HelanServer minority =
              nodes.stream()
                  .max(Comparator.comparing(n -> ClusterTestNodes.owned(n).size()))
                  .orElseThrow();
          Set<String> itsDevices = ClusterTestNodes.owned(minority);
          String device = itsDevices.iterator().next();
          List<HelanServer> majority = nodes.stream().filter(n -> n != minority).toList();
          firewall.cutOff(nodes.indexOf(minority));

          DeviceOwnership cutOff = minority.ownership().orElseThrow();
          await().atMost(WAIT).until(() -> !cutOff.inMajority());
          await().atMost(WAIT).until(() -> minority.links().openDevices().isEmpty());
          assertThat(cutOff.owned()).isEmpty();
          assertThat(cutOff.commandInterlock(device)).contains("majority");
          await()
              .atMost(WAIT)
              .until(() -> ClusterTestNodes.everyDeviceOwnedAndConnected(majority, site));
          assertThat(majority).allMatch(n -> n.ownership().orElseThrow().inMajority());

          // healed: the minority merges back and every device has one poller again
          firewall.letIn(nodes.indexOf(minority));
          await().atMost(WAIT).until(cutOff::inMajority);
          await()
              .atMost(WAIT)
              .until(
                  () ->
                      nodes.stream().allMatch(n -> n.ownership().orElseThrow().inMajority())
                          && ClusterTestNodes.everyDeviceOwnedAndConnected(nodes, site));
          String interlock = cutOff.commandInterlock(device);
          assertThat(interlock == null || !interlock.contains("majority")).as(interlock).isTrue();
        } finally {
          nodes.forEach(HelanServer::close);
        }
      }
    }
  }
}
