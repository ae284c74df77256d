package io.helan.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.helan.audit.AuditRecord;
import io.helan.audit.AuditTrail;
import io.helan.auth.DisplayApi;
import io.helan.auth.Role;
import io.helan.auth.UserDirectory;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An administrator adds and revokes wall-display tokens on a running server, over real HTTP and
 * WebSockets on 127.0.0.1: the new token reads site data and opens the live push at once; revoked,
 * it reads nothing more, its open socket is closed, the change survives a reload of the users file,
 * and both steps are audited. Nobody but an administrator may do either.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DisplayApiTest {
  private static final String PASSWORD = "display-test-password";
  private static final String POINT = "bench-0001.rack2.p003";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir static Path dataDir;
  private static PushTestServer server;
  private static AuditTrail audit;

  @BeforeAll
  static void start() throws Exception {
    UserDirectory users = PushTestServer.users(dataDir);
    users.add("wang.operator", PASSWORD, Set.of(Role.OPERATOR));
    audit = AuditTrail.open(dataDir);
    server =
        new PushTestServer(users, PushSettings.defaults(), new DisplayApi(users, audit).routes());
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
    audit.close();
  }

  @Test
  void anAdministratorAddsADisplayWhoseTokenReadsAndRevokesItAtOnce() throws Exception {
    String admin = server.login("admin");

    HttpResponse<String> added = post(admin, "/api/displays", "{\"name\":\"wall-hall-2\"}");
    assertThat(added.statusCode()).isEqualTo(201);
    String token = new JsonObject(added.body()).getString("token");
    assertThat(new JsonObject(added.body()).getString("kiosk")).isEqualTo("/wall?token=" + token);
    assertThat(get(token, "/api/displays").statusCode()).as("a display is no admin").isEqualTo(403);
    assertThat(new JsonObject(get(admin, "/api/displays").body()).getJsonArray("displays"))
        .contains("wall-hall-2");
    assertThat(post(admin, "/api/displays", "{\"name\":\"wall-hall-2\"}").statusCode())
        .isEqualTo(409);
    TestSocket wall = TestSocket.open(server.port(), TestSocket.token(token), null);
    wall.subscribeAll();
    server.write(POINT, 12.5);
    assertThat(wall.next("values")).isNotNull();

    HttpResponse<String> revoked = post(admin, "/api/displays/wall-hall-2/revoke", "");

    assertThat(revoked.statusCode()).isEqualTo(200);
    server.write(POINT, 13.5);
    assertThat(wall.closed.get(10, TimeUnit.SECONDS)).isEqualTo(1008);
    assertThat(TestSocket.refusal(server.port(), TestSocket.token(token), null)).isEqualTo(401);
    assertThat(PushTestServer.users(dataDir).displays()).doesNotContain("wall-hall-2");
    assertThat(post(admin, "/api/displays/wall-hall-2/revoke", "").statusCode()).isEqualTo(404);
    List<AuditRecord> changes =
        audit.read(r -> r.action().startsWith("display.") && r.user().equals("admin"));
    assertThat(changes)
        .extracting(AuditRecord::action, AuditRecord::target)
        .containsExactly(
            tuple("display.add", "wall-hall-2"), tuple("display.revoke", "wall-hall-2"));
  }

  @Test
  void onlyAnAdministratorManagesDisplays() throws Exception {
    String operator = server.login("wang.operator");

    assertThat(get(operator, "/api/displays").statusCode()).isEqualTo(403);
    assertThat(post(operator, "/api/displays", "{\"name\":\"rogue\"}").statusCode()).isEqualTo(403);
    assertThat(post(null, "/api/displays", "{\"name\":\"rogue\"}").statusCode()).isEqualTo(401);
    assertThat(server.users.displays()).doesNotContain("rogue");
  }

  @Test
  void aBadNameIsABadRequest() throws Exception {
    String admin = server.login("admin");

    assertThat(post(admin, "/api/displays", "{\"name\":\"\"}").statusCode()).isEqualTo(400);
    assertThat(post(admin, "/api/displays", "{\"nom\":\"x\"}").statusCode()).isEqualTo(400);
    assertThat(post(admin, "/api/displays", "not json").statusCode()).isEqualTo(400);
  }

  private static HttpResponse<String> get(String token, String path) throws Exception {
    return HTTP.send(request(token, path).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> post(String token, String path, String body)
      throws Exception {
    return HTTP.send(
        request(token, path).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest.Builder request(String token, String path) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json");
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return request;
  }
}
