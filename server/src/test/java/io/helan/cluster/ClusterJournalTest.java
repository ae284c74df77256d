package io.helan.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.helan.alarms.AlarmKind;
import io.helan.alarms.AlarmRecord;
import io.helan.alarms.AlarmState;
import io.helan.alarms.AlarmTransition;
import io.helan.auth.Role;
import io.helan.config.Site;
import io.helan.driver.LinkState;
import io.helan.historian.QuestDbConsole;
import io.helan.historian.QuestDbEmbedded;
import io.helan.historian.QuestDbHttp;
import io.helan.server.HelanServer;
import io.helan.simulator.SimulatedNetwork;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three nodes on loopback sharing one external QuestDB: the alarm journal is one table there. While
 * the QuestDB server is down, two nodes raise alarms and an operator on a third acknowledges one;
 * each node spools its rows and, once the server is back, every row any node made is in the one
 * journal exactly once. Then the alarm map loses the acknowledged alarm's entry and its owner dies:
 * the new owner restores the alarm from the journal, acknowledged, and never announces it again.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ClusterJournalTest {
  private static final Duration WAIT = Duration.ofSeconds(120);
  private static final String USER = "li.ming";
  private static final String PASSWORD = "li.ming-password";
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir Path dir;

  @Test
  void oneJournalThatBridgesAnOutageAndRestoresTheAlarmsOfADeadNodesDevices() throws Exception {
    QuestDbConsole console = QuestDbConsole.withGeneratedPassword(0, 0);
    Path questDbDir = dir.resolve("questdb");
    QuestDbEmbedded questDb = QuestDbEmbedded.start(questDbDir, console);
    int questDbPort = questDb.httpPort();
    URI questDbUrl = console.httpUrl(questDbPort);
    try (SimulatedNetwork field = SimulatedNetwork.onFreePorts(ClusterTestNodes.smallSite(6))) {
      Site site = field.site();
      List<HelanServer> nodes =
          new ArrayList<>(ClusterTestNodes.startCluster(site, dir, questDbUrl.toString(), 3));
      try {
        nodes.get(0).users().add(USER, PASSWORD, Set.of(Role.OPERATOR));
        await()
            .atMost(WAIT)
            .until(
                () ->
                    nodes.stream().allMatch(n -> n.users().user(USER).isPresent())
                        && ClusterTestNodes.everyDeviceOwnedAndConnected(nodes, site));
        Map<HelanServer, Queue<AlarmTransition>> made = new HashMap<>();
        for (HelanServer node : nodes) {
          Queue<AlarmTransition> transitions = new ConcurrentLinkedQueue<>();
          node.alarms().addTransitionListener(transitions::add);
          made.put(node, transitions);
        }
        List<HelanServer> polling =
            nodes.stream().filter(n -> !ClusterTestNodes.owned(n).isEmpty()).toList();
        HelanServer first = polling.get(0);
        HelanServer second = polling.get(1);
        String firstDevice = ClusterTestNodes.owned(first).iterator().next();
        String secondDevice = ClusterTestNodes.owned(second).iterator().next();
        String acknowledged = communicationLoss(firstDevice);
        String raised = communicationLoss(secondDevice);
        HelanServer elsewhere = nodes.stream().filter(n -> n != first).findFirst().orElseThrow();
        String token = login(elsewhere);

        // the shared QuestDB goes away; alarms are raised and acknowledged meanwhile
        questDb.close();
        for (String device : List.of(firstDevice, secondDevice)) {
          field.stopStation(site.device(device).orElseThrow().stationId());
        }
        await()
            .atMost(WAIT)
            .until(
                () ->
                    state(first, acknowledged) == AlarmState.UNACKNOWLEDGED_ACTIVE
                        && state(second, raised) == AlarmState.UNACKNOWLEDGED_ACTIVE);
        HttpResponse<String> acknowledge =
            post(
                elsewhere,
                "/api/alarms/" + acknowledged + "/acknowledge",
                token,
                new JsonObject().put("comment", "seen during the outage"));
        assertThat(acknowledge.statusCode()).as(acknowledge.body()).isEqualTo(200);
        await()
            .atMost(WAIT)
            .until(
                () ->
                    first.alarmJournal().spooled() > 0
                        && second.alarmJournal().spooled() > 0
                        && made.get(first).stream()
                            .anyMatch(t -> t.alarm().state() == AlarmState.ACKNOWLEDGED_ACTIVE));

        // back: every node's spool goes into the one journal, each row once
        questDb =
            QuestDbEmbedded.start(
                questDbDir, new QuestDbConsole(questDbPort, 0, console.user(), console.password()));
        for (HelanServer node : nodes) {
          await().atMost(WAIT).until(() -> node.alarmJournal().spooled() == 0);
          node.alarms().flush().get(60, TimeUnit.SECONDS);
        }
        Map<String, Long> journal = journalRows(questDbUrl);
        assertThat(journal.values()).as("rows written more than once").allMatch(c -> c == 1);
        for (HelanServer node : nodes) {
          for (AlarmTransition transition : made.get(node)) {
            assertThat(journal).containsKey(key(transition));
          }
        }
        assertThat(made.get(first)).anyMatch(t -> t.alarm().id().equals(acknowledged));
        assertThat(made.get(second)).anyMatch(t -> t.alarm().id().equals(raised));

        // the map loses the alarm and its owner dies: the new owner takes it from the journal
        first
            .cluster()
            .orElseThrow()
            .hazelcast()
            .<String, String>getMap(ClusterAlarms.MAP)
            .delete(acknowledged);
        List<HelanServer> survivors = nodes.stream().filter(n -> n != first).toList();
        Queue<AlarmRecord> told = new ConcurrentLinkedQueue<>();
        survivors.forEach(node -> node.alarms().addListener(told::add));
        first.cluster().orElseThrow().hazelcast().getLifecycleService().terminate();
        first.close();
        nodes.remove(first);

        await()
            .atMost(WAIT)
            .until(
                () ->
                    survivors.stream()
                        .anyMatch(n -> ClusterTestNodes.owned(n).contains(firstDevice)));
        HelanServer owner =
            survivors.stream()
                .filter(n -> ClusterTestNodes.owned(n).contains(firstDevice))
                .findFirst()
                .orElseThrow();
        await()
            .atMost(WAIT)
            .until(() -> owner.links().state(firstDevice) == LinkState.DISCONNECTED);
        AlarmRecord restored = owner.alarms().alarm(acknowledged).orElseThrow();
        assertThat(restored.state()).isEqualTo(AlarmState.ACKNOWLEDGED_ACTIVE);
        assertThat(restored.acknowledgedBy()).isEqualTo(USER);
        // past the communication-loss on-delay (10 s): nobody announced it again
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
        assertThat(owner.alarms().alarm(acknowledged).orElseThrow().state())
            .isEqualTo(AlarmState.ACKNOWLEDGED_ACTIVE);
      } finally {
        nodes.forEach(HelanServer::close);
      }
    } finally {
      questDb.close();
    }
  }

  /** Each (alarm, time, state) of the shared journal with the number of rows it has. */
  private static Map<String, Long> journalRows(URI questDbUrl) {
    JsonArray rows =
        new QuestDbHttp(questDbUrl)
            .exec("SELECT alarm_id, ts, state, count() n FROM alarm_journal");
    Map<String, Long> byKey = new HashMap<>();
    for (int i = 0; i < rows.size(); i++) {
      JsonArray row = rows.getJsonArray(i);
      byKey.put(
          row.getString(0) + " " + Instant.parse(row.getString(1)) + " " + row.getString(2),
          row.getLong(3));
    }
    return byKey;
  }

  private static String key(AlarmTransition transition) {
    return transition.alarm().id() + " " + transition.time() + " " + transition.alarm().state();
  }

  private static String communicationLoss(String device) {
    return device + "/" + AlarmKind.COMMUNICATION_LOSS.name();
  }

  private static AlarmState state(HelanServer node, String alarm) {
    return node.alarms().alarm(alarm).map(AlarmRecord::state).orElse(null);
  }

  private static String login(HelanServer node) throws Exception {
    HttpResponse<String> response =
        post(
            node, "/api/login", null, new JsonObject().put("user", USER).put("password", PASSWORD));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return new JsonObject(response.body()).getString("token");
  }

  private static HttpResponse<String> post(
      HelanServer node, String path, String token, JsonObject body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort() + path))
            .header("Content-Type", "application/json")
            .timeout(Duration.ofSeconds(60))
            .POST(HttpRequest.BodyPublishers.ofString(body.encode()));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
