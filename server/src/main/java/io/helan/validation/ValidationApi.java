package io.helan.validation;

import io.helan.aggregates.Mean;
import io.helan.aggregates.MeanPeriod;
import io.helan.aggregates.MeanStore;
import io.helan.auth.BearerAuth;
import io.helan.config.Point;
import io.helan.config.Site;
import io.helan.historian.Historian;
import io.helan.historian.RawSample;
import io.helan.http.Access;
import io.helan.http.Requests;
import io.helan.http.Route;
import io.helan.quality.QualityMark;
import io.helan.quality.QualityMarks;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * REST for data validation and the two series of a point, raw and validated.
 *
 * <ul>
 *   <li>{@code POST /api/validations {point, from, to, action: invalidate | correct, value,
 *       reason}} (reviewer) → 201 the validation
 *   <li>{@code GET /api/validations?point=&from=&to=} the validations of a point
 *   <li>{@code GET /api/points/{id}/raw?from=&to=&limit=} stored samples as measured, with quality,
 *       flag and the names of the quality rules each failed
 *   <li>{@code GET /api/points/{id}/validated?from=&to=&period=1h} validated means (1h, 8h, 24h,
 *       day, day-max-8h) with capture, and the validations that shaped them
 * </ul>
 *
 * Periods default to the last 24 hours and span at most 31 days. Refusals: 400 bad input (nothing
 * is changed), 401, 403 not a reviewer, 404 unknown point in a path.
 */
public final class ValidationApi {
  private static final int MAX_BODY_BYTES = 16 * 1024;
  private static final int DEFAULT_RAW_LIMIT = 10_000;
  private static final int MAX_RAW_LIMIT = 100_000;
  private static final long QUERY_TIMEOUT_SECONDS = 60;

  private final Site site;
  private final ValidationService validations;
  private final Historian historian;
  private final QualityMarks marks;
  private final MeanStore means;

  public ValidationApi(
      Site site,
      ValidationService validations,
      Historian historian,
      QualityMarks marks,
      MeanStore means) {
    this.site = site;
    this.validations = validations;
    this.historian = historian;
    this.marks = marks;
    this.means = means;
  }

  public List<Route> routes() {
    return List.of(
        Route.post(
            "/api/validations",
            Access.SIGNED_IN,
            BodyHandler.create().setBodyLimit(MAX_BODY_BYTES),
            this::record),
        Route.get("/api/validations", Access.READER, this::list),
        Route.get("/api/points/:id/raw", Access.READER, this::raw),
        Route.get("/api/points/:id/validated", Access.READER, this::validated));
  }

  private void record(RoutingContext ctx) {
    JsonObject body = Requests.jsonBody(ctx);
    if (body == null) {
      return;
    }
    Requests.answer(
        ctx,
        201,
        () -> {
          // who may, before what was asked: refusals must not reveal what is checked
          ValidationService.requireReviewer(BearerAuth.user(ctx));
          Object value = body.getValue("value");
          if (value != null && !(value instanceof Number)) {
            throw new IllegalArgumentException("'value' must be a number");
          }
          Validation.Kind kind =
              switch (String.valueOf(body.getValue("action"))) {
                case "invalidate" -> Validation.Kind.INVALID;
                case "correct" -> Validation.Kind.CORRECTED;
                default ->
                    throw new IllegalArgumentException(
                        "'action' must be \"invalidate\" or \"correct\"");
              };
          if (kind == Validation.Kind.CORRECTED && value == null) {
            throw new IllegalArgumentException("a correction needs a 'value'");
          }
          Validation validation =
              validations.record(
                  BearerAuth.user(ctx),
                  BearerAuth.origin(ctx),
                  text(body, "point"),
                  Requests.time("from", text(body, "from"), null),
                  Requests.time("to", text(body, "to"), null),
                  kind,
                  value == null ? Double.NaN : ((Number) value).doubleValue(),
                  text(body, "reason"));
          return json(validation);
        });
  }

  private void list(RoutingContext ctx) {
    Requests.answer(
        ctx,
        200,
        () -> {
          Point point = point(ctx.request().getParam("point"), IllegalArgumentException::new);
          Period period = period(ctx);
          return new JsonObject()
              .put("point", point.id())
              .put("validations", validationsJson(point, period));
        });
  }

  private void raw(RoutingContext ctx) {
    Requests.answer(
        ctx,
        200,
        () -> {
          Point point = point(ctx.pathParam("id"), NoSuchElementException::new);
          Period period = period(ctx);
          int limit = limit(ctx.request().getParam("limit"));
          List<RawSample> samples =
              historian
                  .raw(point, period.from, period.to, limit, false)
                  .get(QUERY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
          Map<Instant, List<String>> rules = new HashMap<>();
          for (QualityMark mark : marks.marks(point, period.from, period.to)) {
            rules.computeIfAbsent(mark.time(), t -> new ArrayList<>()).add(mark.rule());
          }
          JsonArray rows = new JsonArray();
          for (RawSample sample : samples) {
            rows.add(
                new JsonObject()
                    .put("time", sample.time().toString())
                    .put("value", number(sample.value()))
                    .put("quality", sample.quality().name())
                    .put("flag", sample.flag().name())
                    .put("rules", new JsonArray(rules.getOrDefault(sample.time(), List.of()))));
          }
          return new JsonObject()
              .put("point", point.id())
              .put("unit", point.unit())
              .put("samples", rows);
        });
  }

  private void validated(RoutingContext ctx) {
    Requests.answer(
        ctx,
        200,
        () -> {
          Point point = point(ctx.pathParam("id"), NoSuchElementException::new);
          Period period = period(ctx);
          String periodName = ctx.request().getParam("period");
          MeanPeriod meanPeriod = MeanPeriod.of(periodName == null ? "1h" : periodName);
          JsonArray rows = new JsonArray();
          for (Mean mean : means.means(point.id(), meanPeriod, period.from, period.to)) {
            rows.add(json(mean));
          }
          return new JsonObject()
              .put("point", point.id())
              .put("unit", point.unit())
              .put("period", meanPeriod.key())
              .put("means", rows)
              .put("validations", validationsJson(point, period));
        });
  }

  private JsonArray validationsJson(Point point, Period period) {
    JsonArray list = new JsonArray();
    validations.log().of(point.id(), period.from, period.to).forEach(v -> list.add(json(v)));
    return list;
  }

  /** A validated mean as the APIs show it: value (null when none), validity and capture. */
  public static JsonObject json(Mean mean) {
    return new JsonObject()
        .put("start", mean.start().toString())
        .put("end", mean.end().toString())
        .put("value", number(mean.value()))
        .put("valid", mean.isValid())
        .put("validCount", mean.validCount())
        .put("expectedCount", mean.expectedCount())
        .put("requiredCount", mean.requiredCount())
        .put("captureRate", mean.captureRate());
  }

  private static JsonObject json(Validation v) {
    return new JsonObject()
        .put("id", v.id())
        .put("point", v.pointId())
        .put("from", v.from().toString())
        .put("to", v.to().toString())
        .put("action", v.kind() == Validation.Kind.INVALID ? "invalidate" : "correct")
        .put("value", number(v.value()))
        .put("reason", v.reason())
        .put("user", v.user())
        .put("recorded", v.recorded().toString());
  }

  private static Double number(double value) {
    return Double.isFinite(value) ? value : null;
  }

  private record Period(Instant from, Instant to) {}

  private static Period period(RoutingContext ctx) {
    Instant to = Requests.time("to", ctx.request().getParam("to"), Instant.now());
    Instant from =
        Requests.time("from", ctx.request().getParam("from"), to.minus(Duration.ofDays(1)));
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("'from' must be before 'to'");
    }
    if (Duration.between(from, to).compareTo(ValidationService.MAX_PERIOD) > 0) {
      throw new IllegalArgumentException("a query spans at most 31 days");
    }
    return new Period(from, to);
  }

  private static int limit(String text) {
    if (text == null) {
      return DEFAULT_RAW_LIMIT;
    }
    try {
      int limit = Integer.parseInt(text);
      if (limit >= 1 && limit <= MAX_RAW_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw new IllegalArgumentException("'limit' must be 1–" + MAX_RAW_LIMIT);
  }

  private Point point(String id, Function<String, RuntimeException> missing) {
    if (id == null) {
      throw new IllegalArgumentException("'point' is required");
    }
    return site.point(id).orElseThrow(() -> missing.apply("no point '" + id + "'"));
  }

  private static String text(JsonObject body, String key) {
    Object value = body.getValue(key);
    if (value != null && !(value instanceof String)) {
      throw new IllegalArgumentException("'" + key + "' must be a string");
    }
    return (String) value;
  }
}
