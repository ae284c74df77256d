package io.helan.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.helan.audit.AuditTrail;
import io.helan.http.Access;
import io.helan.http.Route;
import io.helan.web.RouteTable;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A flood of wrong passwords from one address, against real Argon2 checks on a real HTTP server:
 * only a few are checked, the rest are refused at once (429 or 503), the server's other routes stay
 * fast, and the user gets in again once the lockout is over.
 */
class LoginFloodTest {
  static final int ATTEMPTS = 200;
  static final int THREADS = 8;
  static final LoginThrottle.Settings SHORT =
      new LoginThrottle.Settings(
          3, Duration.ofMillis(200), Duration.ofSeconds(1), 5, Duration.ofSeconds(3));

  @TempDir Path dataDir;
  Vertx vertx;
  AuditTrail audit;
  AuthApi authApi;
  String base;
  HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeEach
  void start() throws Exception {
    UserDirectory users =
        UserDirectory.open(
            dataDir, PasswordHasher.DEFAULT, new PrintStream(new ByteArrayOutputStream()));
    users.add("wang.operator", "the-right-password", Set.of(Role.OPERATOR));
    audit = AuditTrail.open(dataDir);
    Sessions sessions = new Sessions(users, Sessions.DEFAULT_IDLE_TIMEOUT);
    authApi = new AuthApi(users, sessions, audit, Duration.ofMinutes(30), new LoginThrottle(SHORT));
    vertx = Vertx.vertx();
    List<Route> routes = new ArrayList<>(authApi.routes());
    routes.add(
        Route.get(
            "/api/health", Access.ANYONE, ctx -> ctx.json(new JsonObject().put("status", "UP"))));
    HttpServer server =
        vertx
            .createHttpServer()
            .requestHandler(
                new RouteTable(routes).router(vertx, new BearerAuth(sessions, users, null)))
            .listen(0, "127.0.0.1")
            .await(10, TimeUnit.SECONDS);
    base = "http://127.0.0.1:" + server.actualPort();
  }

  private static long p99(List<Long> millis) {
    List<Long> sorted = new ArrayList<>(millis);
    Collections.sort(sorted);
    return sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1);
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
    authApi.close();
    audit.close();
  }

  @Test
  void floodIsThrottledHealthStaysFastAndTheUserGetsInAfterTheLockout() throws Exception {
    // The yardstick: /api/health on this machine as it is now, without the flood (shared machines
    // are noisy; the flood must not make health much slower than the machine already is).
    List<Long> idleMillis = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      long started = System.nanoTime();
      assertThat(get("/api/health").statusCode()).isEqualTo(200);
      idleMillis.add((System.nanoTime() - started) / 1_000_000);
    }
    long idleP99 = p99(idleMillis);
    AtomicBoolean flooding = new AtomicBoolean(true);
    List<Long> healthMillis = Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(THREADS + 1);
    Future<?> health =
        pool.submit(
            () -> {
              while (flooding.get()) {
                long started = System.nanoTime();
                assertThat(get("/api/health").statusCode()).isEqualTo(200);
                healthMillis.add((System.nanoTime() - started) / 1_000_000);
              }
              return null;
            });
    Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    List<String> retryAfter = new CopyOnWriteArrayList<>();
    List<Future<?>> attackers = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      attackers.add(
          pool.submit(
              () -> {
                for (int i = 0; i < ATTEMPTS / THREADS; i++) {
                  HttpResponse<String> answer = login("wang.operator", "guess-" + i);
                  statuses
                      .computeIfAbsent(answer.statusCode(), s -> new AtomicInteger())
                      .incrementAndGet();
                  answer.headers().firstValue("Retry-After").ifPresent(retryAfter::add);
                }
                return null;
              }));
    }
    for (Future<?> attacker : attackers) {
      attacker.get(120, TimeUnit.SECONDS);
    }
    flooding.set(false);
    health.get(10, TimeUnit.SECONDS);
    pool.shutdown();

    assertThat(statuses.keySet()).isSubsetOf(401, 429, 503);
    int checked = count(statuses, 401);
    assertThat(checked).as("passwords actually checked").isBetween(SHORT.lockoutFailures(), 30);
    assertThat(count(statuses, 429) + count(statuses, 503)).isEqualTo(ATTEMPTS - checked);
    assertThat(count(statuses, 429)).isGreaterThan(ATTEMPTS / 2);
    assertThat(retryAfter)
        .isNotEmpty()
        .allSatisfy(s -> assertThat(Integer.parseInt(s)).isPositive());

    List<Long> sorted = new ArrayList<>(healthMillis);
    Collections.sort(sorted);
    assertThat(sorted).hasSizeGreaterThan(5);
    long p99 = p99(sorted);
    System.out.printf(
        "Login flood: answers %s; /api/health p99 %d ms (idle %d ms), max %d ms over %d requests%n",
        statuses, p99, idleP99, sorted.get(sorted.size() - 1), sorted.size());
    assertThat(p99)
        .as("health p99 during the flood, ms (idle p99 %d ms), of %s", idleP99, sorted)
        .isLessThan(Math.max(500, 5 * idleP99 + 100));

    assertThat(login("wang.operator", "the-right-password").statusCode()).isEqualTo(429);
    await()
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> login("wang.operator", "the-right-password").statusCode() == 200);
    String trail =
        Files.readString(dataDir.resolve(AuditTrail.DIRECTORY).resolve(AuditTrail.LOG_FILE));
    assertThat(trail)
        .contains("\"action\":\"login.lockout\"", "user wang.operator", "address 127.0.0.1");
  }

  private static int count(Map<Integer, AtomicInteger> statuses, int status) {
    AtomicInteger n = statuses.get(status);
    return n == null ? 0 : n.get();
  }

  private HttpResponse<String> login(String user, String password) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(base + "/api/login"))
            .timeout(Duration.ofSeconds(30))
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    new JsonObject().put("user", user).put("password", password).encode()))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
