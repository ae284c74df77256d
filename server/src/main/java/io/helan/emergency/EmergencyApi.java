package io.helan.emergency;

import io.helan.audit.Origin;
import io.helan.auth.BearerAuth;
import io.helan.auth.Role;
import io.helan.auth.User;
import io.helan.config.EmergencyClass;
import io.helan.dispersion.Release;
import io.helan.dispersion.StabilityClass;
import io.helan.http.Access;
import io.helan.http.HttpErrors;
import io.helan.http.Requests;
import io.helan.http.Route;
import io.helan.simulator.SimulatedNetwork;
import io.helan.sources.RadioactiveSource;
import io.helan.sources.SourceJson;
import io.vertx.core.Handler;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * REST of the emergency platform. Reading is for every signed-in user and display; every change is
 * the commander's (403 otherwise). Refusals answer 400 (bad input), 404 (unknown incident or step)
 * or 409 (not now: an incident is open, none is open), with the reason.
 *
 * <ul>
 *   <li>{@code GET /api/incidents} newest first; {@code GET /api/incidents/current} the open one
 *       with its checklist and stations at high frequency (404 when none)
 *   <li>{@code POST /api/incidents {drill, type, class, latitude, longitude, time?, note?,
 *       weather?: {windSpeed, windFrom, cloudCover?, stability?}, releaseRate?, releaseHeight?}}
 *   <li>{@code POST /api/incidents/current/class {class}} escalate or de-escalate
 *   <li>{@code POST /api/incidents/current/end {note?}}
 *   <li>{@code POST /api/incidents/current/notes {text}}
 *   <li>{@code POST /api/incidents/current/checklist/{step} {comment?}} tick off a step
 *   <li>{@code POST /api/incidents/current/plume {weather, releaseRate?, releaseHeight?}}; {@code
 *       GET /api/incidents/current/plume?grid=true}
 *   <li>{@code POST /api/incidents/current/orders/downwind-samplers} start aerosol and iodine
 *       samplers at every downwind station (202; results on the timeline)
 *   <li>{@code POST /api/incidents/current/dispatch {vehicle, latitude, longitude}} sends a
 *       monitoring vehicle (202; its arrival follows on the timeline); {@code GET /api/vehicles}
 *       where each is and what it reads; {@code GET /api/vehicles/{id}/track?from=&to=} its
 *       positions with their dose rates (default: the last hour)
 *   <li>{@code GET /api/incidents/{id}/timeline}; {@code GET /api/incidents/{id}/eurdep?minutes=10}
 *   <li>{@code GET /api/incidents/{id}/report} the incident's report as a page, {@code /report.pdf}
 *       the same as a PDF
 *   <li>{@code POST /api/drills/release {latitude, longitude, releaseRate, minutes, windSpeed,
 *       windFrom, stability, releaseHeight?}} and {@code POST /api/drills/release/stop}: the
 *       simulated network's drill release (409 when this server runs no simulators)
 * </ul>
 */
public final class EmergencyApi {
  private static final Logger LOG = LoggerFactory.getLogger(EmergencyApi.class);
  private static final int MAX_BODY_BYTES = 16 * 1024;
  private static final int MAX_EXPORT_MINUTES = 24 * 60;

  private final EmergencyService emergency;
  private final EurdepExport eurdep;
  private final IncidentReport report;
  private final VehicleTrack tracks;
  private final EurdepSchema schema = EurdepSchema.load();
  private final Optional<SimulatedNetwork> simulators;

  public EmergencyApi(
      EmergencyService emergency,
      EurdepExport eurdep,
      IncidentReport report,
      VehicleTrack tracks,
      Optional<SimulatedNetwork> simulators) {
    this.emergency = emergency;
    this.eurdep = eurdep;
    this.report = report;
    this.tracks = tracks;
    this.simulators = simulators;
  }

  public List<Route> routes() {
    BodyHandler body = BodyHandler.create().setBodyLimit(MAX_BODY_BYTES);
    return List.of(
        Route.get("/api/incidents", Access.READER, this::list),
        Route.get("/api/incidents/current", Access.READER, this::current),
        Route.post("/api/incidents", Access.SIGNED_IN, body, commanderOnly(this::declare)),
        Route.post(
            "/api/incidents/from-alarm", Access.SIGNED_IN, body, commanderOnly(this::fromAlarm)),
        Route.post(
            "/api/incidents/current/class",
            Access.SIGNED_IN,
            body,
            commanderOnly(this::changeClass)),
        Route.post("/api/incidents/current/end", Access.SIGNED_IN, body, commanderOnly(this::end)),
        Route.post(
            "/api/incidents/current/notes", Access.SIGNED_IN, body, commanderOnly(this::note)),
        Route.post(
            "/api/incidents/current/checklist/:step",
            Access.SIGNED_IN,
            body,
            commanderOnly(this::step)),
        Route.post(
            "/api/incidents/current/plume", Access.SIGNED_IN, body, commanderOnly(this::setPlume)),
        Route.get("/api/incidents/current/plume", Access.READER, this::plume),
        Route.post(
            "/api/incidents/current/orders/downwind-samplers",
            Access.SIGNED_IN,
            commanderOnly(this::orderSamplers)),
        Route.post(
            "/api/incidents/current/dispatch",
            Access.SIGNED_IN,
            body,
            commanderOnly(this::dispatch)),
        Route.get("/api/vehicles", Access.READER, this::vehicles),
        Route.get("/api/vehicles/:id/track", Access.READER, this::track),
        Route.get("/api/incidents/:id/timeline", Access.READER, this::timeline),
        Route.get("/api/incidents/:id/eurdep", Access.READER, this::eurdep),
        Route.get("/api/incidents/:id/report", Access.READER, ctx -> report(ctx, false)),
        Route.get("/api/incidents/:id/report.pdf", Access.READER, ctx -> report(ctx, true)),
        Route.post("/api/drills/release", Access.SIGNED_IN, body, commanderOnly(this::startDrill)),
        Route.post("/api/drills/release/stop", Access.SIGNED_IN, commanderOnly(this::stopDrill)));
  }

  private void list(RoutingContext ctx) {
    JsonArray array = new JsonArray();
    emergency.incidents().forEach(i -> array.add(EmergencyJson.incident(i)));
    ctx.json(array);
  }

  private void current(RoutingContext ctx) {
    Optional<Incident> open = emergency.current();
    if (open.isEmpty()) {
      HttpErrors.fail(ctx, 404, "no incident is open");
      return;
    }
    ctx.json(openIncident(open.get()));
  }

  private JsonObject openIncident(Incident incident) {
    JsonArray checklist = new JsonArray();
    emergency.checklist().forEach(s -> checklist.add(EmergencyJson.step(s)));
    return EmergencyJson.incident(incident)
        .put("checklist", checklist)
        .put("highFrequencyStations", new JsonArray(List.copyOf(emergency.highFrequencyStations())))
        .put(
            "stationsInRange",
            new JsonArray(emergency.stationsInRange(incident.latitude(), incident.longitude())))
        .put("sourcesInRange", sourcesJson(emergency.sourcesInRange(incident)));
  }

  private static JsonArray sourcesJson(List<RadioactiveSource> sources) {
    JsonArray array = new JsonArray();
    sources.forEach(source -> array.add(SourceJson.source(source)));
    return array;
  }

  private void declare(RoutingContext ctx) {
    JsonObject request = body(ctx);
    if (request == null) {
      return;
    }
    Declaration declaration;
    try {
      declaration =
          new Declaration(
              Boolean.TRUE.equals(request.getValue("drill")),
              IncidentType.fromKey(required(request, "type")),
              EmergencyClass.fromKey(required(request, "class")),
              number(request, "latitude"),
              number(request, "longitude"),
              request.getValue("time") == null ? null : Instant.parse(request.getString("time")),
              text(request, "note"),
              request.getValue("weather") == null
                  ? null
                  : weather(request.getJsonObject("weather")),
              optionalNumber(request, "releaseRate", Double.NaN),
              optionalNumber(request, "releaseHeight", 0));
    } catch (IllegalArgumentException | ClassCastException | DateTimeParseException e) {
      HttpErrors.fail(ctx, 400, e.getMessage());
      return;
    }
    act(
        ctx,
        201,
        () -> EmergencyJson.incident(emergency.declare(user(ctx), origin(ctx), declaration)));
  }

  private void fromAlarm(RoutingContext ctx) {
    JsonObject request = body(ctx);
    if (request == null) {
      return;
    }
    String alarm;
    EmergencyClass emergencyClass;
    try {
      alarm = required(request, "alarm");
      emergencyClass =
          request.getValue("class") == null
              ? EmergencyClass.STANDBY
              : EmergencyClass.fromKey(required(request, "class"));
    } catch (IllegalArgumentException | ClassCastException e) {
      HttpErrors.fail(ctx, 400, e.getMessage());
      return;
    }
    boolean drill = Boolean.TRUE.equals(request.getValue("drill"));
    act(
        ctx,
        201,
        () ->
            EmergencyJson.incident(
                emergency.declareFromAlarm(user(ctx), origin(ctx), alarm, emergencyClass, drill)));
  }

  private void changeClass(RoutingContext ctx) {
    JsonObject request = body(ctx);
    if (request == null) {
      return;
    }
    EmergencyClass newClass;
    try {
      newClass = EmergencyClass.fromKey(required(request, "class"));
    } catch (IllegalArgumentException | ClassCastException e) {
      HttpErrors.fail(ctx, 400, e.getMessage());
      return;
    }
    act(
        ctx,
        200,
        () -> EmergencyJson.incident(emergency.changeClass(user(ctx), origin(ctx), newClass)));
  }

  private void end(RoutingContext ctx) {
    JsonObject request = optionalBody(ctx);
    if (request == null) {
      return;
    }
    Optional<String> note = textOr400(ctx, request, "note");
    if (note == null) {
      return;
    }
    act(
        ctx,
        200,
        () -> EmergencyJson.incident(emergency.end(user(ctx), origin(ctx), note.orElse(null))));
  }

  private void note(RoutingContext ctx) {
    JsonObject request = body(ctx);
    if (request == null) {
      return;
    }
    Optional<String> text = textOr400(ctx, request, "text");
    if (text == null) {
      return;
    }
    act(
        ctx,
        201,
        () -> EmergencyJson.event(emergency.note(user(ctx), origin(ctx), text.orElse(null))));
  }

  private void step(RoutingContext ctx) {
    JsonObject request = optionalBody(ctx);
    if (request == null) {
      return;
    }
    String stepId = ctx.pathParam("step");
    Optional<String> comment = textOr400(ctx, request, "comment");
    if (comment == null) {
      return;
    }
    act(
        ctx,
        200,
        () ->
            EmergencyJson.step(
                emergency.completeStep(user(ctx), origin(ctx), stepId, comment.orElse(null))));
  }

  private void setPlume(RoutingContext ctx) {
    JsonObject request = body(ctx);
    if (request == null) {
      return;
    }
    Weather weather;
    double rate;
    double height;
    try {
      if (!(request.getValue("weather") instanceof JsonObject given)) {
        throw new IllegalArgumentException("'weather' must be {windSpeed, windFrom, cloudCover?}");
      }
      weather = weather(given);
      rate = optionalNumber(request, "releaseRate", Double.NaN);
      height = optionalNumber(request, "releaseHeight", 0);
    } catch (IllegalArgumentException | ClassCastException e) {
      HttpErrors.fail(ctx, 400, e.getMessage());
      return;
    }
    act(
        ctx,
        200,
        () ->
            EmergencyJson.plume(
                emergency.setPlumeSource(user(ctx), origin(ctx), weather, rate, height), false));
  }

  private void plume(RoutingContext ctx) {
    Optional<PlumeEstimate> estimate = emergency.plume();
    if (estimate.isEmpty()) {
      HttpErrors.fail(ctx, 404, "no plume estimate: no incident is open, or no wind is known");
      return;
    }
    ctx.json(EmergencyJson.plume(estimate.get(), "true".equals(ctx.request().getParam("grid"))));
  }

  private void orderSamplers(RoutingContext ctx) {
    act(
        ctx,
        202,
        () ->
            new JsonObject()
                .put(
                    "stations",
                    new JsonArray(emergency.orderDownwindSamplers(user(ctx), origin(ctx)))));
  }

  private void dispatch(RoutingContext ctx) {
    JsonObject request = body(ctx);
    if (request == null) {
      return;
    }
    String vehicle;
    double latitude;
    double longitude;
    try {
      vehicle = required(request, "vehicle");
      latitude = number(request, "latitude");
      longitude = number(request, "longitude");
    } catch (IllegalArgumentException e) {
      HttpErrors.fail(ctx, 400, e.getMessage());
      return;
    }
    act(
        ctx,
        202,
        () -> {
          Dispatch sent = emergency.dispatch(user(ctx), origin(ctx), vehicle, latitude, longitude);
          return new JsonObject()
              .put("vehicle", sent.vehicleId())
              .put("incident", sent.incidentId())
              .put("latitude", sent.latitude())
              .put("longitude", sent.longitude())
              .put("by", sent.by())
              .put("time", sent.time().toString());
        });
  }

  private void vehicles(RoutingContext ctx) {
    JsonArray array = new JsonArray();
    for (VehicleState state : emergency.vehicleStates()) {
      Vehicle vehicle = state.vehicle();
      JsonObject json =
          new JsonObject()
              .put("id", vehicle.id())
              .put("name", vehicle.name())
              .put("nameEn", vehicle.nameEn())
              .put("base", position(vehicle.baseLatitude(), vehicle.baseLongitude()))
              .put("reporting", state.reporting())
              .put("latitude", state.reporting() ? state.latitude() : null)
              .put("longitude", state.reporting() ? state.longitude() : null)
              .put("doseRate", state.reporting() ? state.doseRate() : null)
              .put("flag", state.flag().name())
              .put(
                  "points",
                  new JsonObject()
                      .put("latitude", vehicle.latitude().id())
                      .put("longitude", vehicle.longitude().id())
                      .put("doseRate", vehicle.doseRate().id()));
      state
          .dispatch()
          .ifPresent(
              d ->
                  json.put(
                      "dispatch",
                      position(d.latitude(), d.longitude())
                          .put("by", d.by())
                          .put("time", d.time().toString())));
      array.add(json);
    }
    ctx.json(array);
  }

  private static JsonObject position(double latitude, double longitude) {
    return new JsonObject().put("latitude", latitude).put("longitude", longitude);
  }

  private void track(RoutingContext ctx) {
    Optional<Vehicle> vehicle = emergency.vehicle(ctx.pathParam("id"));
    if (vehicle.isEmpty()) {
      HttpErrors.fail(ctx, 404, "no vehicle '" + ctx.pathParam("id") + "'");
      return;
    }
    Instant now = Instant.now();
    Instant from;
    Instant to;
    try {
      to = Requests.time("to", ctx.request().getParam("to"), now);
      from = Requests.time("from", ctx.request().getParam("from"), to.minus(Duration.ofHours(1)));
    } catch (IllegalArgumentException e) {
      HttpErrors.fail(ctx, 400, e.getMessage());
      return;
    }
    if (!from.isBefore(to)) {
      HttpErrors.fail(ctx, 400, "'from' must be before 'to'");
      return;
    }
    ctx.vertx()
        .executeBlocking(() -> tracks.fixes(vehicle.get(), from, to), false)
        .onSuccess(
            fixes -> {
              JsonArray array = new JsonArray();
              for (VehicleTrack.Fix fix : fixes) {
                array.add(
                    new JsonObject()
                        .put("time", fix.time().toString())
                        .put("latitude", fix.latitude())
                        .put("longitude", fix.longitude())
                        .put("doseRate", fix.doseRate())
                        .put("flag", fix.flag().name()));
              }
              ctx.json(new JsonObject().put("vehicle", vehicle.get().id()).put("fixes", array));
            })
        .onFailure(
            e -> {
              LOG.error("Track of {} failed", vehicle.get().id(), e);
              HttpErrors.fail(ctx, 500, "track failed: " + e.getMessage());
            });
  }

  private void timeline(RoutingContext ctx) {
    Optional<Incident> incident = emergency.incident(ctx.pathParam("id"));
    if (incident.isEmpty()) {
      HttpErrors.fail(ctx, 404, "no incident '" + ctx.pathParam("id") + "'");
      return;
    }
    JsonArray array = new JsonArray();
    emergency.timeline(incident.get().id()).forEach(e -> array.add(EmergencyJson.event(e)));
    ctx.json(array);
  }

  private void eurdep(RoutingContext ctx) {
    Optional<Incident> incident = emergency.incident(ctx.pathParam("id"));
    if (incident.isEmpty()) {
      HttpErrors.fail(ctx, 404, "no incident '" + ctx.pathParam("id") + "'");
      return;
    }
    int minutes;
    try {
      String given = ctx.request().getParam("minutes");
      minutes = given == null ? 10 : Integer.parseInt(given);
    } catch (NumberFormatException e) {
      minutes = -1;
    }
    if (minutes < 1 || minutes > MAX_EXPORT_MINUTES) {
      HttpErrors.fail(ctx, 400, "'minutes' must be a whole number from 1 to " + MAX_EXPORT_MINUTES);
      return;
    }
    Duration step = Duration.ofMinutes(minutes);
    ctx.vertx()
        .executeBlocking(() -> eurdep.export(incident.get(), step, Instant.now()), false)
        .onSuccess(
            message -> {
              List<String> problems = schema.problems(message);
              if (!problems.isEmpty()) {
                LOG.error(
                    "EURDEP export of {} fails its schema: {}", incident.get().id(), problems);
                HttpErrors.fail(ctx, 500, "export fails the EURDEP schema: " + problems.get(0));
                return;
              }
              ctx.response()
                  .putHeader("Content-Type", "text/plain; charset=utf-8")
                  .putHeader(
                      "Content-Disposition",
                      "attachment; filename=\"" + incident.get().id() + ".eurdep\"")
                  .end(message);
            })
        .onFailure(
            e -> {
              LOG.error("EURDEP export failed", e);
              HttpErrors.fail(ctx, 500, "export failed: " + e.getMessage());
            });
  }

  private void report(RoutingContext ctx, boolean pdf) {
    Optional<Incident> incident = emergency.incident(ctx.pathParam("id"));
    if (incident.isEmpty()) {
      HttpErrors.fail(ctx, 404, "no incident '" + ctx.pathParam("id") + "'");
      return;
    }
    Incident shown = incident.get();
    ctx.vertx()
        .executeBlocking(
            () -> {
              String html =
                  report.html(
                      shown,
                      emergency.timeline(shown.id()),
                      emergency.stationsInRange(shown.latitude(), shown.longitude()),
                      Instant.now());
              return pdf
                  ? io.vertx.core.buffer.Buffer.buffer(IncidentReport.pdf(html))
                  : io.vertx.core.buffer.Buffer.buffer(html);
            },
            false)
        .onSuccess(
            body ->
                ctx.response()
                    .putHeader("Content-Type", pdf ? "application/pdf" : "text/html; charset=utf-8")
                    .putHeader(
                        "Content-Disposition",
                        (pdf ? "attachment" : "inline")
                            + "; filename=\""
                            + shown.id()
                            + (pdf ? ".pdf" : ".html")
                            + "\"")
                    .end(body))
        .onFailure(
            e -> {
              LOG.error("Report of {} failed", shown.id(), e);
              HttpErrors.fail(ctx, 500, "report failed: " + e.getMessage());
            });
  }

  private void startDrill(RoutingContext ctx) {
    JsonObject request = body(ctx);
    if (request == null) {
      return;
    }
    if (simulators.isEmpty()) {
      HttpErrors.fail(ctx, 409, "this server runs no simulated network to play a drill on");
      return;
    }
    Release release;
    try {
      release =
          new Release(
              number(request, "latitude"),
              number(request, "longitude"),
              number(request, "releaseRate"),
              optionalNumber(request, "releaseHeight", 0),
              Instant.now(),
              Duration.ofMinutes((long) optionalNumber(request, "minutes", 60)),
              number(request, "windSpeed"),
              number(request, "windFrom"),
              StabilityClass.valueOf(required(request, "stability")));
      simulators.get().startDrill(release);
    } catch (IllegalArgumentException | ClassCastException e) {
      HttpErrors.fail(ctx, 400, e.getMessage());
      return;
    }
    ctx.response().setStatusCode(201);
    ctx.json(
        new JsonObject()
            .put("latitude", release.latitude())
            .put("longitude", release.longitude())
            .put("releaseRate", release.rate())
            .put("start", release.start().toString())
            .put("end", release.start().plus(release.duration()).toString())
            .put("windSpeed", release.windSpeed())
            .put("windFrom", release.windFrom())
            .put("stability", release.stability().name()));
  }

  private void stopDrill(RoutingContext ctx) {
    if (simulators.isEmpty()) {
      HttpErrors.fail(ctx, 409, "this server runs no simulated network to play a drill on");
      return;
    }
    simulators.get().stopDrill();
    ctx.response().setStatusCode(204).end();
  }

  /** Every change is the commander's: others are refused before their request is read. */
  private static Handler<RoutingContext> commanderOnly(Handler<RoutingContext> handler) {
    return ctx -> {
      User user = BearerAuth.user(ctx);
      if (!user.has(Role.COMMANDER)) {
        HttpErrors.fail(
            ctx,
            403,
            "the emergency platform's actions need the commander role; "
                + user.name()
                + " has "
                + user.roles().stream().map(r -> r.name().toLowerCase()).sorted().toList());
        return;
      }
      handler.handle(ctx);
    };
  }

  /** Runs the action off the event loop; answers its JSON, or the refusal. */
  private static void act(RoutingContext ctx, int status, Callable<JsonObject> action) {
    ctx.vertx()
        .executeBlocking(action, false)
        .onSuccess(
            json -> {
              ctx.response().setStatusCode(status);
              ctx.json(json);
            })
        .onFailure(
            e -> {
              if (e instanceof EmergencyRefusal refusal) {
                HttpErrors.fail(ctx, refusal.status(), refusal.getMessage());
              } else {
                LOG.error("Emergency action failed", e);
                HttpErrors.fail(ctx, 500, "failed: " + e.getMessage());
              }
            });
  }

  private static Weather weather(JsonObject json) {
    String stability = json.getString("stability");
    return new Weather(
        number(json, "windSpeed"),
        number(json, "windFrom"),
        optionalNumber(json, "cloudCover", EmergencyService.UNKNOWN_CLOUD_COVER),
        stability == null ? null : StabilityClass.valueOf(stability),
        "entered");
  }

  private static JsonObject body(RoutingContext ctx) {
    try {
      JsonObject request = ctx.body().asJsonObject();
      if (request == null) {
        HttpErrors.fail(ctx, 400, "body must be a JSON object");
      }
      return request;
    } catch (DecodeException | ClassCastException e) {
      HttpErrors.fail(ctx, 400, "body must be a JSON object: " + e.getMessage());
      return null;
    }
  }

  /** The body, or an empty object when there is none. */
  private static JsonObject optionalBody(RoutingContext ctx) {
    if (ctx.body() == null || ctx.body().length() == 0) {
      return new JsonObject();
    }
    return body(ctx);
  }

  private static String required(JsonObject json, String key) {
    if (!(json.getValue(key) instanceof String value)) {
      throw new IllegalArgumentException("'" + key + "' is required (text)");
    }
    return value;
  }

  /**
   * The optional text field, or null after answering 400 when it is not text: a nullable Optional
   * says "answered already", empty says "not given".
   */
  private static Optional<String> textOr400(RoutingContext ctx, JsonObject json, String key) {
    try {
      return Optional.ofNullable(text(json, key));
    } catch (IllegalArgumentException e) {
      HttpErrors.fail(ctx, 400, e.getMessage());
      return null;
    }
  }

  private static String text(JsonObject json, String key) {
    Object value = json.getValue(key);
    if (value != null && !(value instanceof String)) {
      throw new IllegalArgumentException("'" + key + "' must be text");
    }
    return (String) value;
  }

  private static double number(JsonObject json, String key) {
    if (!(json.getValue(key) instanceof Number value) || !Double.isFinite(value.doubleValue())) {
      throw new IllegalArgumentException("'" + key + "' is required (a number)");
    }
    return value.doubleValue();
  }

  private static double optionalNumber(JsonObject json, String key, double otherwise) {
    return json.getValue(key) == null ? otherwise : number(json, key);
  }

  private static User user(RoutingContext ctx) {
    return BearerAuth.user(ctx);
  }

  private static Origin origin(RoutingContext ctx) {
    return BearerAuth.origin(ctx);
  }
}
