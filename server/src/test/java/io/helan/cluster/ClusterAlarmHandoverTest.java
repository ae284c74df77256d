package io.helan.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.helan.alarms.AlarmKind;
import io.helan.alarms.AlarmRecord;
import io.helan.alarms.AlarmState;
import io.helan.alarms.JournalEntryJson;
import io.helan.audit.Origin;
import io.helan.auth.Role;
import io.helan.auth.User;
import io.helan.config.Site;
import io.helan.driver.LinkState;
import io.helan.historian.QuestDbConsole;
import io.helan.historian.QuestDbEmbedded;
import io.helan.server.HelanServer;
import io.helan.simulator.SimulatedNetwork;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three nodes on loopback: one node's two devices lose their link, the node's operator acknowledges
 * the one's communication-loss alarm and shelves the other's, and the node dies. The survivors that
 * take the devices over show both alarms as they were (acknowledged by the operator, shelved until
 * the same end) and never announce the acknowledged one again, although its condition is still
 * active on their own links.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class ClusterAlarmHandoverTest {
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final User OPERATOR = new User("li.ming", Set.of(Role.OPERATOR));
  private static final Origin ORIGIN = new Origin("rest", "127.0.0.1:40000");

  @TempDir Path dir;

  @Test
  void theNewOwnerOfADeadNodesDevicesKeepsTheirAcknowledgementsAndShelves() throws Exception {
    QuestDbConsole console = QuestDbConsole.withGeneratedPassword(0, 0);
    try (QuestDbEmbedded questDb = QuestDbEmbedded.start(dir.resolve("questdb"), console);
        SimulatedNetwork field = SimulatedNetwork.onFreePorts(ClusterTestNodes.smallSite(6))) {
      Site site = field.site();
      String questDbUrl = console.httpUrl(questDb.httpPort()).toString();
      List<HelanServer> nodes =
          new ArrayList<>(ClusterTestNodes.startCluster(site, dir, questDbUrl, 3));
      try {
        await()
            .atMost(WAIT)
            .until(() -> ClusterTestNodes.everyDeviceOwnedAndConnected(nodes, site));
        // six devices on three nodes: one node polls at least two
        HelanServer dying =
            nodes.stream().max(Comparator.comparing(n -> owned(n).size())).orElseThrow();
        Iterator<String> devices = owned(dying).iterator();
        String acknowledgedDevice = devices.next();
        String shelvedDevice = devices.next();
        for (String device : List.of(acknowledgedDevice, shelvedDevice)) {
          field.stopStation(site.device(device).orElseThrow().stationId());
        }
        String acknowledged = communicationLoss(acknowledgedDevice);
        String shelved = communicationLoss(shelvedDevice);
        for (String alarm : List.of(acknowledged, shelved)) {
          await().atMost(WAIT).until(() -> state(dying, alarm) == AlarmState.UNACKNOWLEDGED_ACTIVE);
        }
        dying.alarms().acknowledge(OPERATOR, ORIGIN, acknowledged, "seen");
        AlarmRecord shelve =
            dying.alarms().shelve(OPERATOR, ORIGIN, shelved, Duration.ofMinutes(10), "swapped");
        Instant shelvedUntil = shelve.shelvedUntil();
        assertThat(shelvedUntil).isNotNull();
        List<HelanServer> survivors = nodes.stream().filter(n -> n != dying).toList();
        // the other nodes list both as the owner left them
        for (HelanServer node : survivors) {
          await()
              .atMost(WAIT)
              .until(
                  () ->
                      sharedState(node, acknowledged) == AlarmState.ACKNOWLEDGED_ACTIVE
                          && sharedState(node, shelved) == AlarmState.SHELVED);
        }
        Queue<AlarmRecord> told = new ConcurrentLinkedQueue<>();
        survivors.forEach(node -> node.alarms().addListener(told::add));

        dying.cluster().orElseThrow().hazelcast().getLifecycleService().terminate();
        dying.close();
        nodes.remove(dying);

        HelanServer first = ownerOf(survivors, acknowledgedDevice);
        HelanServer second = ownerOf(survivors, shelvedDevice);
        // the new owners' own links find the stations down: the condition stays active there
        await()
            .atMost(WAIT)
            .until(
                () ->
                    first.links().state(acknowledgedDevice) == LinkState.DISCONNECTED
                        && second.links().state(shelvedDevice) == LinkState.DISCONNECTED);
        AlarmRecord stillAcknowledged = first.alarms().alarm(acknowledged).orElseThrow();
        assertThat(stillAcknowledged.state()).isEqualTo(AlarmState.ACKNOWLEDGED_ACTIVE);
        assertThat(stillAcknowledged.acknowledgedBy()).isEqualTo(OPERATOR.name());
        AlarmRecord stillShelved = second.alarms().alarm(shelved).orElseThrow();
        assertThat(stillShelved.state()).isEqualTo(AlarmState.SHELVED);
        assertThat(stillShelved.shelvedUntil()).isEqualTo(shelvedUntil);
        // past the communication-loss on-delay (10 s): nobody announced the acknowledged alarm
        await()
            .during(Duration.ofSeconds(12))
            .atMost(WAIT)
            .until(
                () ->
                    told.stream()
                        .noneMatch(
                            r ->
                                r.id().equals(acknowledged)
                                    && r.state() == AlarmState.UNACKNOWLEDGED_ACTIVE));
        assertThat(first.alarms().alarm(acknowledged).orElseThrow().state())
            .isEqualTo(AlarmState.ACKNOWLEDGED_ACTIVE);
        assertThat(second.alarms().alarm(shelved).orElseThrow().state())
            .isEqualTo(AlarmState.SHELVED);
      } finally {
        nodes.forEach(HelanServer::close);
      }
    }
  }

  private static String communicationLoss(String device) {
    return device + "/" + AlarmKind.COMMUNICATION_LOSS.name();
  }

  private static AlarmState state(HelanServer node, String alarm) {
    return node.alarms().alarm(alarm).map(AlarmRecord::state).orElse(null);
  }

  /** The alarm's state as the cluster's alarm map holds it, seen from this node. */
  private static AlarmState sharedState(HelanServer node, String alarm) {
    String value =
        node.cluster()
            .orElseThrow()
            .hazelcast()
            .<String, String>getMap(ClusterAlarms.MAP)
            .get(alarm);
    return value == null ? null : JournalEntryJson.record(new JsonObject(value)).state();
  }

  /** The survivor that polls the device once it took it over. */
  private static HelanServer ownerOf(List<HelanServer> survivors, String device) {
    await().atMost(WAIT).until(() -> survivors.stream().anyMatch(n -> owned(n).contains(device)));
    return survivors.stream().filter(n -> owned(n).contains(device)).findFirst().orElseThrow();
  }

  private static Set<String> owned(HelanServer node) {
    return ClusterTestNodes.owned(node);
  }
}
