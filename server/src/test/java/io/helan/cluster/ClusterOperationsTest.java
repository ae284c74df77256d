package io.helan.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.helan.audit.AuditRecord;
import io.helan.auth.Role;
import io.helan.config.DataType;
import io.helan.config.Device;
import io.helan.config.Point;
import io.helan.config.Site;
import io.helan.historian.QuestDbConsole;
import io.helan.historian.QuestDbEmbedded;
import io.helan.opcua.OpcUaTestClient;
import io.helan.server.HelanServer;
import io.helan.simulator.SimulatedNetwork;
import io.helan.web.TestSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaMonitoredItem;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaSubscription;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * One three-node cluster on loopback (six air stations played by their simulators, an external
 * QuestDB), shared by the tests in order: a login on one node works on the others over REST and
 * WebSocket and a logout on any ends it; a command selected on one node and operated on another
 * runs once, on the device's owner, and every node shows it; the OPC UA server of every node shows
 * the other nodes' devices live (link states and subscribed values); an alarm of one node's device
 * is listed by every node and acknowledged and shelved from the others, by its owner's engine;
 * last, the owner dies with the command in flight and it becomes UNKNOWN everywhere without being
 * sent again, and when a second node dies the last one refuses commands.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterOperationsTest {
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final String USER = "li.ming";
  private static final String PASSWORD = "li.ming-password";
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private static Path dir;
  private static QuestDbEmbedded questDb;
  private static SimulatedNetwork field;
  private static Site site;
  private static final List<HelanServer> nodes = new ArrayList<>();

  @BeforeAll
  static void startCluster() throws Exception {
    dir = Files.createTempDirectory("helan-cluster-ops");
    QuestDbConsole console = QuestDbConsole.withGeneratedPassword(0, 0);
    questDb = QuestDbEmbedded.start(dir.resolve("questdb"), console);
    field = SimulatedNetwork.onFreePorts(ClusterTestNodes.smallSite(6));
    site = field.site();
    String questDbUrl = console.httpUrl(questDb.httpPort()).toString();
    nodes.addAll(ClusterTestNodes.startCluster(site, dir, questDbUrl, 3));
    // a user added on one running node is every node's
    nodes.get(0).users().add(USER, PASSWORD, Set.of(Role.MAINTAINER));
    await()
        .atMost(WAIT)
        .until(() -> nodes.stream().allMatch(n -> n.users().user(USER).isPresent()));
  }

  @AfterAll
  static void stopCluster() throws Exception {
    nodes.forEach(HelanServer::close);
    if (field != null) {
      field.close();
    }
    if (questDb != null) {
      questDb.close();
    }
  }

  @Test
  @Order(1)
  void aLoginOnOneNodeSignsInOnEveryNodeAndALogoutEndsItEverywhere() throws Exception {
    String token = login(nodes.get(0));
    assertThat(get(nodes.get(1), "/api/me", token).statusCode()).isEqualTo(200);
    TestSocket socket = TestSocket.open(nodes.get(2).httpPort(), TestSocket.token(token), null);
    socket.close();

    assertThat(post(nodes.get(1), "/api/logout", token, "").statusCode()).isEqualTo(204);
    assertThat(get(nodes.get(0), "/api/me", token).statusCode()).isEqualTo(401);
    assertThat(get(nodes.get(2), "/api/me", token).statusCode()).isEqualTo(401);
    assertThat(TestSocket.refusal(nodes.get(2).httpPort(), TestSocket.token(token), null))
        .isEqualTo(401);
  }

  /** Set by the command test for the last one: a calibration in its effect period. */
  private static String inFlight;

  private static HelanServer owner;

  /** The device of that command. */
  private static String commandDevice;

  @Test
  @Order(2)
  void aCommandSelectedOnOneNodeAndOperatedOnAnotherRunsOnceOnTheOwner() throws Exception {
    await().atMost(WAIT).until(ClusterOperationsTest::everyDeviceOwnedAndConnected);
    owner = nodes.stream().filter(n -> !owned(n).isEmpty()).findFirst().orElseThrow();
    String device = owned(owner).iterator().next();
    commandDevice = device;
    List<HelanServer> others = nodes.stream().filter(n -> n != owner).toList();
    HelanServer selecting = others.get(0);
    HelanServer operating = others.get(1);
    String token = login(selecting);
    TestSocket watching = TestSocket.open(operating.httpPort(), TestSocket.token(token), null);
    try {
      HttpResponse<String> selected =
          post(
              selecting,
              "/api/commands",
              token,
              new JsonObject()
                  .put("device", device)
                  .put("command", "zero-calibration")
                  .put("parameters", new JsonObject().put("durationSeconds", 600))
                  .encode());
      assertThat(selected.statusCode()).as(selected.body()).isEqualTo(201);
      String id = new JsonObject(selected.body()).getString("id");

      HttpResponse<String> operated =
          post(operating, "/api/commands/" + id + "/operate", token, "");
      assertThat(operated.statusCode()).as(operated.body()).isEqualTo(200);
      assertThat(new JsonObject(operated.body()).getString("state")).isEqualTo("ACKNOWLEDGED");
      // what reached the device cannot be called back, from any node: the owner's refusal as such
      HttpResponse<String> cancelled =
          post(selecting, "/api/commands/" + id + "/cancel", token, "");
      assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(409);

      // decided and sent by the owner alone, once
      assertThat(owner.commands().command(id)).isPresent();
      for (HelanServer other : others) {
        assertThat(other.commands().command(id)).isEmpty();
      }
      assertThat(audited(nodes, id, "command.operate")).hasSize(1);
      assertThat(audited(List.of(owner), id, "command.operate")).hasSize(1);
      // the device is in calibration (C) as on a single server
      assertThat(owner.ingest().deviceModes().mode(device).name()).isEqualTo("CALIBRATION");

      // every node shows it, and the WebSocket of a node that did not run it pushed it
      for (HelanServer node : nodes) {
        await()
            .atMost(WAIT)
            .until(() -> "ACKNOWLEDGED".equals(command(node, id, token).getString("state")));
      }
      await()
          .atMost(WAIT)
          .until(
              () ->
                  watching.messages.stream()
                      .anyMatch(
                          m ->
                              "command".equals(m.getString("type"))
                                  && id.equals(m.getString("id"))
                                  && "ACKNOWLEDGED".equals(m.getString("state"))));
      inFlight = id;
    } finally {
      watching.close();
    }
  }

  @Test
  @Order(3)
  void theOpcUaServerOfEveryNodeShowsEveryNodesDevicesLive() throws Exception {
    await().atMost(WAIT).until(ClusterOperationsTest::everyDeviceOwnedAndConnected);
    for (HelanServer node : nodes) {
      HelanServer other =
          nodes.stream().filter(n -> n != node && !owned(n).isEmpty()).findFirst().orElseThrow();
      String device = owned(other).iterator().next();
      Point point =
          site.points().stream()
              .filter(
                  p ->
                      p.deviceId().equals(device)
                          && p.dataType() != DataType.UINT16
                          && p.dataType() != DataType.BOOL)
              .findFirst()
              .orElseThrow();
      OpcUaClient client = OpcUaTestClient.anonymous(node.opcUaEndpoint());
      OpcUaSubscription subscription = new OpcUaSubscription(client, 100.0);
      try {
        int ns = client.getNamespaceTable().getIndex("urn:helan:site:" + site.id()).intValue();
        await()
            .atMost(WAIT)
            .until(
                () ->
                    "CONNECTED"
                        .equals(
                            client
                                .readValue(
                                    0,
                                    TimestampsToReturn.Neither,
                                    new NodeId(ns, device + "#LinkState"))
                                .value()
                                .value()));
        Set<DateTime> received = ConcurrentHashMap.newKeySet();
        subscription.create();
        OpcUaMonitoredItem item = OpcUaMonitoredItem.newDataItem(new NodeId(ns, point.id()));
        item.setDataValueListener((i, value) -> received.add(value.sourceTime()));
        subscription.addMonitoredItem(item);
        subscription.synchronizeMonitoredItems();
        // pushed by the point's owner through this node: a new sample every poll
        await().atMost(WAIT).until(() -> received.size() >= 3);
      } finally {
        subscription.delete();
        client.disconnect();
      }
    }
  }

  @Test
  @Order(4)
  void anAlarmOfOneNodesDeviceIsShownAndHandledFromTheOthers() throws Exception {
    await().atMost(WAIT).until(ClusterOperationsTest::everyDeviceOwnedAndConnected);
    HelanServer alarmOwner =
        nodes.stream()
            .filter(n -> owned(n).stream().anyMatch(d -> !d.equals(commandDevice)))
            .findFirst()
            .orElseThrow();
    String device =
        owned(alarmOwner).stream().filter(d -> !d.equals(commandDevice)).findFirst().orElseThrow();
    String station = site.device(device).orElseThrow().stationId();
    List<HelanServer> others = nodes.stream().filter(n -> n != alarmOwner).toList();
    String token = login(others.get(0));
    field.stopStation(station);
    try {
      // raised by the owner after its on-delay, listed by every node
      String id = null;
      for (HelanServer node : nodes) {
        await().atMost(WAIT).until(() -> communicationLoss(node, device, token) != null);
        id = communicationLoss(node, device, token).getString("id");
      }
      String alarm = id;
      assertThat(communicationLoss(others.get(0), device, token).getString("state"))
          .isEqualTo("UNACKNOWLEDGED_ACTIVE");

      HttpResponse<String> acknowledged =
          post(
              others.get(0),
              "/api/alarms/" + alarm + "/acknowledge",
              token,
              new JsonObject().put("comment", "seen on another node").encode());
      assertThat(acknowledged.statusCode()).as(acknowledged.body()).isEqualTo(200);
      assertThat(new JsonObject(acknowledged.body()).getString("state"))
          .isEqualTo("ACKNOWLEDGED_ACTIVE");
      // applied and audited by the owner's engine, not by the node asked
      assertThat(alarmOwner.alarms().alarm(alarm).orElseThrow().state().name())
          .isEqualTo("ACKNOWLEDGED_ACTIVE");
      assertThat(alarmActions(alarmOwner, alarm, "alarm.acknowledge")).hasSize(1);
      assertThat(alarmActions(others.get(0), alarm, "alarm.acknowledge")).isEmpty();

      HttpResponse<String> shelved =
          post(
              others.get(1),
              "/api/alarms/" + alarm + "/shelve",
              token,
              new JsonObject().put("minutes", 10).put("reason", "analyser swapped").encode());
      assertThat(shelved.statusCode()).as(shelved.body()).isEqualTo(200);
      for (HelanServer node : nodes) {
        await()
            .atMost(WAIT)
            .until(
                () -> "SHELVED".equals(communicationLoss(node, device, token).getString("state")));
      }
      // a refusal of the owner's rules comes back as such: shelving needs a reason
      HttpResponse<String> noReason =
          post(
              others.get(0),
              "/api/alarms/" + alarm + "/shelve",
              token,
              new JsonObject().put("minutes", 5).encode());
      assertThat(noReason.statusCode()).as(noReason.body()).isEqualTo(400);
    } finally {
      field.startStation(station);
    }
  }

  /** The communication-loss alarm of the device in a node's alarm list, or null. */
  private static JsonObject communicationLoss(HelanServer node, String device, String token)
      throws Exception {
    HttpResponse<String> response = get(node, "/api/alarms", token);
    assertThat(response.statusCode()).isEqualTo(200);
    JsonArray alarms = new JsonArray(response.body());
    for (int i = 0; i < alarms.size(); i++) {
      JsonObject alarm = alarms.getJsonObject(i);
      if (device.equals(alarm.getString("source"))
          && "COMMUNICATION_LOSS".equals(alarm.getString("kind"))) {
        return alarm;
      }
    }
    return null;
  }

  private static List<AuditRecord> alarmActions(HelanServer server, String alarm, String action)
      throws Exception {
    return server.audit().read(r -> r.action().equals(action) && r.target().equals(alarm));
  }

  @Test
  @Order(99)
  void aCommandInFlightOnADyingNodeBecomesUnknownAndAMinorityRefusesCommands() throws Exception {
    assertThat(inFlight).as("the command test ran first").isNotNull();
    String token = login(nodes.stream().filter(node -> node != owner).findFirst().orElseThrow());
    owner.cluster().orElseThrow().hazelcast().getLifecycleService().terminate();
    owner.close();
    nodes.remove(owner);
    for (HelanServer node : nodes) {
      await()
          .atMost(WAIT)
          .until(() -> "UNKNOWN".equals(command(node, inFlight, token).getString("state")));
    }
    // one survivor ended it and audited that; nobody sent it again
    assertThat(audited(nodes, inFlight, "command.unknown")).hasSize(1);
    assertThat(audited(nodes, inFlight, "command.operate")).isEmpty();

    HelanServer last = nodes.get(1);
    nodes.get(0).cluster().orElseThrow().hazelcast().getLifecycleService().terminate();
    nodes.get(0).close();
    nodes.remove(0);
    await().atMost(WAIT).until(() -> !last.ownership().orElseThrow().inMajority());
    Device device = site.devices().get(0);
    HttpResponse<String> refused =
        post(
            last,
            "/api/commands",
            token,
            new JsonObject()
                .put("device", device.id())
                .put("command", "zero-calibration")
                .put("parameters", new JsonObject().put("durationSeconds", 60))
                .encode());
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
    assertThat(refused.body()).contains("majority");
  }

  private static Set<String> owned(HelanServer node) {
    return ClusterTestNodes.owned(node);
  }

  private static boolean everyDeviceOwnedAndConnected() {
    return ClusterTestNodes.everyDeviceOwnedAndConnected(nodes, site);
  }

  private static List<AuditRecord> audited(List<HelanServer> servers, String id, String action)
      throws Exception {
    List<AuditRecord> found = new ArrayList<>();
    for (HelanServer server : servers) {
      found.addAll(server.audit().read(r -> r.action().equals(action) && r.detail().contains(id)));
    }
    return found;
  }

  private static JsonObject command(HelanServer node, String id, String token) throws Exception {
    HttpResponse<String> response = get(node, "/api/commands/" + id, token);
    return response.statusCode() == 200 ? new JsonObject(response.body()) : new JsonObject();
  }

  private static String login(HelanServer node) throws Exception {
    HttpResponse<String> response =
        post(
            node,
            "/api/login",
            null,
            new JsonObject().put("user", USER).put("password", PASSWORD).encode());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return new JsonObject(response.body()).getString("token");
  }

  private static HttpResponse<String> get(HelanServer node, String path, String token)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(node, path)).GET();
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(
        request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> post(HelanServer node, String path, String token, String body)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(node, path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(
        request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static URI uri(HelanServer node, String path) {
    return URI.create("http://127.0.0.1:" + node.httpPort() + path);
  }
}
