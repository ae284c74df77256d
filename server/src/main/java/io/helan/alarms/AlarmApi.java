package io.helan.alarms;

import io.helan.audit.Origin;
import io.helan.auth.BearerAuth;
import io.helan.auth.User;
import io.helan.http.Access;
import io.helan.http.HttpErrors;
import io.helan.http.Requests;
import io.helan.http.Route;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * REST for alarms and enforcement notices, every route behind a login. Alarm ids contain a slash
 * ({@code <source>/<kind>}), so the per-alarm routes match the id with a pattern; send it as is or
 * percent-encoded.
 *
 * <ul>
 *   <li>{@code GET /api/alarms?station=&region=&priority=&state=} current alarms (filters take
 *       comma lists), priority order
 *   <li>{@code GET /api/alarms/history?from=&to=&station=&kind=&limit=} journal, newest first
 *   <li>{@code GET /api/alarms/counts} per site, region and station
 *   <li>{@code GET /api/alarms/kpi?hours=24} ISA-18.2 performance
 *   <li>{@code GET /api/alarms/backgrounds} radiation background of each gamma station
 *   <li>{@code GET /api/alarms/{id}} one alarm
 *   <li>{@code POST /api/alarms/{id}/acknowledge {comment}}
 *   <li>{@code POST /api/alarms/{id}/shelve {minutes | oneShot: true, reason}}
 *   <li>{@code POST /api/alarms/{id}/unshelve {reason}}
 *   <li>{@code POST /api/alarms/{id}/out-of-service {reason}}, {@code .../return-to-service}
 *   <li>{@code GET /api/enforcement-notices?status=&station=}, {@code GET .../{id}}
 *   <li>{@code POST /api/enforcement-notices/{id}/close {comment}}
 * </ul>
 *
 * Refusals: 400 bad request, 401 not signed in, 403 role missing, 404 unknown alarm or notice, 409
 * not allowed in the current state; all as {@code {"error", "status"}}.
 */
public final class AlarmApi {
  private static final Logger LOG = LoggerFactory.getLogger(AlarmApi.class);
  private static final int MAX_BODY_BYTES = 16 * 1024;
  private static final int DEFAULT_HISTORY_LIMIT = 200;
  private static final int MAX_HISTORY_LIMIT = 10_000;
  private static final int MAX_KPI_HOURS = 24 * 31;

  private final AlarmEngine engine;
  // the alarms shown and acted on: in a cluster, every node's
  private final AlarmService alarms;
  private final AlarmJson json;

  public AlarmApi(AlarmEngine engine) {
    this(engine, engine);
  }

  /**
   * @param engine this server's engine: counts, KPIs, history, backgrounds and notices
   * @param alarms the alarms listed and acted on (a cluster node's are every node's)
   */
  public AlarmApi(AlarmEngine engine, AlarmService alarms) {
    this.alarms = alarms;
    this.engine = engine;
    this.json = new AlarmJson(engine.site());
  }

  /** The routes, to register before any catch-all {@code /api/*} route. */
  public List<Route> routes() {
    BodyHandler body = BodyHandler.create().setBodyLimit(MAX_BODY_BYTES);
    return List.of(
        Route.get("/api/alarms", Access.READER, this::current),
        Route.get("/api/alarms/history", Access.READER, this::history),
        Route.get(
            "/api/alarms/counts", Access.READER, ctx -> ctx.json(json.counts(engine.counts()))),
        Route.get("/api/alarms/kpi", Access.READER, this::kpi),
        Route.get("/api/alarms/backgrounds", Access.READER, this::backgrounds),
        action(
            body,
            "acknowledge",
            (ctx, user, id, request) ->
                alarms.acknowledge(user, BearerAuth.origin(ctx), id, request.getString("comment"))),
        action(body, "shelve", this::shelve),
        action(
            body,
            "unshelve",
            (ctx, user, id, request) ->
                alarms.unshelve(user, BearerAuth.origin(ctx), id, request.getString("reason"))),
        action(
            body,
            "out-of-service",
            (ctx, user, id, request) ->
                alarms.removeFromService(
                    user, BearerAuth.origin(ctx), id, request.getString("reason"))),
        action(
            body,
            "return-to-service",
            (ctx, user, id, request) ->
                alarms.returnToService(
                    user, BearerAuth.origin(ctx), id, request.getString("reason"))),
        Route.getMatching("/api/alarms/(?<id>.+)", Access.READER, this::one),
        Route.get("/api/enforcement-notices", Access.READER, this::notices),
        Route.get("/api/enforcement-notices/:id", Access.READER, this::notice),
        Route.post(
            "/api/enforcement-notices/:id/close", Access.SIGNED_IN, body, this::closeNotice));
  }

  /** An operator action on one alarm, run on a worker thread (it waits for the engine). */
  private interface Action {
    AlarmRecord run(RoutingContext ctx, User user, String alarmId, JsonObject request);
  }

  private Route action(BodyHandler body, String verb, Action action) {
    return Route.postMatching(
        "/api/alarms/(?<id>.+)/" + verb,
        Access.SIGNED_IN,
        body,
        ctx -> {
          String id = ctx.pathParam("id");
          if (alarms.alarm(id).isEmpty()) {
            HttpErrors.fail(ctx, 404, "no alarm '" + id + "'");
            return;
          }
          JsonObject request = Requests.jsonBody(ctx);
          if (request == null) {
            return;
          }
          User user = BearerAuth.user(ctx);
          answer(ctx, () -> json.alarm(action.run(ctx, user, id, request)));
        });
  }

  private AlarmRecord shelve(RoutingContext ctx, User user, String id, JsonObject request) {
    Object minutes = request.getValue("minutes");
    boolean oneShot = Boolean.TRUE.equals(request.getValue("oneShot"));
    if (oneShot == (minutes != null)) {
      throw new IllegalArgumentException("give either \"minutes\": n or \"oneShot\": true");
    }
    Duration duration = null;
    if (minutes != null) {
      if (!(minutes instanceof Number number) || number.doubleValue() <= 0) {
        throw new IllegalArgumentException("\"minutes\" must be a positive number");
      }
      duration = Duration.ofMillis(Math.round(number.doubleValue() * 60_000));
    }
    return alarms.shelve(user, BearerAuth.origin(ctx), id, duration, request.getString("reason"));
  }

  private void current(RoutingContext ctx) {
    Predicate<AlarmRecord> filter;
    try {
      Set<String> stations = list(ctx, "station");
      Set<String> regions = list(ctx, "region");
      Set<Integer> priorities =
          list(ctx, "priority").stream().map(Integer::valueOf).collect(Collectors.toSet());
      Set<AlarmState> states =
          list(ctx, "state").stream()
              .map(s -> AlarmState.valueOf(s.toUpperCase(Locale.ROOT)))
              .collect(Collectors.toSet());
      filter =
          alarm ->
              (stations.isEmpty() || stations.contains(alarm.stationId()))
                  && (regions.isEmpty()
                      || engine
                          .site()
                          .station(alarm.stationId())
                          .map(s -> regions.contains(s.regionId()))
                          .orElse(false))
                  && (priorities.isEmpty() || priorities.contains(alarm.priority()))
                  && (states.isEmpty() || states.contains(alarm.state()));
    } catch (IllegalArgumentException e) {
      HttpErrors.fail(
          ctx,
          400,
          "bad filter: " + e.getMessage() + "; states are " + Arrays.toString(AlarmState.values()));
      return;
    }
    ctx.json(json.alarms(alarms.current().stream().filter(filter).toList()));
  }

  private void one(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    engine
        .alarm(id)
        .ifPresentOrElse(
            alarm -> ctx.json(json.alarm(alarm)),
            () -> HttpErrors.fail(ctx, 404, "no alarm '" + id + "'"));
  }

  private void history(RoutingContext ctx) {
    Instant to;
    Instant from;
    AlarmKind kind;
    int limit;
    try {
      to = time(ctx, "to", Instant.now());
      from = time(ctx, "from", to.minus(Duration.ofDays(1)));
      String kindText = ctx.request().getParam("kind");
      kind = kindText == null ? null : AlarmKind.valueOf(kindText.toUpperCase(Locale.ROOT));
      String limitText = ctx.request().getParam("limit");
      limit = limitText == null ? DEFAULT_HISTORY_LIMIT : Integer.parseInt(limitText);
      if (limit < 1 || limit > MAX_HISTORY_LIMIT) {
        throw new IllegalArgumentException("limit must be 1.." + MAX_HISTORY_LIMIT);
      }
    } catch (IllegalArgumentException e) {
      HttpErrors.fail(ctx, 400, e.getMessage());
      return;
    }
    String station = ctx.request().getParam("station");
    if (station != null && engine.site().station(station).isEmpty()) {
      HttpErrors.fail(ctx, 404, "no station '" + station + "'");
      return;
    }
    if (!from.isBefore(to)) {
      HttpErrors.fail(ctx, 400, "'from' must be before 'to'");
      return;
    }
    answer(
        ctx,
        () -> {
          JsonArray rows = new JsonArray();
          engine.history(from, to, station, kind, limit).forEach(t -> rows.add(json.transition(t)));
          return new JsonObject()
              .put("from", from.toString())
              .put("to", to.toString())
              .put("rows", rows);
        });
  }

  private void kpi(RoutingContext ctx) {
    int hours;
    try {
      String text = ctx.request().getParam("hours");
      hours = text == null ? 24 : Integer.parseInt(text);
      if (hours < 1 || hours > MAX_KPI_HOURS) {
        throw new IllegalArgumentException("hours must be 1.." + MAX_KPI_HOURS);
      }
    } catch (IllegalArgumentException e) {
      HttpErrors.fail(ctx, 400, e.getMessage());
      return;
    }
    answer(ctx, () -> json.kpis(engine.kpis(Duration.ofHours(hours))));
  }

  private void backgrounds(RoutingContext ctx) {
    JsonArray array = new JsonArray();
    engine.backgrounds().forEach(b -> array.add(json.background(b)));
    ctx.json(array);
  }

  private void notices(RoutingContext ctx) {
    String status = ctx.request().getParam("status");
    String station = ctx.request().getParam("station");
    JsonArray array = new JsonArray();
    engine.notices().stream()
        .filter(n -> status == null || n.status().name().equalsIgnoreCase(status))
        .filter(n -> station == null || n.stationId().equals(station))
        .forEach(n -> array.add(json.notice(n)));
    ctx.json(array);
  }

  private void notice(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    engine
        .notice(id)
        .ifPresentOrElse(
            n -> ctx.json(json.notice(n)),
            () -> HttpErrors.fail(ctx, 404, "no enforcement notice '" + id + "'"));
  }

  private void closeNotice(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    if (engine.notice(id).isEmpty()) {
      HttpErrors.fail(ctx, 404, "no enforcement notice '" + id + "'");
      return;
    }
    JsonObject request = Requests.jsonBody(ctx);
    if (request == null) {
      return;
    }
    User user = BearerAuth.user(ctx);
    Origin origin = BearerAuth.origin(ctx);
    answer(
        ctx, () -> json.notice(engine.closeNotice(user, origin, id, request.getString("comment"))));
  }

  /** Runs work off the event loop and answers with its result or the refusal it raised. */
  private void answer(RoutingContext ctx, Callable<JsonObject> work) {
    Future<JsonObject> result = ctx.vertx().executeBlocking(work, false);
    result.onSuccess(ctx::json).onFailure(e -> refuse(ctx, e));
  }

  private static void refuse(RoutingContext ctx, Throwable e) {
    if (e instanceof SecurityException) {
      HttpErrors.fail(ctx, 403, e.getMessage());
    } else if (e instanceof IllegalArgumentException || e instanceof ClassCastException) {
      HttpErrors.fail(ctx, 400, e.getMessage());
    } else if (e instanceof IllegalStateException) {
      HttpErrors.fail(ctx, 409, e.getMessage());
    } else {
      LOG.warn("Alarm request {} failed", ctx.normalizedPath(), e);
      HttpErrors.fail(ctx, 500, "alarm service failed: " + e.getMessage());
    }
  }

  private static Set<String> list(RoutingContext ctx, String name) {
    List<String> values = ctx.queryParam(name);
    return values.stream()
        .flatMap(v -> Arrays.stream(v.split(",")))
        .map(String::strip)
        .filter(v -> !v.isEmpty())
        .collect(Collectors.toSet());
  }

  private static Instant time(RoutingContext ctx, String name, Instant fallback) {
    return Requests.time(name, ctx.request().getParam(name), fallback);
  }
}
