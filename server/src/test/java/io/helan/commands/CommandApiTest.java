package io.helan.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.helan.auth.AuthApi;
import io.helan.auth.BearerAuth;
import io.helan.auth.DemoUsers;
import io.helan.auth.LoginThrottle;
import io.helan.auth.PasswordHasher;
import io.helan.auth.Sessions;
import io.helan.auth.UserDirectory;
import io.helan.http.Route;
import io.helan.web.RouteTable;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Login, roles and the command lifecycle over REST, on a real Vert.x HTTP server. */
class CommandApiTest {
  @TempDir static Path dataDir;
  static CommandTestbed bed;
  static Vertx vertx;
  static HttpClient http;
  static String base;
  static final List<JsonObject> pushed = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    bed = CommandTestbed.start(dataDir, CommandSettings.defaults());
    bed.commands.addListener(record -> pushed.add(CommandJson.message(record)));
    UserDirectory users =
        UserDirectory.open(
            dataDir, PasswordHasher.DEFAULT, new PrintStream(new ByteArrayOutputStream()));
    DemoUsers.apply(users, true);
    Sessions sessions = new Sessions(users, Sessions.DEFAULT_IDLE_TIMEOUT);
    vertx = Vertx.vertx();
    List<Route> routes = new ArrayList<>();
    routes.addAll(
        new AuthApi(
                users,
                sessions,
                bed.audit,
                Sessions.DEFAULT_IDLE_TIMEOUT,
                new LoginThrottle(LoginThrottle.Settings.defaults()))
            .routes());
    routes.addAll(new CommandApi(bed.site, bed.commands).routes());
    Router router = new RouteTable(routes).router(vertx, new BearerAuth(sessions, users, null));
    HttpServer server =
        vertx
            .createHttpServer()
            .requestHandler(router)
            .listen(0, "127.0.0.1")
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
    base = "http://127.0.0.1:" + server.actualPort();
    http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  @AfterAll
  static void stop() throws Exception {
    if (vertx != null) {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
    if (bed != null) {
      bed.close();
    }
  }

  @Test
  void loginTellsNothingButThatItFailed() throws Exception {
    HttpResponse<String> wrongPassword = post("/api/login", null, login("maintainer", "guess"));
    HttpResponse<String> unknownUser = post("/api/login", null, login("nobody", "guess"));
    assertThat(wrongPassword.statusCode()).isEqualTo(401);
    assertThat(unknownUser.statusCode()).isEqualTo(401);
    assertThat(new JsonObject(wrongPassword.body()).getString("error"))
        .isEqualTo("wrong user name or password");
    assertThat(unknownUser.body()).isEqualTo(wrongPassword.body());
    assertThat(post("/api/login", null, "{not json").statusCode()).isEqualTo(400);
    assertThat(post("/api/login", null, "{\"user\": 1}").statusCode()).isEqualTo(400);
  }

  @Test
  void everyCommandRouteNeedsALiveSession() throws Exception {
    assertThat(get("/api/commands", null).statusCode()).isEqualTo(401);
    assertThat(get("/api/commands", "made-up-token").statusCode()).isEqualTo(401);
    String token = token("viewer", "viewer-demo");
    assertThat(get("/api/commands", token).statusCode()).isEqualTo(200);
    assertThat(get("/api/me?token=" + token, null).statusCode()).isEqualTo(401);
    HttpResponse<String> me = get("/api/me", token);
    assertThat(new JsonObject(me.body()).getJsonArray("roles")).containsExactly("VIEWER");
    assertThat(post("/api/logout", token, "").statusCode()).isEqualTo(204);
    assertThat(get("/api/commands", token).statusCode()).isEqualTo(401);
  }

  @Test
  void maintainerCalibratesOverRestWhileViewerAndCommanderAreRefused() throws Exception {
    String rack = bed.airRack.id();
    String viewer = token("viewer", "viewer-demo");
    String maintainer = token("maintainer", "maintainer-demo");
    String commander = token("commander", "commander-demo");

    JsonArray offered = new JsonArray(get("/api/devices/" + rack + "/commands", viewer).body());
    JsonObject zero = find(offered, "zero-calibration");
    assertThat(zero.getString("role")).isEqualTo("MAINTAINER");
    assertThat(zero.getJsonArray("parameters").getJsonObject(0).getString("name"))
        .isEqualTo("durationSeconds");
    assertThat(get("/api/devices/nowhere/commands", viewer).statusCode()).isEqualTo(404);

    String request =
        new JsonObject()
            .put("device", rack)
            .put("command", "zero-calibration")
            .put("parameters", new JsonObject().put("durationSeconds", 2))
            .encode();
    HttpResponse<String> byViewer = post("/api/commands", viewer, request);
    assertThat(byViewer.statusCode()).isEqualTo(403);
    assertThat(new JsonObject(byViewer.body()).getJsonObject("command").getString("state"))
        .isEqualTo("REFUSED");

    HttpResponse<String> selected = post("/api/commands", maintainer, request);
    assertThat(selected.statusCode()).isEqualTo(201);
    JsonObject command = new JsonObject(selected.body());
    String id = command.getString("id");
    assertThat(command.getString("state")).isEqualTo("SELECTED");
    assertThat(command.getString("channel")).isEqualTo("rest");
    assertThat(command.getString("address")).startsWith("127.0.0.1:");

    HttpResponse<String> busy = post("/api/commands", maintainer, request);
    assertThat(busy.statusCode()).isEqualTo(409);
    assertThat(new JsonObject(busy.body()).getString("error")).contains("is busy");

    HttpResponse<String> byCommander = post("/api/commands/" + id + "/operate", commander, "");
    assertThat(byCommander.statusCode()).isEqualTo(403);

    HttpResponse<String> operated = post("/api/commands/" + id + "/operate", maintainer, "");
    assertThat(operated.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(operated.body()).getString("state")).isEqualTo("ACKNOWLEDGED");
    HttpResponse<String> again = post("/api/commands/" + id + "/operate", maintainer, "");
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(post("/api/commands/" + id + "/cancel", maintainer, "").statusCode()).isEqualTo(409);

    bed.awaitState(id, CommandState.COMPLETED, Duration.ofSeconds(8));
    assertThat(new JsonObject(get("/api/commands/" + id, viewer).body()).getString("state"))
        .isEqualTo("COMPLETED");
    JsonArray recent = new JsonArray(get("/api/commands?limit=2", viewer).body());
    assertThat(recent.getJsonObject(0).getString("state")).isEqualTo("REFUSED"); // the busy one
    assertThat(recent.getJsonObject(1).getString("id")).isEqualTo(id);
    assertThat(get("/api/commands?limit=lots", viewer).statusCode()).isEqualTo(400);
    assertThat(get("/api/commands/no-such-id", viewer).statusCode()).isEqualTo(404);

    assertThat(
            pushed.stream()
                .filter(m -> id.equals(m.getString("id")))
                .map(m -> m.getString("type") + ":" + m.getString("state"))
                .toList())
        .containsExactly(
            "command:SELECTED", "command:SENT", "command:ACKNOWLEDGED", "command:COMPLETED");
  }

  @Test
  void malformedCommandRequestsGetAClearError() throws Exception {
    String maintainer = token("maintainer", "maintainer-demo");
    HttpResponse<String> notNumber =
        post(
            "/api/commands",
            maintainer,
            "{\"device\":\""
                + bed.airRack.id()
                + "\",\"command\":\"zero-calibration\","
                + "\"parameters\":{\"durationSeconds\":\"two\"}}");
    assertThat(notNumber.statusCode()).isEqualTo(400);
    assertThat(notNumber.body()).contains("must be a number");
    assertThat(post("/api/commands", maintainer, "[1,2]").statusCode()).isEqualTo(400);
    assertThat(post("/api/commands", maintainer, "{\"device\":\"x\"}").statusCode()).isEqualTo(400);
    HttpResponse<String> unknown =
        post("/api/commands", maintainer, "{\"device\":\"x.y\",\"command\":\"z\"}");
    assertThat(unknown.statusCode()).isEqualTo(404);
  }

  private static JsonObject find(JsonArray array, String id) {
    for (int i = 0; i < array.size(); i++) {
      if (id.equals(array.getJsonObject(i).getString("id"))) {
        return array.getJsonObject(i);
      }
    }
    throw new AssertionError("no " + id + " in " + array);
  }

  private static String login(String user, String password) {
    return new JsonObject().put("user", user).put("password", password).encode();
  }

  private static String token(String user, String password) throws Exception {
    HttpResponse<String> response = post("/api/login", null, login(user, password));
    assertThat(response.statusCode()).isEqualTo(200);
    return new JsonObject(response.body()).getString("token");
  }

  private static HttpResponse<String> get(String path, String token) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(15));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> post(String path, String token, String body)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(15))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
