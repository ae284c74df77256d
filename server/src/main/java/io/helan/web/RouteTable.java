package io.helan.web;

import io.helan.auth.BearerAuth;
import io.helan.http.HttpErrors;
import io.helan.http.Route;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every HTTP route of the server, in the order they are matched, each with who may call it. The
 * router is built from this table alone, every route behind the gate of its {@link
 * io.helan.http.Access}, so the table is the server's whole HTTP surface and cannot drift from it.
 */
public final class RouteTable {
  private static final Logger LOG = LoggerFactory.getLogger(RouteTable.class);

  /** The statuses Vert.x's own handlers fail a request with for the client's mistakes. */
  private static final int[] CLIENT_ERRORS = {400, 404, 405, 413, 415};

  private final List<Route> routes;

  public RouteTable(List<Route> routes) {
    Set<String> keys = new HashSet<>();
    for (Route route : routes) {
      if (!keys.add(route.key())) {
        throw new IllegalArgumentException("route " + route.key() + " is declared twice");
      }
    }
    this.routes = List.copyOf(routes);
  }

  public List<Route> routes() {
    return routes;
  }

  /**
   * A router with every route of the table, each named by its {@link Route#key()}; a GET route
   * answers HEAD as well. Requests that Vert.x itself refuses (a body over a route's limit: 413)
   * get the same JSON error as the routes answer, and are not logged: a client's mistake is no
   * server fault. A handler's failure is.
   */
  public Router router(Vertx vertx, BearerAuth auth) {
    Router router = Router.router(vertx);
    for (int status : CLIENT_ERRORS) {
      router.errorHandler(
          status,
          ctx -> HttpErrors.fail(ctx, status, HttpResponseStatus.valueOf(status).reasonPhrase()));
    }
    router.errorHandler(
        500,
        ctx -> {
          LOG.error("{} {} failed", ctx.request().method(), ctx.request().path(), ctx.failure());
          HttpErrors.fail(ctx, 500, "internal error");
        });
    for (Route route : routes) {
      io.vertx.ext.web.Route registered =
          route.regex() ? router.routeWithRegex(route.path()) : router.route(route.path());
      if (route.method() != null) {
        registered.method(route.method());
      }
      if (route.method() == HttpMethod.GET) {
        // HTTP asks a server to answer HEAD wherever it answers GET (the same headers, no body):
        // link checkers and kiosk watchdogs ask for a page that way.
        registered.method(HttpMethod.HEAD);
      }
      registered.setName(route.key());
      // Vert.x takes body handlers only before any other; they read at most their limit.
      route.handlers().stream().filter(h -> h instanceof BodyHandler).forEach(registered::handler);
      registered.handler(auth.gate(route.access()));
      for (Handler<RoutingContext> handler : route.handlers()) {
        if (!(handler instanceof BodyHandler)) {
          registered.handler(handler);
        }
      }
    }
    return router;
  }
}
