package io.helan.cluster;

import io.helan.config.FreePort;
import io.helan.config.Site;
import io.helan.config.SiteLoader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

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
   * The first {@code stations} stations of the default site (air stations, one Modbus rack each).
   */
  static Site smallSite(int stations) {
    Site full = SiteLoader.loadDefault();
    return new Site(full.id(), full.name(), full.regions(), full.stations().subList(0, stations));
  }
}
