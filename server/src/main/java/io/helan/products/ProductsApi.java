package io.helan.products;

import io.helan.airquality.Pollutant;
import io.helan.config.Station;
import io.helan.emissions.EmissionHour;
import io.helan.http.Access;
import io.helan.http.Requests;
import io.helan.http.Route;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * REST for the data products, for signed-in users and displays.
 *
 * <ul>
 *   <li>{@code GET /api/aqi/hourly?area=station:<id>|region:<id>|site&from=&to=} hourly AQI rows
 *   <li>{@code GET /api/aqi/daily?area=&from=YYYY-MM-DD&to=YYYY-MM-DD} daily AQI rows
 *   <li>{@code GET /api/aqi/stations} the hourly AQI of the last ended hour of every air station
 *       that has one (a station without an AQI that hour is left out, never shown as 0)
 *   <li>{@code GET /api/water/:station/class?day=YYYY-MM-DD} GB 3838 class per parameter and
 *       section
 *   <li>{@code GET /api/emissions/:station/hourly?from=&to=} hourly averages at reference O2 and
 *       exceedances per pollutant with a permit limit
 * </ul>
 *
 * Periods span at most 31 days (hours default to the last 24 h, days to yesterday). 400 bad input,
 * 404 unknown station in a path.
 */
public final class ProductsApi {
  static final Duration MAX_SPAN = Duration.ofDays(31);

  private final DataProducts products;
  private final ZoneId zone;

  public ProductsApi(DataProducts products, ZoneId zone) {
    this.products = products;
    this.zone = zone;
  }

  public List<Route> routes() {
    return List.of(
        Route.get("/api/aqi/hourly", Access.READER, this::hourlyAqi),
        Route.get("/api/aqi/daily", Access.READER, this::dailyAqi),
        Route.get("/api/aqi/stations", Access.READER, this::stationsAqi),
        Route.get("/api/water/:station/class", Access.READER, this::water),
        Route.get("/api/emissions/:station/hourly", Access.READER, this::emissions));
  }

  private void hourlyAqi(RoutingContext ctx) {
    Requests.answer(
        ctx,
        200,
        () -> {
          Instant to = Requests.time("to", ctx.request().getParam("to"), Instant.now());
          Instant from =
              Requests.time("from", ctx.request().getParam("from"), to.minus(Duration.ofDays(1)));
          checkSpan(from, to);
          return rows(products.hourlyAqi(area(ctx), from, to));
        });
  }

  private void dailyAqi(RoutingContext ctx) {
    Requests.answer(
        ctx,
        200,
        () -> {
          LocalDate yesterday = LocalDate.now(zone).minusDays(1);
          LocalDate to = day("to", ctx.request().getParam("to"), yesterday);
          LocalDate from = day("from", ctx.request().getParam("from"), to);
          checkSpan(
              from.atStartOfDay(zone).toInstant(),
              to.atStartOfDay(zone).toInstant().plus(Duration.ofDays(1)));
          return rows(products.dailyAqi(area(ctx), from, to));
        });
  }

  private void stationsAqi(RoutingContext ctx) {
    Requests.answer(
        ctx,
        200,
        () -> {
          Instant to = Instant.now().truncatedTo(ChronoUnit.HOURS);
          Instant from = to.minus(1, ChronoUnit.HOURS);
          List<String> areas =
              products.site().stations().stream()
                  .filter(s -> s.kind().name().startsWith("AIR_"))
                  .map(s -> "station:" + s.id())
                  .toList();
          JsonArray rows = new JsonArray();
          for (List<AqiRow> hours : products.hourlyAqi(areas, from, to).values()) {
            for (AqiRow row : hours) {
              row.aqi()
                  .ifPresent(
                      aqi ->
                          rows.add(
                              new JsonObject()
                                  .put("station", row.area().substring("station:".length()))
                                  .put("aqi", aqi.value())
                                  .put(
                                      "primary",
                                      new JsonArray(
                                          aqi.primary().stream().map(Pollutant::label).toList()))
                                  .put("category", aqi.category().name())));
            }
          }
          return new JsonObject()
              .put("start", from.toString())
              .put("end", to.toString())
              .put("rows", rows);
        });
  }

  private void water(RoutingContext ctx) {
    Requests.answer(
        ctx,
        200,
        () -> {
          Station station = station(ctx);
          LocalDate day =
              day("day", ctx.request().getParam("day"), LocalDate.now(zone).minusDays(1));
          return products
              .waterClass(station, day)
              .map(section -> ProductJson.water(station.id(), day.toString(), section))
              .orElseGet(
                  () ->
                      new JsonObject()
                          .put("station", station.id())
                          .put("day", day.toString())
                          .putNull("class"));
        });
  }

  private void emissions(RoutingContext ctx) {
    Requests.answer(
        ctx,
        200,
        () -> {
          Station station = station(ctx);
          Instant to = Requests.time("to", ctx.request().getParam("to"), Instant.now());
          Instant from =
              Requests.time("from", ctx.request().getParam("from"), to.minus(Duration.ofDays(1)));
          checkSpan(from, to);
          JsonObject pollutants = new JsonObject();
          products
              .emissionHours(station, from, to)
              .forEach(
                  (point, hours) -> {
                    JsonArray rows = new JsonArray();
                    for (EmissionHour hour : hours) {
                      rows.add(ProductJson.emission(hour));
                    }
                    pollutants.put(point.id(), rows);
                  });
          return new JsonObject().put("station", station.id()).put("pollutants", pollutants);
        });
  }

  private static JsonObject rows(List<AqiRow> rows) {
    JsonArray json = new JsonArray();
    rows.forEach(row -> json.add(ProductJson.aqi(row)));
    return new JsonObject().put("rows", json);
  }

  private static String area(RoutingContext ctx) {
    String area = ctx.request().getParam("area");
    return area == null ? "site" : area;
  }

  private Station station(RoutingContext ctx) {
    String id = ctx.pathParam("station");
    return products
        .site()
        .station(id)
        .orElseThrow(() -> new NoSuchElementException("no station '" + id + "'"));
  }

  static void checkSpan(Instant from, Instant to) {
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("'from' must be before 'to'");
    }
    if (Duration.between(from, to).compareTo(MAX_SPAN) > 0) {
      throw new IllegalArgumentException("a query spans at most 31 days");
    }
  }

  /**
   * A date parameter, or the fallback when absent.
   *
   * @throws IllegalArgumentException when it is not a date
   */
  public static LocalDate day(String name, String text, LocalDate fallback) {
    if (text == null || text.isBlank()) {
      return fallback;
    }
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("'" + name + "' must be a date such as 2026-11-28");
    }
  }
}
