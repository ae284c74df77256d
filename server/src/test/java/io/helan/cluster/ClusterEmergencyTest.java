package io.helan.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.helan.audit.AuditRecord;
import io.helan.audit.RelayedOrigin;
import io.helan.auth.Role;
import io.helan.config.Site;
import io.helan.config.Station;
import io.helan.historian.QuestDbConsole;
import io.helan.historian.QuestDbEmbedded;
import io.helan.server.HelanServer;
import io.helan.simulator.SimulatedNetwork;
import io.vertx.core.json.JsonObject;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three nodes on loopback: the emergency service lives on one of them, the others relay to it, so
 * an incident declared on one node is the cluster's only one (a second declaration on another node
 * is refused with 409) and it survives the death of the node that held it. A relayed request goes
 * on the holder's audit trail with its client's address, not the relaying connection's.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ClusterEmergencyTest {
  private static final Duration WAIT = Duration.ofSeconds(120);
  private static final String USER = "wang.fang";
  private static final String PASSWORD = "wang.fang-password";
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir Path dir;

  @Test
  void oneIncidentForTheWholeClusterThatOutlivesTheNodeHoldingIt() throws Exception {
    QuestDbConsole console = QuestDbConsole.withGeneratedPassword(0, 0);
    try (QuestDbEmbedded questDb = QuestDbEmbedded.start(dir.resolve("questdb"), console);
        SimulatedNetwork field = SimulatedNetwork.onFreePorts(ClusterTestNodes.smallSite(3))) {
      Site site = field.site();
      String questDbUrl = console.httpUrl(questDb.httpPort()).toString();
      List<HelanServer> nodes =
          new ArrayList<>(ClusterTestNodes.startCluster(site, dir, questDbUrl, 3));
      try {
        nodes.get(0).users().add(USER, PASSWORD, Set.of(Role.COMMANDER));
        await()
            .atMost(WAIT)
            .until(() -> nodes.stream().allMatch(n -> n.users().user(USER).isPresent()));
        await().atMost(WAIT).until(() -> holders(nodes).size() == 1);
        HelanServer holder = holders(nodes).get(0);
        List<HelanServer> others = nodes.stream().filter(n -> n != holder).toList();
        HelanServer first = others.get(0);
        HelanServer second = others.get(1);
        String token = login(first);

        Station station = site.stations().get(0);
        JsonObject declaration =
            new JsonObject()
                .put("drill", true)
                .put("type", "nuclear-facility")
                .put("class", "standby")
                .put("latitude", station.latitude())
                .put("longitude", station.longitude())
                .put("note", "cluster drill");
        // declared on a node that relays it: the holder puts the client's address on record
        RawResponse declared = postFromSocket(first, "/api/incidents", token, declaration);
        assertThat(declared.status()).as(declared.body()).isEqualTo(201);
        String id = new JsonObject(declared.body()).getString("id");
        assertThat(audited(holder, "incident.declare"))
            .singleElement()
            .satisfies(
                r -> {
                  assertThat(r.channel()).isEqualTo("rest");
                  assertThat(r.address()).isEqualTo(declared.clientAddress());
                });
        // an origin header nobody in the cluster signed is ignored: the connection's address stands
        RawResponse forged =
            postFromSocket(
                holder,
                "/api/incidents/current/notes",
                token,
                new JsonObject().put("text", "forged origin"),
                RelayedOrigin.ORIGIN_HEADER,
                System.currentTimeMillis() + " rest 203.0.113.9:4000",
                RelayedOrigin.SIGNATURE_HEADER,
                "00".repeat(32));
        assertThat(forged.status()).as(forged.body()).isLessThan(300);
        assertThat(audited(holder, "incident.note"))
            .singleElement()
            .satisfies(r -> assertThat(r.address()).isEqualTo(forged.clientAddress()));
        assertThat(holder.emergency().current())
            .hasValueSatisfying(i -> assertThat(i.id()).isEqualTo(id));

        HttpResponse<String> again = post(second, "/api/incidents", token, declaration);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(409);
        assertThat(again.body()).contains(id, "is open");
        assertThat(get(second, "/api/incidents/current", token).body()).contains(id);
        assertThat(second.clusterEmergency().orElseThrow().siteChangeRefusal()).isPresent();

        // the holder dies: the incident is still the open one, on the node that takes over
        holder.cluster().orElseThrow().hazelcast().getLifecycleService().terminate();
        holder.close();
        nodes.remove(holder);
        await().atMost(WAIT).until(() -> holders(nodes).size() == 1);
        HelanServer next = holders(nodes).get(0);
        assertThat(next.emergency().current())
            .hasValueSatisfying(i -> assertThat(i.id()).isEqualTo(id));
        for (HelanServer node : nodes) {
          HttpResponse<String> current = get(node, "/api/incidents/current", token);
          assertThat(current.statusCode()).as(current.body()).isEqualTo(200);
          assertThat(current.body()).contains(id);
          HttpResponse<String> refused = post(node, "/api/incidents", token, declaration);
          assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        }
        HelanServer notHolding = nodes.stream().filter(n -> n != next).findFirst().orElseThrow();
        HttpResponse<String> ended =
            post(notHolding, "/api/incidents/current/end", token, new JsonObject());
        assertThat(ended.statusCode()).as(ended.body()).isEqualTo(200);
        assertThat(next.emergency().current()).isEmpty();
      } finally {
        nodes.forEach(HelanServer::close);
      }
    }
  }

  private static List<AuditRecord> audited(HelanServer node, String action) throws Exception {
    return node.audit().read(r -> r.action().equals(action));
  }

  /** An HTTP answer, and the client's address (host:port) as the server saw it. */
  private record RawResponse(int status, String body, String clientAddress) {}

  /**
   * A POST over a socket of the test's own, so that the test knows the client's port the server
   * sees; with extra header name/value pairs.
   */
  private static RawResponse postFromSocket(
      HelanServer node, String path, String token, JsonObject body, String... headers)
      throws Exception {
    byte[] content = body.encode().getBytes(StandardCharsets.UTF_8);
    StringBuilder request =
        new StringBuilder("POST " + path + " HTTP/1.1\r\n")
            .append("Host: 127.0.0.1:" + node.httpPort() + "\r\n")
            .append("Authorization: Bearer " + token + "\r\n")
            .append("Content-Type: application/json\r\n")
            .append("Content-Length: " + content.length + "\r\n")
            .append("Connection: close\r\n");
    for (int i = 0; i < headers.length; i += 2) {
      request.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
    }
    request.append("\r\n");
    try (Socket socket = new Socket("127.0.0.1", node.httpPort())) {
      socket.setSoTimeout(60_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
      out.write(content);
      out.flush();
      String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int status = Integer.parseInt(response.substring(9, 12));
      String answer = response.substring(response.indexOf("\r\n\r\n") + 4);
      return new RawResponse(status, answer, "127.0.0.1:" + socket.getLocalPort());
    }
  }

  private static List<HelanServer> holders(List<HelanServer> nodes) {
    return nodes.stream().filter(n -> n.clusterEmergency().orElseThrow().holder()).toList();
  }

  private static String login(HelanServer node) throws Exception {
    HttpResponse<String> response =
        post(
            node, "/api/login", null, new JsonObject().put("user", USER).put("password", PASSWORD));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return new JsonObject(response.body()).getString("token");
  }

  private static HttpResponse<String> get(HelanServer node, String path, String token)
      throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(uri(node, path))
            .header("Authorization", "Bearer " + token)
            .timeout(Duration.ofSeconds(60))
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> post(
      HelanServer node, String path, String token, JsonObject body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(node, path))
            .header("Content-Type", "application/json")
            .timeout(Duration.ofSeconds(60))
            .POST(HttpRequest.BodyPublishers.ofString(body.encode()));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static URI uri(HelanServer node, String path) {
    return URI.create("http://127.0.0.1:" + node.httpPort() + path);
  }
}
