package io.helan.web;

import io.helan.alarms.AlarmEngine;
import io.helan.auth.BearerAuth;
import io.helan.config.Point;
import io.helan.config.Site;
import io.helan.config.Station;
import io.helan.driver.LinkState;
import io.helan.driver.link.LinkThread;
import io.helan.field.FieldLinks;
import io.helan.historian.Historian;
import io.helan.historian.HistoryRow;
import io.helan.http.Access;
import io.helan.http.HttpErrors;
import io.helan.http.Route;
import io.helan.ingest.CurrentValueTable;
import io.helan.ingest.IngestPipeline;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP face of the server: REST API (its own routes and the capabilities' APIs), WebSocket
 * push, Prometheus metrics and the HMI's static files, on one event loop.
 */
public final class WebVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(WebVerticle.class);
  private static final Pattern STEP = Pattern.compile("([1-9][0-9]{0,4})([smhd])");

  /**
   * At most this many history rows per request; a client narrows the interval or widens the step.
   */
  private static final long MAX_HISTORY_ROWS = 100_000;

  /** History times lie in this range: samples are stored from the epoch, in microseconds. */
  static final Instant EARLIEST = Instant.EPOCH;

  static final Instant LATEST = Instant.parse("2200-01-01T00:00:00Z");

  private final Site site;
  private final IngestPipeline ingest;
  private final CurrentValueTable currentValues;
  private final FieldLinks links;
  private final Historian historian;
  private final PrometheusMeterRegistry metrics;
  private final String host;
  private final int port;
  private final BearerAuth auth;
  private final List<Route> apiRoutes;
  private final SiteView view;
  private final LivePush push;
  private final List<Supplier<List<String>>> healthChecks = new CopyOnWriteArrayList<>();
  private RouteTable routeTable;
  private Router router;
  private HttpServer server;

  public WebVerticle(
      Site site,
      IngestPipeline ingest,
      FieldLinks links,
      Historian historian,
      PrometheusMeterRegistry metrics,
      String host,
      int port,
      BearerAuth auth,
      List<Route> apiRoutes,
      PushSettings pushSettings) {
    this.site = site;
    this.ingest = ingest;
    this.currentValues = ingest.currentValues();
    this.links = links;
    this.historian = historian;
    this.metrics = metrics;
    this.host = host;
    this.port = port;
    this.auth = auth;
    this.apiRoutes = List.copyOf(apiRoutes);
    this.view = new SiteView(site, currentValues, links);
    this.push = new LivePush(site, currentValues, links, auth, pushSettings, metrics);
  }

  @Override
  public Future<?> start() {
    List<Route> routes = new ArrayList<>();
    routes.add(Route.any(LivePush.PATH, Access.ANYONE, push::notAnUpgrade));
    routes.add(Route.get("/api/health", Access.ANYONE, this::health));
    routes.add(Route.get("/api/stations", Access.READER, ctx -> ctx.json(view.stations())));
    routes.add(Route.get("/api/stations/:id", Access.READER, this::station));
    routes.add(Route.get("/api/points/:id/history", Access.READER, this::history));
    routes.add(Route.get("/metrics", Access.SCRAPER, this::metrics));
    routes.addAll(apiRoutes);
    routes.add(
        Route.any(
            "/api/*",
            Access.ANYONE,
            ctx -> HttpErrors.fail(ctx, 404, "no such resource: " + ctx.request().path())));
    routes.add(
        Route.any("/*", Access.ANYONE, StaticHandler.create("hmi").setCachingEnabled(false)));
    routeTable = new RouteTable(routes);
    router = routeTable.router(vertx, auth);
    links.addListener(
        (device, state, reason) -> context.runOnContext(v -> push.linkChanged(device, state)));
    push.start(vertx);
    server =
        vertx.createHttpServer(
            new HttpServerOptions().setHost(host).setPort(port).setCompressionSupported(true));
    server.webSocketHandshakeHandler(push::handshake);
    return server
        .requestHandler(
            request -> {
              SecurityHeaders.apply(request);
              router.handle(request);
            })
        .listen();
  }

  /** Every HTTP route, in matching order, with who may call it. */
  public RouteTable routeTable() {
    return routeTable;
  }

  /**
   * The names of the routes the router actually has, in matching order: the keys of {@link
   * #routeTable()}, unless a route was added past the table.
   */
  public List<String> registeredRoutes() {
    return router.getRoutes().stream()
        .map(route -> route.getName() == null ? "unnamed " + route.getPath() : route.getName())
        .toList();
  }

  /**
   * Pushes an event message (alarm or command change) to every WebSocket client; callable from any
   * thread.
   */
  public void broadcast(String message) {
    context.runOnContext(v -> push.broadcast(message));
  }

  /**
   * Adds a check whose problems make {@code /api/health} DEGRADED with them as reasons; called on
   * the event loop for every health request, so it must be quick.
   */
  public void addHealthCheck(Supplier<List<String>> problems) {
    healthChecks.add(problems);
  }

  /** The port actually bound (useful when started on port 0). */
  public int actualPort() {
    return server.actualPort();
  }

  private void health(RoutingContext ctx) {
    long connected =
        site.devices().stream().filter(d -> links.state(d.id()) == LinkState.CONNECTED).count();
    double commitLag =
        metrics.find("helan.historian.commit.lag").gauges().stream()
            .mapToDouble(Gauge::value)
            .max()
            .orElse(0);
    int linksWaiting = LinkThread.linksWaiting();
    List<String> problems = new ArrayList<>();
    healthChecks.forEach(check -> problems.addAll(check.get()));
    HealthStatus status =
        HealthStatus.judge(commitLag, linksWaiting, site.devices().size()).with(problems);
    ctx.json(
        new JsonObject()
            .put("status", status.status())
            .put("reasons", new JsonArray(status.reasons()))
            .put("historianCommitLagSeconds", commitLag)
            .put("linksWaiting", linksWaiting)
            .put("stations", site.stations().size())
            .put("devices", site.devices().size())
            .put("devicesConnected", connected)
            .put("points", site.points().size())
            .put("ingestedTotal", ingest.samplesIngested())
            .put("historianBacklog", historian.backlog())
            .put(
                "alarmJournalRowsRejected",
                (long) metrics.counter(AlarmEngine.JOURNAL_ROWS_REJECTED).count())
            .put("webSocketClients", push.clientCount()));
  }

  private void station(RoutingContext ctx) {
    Optional<Station> station = site.station(ctx.pathParam("id"));
    if (station.isEmpty()) {
      HttpErrors.fail(ctx, 404, "no station '" + ctx.pathParam("id") + "'");
      return;
    }
    ctx.json(view.station(station.get()));
  }

  private void history(RoutingContext ctx) {
    Optional<Point> point = site.point(ctx.pathParam("id"));
    if (point.isEmpty()) {
      HttpErrors.fail(ctx, 404, "no point '" + ctx.pathParam("id") + "'");
      return;
    }
    Instant to;
    Instant from;
    Duration step;
    String stepText = Optional.ofNullable(ctx.request().getParam("step")).orElse("1m");
    try {
      to = parseTime(ctx.request().getParam("to"), Instant.now());
      from = parseTime(ctx.request().getParam("from"), to.minus(Duration.ofHours(1)));
      step = parseStep(stepText);
    } catch (IllegalArgumentException e) {
      HttpErrors.fail(ctx, 400, e.getMessage());
      return;
    }
    if (!from.isBefore(to)) {
      HttpErrors.fail(ctx, 400, "'from' must be before 'to'");
      return;
    }
    if (Duration.between(from, to).dividedBy(step) > MAX_HISTORY_ROWS) {
      HttpErrors.fail(ctx, 400, "interval too long for step " + stepText + ": widen the step");
      return;
    }
    Future.fromCompletionStage(
            historian.history(point.get(), from, to, step), vertx.getOrCreateContext())
        .onSuccess(rows -> ctx.json(historyJson(point.get(), from, to, stepText, rows)))
        .onFailure(
            e -> {
              LOG.warn("History query for {} failed", point.get().id(), e);
              HttpErrors.fail(ctx, 503, "history unavailable: " + e.getMessage());
            });
  }

  private static JsonObject historyJson(
      Point point, Instant from, Instant to, String step, List<HistoryRow> rows) {
    JsonArray array = new JsonArray();
    for (HistoryRow row : rows) {
      array.add(
          new JsonObject()
              .put("time", row.time().toString())
              .put("avg", row.avg())
              .put("min", row.min())
              .put("max", row.max())
              .put("count", row.count()));
    }
    return new JsonObject()
        .put("point", point.id())
        .put("unit", point.unit())
        .put("from", from.toString())
        .put("to", to.toString())
        .put("step", step)
        .put("rows", array);
  }

  /**
   * The Prometheus text of every meter, written on a worker thread: with a meter or two per device,
   * a province's scrape takes the event loop long enough to hold every live frame back behind it.
   */
  private void metrics(RoutingContext ctx) {
    ctx.vertx()
        .executeBlocking(metrics::scrape, false)
        .onSuccess(
            text ->
                ctx.response()
                    .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                    .end(text))
        .onFailure(ctx::fail);
  }

  private static Instant parseTime(String text, Instant fallback) {
    if (text == null || text.isBlank()) {
      return fallback;
    }
    Instant time;
    try {
      time = Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "'" + text + "' is not an ISO-8601 UTC time such as 2026-11-28T08:00:00Z");
    }
    if (time.isBefore(EARLIEST) || time.isAfter(LATEST)) {
      throw new IllegalArgumentException(
          "'" + text + "' is outside the history's range, " + EARLIEST + " to " + LATEST);
    }
    return time;
  }

  /** Parses steps such as 30s, 1m, 1h, 1d. */
  static Duration parseStep(String text) {
    Matcher m = STEP.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a step such as 30s, 1m, 15m, 1h or 1d");
    }
    long amount = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      default -> Duration.ofDays(amount);
    };
  }

  @Override
  public Future<?> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }
}
