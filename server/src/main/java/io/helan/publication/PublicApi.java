package io.helan.publication;

import io.helan.aggregates.Mean;
import io.helan.aggregates.MeanPeriod;
import io.helan.aggregates.MeanStore;
import io.helan.config.Device;
import io.helan.config.Point;
import io.helan.config.Region;
import io.helan.config.Station;
import io.helan.config.StationKind;
import io.helan.http.Access;
import io.helan.http.HttpErrors;
import io.helan.http.Requests;
import io.helan.http.Route;
import io.helan.products.AqiRow;
import io.helan.products.DataProducts;
import io.helan.products.ProductJson;
import io.helan.products.ProductsApi;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The public, read-only release of validated data under {@code /api/public/}, without any session:
 * only hours that ended at least the publication delay ago are served, answers come from a cache,
 * and each client address may make a limited number of requests per minute (429 beyond).
 *
 * <ul>
 *   <li>{@code GET /api/public/stations} the stations (id, name, kind, region, location)
 *   <li>{@code GET /api/public/aqi/hourly?area=station:<id>|region:<id>|site&hours=24} released
 *       hourly AQI rows, each with the validated means, IAQIs, AQI, primary pollutant(s) and
 *       category it was computed from
 *   <li>{@code GET /api/public/water?day=YYYY-MM-DD} the GB 3838 class of every water section
 *   <li>{@code GET /api/public/dose-rate} per gamma station the released hourly dose rates of the
 *       last 24 hours: latest value, mean and range
 *   <li>{@code GET /public} the public page (HTML, zh-CN) of the same released data
 * </ul>
 */
public final class PublicApi {
  private static final int MAX_HOURS = 24 * 7;

  private final DataProducts products;
  private final MeanStore means;
  private final PublicationSettings settings;
  private final ZoneId zone;
  private final Clock clock;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();
  private final Map<String, Window> windows = new ConcurrentHashMap<>();

  /**
   * A cached answer ready to send: the encoded JSON, or the page's HTML (encoded once), for the
   * data released until {@code released}.
   */
  private record Cached(Buffer body, Instant released, Instant expires) {}

  // header values made once: Vert.x checks a plain string's characters on every answer
  private static final CharSequence JSON = HttpHeaders.createOptimized("application/json");
  private static final CharSequence HTML = HttpHeaders.createOptimized("text/html; charset=utf-8");

  /** Requests of one client in one minute. */
  private record Window(long minute, AtomicInteger count) {}

  public PublicApi(
      DataProducts products,
      MeanStore means,
      PublicationSettings settings,
      ZoneId zone,
      Clock clock) {
    this.products = products;
    this.means = means;
    this.settings = settings;
    this.zone = zone;
    this.clock = clock;
  }

  public List<Route> routes() {
    return List.of(
        Route.get("/api/public/stations", Access.ANYONE, limited(this::stations)),
        Route.get("/api/public/aqi/hourly", Access.ANYONE, limited(this::hourlyAqi)),
        Route.get("/api/public/water", Access.ANYONE, limited(this::water)),
        Route.get("/api/public/dose-rate", Access.ANYONE, limited(this::doseRate)),
        Route.get("/public", Access.ANYONE, this::page));
  }

  /** The end of the last released hour: hours ending later are not public yet. */
  public Instant releasedUntil() {
    return clock.instant().minus(settings.delay()).truncatedTo(ChronoUnit.HOURS);
  }

  private interface Answer {
    JsonObject compute(RoutingContext ctx) throws Exception;
  }

  /** The rate limit, then the cache, then the answer computed off the event loop. */
  private Handler<RoutingContext> limited(Answer answer) {
    return ctx -> {
      if (!admitted(ctx)) {
        return;
      }
      // released data changes when an hour is released: a cached answer holds its release
      String key = ctx.request().uri();
      Instant released = releasedUntil();
      Buffer cached = fromCache(key, released);
      if (cached != null) {
        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, JSON).end(cached);
        return;
      }
      Requests.answer(
          ctx,
          200,
          () -> {
            JsonObject body = answer.compute(ctx);
            toCache(key, released, body.toBuffer());
            return body;
          });
    };
  }

  /**
   * The public page: the latest released hourly AQI of the site, each city and city station, the
   * water classes of the latest released day and the dose rates, as HTML; cached and rate-limited
   * like the API.
   */
  private void page(RoutingContext ctx) {
    if (!admitted(ctx)) {
      return;
    }
    // not a URI of the API: the page's key cannot be taken by a request's
    String key = "page";
    Instant released = releasedUntil();
    Buffer cached = fromCache(key, released);
    if (cached != null) {
      sendPage(ctx, cached);
      return;
    }
    Callable<Buffer> render =
        () -> {
          Buffer again = fromCache(key, released);
          if (again != null) {
            return again;
          }
          return toCache(
              key,
              released,
              Buffer.buffer(
                  PublicPage.render(
                      products.site().name(),
                      released,
                      zone,
                      latestAqi(released),
                      water(ctx),
                      doseRate(ctx))));
        };
    ctx.vertx()
        .executeBlocking(render, false)
        .onSuccess(html -> sendPage(ctx, html))
        .onFailure(e -> HttpErrors.fail(ctx, 500, "the page failed: " + e.getMessage()));
  }

  private void sendPage(RoutingContext ctx, Buffer html) {
    ctx.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, HTML)
        .putHeader("Cache-Control", "public, max-age=" + settings.cacheFor().toSeconds())
        .end(html);
  }

  /** Every area's latest released hourly AQI row, with the area's name: site, cities, stations. */
  private JsonObject latestAqi(Instant released) {
    Map<String, String> areas = new LinkedHashMap<>();
    areas.put("site", products.site().name());
    for (Region region : products.site().regions()) {
      if (!products.stationsOf("region:" + region.id()).isEmpty()) {
        areas.put("region:" + region.id(), region.name());
      }
    }
    for (Station station : products.stationsOf("site")) {
      areas.put("station:" + station.id(), station.name());
    }
    JsonArray rows = new JsonArray();
    for (Map.Entry<String, String> area : areas.entrySet()) {
      for (AqiRow row :
          products.hourlyAqi(area.getKey(), released.minus(1, ChronoUnit.HOURS), released)) {
        rows.add(ProductJson.aqi(row).put("name", area.getValue()));
      }
    }
    return new JsonObject().put("releasedUntil", released.toString()).put("rows", rows);
  }

  /** Whether the client may ask now; answers 429 when not. */
  private boolean admitted(RoutingContext ctx) {
    if (admit(ctx.request().remoteAddress().hostAddress())) {
      return true;
    }
    ctx.response().putHeader("Retry-After", "60");
    HttpErrors.fail(
        ctx, 429, "too many requests: at most " + settings.requestsPerMinute() + " a minute");
    return false;
  }

  /** The cached answer for the key and the data released until {@code released}, or null. */
  private Buffer fromCache(String key, Instant released) {
    Cached cached = cache.get(key);
    return cached != null
            && cached.released().equals(released)
            && clock.instant().isBefore(cached.expires())
        ? cached.body()
        : null;
  }

  private Buffer toCache(String key, Instant released, Buffer body) {
    if (cache.size() > 10_000) {
      cache.clear();
    }
    cache.put(key, new Cached(body, released, clock.instant().plus(settings.cacheFor())));
    return body;
  }

  private boolean admit(String client) {
    long minute = clock.millis() / 60_000;
    Window window =
        windows.compute(
            client,
            (c, w) ->
                w == null || w.minute() != minute ? new Window(minute, new AtomicInteger()) : w);
    if (windows.size() > 100_000) {
      windows.clear();
    }
    return window.count().incrementAndGet() <= settings.requestsPerMinute();
  }

  private JsonObject stations(RoutingContext ctx) {
    JsonArray stations = new JsonArray();
    for (Station station : products.site().stations()) {
      stations.add(
          new JsonObject()
              .put("id", station.id())
              .put("name", station.name())
              .put("kind", station.kind().key())
              .put("region", station.regionId())
              .put("lat", station.latitude())
              .put("lon", station.longitude()));
    }
    return new JsonObject().put("stations", stations);
  }

  private JsonObject hourlyAqi(RoutingContext ctx) {
    String area = ctx.request().getParam("area");
    int hours = hours(ctx.request().getParam("hours"));
    Instant to = releasedUntil();
    JsonArray rows = new JsonArray();
    for (AqiRow row :
        products.hourlyAqi(area == null ? "site" : area, to.minus(hours, ChronoUnit.HOURS), to)) {
      rows.add(ProductJson.aqi(row));
    }
    return new JsonObject().put("releasedUntil", to.toString()).put("rows", rows);
  }

  private JsonObject water(RoutingContext ctx) {
    LocalDate lastReleased = releasedUntil().atZone(zone).toLocalDate().minusDays(1);
    LocalDate day = ProductsApi.day("day", ctx.request().getParam("day"), lastReleased);
    if (day.isAfter(lastReleased)) {
      throw new IllegalArgumentException("the latest released day is " + lastReleased);
    }
    JsonArray sections = new JsonArray();
    for (Station station : products.site().stations()) {
      if (station.kind() == StationKind.WATER_SECTION) {
        products
            .waterClass(station, day)
            .ifPresent(
                s ->
                    sections.add(
                        ProductJson.water(station.id(), day.toString(), s)
                            .put("name", station.name())));
      }
    }
    return new JsonObject().put("day", day.toString()).put("sections", sections);
  }

  private JsonObject doseRate(RoutingContext ctx) {
    Instant to = releasedUntil();
    Instant from = to.minus(Duration.ofDays(1));
    JsonArray stations = new JsonArray();
    for (Station station : products.site().stations()) {
      if (station.kind() != StationKind.RADIATION_GAMMA) {
        continue;
      }
      for (Device device : station.devices()) {
        for (Point point : device.points()) {
          if (!"nGy/h".equals(point.unit())) {
            continue;
          }
          List<Mean> hours =
              means.means(point.id(), MeanPeriod.HOUR, from, to).stream()
                  .filter(Mean::isValid)
                  .toList();
          JsonObject json =
              new JsonObject()
                  .put("station", station.id())
                  .put("name", station.name())
                  .put("unit", "nGy/h");
          if (!hours.isEmpty()) {
            Mean latest = hours.get(hours.size() - 1);
            json.put("hour", latest.start().toString())
                .put("value", latest.value())
                .put("mean", hours.stream().mapToDouble(Mean::value).average().orElseThrow())
                .put("min", hours.stream().mapToDouble(Mean::value).min().orElseThrow())
                .put("max", hours.stream().mapToDouble(Mean::value).max().orElseThrow());
          }
          stations.add(json);
        }
      }
    }
    return new JsonObject().put("releasedUntil", to.toString()).put("stations", stations);
  }

  private static int hours(String text) {
    if (text == null) {
      return 24;
    }
    try {
      int hours = Integer.parseInt(text);
      if (hours >= 1 && hours <= MAX_HOURS) {
        return hours;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw new IllegalArgumentException("'hours' must be 1–" + MAX_HOURS);
  }
}
