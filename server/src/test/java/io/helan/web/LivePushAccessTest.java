package io.helan.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.helan.auth.Role;
import io.helan.auth.UserDirectory;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who gets a live-push socket, over real WebSockets on 127.0.0.1: no one and forged tokens are
 * refused before the upgrade, every role may read, a user without a role may not, the caps hold,
 * and a socket whose session ends is closed.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LivePushAccessTest {
  private static final String PASSWORD = "push-test-password";
  private static final String POINT = "bench-0001.rack2.p003";

  @TempDir static Path dataDir;
  private static PushTestServer server;
  private final List<TestSocket> opened = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    UserDirectory users = PushTestServer.users(dataDir);
    users.add("zhao.viewer", PASSWORD, Set.of(Role.VIEWER));
    users.add("wang.operator", PASSWORD, Set.of(Role.OPERATOR));
    users.add("li.maintainer", PASSWORD, Set.of(Role.MAINTAINER));
    users.add("ma.commander", PASSWORD, Set.of(Role.COMMANDER));
    addUserWithoutRoles(users.file(), "nobody");
    server =
        new PushTestServer(PushTestServer.users(dataDir), PushSettings.defaults().withCaps(3, 2));
  }

  /** A hand-edited users.json can hold a user with no role; the directory loads it as it is. */
  private static void addUserWithoutRoles(Path file, String name) throws Exception {
    JsonObject json = new JsonObject(Files.readString(file));
    JsonArray list = json.getJsonArray("users");
    String hash = list.getJsonObject(0).getString("password");
    list.add(
        new JsonObject().put("name", name).put("roles", new JsonArray()).put("password", hash));
    Files.writeString(file, json.encodePrettily(), StandardCharsets.UTF_8);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @AfterEach
  void closeSockets() {
    opened.forEach(TestSocket::close);
    await().atMost(Duration.ofSeconds(10)).until(() -> server.gauge("helan.push.clients") == 0);
  }

  private TestSocket open(String query, String authorization) throws Exception {
    TestSocket socket = TestSocket.open(server.port(), query, authorization);
    opened.add(socket);
    return socket;
  }

  @Test
  void noTokenAndForgedTokensAreRefusedBeforeTheUpgrade() throws Exception {
    String forged = "Q2hhbmdlTWUtdGhpcy1pcy1ub3QtYS1zZXNzaW9uLXRva2Vu";
    assertThat(TestSocket.refusal(server.port(), null, null)).isEqualTo(401);
    assertThat(TestSocket.refusal(server.port(), TestSocket.token(forged), null)).isEqualTo(401);
    assertThat(TestSocket.refusal(server.port(), null, "Bearer " + forged)).isEqualTo(401);
    assertThat(TestSocket.refusal(server.port(), "token=", null)).isEqualTo(401);
    assertThat(plainGet(null).statusCode()).isEqualTo(401);
  }

  @Test
  void aUserWithoutARoleIsForbidden() throws Exception {
    String token = server.login("nobody");

    assertThat(TestSocket.refusal(server.port(), TestSocket.token(token), null)).isEqualTo(403);
  }

  @Test
  void aRequestThatIsNoUpgradeIsABadRequest() throws Exception {
    HttpResponse<String> answer = plainGet(server.login("zhao.viewer"));

    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(new JsonObject(answer.body()).getString("error")).contains("WebSocket");
  }

  @Test
  void everyRoleReadsValuesAndEventsWithTheTokenInTheQueryOrTheHeader() throws Exception {
    for (String user :
        List.of("zhao.viewer", "wang.operator", "li.maintainer", "ma.commander", "admin")) {
      String token = server.login(user);
      TestSocket byQuery = open(TestSocket.token(token), null);
      TestSocket byHeader = open(null, "Bearer " + token);
      for (TestSocket socket : List.of(byQuery, byHeader)) {
        socket.subscribeAll();
      }
      double value = 10 + opened.size();
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () -> {
                server.write(POINT, value);
                for (TestSocket socket : List.of(byQuery, byHeader)) {
                  assertThat(socket.nextValues()).as(user).containsEntry(POINT, value);
                }
              });
      server.web.broadcast(new JsonObject().put("type", "alarm").put("id", "a-" + user).encode());
      for (TestSocket socket : List.of(byQuery, byHeader)) {
        assertThat(socket.next("alarm").getString("id")).as(user).isEqualTo("a-" + user);
      }
      byQuery.close();
      byHeader.close();
      await().atMost(Duration.ofSeconds(10)).until(() -> server.gauge("helan.push.clients") == 0);
    }
  }

  @Test
  void socketsAreCappedPerUserAndInAll() throws Exception {
    String viewer = server.login("zhao.viewer");
    String otherViewerSession = server.login("zhao.viewer");
    String operator = server.login("wang.operator");
    open(TestSocket.token(viewer), null);
    open(TestSocket.token(otherViewerSession), null);

    assertThat(TestSocket.refusal(server.port(), TestSocket.token(viewer), null))
        .as("a third socket of the same user, from any of its sessions")
        .isEqualTo(429);
    open(TestSocket.token(operator), null);
    assertThat(TestSocket.refusal(server.port(), TestSocket.token(operator), null))
        .as("a fourth socket in all")
        .isEqualTo(503);

    opened.remove(0).close();
    await().atMost(Duration.ofSeconds(10)).until(() -> server.gauge("helan.push.clients") == 2);
    open(TestSocket.token(operator), null);
  }

  @Test
  void aSocketWhoseSessionEndsIsClosedWithPolicyViolation() throws Exception {
    String token = server.login("wang.operator");
    TestSocket socket = open(TestSocket.token(token), null);
    socket.subscribeAll();

    server.sessions.close(token);

    assertThat(socket.closed.get(10, TimeUnit.SECONDS)).isEqualTo(1008);
    server.write(POINT, 99);
    assertThat(socket.messages.poll(1, TimeUnit.SECONDS)).isNull();
  }

  private static HttpResponse<String> plainGet(String token) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/ws"))
            .timeout(Duration.ofSeconds(10));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HttpClient.newHttpClient()
        .send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
  }
}
