package io.helan.auth;

import io.helan.audit.Origin;
import io.helan.audit.RelayedOrigin;
import io.helan.http.Access;
import io.helan.http.HttpErrors;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Signs HTTP requests in by their bearer token — a login session's or a wall display's — and puts
 * the {@link User} on the routing context; answers 401 when the token signs nobody in. On REST the
 * token is read from the {@code Authorization: Bearer <token>} header only (a token in a URL ends
 * up in logs and browser history); only the WebSocket upgrade, where a browser cannot set headers,
 * may pass it as {@code ?token=}.
 *
 * <p>Sessions are looked up on a worker thread, never on an event loop: in a cluster they live in a
 * Hazelcast map, whose calls wait for the network and, while a dead member's partitions migrate,
 * for seconds.
 */
public final class BearerAuth implements Handler<RoutingContext> {
  private static final String USER_KEY = "helan.user";
  private static final String ORIGIN_KEY = "helan.origin";
  private static final String BEARER = "Bearer ";

  private final Sessions sessions;
  private final UserDirectory users;
  private final ScrapeToken scrapeToken;
  private final RelayedOrigin relayedOrigins;

  /**
   * @param scrapeToken the token {@code /metrics} needs; null when nothing may scrape
   */
  public BearerAuth(Sessions sessions, UserDirectory users, ScrapeToken scrapeToken) {
    this(sessions, users, scrapeToken, null);
  }

  /**
   * @param scrapeToken the token {@code /metrics} needs; null when nothing may scrape
   * @param relayedOrigins checks the origin another node of the cluster relays with a request; null
   *     when this server is no node of a cluster
   */
  public BearerAuth(
      Sessions sessions,
      UserDirectory users,
      ScrapeToken scrapeToken,
      RelayedOrigin relayedOrigins) {
    this.sessions = sessions;
    this.users = users;
    this.scrapeToken = scrapeToken;
    this.relayedOrigins = relayedOrigins;
  }

  /** Lets a session of any user or a display token pass ({@link Access#READER}). */
  @Override
  public void handle(RoutingContext ctx) {
    signIn(
        ctx,
        user -> {
          ctx.put(USER_KEY, user);
          ctx.next();
        });
  }

  /** Looks the request's token up off the event loop; 401 when it signs nobody in. */
  private void signIn(RoutingContext ctx, Consumer<User> signedIn) {
    String token = headerToken(ctx.request().getHeader("Authorization"));
    ctx.vertx()
        .executeBlocking(() -> user(token), false)
        .onSuccess(
            user -> {
              if (user.isEmpty()) {
                HttpErrors.fail(ctx, 401, unauthorised(ctx));
              } else {
                relayedOrigin(ctx).ifPresent(origin -> ctx.put(ORIGIN_KEY, origin));
                signedIn.accept(user.get());
              }
            })
        .onFailure(
            e -> HttpErrors.fail(ctx, 503, "sessions unavailable, try again: " + e.getMessage()));
  }

  /** The handler that lets only callers with the given access pass. */
  public Handler<RoutingContext> gate(Access access) {
    return switch (access) {
      case ANYONE -> RoutingContext::next;
      case READER -> this;
      case SIGNED_IN -> this::signedIn;
      case SCRAPER -> this::scraper;
    };
  }

  private void signedIn(RoutingContext ctx) {
    signIn(
        ctx,
        user -> {
          if (user.display()) {
            HttpErrors.fail(ctx, 403, "a display token may only read: log in to change anything");
          } else {
            ctx.put(USER_KEY, user);
            ctx.next();
          }
        });
  }

  private void scraper(RoutingContext ctx) {
    if (scrapeToken != null && scrapeToken.matches(ctx.request().getHeader("Authorization"))) {
      ctx.next();
    } else {
      HttpErrors.fail(
          ctx,
          401,
          "metrics need 'Authorization: Bearer <token>' with the token of "
              + "<data-dir>/"
              + ScrapeToken.FILE_NAME);
    }
  }

  private static String unauthorised(RoutingContext ctx) {
    String query = ctx.request().query();
    if (query != null && queryToken(query) != null) {
      return "send the token as 'Authorization: Bearer <token>', not in the URL";
    }
    return "login required: send 'Authorization: Bearer <token>' from POST /api/login";
  }

  /**
   * The user a WebSocket upgrade signs in as, by its Authorization header or else its {@code token}
   * query parameter (a browser cannot set headers on a WebSocket): a session's user or a display.
   */
  public Optional<User> authenticate(String authorizationHeader, String query) {
    String token = headerToken(authorizationHeader);
    return user(token != null ? token : queryToken(query));
  }

  /** {@link #authenticate} on a worker thread; completes on the caller's context. */
  public Future<Optional<User>> authenticate(
      Vertx vertx, String authorizationHeader, String query) {
    return vertx.executeBlocking(() -> authenticate(authorizationHeader, query), false);
  }

  /** The user a token signs in as: a live session's user or a display's identity. */
  private Optional<User> user(String token) {
    if (token == null || token.isEmpty()) {
      return Optional.empty();
    }
    Optional<User> user = sessions.user(token);
    return user.isPresent() ? user : users.display(token);
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

  /** The origin another node of the cluster signed for this request, if any. */
  private Optional<Origin> relayedOrigin(RoutingContext ctx) {
    if (relayedOrigins == null) {
      return Optional.empty();
    }
    return relayedOrigins.verify(
        ctx.request().getHeader(RelayedOrigin.ORIGIN_HEADER),
        ctx.request().getHeader(RelayedOrigin.SIGNATURE_HEADER),
        ctx.request().method().name(),
        ctx.request().uri(),
        Instant.now());
  }

  /**
   * The request's origin for the audit trail: REST and the client's address; for a request another
   * node of the cluster relayed, the origin of its client as that node signed it.
   */
  public static Origin origin(RoutingContext ctx) {
    Origin relayed = ctx.get(ORIGIN_KEY);
    return relayed != null ? relayed : Origin.rest(address(ctx.request().remoteAddress()));
  }

  static String address(SocketAddress address) {
    return address == null ? "unknown" : address.host() + ":" + address.port();
  }

  /** The token of an {@code Authorization: Bearer <token>} header, or null. */
  static String headerToken(String authorizationHeader) {
    if (authorizationHeader != null && authorizationHeader.startsWith(BEARER)) {
      return authorizationHeader.substring(BEARER.length()).trim();
    }
    return null;
  }

  /** The {@code token} parameter of a query string, or null. */
  private static String queryToken(String query) {
    if (query == null) {
      return null;
    }
    for (String pair : query.split("&")) {
      if (pair.startsWith("token=")) {
        try {
          return URLDecoder.decode(pair.substring("token=".length()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
          return null;
        }
      }
    }
    return null;
  }
}
