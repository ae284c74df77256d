package io.helan.sources;

import io.helan.auth.BearerAuth;
import io.helan.config.Site;
import io.helan.http.Access;
import io.helan.http.HttpErrors;
import io.helan.http.Requests;
import io.helan.http.Route;
import io.helan.ingest.CurrentValueTable;
import io.helan.ingest.PointValue;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;
import java.util.Optional;

/**
 * REST of the radioactive-source register. Reading is for every signed-in user and display, each
 * source with the current values of its monitoring points; changes are the commander's (403), and
 * refused while an incident is open (409).
 *
 * <ul>
 *   <li>{@code GET /api/sources}, {@code GET /api/sources/{id}}
 *   <li>{@code POST /api/sources {id, name, class: I..V, nuclide, activityBq, category, holder,
 *       latitude, longitude, points?}} (201)
 *   <li>{@code PUT /api/sources/{id} {…}}, {@code DELETE /api/sources/{id}}
 * </ul>
 */
public final class SourceApi {
  private static final int MAX_BODY_BYTES = 16 * 1024;

  private final SourceRegister register;
  private final Site site;
  private final CurrentValueTable values;

  public SourceApi(SourceRegister register, Site site, CurrentValueTable values) {
    this.register = register;
    this.site = site;
    this.values = values;
  }

  public List<Route> routes() {
    BodyHandler body = BodyHandler.create().setBodyLimit(MAX_BODY_BYTES);
    return List.of(
        Route.get("/api/sources", Access.READER, this::list),
        Route.get("/api/sources/:id", Access.READER, this::one),
        Route.post("/api/sources", Access.SIGNED_IN, body, this::create),
        Route.put("/api/sources/:id", Access.SIGNED_IN, body, this::update),
        Route.delete("/api/sources/:id", Access.SIGNED_IN, this::delete));
  }

  private void list(RoutingContext ctx) {
    JsonArray array = new JsonArray();
    register.all().forEach(source -> array.add(withReadings(source)));
    ctx.json(array);
  }

  private void one(RoutingContext ctx) {
    Optional<RadioactiveSource> source = register.source(ctx.pathParam("id"));
    if (source.isEmpty()) {
      HttpErrors.fail(ctx, 404, "no radioactive source '" + ctx.pathParam("id") + "'");
      return;
    }
    ctx.json(withReadings(source.get()));
  }

  private void create(RoutingContext ctx) {
    JsonObject request = Requests.jsonBody(ctx);
    if (request == null) {
      return;
    }
    Requests.answer(
        ctx,
        201,
        () -> {
          // the caller's role before the body: a viewer hears 403, not what is wrong with it
          register.check(BearerAuth.user(ctx), BearerAuth.origin(ctx), "source.create", "-");
          return SourceJson.source(
              register.create(
                  BearerAuth.user(ctx), BearerAuth.origin(ctx), SourceJson.source(request)));
        });
  }

  private void update(RoutingContext ctx) {
    JsonObject request = Requests.jsonBody(ctx);
    if (request == null) {
      return;
    }
    String id = ctx.pathParam("id");
    if (request.getValue("id") != null && !id.equals(request.getValue("id"))) {
      HttpErrors.fail(ctx, 400, "the body's id '" + request.getValue("id") + "' is not " + id);
      return;
    }
    Requests.answer(
        ctx,
        200,
        () -> {
          register.check(BearerAuth.user(ctx), BearerAuth.origin(ctx), "source.update", id);
          return SourceJson.source(
              register.update(
                  BearerAuth.user(ctx),
                  BearerAuth.origin(ctx),
                  SourceJson.source(request.copy().put("id", id))));
        });
  }

  private void delete(RoutingContext ctx) {
    Requests.answer(
        ctx,
        200,
        () ->
            SourceJson.source(
                register.delete(
                    BearerAuth.user(ctx), BearerAuth.origin(ctx), ctx.pathParam("id"))));
  }

  /** The source with the current value of each of its monitoring points. */
  private JsonObject withReadings(RadioactiveSource source) {
    JsonArray readings = new JsonArray();
    PointValue value = new PointValue();
    for (String pointId : source.points()) {
      JsonObject reading = new JsonObject().put("point", pointId);
      site.point(pointId)
          .ifPresent(
              point -> {
                values.read(point.index(), value);
                reading.put("unit", point.unit());
                if (value.hasValue()) {
                  // a lost link's value is NaN: no number to show
                  reading
                      .put("value", Double.isFinite(value.value()) ? value.value() : null)
                      .put("quality", value.quality().name())
                      .put("flag", value.flag().name());
                }
              });
      readings.add(reading);
    }
    return SourceJson.source(source).put("readings", readings);
  }
}
