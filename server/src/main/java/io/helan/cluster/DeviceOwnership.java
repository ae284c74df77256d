package io.helan.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.partition.MigrationListener;
import com.hazelcast.partition.MigrationState;
import com.hazelcast.partition.ReplicaMigrationEvent;
import io.helan.config.Device;
import io.helan.config.Site;
import io.helan.field.FieldLinks;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls exactly the devices this node owns: a device belongs to the Hazelcast member that owns the
 * partition of its id, and only while that member sees the cluster's majority. Membership and
 * migration events, and a check every {@value #CHECK_MILLIS} ms, open the links of devices that
 * became this node's and close those that moved away.
 *
 * <p>A device whose owner left or died is opened here at once. Any other device that becomes this
 * node's (a rebalance after a join, this node's start, a healed partition) is opened only after
 * {@value #HANDOVER_MILLIS} ms, by when its previous owner has seen the same partition table and
 * closed its link.
 */
public final class DeviceOwnership implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DeviceOwnership.class);
  static final long CHECK_MILLIS = 500;
  static final long HANDOVER_MILLIS = 1_000;

  private final Site site;
  private final FieldLinks links;
  private final ClusterNode node;
  private final HazelcastInstance hazelcast;
  private final ScheduledExecutorService thread;
  private final Set<String> owned = ConcurrentHashMap.newKeySet();
  // owner thread only
  private final Map<String, Member> lastOwners = new HashMap<>();
  private final Map<String, Long> handoverSince = new HashMap<>();
  private final List<Consumer<String>> beforeTaking = new CopyOnWriteArrayList<>();
  private final Counter membersLost;
  private final Counter devicesTakenOver;
  private volatile boolean inMajority;
  private UUID membershipListener;
  private UUID migrationListener;

  public DeviceOwnership(Site site, FieldLinks links, ClusterNode node, MeterRegistry metrics) {
    this.site = site;
    this.links = links;
    this.node = node;
    this.hazelcast = node.hazelcast();
    this.thread =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread t = new Thread(runnable, "helan-ownership");
              t.setDaemon(true);
              return t;
            });
    Gauge.builder("helan.cluster.members", () -> hazelcast.getCluster().getMembers().size())
        .description("Cluster members this node sees")
        .register(metrics);
    Gauge.builder("helan.cluster.devices.owned", owned::size)
        .description("Devices this node polls")
        .register(metrics);
    Gauge.builder("helan.cluster.majority", () -> inMajority ? 1 : 0)
        .description("1 while this node sees the cluster's majority and may poll and command")
        .register(metrics);
    membersLost =
        Counter.builder("helan.cluster.failovers")
            .description("Members that left or died while this node was in the cluster")
            .register(metrics);
    devicesTakenOver =
        Counter.builder("helan.cluster.devices.taken.over")
            .description("Devices this node took over from a member that left or died")
            .register(metrics);
  }

  /** Opens the links of the devices this node owns now, and follows ownership from then on. */
  public void start() {
    membershipListener = hazelcast.getCluster().addMembershipListener(new Membership());
    migrationListener = hazelcast.getPartitionService().addMigrationListener(new Migrations());
    thread.scheduleWithFixedDelay(this::checkSafely, 0, CHECK_MILLIS, TimeUnit.MILLISECONDS);
  }

  /**
   * Has {@code step} run for each device this node takes, after it counts as owned and before its
   * link opens (on the ownership thread, which may wait on the cluster). A step that fails is
   * logged; the device is polled all the same.
   */
  public void beforeTaking(Consumer<String> step) {
    beforeTaking.add(step);
  }

  /** Whether this node polls the device now. */
  public boolean owns(String deviceId) {
    return owned.contains(deviceId);
  }

  /** The devices this node polls now. */
  public Set<String> owned() {
    return Set.copyOf(owned);
  }

  /**
   * The member that owns the device now by the partition table (null while the table is not ready);
   * whether that member polls it yet is its own affair.
   */
  public Member owner(String deviceId) {
    return hazelcast.getPartitionService().getPartition(deviceId).getOwner();
  }

  /**
   * Why this node must not command the device now, or null: it is cut off from the cluster's
   * majority, or another member owns the device.
   */
  public String commandInterlock(String deviceId) {
    if (!inMajority) {
      return "this node is cut off from the cluster's majority (split-brain protection):"
          + " it runs no commands";
    }
    Member owner = owner(deviceId);
    if (owner != null && !owner.localMember()) {
      return "device " + deviceId + " is polled by cluster member " + owner.getAddress();
    }
    return null;
  }

  /** Whether this node sees the cluster's majority (else it polls and commands nothing). */
  public boolean inMajority() {
    return inMajority;
  }

  private void soon() {
    if (!thread.isShutdown()) {
      thread.execute(this::checkSafely);
    }
  }

  private void checkSafely() {
    try {
      check();
    } catch (RuntimeException e) {
      // e.g. the Hazelcast instance went away under us: poll nothing rather than guess
      LOG.warn("Device ownership check failed: releasing every device", e);
      releaseAll();
    }
  }

  private void check() {
    boolean majority =
        hazelcast.getLifecycleService().isRunning() && node.majority().hasMinimumSize();
    if (majority != inMajority) {
      inMajority = majority;
      int members = hazelcast.getCluster().getMembers().size();
      if (majority) {
        LOG.info(
            "Cluster majority reached ({} members, {} needed): polling the devices this node owns",
            members,
            node.settings().minimumMembers());
      } else if (!hazelcast.getLifecycleService().isRunning()) {
        LOG.warn("Cluster member stopped: stopped polling {} devices", owned.size());
      } else {
        LOG.warn(
            "Cluster majority lost ({} members seen, {} needed): stopped polling {} devices,"
                + " commands refused",
            members,
            node.settings().minimumMembers(),
            owned.size());
      }
    }
    if (!majority) {
      releaseAll();
      return;
    }
    Member local = hazelcast.getCluster().getLocalMember();
    Set<Member> members = hazelcast.getCluster().getMembers();
    long now = System.currentTimeMillis();
    int takenOver = 0;
    for (Device device : site.devices()) {
      String id = device.id();
      Member owner = hazelcast.getPartitionService().getPartition(id).getOwner();
      if (owner == null) {
        continue; // the partition table is not ready yet: keep things as they are
      }
      Member previous = lastOwners.put(id, owner);
      if (!owner.equals(local)) {
        handoverSince.remove(id);
        if (owned.remove(id)) {
          links.release(id);
          LOG.info("Device {} now polled by {}", id, owner.getAddress());
        }
        continue;
      }
      if (owned.contains(id)) {
        continue;
      }
      boolean ownerDied =
          previous != null && !previous.equals(local) && !members.contains(previous);
      if (ownerDied) {
        takenOver++;
      } else {
        // the previous owner may still be polling it (or this node cannot tell): give it time
        long since = handoverSince.computeIfAbsent(id, k -> now);
        if (now - since < HANDOVER_MILLIS) {
          continue;
        }
      }
      handoverSince.remove(id);
      owned.add(id);
      for (Consumer<String> step : beforeTaking) {
        try {
          step.accept(id);
        } catch (RuntimeException e) {
          LOG.warn("Taking device {} over: a step failed; polling it all the same", id, e);
        }
      }
      links.open(id);
    }
    if (takenOver > 0) {
      devicesTakenOver.increment(takenOver);
      LOG.warn("Took over {} devices of a member that left", takenOver);
    }
  }

  private void releaseAll() {
    for (String id : owned) {
      owned.remove(id);
      links.release(id);
    }
    handoverSince.clear();
  }

  /** Stops following ownership and closes every link this node opened. */
  @Override
  public void close() {
    thread.shutdownNow();
    try {
      thread.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (hazelcast.getLifecycleService().isRunning()) {
      hazelcast.getCluster().removeMembershipListener(membershipListener);
      hazelcast.getPartitionService().removeMigrationListener(migrationListener);
    }
    releaseAll();
  }

  private final class Membership implements MembershipListener {
    @Override
    public void memberAdded(MembershipEvent event) {
      LOG.info("Cluster member {} joined: {} members", event.getMember().getAddress(), size(event));
      soon();
    }

    @Override
    public void memberRemoved(MembershipEvent event) {
      membersLost.increment();
      LOG.warn(
          "Cluster member {} left: {} members; its devices move to the others",
          event.getMember().getAddress(),
          size(event));
      soon();
    }

    private int size(MembershipEvent event) {
      return event.getMembers().size();
    }
  }

  private final class Migrations implements MigrationListener {
    @Override
    public void migrationStarted(MigrationState state) {}

    @Override
    public void migrationFinished(MigrationState state) {
      soon();
    }

    @Override
    public void replicaMigrationCompleted(ReplicaMigrationEvent event) {}

    @Override
    public void replicaMigrationFailed(ReplicaMigrationEvent event) {}
  }
}
