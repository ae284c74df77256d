package io.helan.cluster;

import io.helan.config.FreePort;
import io.helan.config.Site;
import io.helan.config.SiteLoader;
import io.helan.driver.LinkState;
import io.helan.historian.HistorianSettings;
import io.helan.server.HelanServer;
import io.helan.server.ServerSettings;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Member ports and settings for cluster nodes on 127.0.0.1. */
final class ClusterTestNodes {
  static final String HOST = "127.0.0.1";

  private ClusterTestNodes() {}

  /**
   * Free ports for Hazelcast members, which must know every member's port before any starts. A port
   * probed free may be taken before the member binds it: the test then fails at start.
   */
  static List<Integer> freePorts(int count) throws Exception {
    List<Integer> ports = new ArrayList<>();
    while (ports.size() < count) {
      int port =
          FreePort.bind(
              candidate -> {
                try (ServerSocket probe = new ServerSocket()) {
                  probe.bind(new InetSocketAddress(HOST, candidate));
                  return candidate;
                }
              });
      if (!ports.contains(port)) {
        ports.add(port);
      }
    }
    return ports;
  }

  static List<String> members(List<Integer> ports) {
    return ports.stream().map(port -> HOST + ":" + port).toList();
  }

  static ClusterSettings settings(int port, List<Integer> ports, String secret) {
    return new ClusterSettings(HOST, port, members(ports), "helan-test", secret, 0);
  }

  /**
   * Starts a Helan server as a node of the cluster of {@code ports} (secret "s3cret"), storing its
   * samples in the external QuestDB at {@code questDbUrl}; without simulators (the test plays the
   * field) nor demo users.
   */
  static HelanServer startServer(
      Site site, Path dataDir, String questDbUrl, int port, List<Integer> ports) {
    return startServer(site, dataDir, questDbUrl, settings(port, ports, "s3cret"));
  }

  /** Starts a Helan server as a node of the cluster {@code cluster} describes. */
  static HelanServer startServer(
      Site site, Path dataDir, String questDbUrl, ClusterSettings cluster) {
    ServerSettings settings =
        new ServerSettings(
            dataDir,
            HOST,
            0,
            0,
            true,
            true,
            0,
            false,
            false,
            HistorianSettings.external(dataDir, questDbUrl),
            cluster);
    try {
      return new HelanServer(site, settings).start();
    } catch (Exception e) {
      throw new IllegalStateException("node did not start", e);
    }
  }

  /** Starts {@code count} nodes of one cluster side by side (see {@link #startServer}). */
  static List<HelanServer> startCluster(Site site, Path dir, String questDbUrl, int count)
      throws Exception {
    List<Integer> ports = freePorts(count);
    List<CompletableFuture<HelanServer>> starting = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Path dataDir = dir.resolve("node" + i);
      int port = ports.get(i);
      starting.add(
          CompletableFuture.supplyAsync(() -> startServer(site, dataDir, questDbUrl, port, ports)));
    }
    List<HelanServer> nodes = new ArrayList<>();
    try {
      for (CompletableFuture<HelanServer> node : starting) {
        nodes.add(node.get(120, TimeUnit.SECONDS));
      }
    } catch (Exception e) {
      nodes.forEach(HelanServer::close);
      throw e;
    }
    return nodes;
  }

  /** The devices a node polls now. */
  static Set<String> owned(HelanServer node) {
    return node.ownership().orElseThrow().owned();
  }

  /** Every device of the site is polled by one of the nodes, over a link that is up. */
  static boolean everyDeviceOwnedAndConnected(List<HelanServer> nodes, Site site) {
    int owned = 0;
    for (HelanServer node : nodes) {
      for (String id : owned(node)) {
        if (node.links().state(id) != LinkState.CONNECTED) {
          return false;
        }
        owned++;
      }
    }
    return owned == site.devices().size();
  }

  /**
   * The first {@code stations} stations of the default site (air stations, one Modbus rack each).
   */
  static Site smallSite(int stations) {
    Site full = SiteLoader.loadDefault();
    return new Site(full.id(), full.name(), full.regions(), full.stations().subList(0, stations));
  }
}
