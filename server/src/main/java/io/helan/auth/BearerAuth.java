package io.helan.auth;

import io.helan.audit.Origin;
import io.helan.http.HttpErrors;
import io.vertx.core.Handler;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Authenticates HTTP requests by their session token ({@code Authorization: Bearer <token>}, or
 * {@code ?token=} where a browser cannot set headers, as on a WebSocket upgrade) and puts the
 * {@link User} on the routing context; answers 401 when there is no live session.
 */
public final class BearerAuth implements Handler<RoutingContext> {
  private static final String USER_KEY = "helan.user";
  private static final String BEARER = "Bearer ";

  private final Sessions sessions;

  public BearerAuth(Sessions sessions) {
    this.sessions = sessions;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Optional<User> user =
        authenticate(ctx.request().getHeader("Authorization"), ctx.request().query());
    if (user.isEmpty()) {
      HttpErrors.fail(
          ctx, 401, "login required: send 'Authorization: Bearer <token>' from POST /api/login");
      return;
    }
    ctx.put(USER_KEY, user.get());
    ctx.next();
  }

  /** A handler, to put after this one, that lets only users holding {@code role} pass (403). */
  public static Handler<RoutingContext> requiring(Role role) {
    return ctx -> {
      if (user(ctx).has(role)) {
        ctx.next();
      } else {
        HttpErrors.fail(ctx, 403, "this needs the " + role.name().toLowerCase() + " role");
      }
    };
  }

  /**
   * The user of the session named by an Authorization header or a {@code token} query parameter
   * (for WebSocket upgrades: pass the handshake's headers and query).
   */
  public Optional<User> authenticate(String authorizationHeader, String query) {
    return sessions.user(token(authorizationHeader, query));
  }

  /** The authenticated user; only valid on routes behind this handler. */
  public static User user(RoutingContext ctx) {
    User user = ctx.get(USER_KEY);
    if (user == null) {
      throw new IllegalStateException(
          "route " + ctx.normalizedPath() + " is not behind BearerAuth");
    }
    return user;
  }

  /** The request's origin for the audit trail: REST and the client's address. */
  public static Origin origin(RoutingContext ctx) {
    return Origin.rest(address(ctx.request().remoteAddress()));
  }

  static String address(SocketAddress address) {
    return address == null ? "unknown" : address.host() + ":" + address.port();
  }

  /** The session token of a request, or null. */
  static String token(String authorizationHeader, String query) {
    if (authorizationHeader != null && authorizationHeader.startsWith(BEARER)) {
      return authorizationHeader.substring(BEARER.length()).trim();
    }
    if (query != null) {
      for (String pair : query.split("&")) {
        if (pair.startsWith("token=")) {
          try {
            return URLDecoder.decode(pair.substring("token=".length()), StandardCharsets.UTF_8);
          } catch (IllegalArgumentException e) {
            return null;
          }
        }
      }
    }
    return null;
  }
}
