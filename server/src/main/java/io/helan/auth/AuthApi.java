package io.helan.auth;

import io.helan.audit.AuditTrail;
import io.helan.audit.Origin;
import io.helan.http.Access;
import io.helan.http.HttpErrors;
import io.helan.http.Route;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * REST login and logout: {@code POST /api/login {user, password}} gives a bearer token, {@code POST
 * /api/logout} ends the session, {@code GET /api/me} tells who is logged in. Every attempt is
 * audited; a failed one tells the client nothing but "wrong user name or password".
 */
public final class AuthApi {
  private static final Logger LOG = LoggerFactory.getLogger(AuthApi.class);
  private static final int MAX_BODY_BYTES = 4096;

  private final UserDirectory users;
  private final Sessions sessions;
  private final AuditTrail audit;
  private final Duration idleTimeout;

  public AuthApi(UserDirectory users, Sessions sessions, AuditTrail audit, Duration idleTimeout) {
    this.users = users;
    this.sessions = sessions;
    this.audit = audit;
    this.idleTimeout = idleTimeout;
  }

  /** The routes, to register before any catch-all {@code /api/*} route. */
  public List<Route> routes() {
    BodyHandler body = BodyHandler.create().setBodyLimit(MAX_BODY_BYTES);
    return List.of(
        Route.post("/api/login", Access.ANYONE, body, this::login),
        Route.post("/api/logout", Access.SIGNED_IN, this::logout),
        Route.get("/api/me", Access.READER, this::me));
  }

  private void login(RoutingContext ctx) {
    JsonObject request;
    try {
      request = ctx.body().asJsonObject();
    } catch (DecodeException | ClassCastException e) {
      HttpErrors.fail(ctx, 400, "body must be JSON {\"user\": ..., \"password\": ...}");
      return;
    }
    if (request == null
        || !(request.getValue("user") instanceof String name)
        || !(request.getValue("password") instanceof String password)) {
      HttpErrors.fail(ctx, 400, "body must be JSON {\"user\": ..., \"password\": ...}");
      return;
    }
    Origin origin = BearerAuth.origin(ctx);
    ctx.vertx()
        .executeBlocking(() -> authenticate(name, password, origin), false)
        .onSuccess(
            user -> {
              if (user.isEmpty()) {
                HttpErrors.fail(ctx, 401, "wrong user name or password");
                return;
              }
              JsonArray roles = new JsonArray();
              user.get().roles().stream().sorted().forEach(role -> roles.add(role.name()));
              ctx.json(
                  new JsonObject()
                      .put("token", sessions.open(user.get()))
                      .put("user", user.get().name())
                      .put("roles", roles)
                      .put("idleTimeoutSeconds", idleTimeout.toSeconds()));
            })
        .onFailure(
            e -> {
              LOG.error("Login could not be checked", e);
              HttpErrors.fail(ctx, 500, "login unavailable: " + e.getMessage());
            });
  }

  /** Checks the password and audits the attempt; runs on a worker (Argon2 takes tens of ms). */
  private Optional<User> authenticate(String name, String password, Origin origin) {
    Optional<User> user = users.authenticate(name, password);
    String shownName = printable(name);
    if (user.isEmpty()) {
      LOG.warn("Failed login for '{}' from {}", shownName, origin.address());
      audit.append(
          shownName, origin, "login", shownName, "", "refused: wrong user name or password");
    } else {
      audit.append(shownName, origin, "login", shownName, "", "ok");
    }
    return user;
  }

  private void logout(RoutingContext ctx) {
    User user = BearerAuth.user(ctx);
    Origin origin = BearerAuth.origin(ctx);
    sessions.close(BearerAuth.headerToken(ctx.request().getHeader("Authorization")));
    ctx.vertx()
        .executeBlocking(
            () -> audit.append(user.name(), origin, "logout", user.name(), "", "ok"), false)
        .onComplete(done -> ctx.response().setStatusCode(204).end());
  }

  private void me(RoutingContext ctx) {
    User user = BearerAuth.user(ctx);
    JsonArray roles = new JsonArray();
    user.roles().stream().sorted().forEach(role -> roles.add(role.name()));
    ctx.json(new JsonObject().put("user", user.name()).put("roles", roles));
  }

  /** A user-supplied name made safe for one log line: no control characters, bounded length. */
  private static String printable(String text) {
    String cleaned = text.replaceAll("\\p{Cntrl}", "?");
    return cleaned.length() > 64 ? cleaned.substring(0, 64) + "…" : cleaned;
  }
}
