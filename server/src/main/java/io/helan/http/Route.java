package io.helan.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * One HTTP route as data: method, path, who may call it and its handlers. Capabilities declare
 * their routes this way and the web layer registers them behind the gate {@link #access} names, so
 * no route can forget to check its caller.
 *
 * @param method the method, or null for any
 * @param path a Vert.x path ({@code /api/stations/:id}, {@code /api/*}) or, when {@code regex}, a
 *     regular expression with named groups
 * @param regex whether {@code path} is a regular expression
 * @param access who may call it
 * @param handlers what runs after the gate, in order
 */
public record Route(
    HttpMethod method,
    String path,
    boolean regex,
    Access access,
    List<Handler<RoutingContext>> handlers) {

  public Route {
    handlers = List.copyOf(handlers);
  }

  @SafeVarargs // the array is copied at once, never kept or written
  @SuppressWarnings("varargs")
  public static Route get(String path, Access access, Handler<RoutingContext>... handlers) {
    return new Route(HttpMethod.GET, path, false, access, List.of(handlers));
  }

  @SafeVarargs // the array is copied at once, never kept or written
  @SuppressWarnings("varargs")
  public static Route post(String path, Access access, Handler<RoutingContext>... handlers) {
    return new Route(HttpMethod.POST, path, false, access, List.of(handlers));
  }

  @SafeVarargs // the array is copied at once, never kept or written
  @SuppressWarnings("varargs")
  public static Route put(String path, Access access, Handler<RoutingContext>... handlers) {
    return new Route(HttpMethod.PUT, path, false, access, List.of(handlers));
  }

  @SafeVarargs // the array is copied at once, never kept or written
  @SuppressWarnings("varargs")
  public static Route delete(String path, Access access, Handler<RoutingContext>... handlers) {
    return new Route(HttpMethod.DELETE, path, false, access, List.of(handlers));
  }

  /** A GET route whose path is a regular expression (for ids that contain slashes). */
  @SafeVarargs // the array is copied at once, never kept or written
  @SuppressWarnings("varargs")
  public static Route getMatching(
      String regex, Access access, Handler<RoutingContext>... handlers) {
    return new Route(HttpMethod.GET, regex, true, access, List.of(handlers));
  }

  /** A POST route whose path is a regular expression (for ids that contain slashes). */
  @SafeVarargs // the array is copied at once, never kept or written
  @SuppressWarnings("varargs")
  public static Route postMatching(
      String regex, Access access, Handler<RoutingContext>... handlers) {
    return new Route(HttpMethod.POST, regex, true, access, List.of(handlers));
  }

  /** A route for every method. */
  @SafeVarargs // the array is copied at once, never kept or written
  @SuppressWarnings("varargs")
  public static Route any(String path, Access access, Handler<RoutingContext>... handlers) {
    return new Route(null, path, false, access, List.of(handlers));
  }

  /** How the route is named in logs and the route table: {@code "GET /api/stations/:id"}. */
  public String key() {
    return (method == null ? "ANY" : method.name()) + " " + path;
  }
}
