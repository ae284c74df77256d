package io.helan.web;

import io.helan.http.Access;
import io.helan.http.HttpErrors;
import io.helan.http.Route;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the web HMI needs from the server besides the API: its pages at every route of the HMI (so a
 * deep link or a reload of {@code /stations/x} works), its hashed assets with long-lived cache
 * headers, and the station mimics ({@code GET /api/mimics/{name}?station=}, behind a login).
 *
 * <p>Mimics are SVG drawings. The server looks for {@code <station>.svg}, then {@code <name>.svg}
 * in the site's mimic folder, then for the built-in {@code <name>.svg} (air, water, radiation), so
 * an engineer adds or overrides a drawing without touching the HMI's code.
 */
public final class HmiRoutes {
  /** The HMI's client-side routes; each answers with index.html. */
  static final List<String> PAGES =
      List.of(
          "/",
          "/login",
          "/wall",
          "/overview",
          "/regions/:id",
          "/stations/:id",
          "/radiation",
          "/alarms",
          "/trends",
          "/commands",
          "/emergency",
          "/reports",
          "/validation");

  /** Assets have a content hash in their names: a changed file is a new name. */
  static final long ASSET_MAX_AGE_SECONDS = 365L * 24 * 3600;

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
  private static final String WEB_ROOT = "hmi";

  private final Path mimicFolder;

  /**
   * @param mimicFolder the site's mimic drawings; need not exist
   */
  public HmiRoutes(Path mimicFolder) {
    this.mimicFolder = mimicFolder;
  }

  /** The routes, to register before the catch-all {@code /api/*} and static routes. */
  public List<Route> routes() {
    List<Route> routes = new ArrayList<>();
    routes.add(Route.get("/api/mimics/:name", Access.READER, this::mimic));
    routes.add(
        Route.get(
            "/assets/*",
            Access.ANYONE,
            // the route's prefix is stripped from the path: the handler's root is the folder
            StaticHandler.create(WEB_ROOT + "/assets")
                .setCachingEnabled(true)
                .setMaxAgeSeconds(ASSET_MAX_AGE_SECONDS)
                .setSendVaryHeader(true)));
    PAGES.forEach(page -> routes.add(Route.get(page, Access.ANYONE, this::page)));
    return routes;
  }

  private void page(RoutingContext ctx) {
    ctx.vertx()
        .executeBlocking(() -> classpath(WEB_ROOT + "/index.html"), false)
        .onSuccess(
            html -> {
              if (html.isEmpty()) {
                HttpErrors.fail(ctx, 404, "the HMI is not built into this server");
                return;
              }
              ctx.response()
                  .putHeader("Content-Type", "text/html; charset=utf-8")
                  // the page names the current asset hashes: always ask for it again
                  .putHeader("Cache-Control", "no-cache")
                  .end(new String(html.get(), java.nio.charset.StandardCharsets.UTF_8));
            })
        .onFailure(e -> HttpErrors.fail(ctx, 500, "HMI page unavailable: " + e.getMessage()));
  }

  private void mimic(RoutingContext ctx) {
    String name = ctx.pathParam("name");
    String station = ctx.request().getParam("station");
    if (!NAME.matcher(name).matches() || (station != null && !NAME.matcher(station).matches())) {
      HttpErrors.fail(
          ctx, 400, "a mimic name and a station id are lower-case letters, digits, '-' and '_'");
      return;
    }
    ctx.vertx()
        .executeBlocking(() -> drawing(name, station), false)
        .onSuccess(
            svg -> {
              if (svg.isEmpty()) {
                HttpErrors.fail(ctx, 404, "no mimic '" + name + "'");
                return;
              }
              ctx.response()
                  .putHeader("Content-Type", "image/svg+xml; charset=utf-8")
                  .putHeader("Cache-Control", "no-cache")
                  .end(io.vertx.core.buffer.Buffer.buffer(svg.get()));
            })
        .onFailure(e -> HttpErrors.fail(ctx, 500, "mimic unavailable: " + e.getMessage()));
  }

  /** The station's own drawing, the site's drawing of that name, or the built-in one. */
  Optional<byte[]> drawing(String name, String station) throws IOException {
    if (station != null) {
      Optional<byte[]> own = file(mimicFolder.resolve(station + ".svg"));
      if (own.isPresent()) {
        return own;
      }
    }
    Optional<byte[]> site = file(mimicFolder.resolve(name + ".svg"));
    return site.isPresent() ? site : classpath("mimics/" + name + ".svg");
  }

  private static Optional<byte[]> file(Path path) throws IOException {
    return Files.isRegularFile(path) ? Optional.of(Files.readAllBytes(path)) : Optional.empty();
  }

  private static Optional<byte[]> classpath(String resource) {
    try (InputStream in = HmiRoutes.class.getClassLoader().getResourceAsStream(resource)) {
      return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
