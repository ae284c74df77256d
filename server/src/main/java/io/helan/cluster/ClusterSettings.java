package io.helan.cluster;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How this server joins its cluster.
 *
 * @param host the address Hazelcast and the clustered event bus bind to and announce
 * @param port Hazelcast's member port on {@code host}
 * @param members the members to join, {@code host} or {@code host:port} (TCP-IP discovery; this
 *     node may be among them)
 * @param name the cluster's name
 * @param secret shared by every node of the cluster; a node with another one is refused
 * @param majority how many members a node must see to poll and command (0: a majority of {@code
 *     members})
 * @param publicPort the port the other members reach this one at, when something between them
 *     forwards it to {@code port} (0: {@code port} itself)
 * @param outboundPorts the local ports this member's connections to the others leave from, for a
 *     firewall that tells members apart by them (empty: any)
 */
public record ClusterSettings(
    String host,
    int port,
    List<String> members,
    String name,
    String secret,
    int majority,
    int publicPort,
    List<Integer> outboundPorts) {
  public static final int DEFAULT_PORT = 5701;

  public ClusterSettings(
      String host, int port, List<String> members, String name, String secret, int majority) {
    this(host, port, members, name, secret, majority, 0, List.of());
  }

  public ClusterSettings {
    members = List.copyOf(members);
    outboundPorts = List.copyOf(outboundPorts);
    if (members.isEmpty()) {
      throw new IllegalArgumentException("a cluster needs a member list (host or host:port)");
    }
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a cluster needs a name");
    }
    if (secret == null || secret.isBlank()) {
      throw new IllegalArgumentException("a cluster needs a shared secret");
    }
    if (majority < 0) {
      throw new IllegalArgumentException("the majority is a number of members, not " + majority);
    }
  }

  /** The member count this node must see to poll and command. */
  public int minimumMembers() {
    return majority > 0 ? majority : members.size() / 2 + 1;
  }

  /**
   * The cluster name Hazelcast compares when a node asks to join: the name and a digest of the
   * secret, so that the open-source edition's only join check (equal cluster names) refuses a node
   * with the wrong secret as it refuses one with the wrong name, and the secret itself never goes
   * over the wire.
   */
  public String hazelcastClusterName() {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] digest = mac.doFinal(name.getBytes(StandardCharsets.UTF_8));
      return name + "-" + HexFormat.of().formatHex(digest, 0, 16);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }

  @Override
  public String toString() {
    // the secret stays out of logs
    return "ClusterSettings[host=%s, port=%d, members=%s, name=%s, majority=%d]"
        .formatted(host, port, members, name, minimumMembers());
  }
}
