package io.helan.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.helan.auth.BearerAuth;
import io.helan.auth.PasswordHasher;
import io.helan.auth.ScrapeToken;
import io.helan.auth.Sessions;
import io.helan.auth.UserDirectory;
import io.helan.bench.SyntheticSite;
import io.helan.config.Site;
import io.helan.driver.DataFlag;
import io.helan.driver.Quality;
import io.helan.driver.SampleBatch;
import io.helan.field.FieldLinks;
import io.helan.historian.CommitCadence;
import io.helan.historian.QuestDbEmbedded;
import io.helan.historian.QuestDbHistorian;
import io.helan.http.Route;
import io.helan.ingest.CurrentValueTable;
import io.helan.ingest.DeviceModes;
import io.helan.ingest.IngestPipeline;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The web verticle on 127.0.0.1, port 0, for live-push tests: a synthetic site of three stations of
 * two racks, real ingest into the current-value table and an embedded QuestDB historian (one per
 * test JVM), the real user directory and sessions. No field links are started.
 */
final class PushTestServer implements AutoCloseable {
  /** Three stations of two racks of four points. */
  static final Site SITE = SyntheticSite.create(3, 2, 4);

  private static QuestDbHistorian historian;

  final UserDirectory users;
  final Sessions sessions;
  final IngestPipeline ingest;
  final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  final WebVerticle web;
  private final Vertx vertx = Vertx.vertx();

  PushTestServer(UserDirectory users, PushSettings settings) throws TimeoutException {
    this(users, settings, List.of());
  }

  /** With these API routes besides the live push. */
  PushTestServer(UserDirectory users, PushSettings settings, List<Route> routes)
      throws TimeoutException {
    this(users, settings, routes, new ConcurrentHashMap<>());
  }

  /** With these API routes, and sessions kept in {@code sessionMap} (as a cluster's are). */
  PushTestServer(
      UserDirectory users,
      PushSettings settings,
      List<Route> routes,
      ConcurrentMap<String, Sessions.Session> sessionMap)
      throws TimeoutException {
    this(users, settings, routes, sessionMap, null);
  }

  /** As above, with {@code /metrics} open to {@code scrapeToken} (null: to nobody). */
  PushTestServer(
      UserDirectory users,
      PushSettings settings,
      List<Route> routes,
      ConcurrentMap<String, Sessions.Session> sessionMap,
      ScrapeToken scrapeToken)
      throws TimeoutException {
    this.users = users;
    this.sessions = new Sessions(users, Duration.ofMinutes(5), sessionMap);
    this.ingest =
        new IngestPipeline(
            SITE, new CurrentValueTable(SITE), new DeviceModes(SITE), historian(), metrics);
    FieldLinks links = new FieldLinks(SITE, protocol -> Optional.empty(), ingest, metrics);
    web =
        new WebVerticle(
            SITE,
            ingest,
            links,
            historian(),
            metrics,
            "127.0.0.1",
            0,
            new BearerAuth(sessions, users, scrapeToken),
            routes,
            settings);
    vertx.deployVerticle(web).await(30, TimeUnit.SECONDS);
  }

  /** A user directory in {@code dir} with cheap password hashing and no console output. */
  static UserDirectory users(Path dir) throws IOException {
    return UserDirectory.open(
        dir, new PasswordHasher(64, 1, 1), new PrintStream(new ByteArrayOutputStream()));
  }

  private static synchronized QuestDbHistorian historian() {
    if (historian == null) {
      try {
        QuestDbEmbedded questDb =
            QuestDbEmbedded.start(Files.createTempDirectory("helan-push-questdb"));
        historian =
            new QuestDbHistorian(
                SITE,
                () -> questDb,
                CommitCadence.DEFAULT,
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                Files.createTempDirectory("helan-push-spool"));
        historian.start();
        QuestDbHistorian started = historian;
        Runtime.getRuntime()
            .addShutdownHook(
                new Thread(
                    () -> {
                      started.close();
                      questDb.close();
                    }));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return historian;
  }

  int port() {
    return web.actualPort();
  }

  /** A new session of the user, as after a login. */
  String login(String user) {
    return sessions.open(users.user(user).orElseThrow());
  }

  /** Ingests one good sample of the point, stamped now, as a device link would. */
  void write(String pointId, double value) {
    SampleBatch batch = new SampleBatch(1);
    batch.add(
        SITE.point(pointId).orElseThrow().index(),
        ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now()),
        value,
        Quality.GOOD,
        DataFlag.N);
    ingest.accept(batch);
  }

  /** Writes the value until the socket receives it in a {@code values} message (up to 20 s). */
  void writeUntilReceived(TestSocket socket, String pointId, double value) {
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              write(pointId, value);
              assertThat(socket.nextValues()).containsEntry(pointId, value);
            });
  }

  double gauge(String name) {
    return metrics.get(name).gauge().value();
  }

  double counter(String name) {
    return metrics.get(name).counter().count();
  }

  @Override
  public void close() throws TimeoutException {
    vertx.close().await(10, TimeUnit.SECONDS);
  }
}
