package io.helan.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MultiMapConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.config.SplitBrainProtectionConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.splitbrainprotection.SplitBrainProtection;
import io.helan.auth.Sessions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This server as a member of its cluster: a clustered Vert.x on a Hazelcast member configured here
 * in code (TCP-IP discovery of the listed members only, no multicast, no auto-detection, no phone
 * home), with a split-brain protection that tells whether this member sees the cluster's majority.
 */
public final class ClusterNode implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterNode.class);

  /** The split-brain protection this node asks before it polls or commands. */
  static final String MAJORITY = "helan-majority";

  /** The login sessions of every node, by token hash. */
  static final String SESSIONS = "helan.sessions";

  /**
   * Heartbeats every second; a member silent for this long is removed (Hazelcast's default: 60).
   */
  static final int MAX_NO_HEARTBEAT_SECONDS = 5;

  private final ClusterSettings settings;
  private final Vertx vertx;
  private final HazelcastInstance hazelcast;

  private ClusterNode(ClusterSettings settings, Vertx vertx, HazelcastInstance hazelcast) {
    this.settings = settings;
    this.vertx = vertx;
    this.hazelcast = hazelcast;
  }

  /** Starts the member and the clustered Vert.x on it; returns once it joined (or stands alone). */
  public static ClusterNode start(ClusterSettings settings) {
    HazelcastClusterManager manager = new HazelcastClusterManager(hazelcastConfig(settings));
    VertxOptions options =
        new VertxOptions()
            .setEventBusOptions(
                new EventBusOptions()
                    .setHost(settings.host())
                    .setPort(0)
                    .setClusterPublicHost(settings.host()));
    Vertx vertx;
    try {
      vertx =
          Vertx.builder()
              .with(options)
              .withClusterManager(manager)
              .buildClustered()
              .await(120, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("cluster member did not start: " + settings, e);
    }
    HazelcastInstance hazelcast = manager.getHazelcastInstance();
    LOG.info(
        "Cluster member {} up in cluster '{}': {} members, {} needed to poll",
        hazelcast.getCluster().getLocalMember().getAddress(),
        settings.name(),
        hazelcast.getCluster().getMembers().size(),
        settings.minimumMembers());
    return new ClusterNode(settings, vertx, hazelcast);
  }

  static Config hazelcastConfig(ClusterSettings settings) {
    Config config = new Config();
    config.setClusterName(settings.hazelcastClusterName());
    config.setInstanceName("helan-" + settings.host() + "-" + settings.port());
    config.setProperty("hazelcast.logging.type", "slf4j");
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.socket.bind.any", "false");
    config.setProperty("hazelcast.shutdownhook.enabled", "false");
    config.setProperty("hazelcast.wait.seconds.before.join", "0");
    config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
    config.setProperty(
        "hazelcast.max.no.heartbeat.seconds", String.valueOf(MAX_NO_HEARTBEAT_SECONDS));
    // two halves that find each other again merge within seconds, not after 5 minutes
    config.setProperty("hazelcast.merge.first.run.delay.seconds", "5");
    config.setProperty("hazelcast.merge.next.run.delay.seconds", "5");

    NetworkConfig network = config.getNetworkConfig();
    network.setPort(settings.port()).setPortAutoIncrement(false);
    if (settings.publicPort() > 0) {
      network.setPublicAddress(settings.host() + ":" + settings.publicPort());
    }
    settings.outboundPorts().forEach(network::addOutboundPort);
    network.getInterfaces().setEnabled(true).addInterface(settings.host());
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setMembers(settings.members());

    // the structures the Vert.x cluster manager uses (its default-cluster.xml declares the same)
    config.addMultiMapConfig(
        new MultiMapConfig("__vertx.subs")
            .setBackupCount(1)
            .setValueCollectionType(MultiMapConfig.ValueCollectionType.SET));
    config.addMapConfig(new MapConfig("__vertx.haInfo").setBackupCount(1));
    config.addMapConfig(new MapConfig("__vertx.nodeInfo").setBackupCount(1));

    // a session lives on two members: the death of one loses none
    config.addMapConfig(new MapConfig(SESSIONS).setBackupCount(1));

    config.addSplitBrainProtectionConfig(
        new SplitBrainProtectionConfig(MAJORITY, true, settings.minimumMembers()));
    return config;
  }

  public ClusterSettings settings() {
    return settings;
  }

  /** The clustered Vert.x: its event bus reaches every node. */
  public Vertx vertx() {
    return vertx;
  }

  public HazelcastInstance hazelcast() {
    return hazelcast;
  }

  /** The login sessions every node shares: a login on one node is valid on all. */
  public IMap<String, Sessions.Session> sessions() {
    return hazelcast.getMap(SESSIONS);
  }

  /** Whether this member sees at least the configured majority of members. */
  public SplitBrainProtection majority() {
    return hazelcast.getSplitBrainProtectionService().getSplitBrainProtection(MAJORITY);
  }

  /** Leaves the cluster: the others take over this node's devices at once. */
  @Override
  public void close() throws Exception {
    vertx.close().await(30, TimeUnit.SECONDS);
  }
}
