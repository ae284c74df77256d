package io.helan.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.helan.audit.AuditTrail;
import io.helan.auth.AuthApi;
import io.helan.auth.BearerAuth;
import io.helan.auth.LoginThrottle;
import io.helan.auth.Role;
import io.helan.auth.Sessions;
import io.helan.auth.UserDirectory;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * In a cluster the login sessions are a Hazelcast map, whose calls wait for the network and, while
 * a dead member's partitions migrate, for seconds (a login right after a member died once timed
 * out). So no session is looked up, opened or closed on an event loop: a login, a REST request, a
 * live socket's upgrade and its frames, and a logout, against a session map that notes every call
 * made on an event-loop thread.
 */
class SessionsOffTheEventLoopTest {
  private static final String USER = "wang.operator";
  private static final String PASSWORD = "wang.operator-password";

  @TempDir Path dir;

  @Test
  void noSessionCallRunsOnAnEventLoop() throws Exception {
    Queue<String> onEventLoop = new ConcurrentLinkedQueue<>();
    ConcurrentHashMap<String, Sessions.Session> map =
        new ConcurrentHashMap<>() {
          @Override
          public Sessions.Session get(Object key) {
            note("get");
            return super.get(key);
          }

          @Override
          public Sessions.Session put(String key, Sessions.Session value) {
            note("put");
            return super.put(key, value);
          }

          @Override
          public Sessions.Session remove(Object key) {
            note("remove");
            return super.remove(key);
          }

          private void note(String call) {
            if (Context.isOnEventLoopThread()) {
              onEventLoop.add(call + " on " + Thread.currentThread().getName());
            }
          }
        };
    UserDirectory users = PushTestServer.users(dir);
    users.add(USER, PASSWORD, Set.of(Role.OPERATOR));
    try (AuditTrail audit = AuditTrail.open(dir);
        AuthApiHolder api = new AuthApiHolder();
        PushTestServer server =
            new PushTestServer(users, PushSettings.defaults(), List.of(), map)) {
      // the auth routes are served by their own server over the same sessions
      api.start(users, server.sessions, audit);
      HttpClient http = HttpClient.newHttpClient();
      String token =
          new JsonObject(
                  http.send(
                          HttpRequest.newBuilder(api.uri("/api/login"))
                              .POST(
                                  HttpRequest.BodyPublishers.ofString(
                                      new JsonObject()
                                          .put("user", USER)
                                          .put("password", PASSWORD)
                                          .encode()))
                              .header("Content-Type", "application/json")
                              .build(),
                          HttpResponse.BodyHandlers.ofString())
                      .body())
              .getString("token");
      assertThat(token).isNotBlank();
      HttpResponse<String> me =
          http.send(
              HttpRequest.newBuilder(api.uri("/api/me"))
                  .header("Authorization", "Bearer " + token)
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(me.statusCode()).as(me.body()).isEqualTo(200);

      TestSocket socket = TestSocket.open(server.port(), TestSocket.token(token), null);
      socket.subscribeAll();
      String point = PushTestServer.SITE.points().get(0).id();
      server.writeUntilReceived(socket, point, 1.5);

      HttpResponse<String> logout =
          http.send(
              HttpRequest.newBuilder(api.uri("/api/logout"))
                  .header("Authorization", "Bearer " + token)
                  .POST(HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(logout.statusCode()).as(logout.body()).isEqualTo(204);
      // the socket's next frame finds the session ended
      await().atMost(Duration.ofSeconds(20)).until(() -> server.gauge("helan.push.clients") == 0);
      socket.close();
    }
    assertThat(onEventLoop).isEmpty();
  }

  /** The login, logout and me routes on a server of their own. */
  private static final class AuthApiHolder implements AutoCloseable {
    private Vertx vertx;
    private AuthApi api;
    private int port;

    void start(UserDirectory users, Sessions sessions, AuditTrail audit) throws Exception {
      vertx = Vertx.vertx();
      api =
          new AuthApi(
              users,
              sessions,
              audit,
              Sessions.DEFAULT_IDLE_TIMEOUT,
              new LoginThrottle(LoginThrottle.Settings.defaults()));
      port =
          vertx
              .createHttpServer()
              .requestHandler(
                  new RouteTable(api.routes()).router(vertx, new BearerAuth(sessions, users, null)))
              .listen(0, "127.0.0.1")
              .await(10, TimeUnit.SECONDS)
              .actualPort();
    }

    URI uri(String path) {
      return URI.create("http://127.0.0.1:" + port + path);
    }

    @Override
    public void close() {
      if (api != null) {
        api.close();
      }
      if (vertx != null) {
        vertx.close().await();
      }
    }
  }
}
