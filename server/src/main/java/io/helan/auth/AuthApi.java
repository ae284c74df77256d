package io.helan.auth;

import io.helan.audit.AuditTrail;
import io.helan.audit.Origin;
import io.helan.http.Access;
import io.helan.http.HttpErrors;
import io.helan.http.Route;
import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * REST login and logout: {@code POST /api/login {user, password}} gives a bearer token, {@code POST
 * /api/logout} ends the session, {@code GET /api/me} tells who is logged in. Every attempt is
 * audited; a failed one tells the client nothing but "wrong user name or password".
 *
 * <p>Guessing is slowed per user name and per address ({@link LoginThrottle}: 429 with
 * Retry-After), and password checks (Argon2, 19 MiB and a fraction of a second each) run on a small
 * pool of their own with a short queue: a flood beyond it is answered 503 at once instead of
 * queueing without bound, so the server's memory, its worker threads and its other routes stay
 * free.
 */
public final class AuthApi implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AuthApi.class);
  private static final int MAX_BODY_BYTES = 4096;

  /** Threads checking passwords at once. */
  static final int CHECK_THREADS = 2;

  /** Password checks waiting for a thread; one more attempt is answered 503. */
  static final int CHECK_QUEUE = 16;

  private final UserDirectory users;
  private final Sessions sessions;
  private final AuditTrail audit;
  private final Duration idleTimeout;
  private final LoginThrottle throttle;
  private final ThreadPoolExecutor passwordChecks;

  public AuthApi(
      UserDirectory users,
      Sessions sessions,
      AuditTrail audit,
      Duration idleTimeout,
      LoginThrottle throttle) {
    this.users = users;
    this.sessions = sessions;
    this.audit = audit;
    this.idleTimeout = idleTimeout;
    this.throttle = throttle;
    AtomicInteger threads = new AtomicInteger();
    this.passwordChecks =
        new ThreadPoolExecutor(
            CHECK_THREADS,
            CHECK_THREADS,
            0,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(CHECK_QUEUE),
            task -> {
              Thread thread = new Thread(task, "password-check-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            },
            new ThreadPoolExecutor.AbortPolicy());
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
    String address = host(ctx);
    Duration wait = throttle.waitBefore(name, address);
    if (!wait.isZero()) {
      long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
      LOG.debug("Login for '{}' from {} throttled for {} s", printable(name), address, seconds);
      ctx.response().putHeader("Retry-After", Long.toString(seconds));
      HttpErrors.fail(ctx, 429, "too many failed logins: try again in " + seconds + " s");
      return;
    }
    // the session opens on the password-check thread too: in a cluster it is a Hazelcast map entry
    CompletableFuture<Optional<SignedIn>> checked;
    try {
      checked =
          CompletableFuture.supplyAsync(
              () ->
                  authenticate(name, password, address, origin)
                      .map(user -> new SignedIn(user, sessions.open(user))),
              passwordChecks);
    } catch (RejectedExecutionException e) {
      LOG.debug("Login for '{}' from {} refused: password checks busy", printable(name), address);
      ctx.response().putHeader("Retry-After", "1");
      HttpErrors.fail(ctx, 503, "too many logins at once: try again in a second");
      return;
    }
    Future.fromCompletionStage(checked, ctx.vertx().getOrCreateContext())
        .onSuccess(
            signedIn -> {
              if (signedIn.isEmpty()) {
                HttpErrors.fail(ctx, 401, "wrong user name or password");
                return;
              }
              User user = signedIn.get().user();
              JsonArray roles = new JsonArray();
              user.roles().stream().sorted().forEach(role -> roles.add(role.name()));
              ctx.json(
                  new JsonObject()
                      .put("token", signedIn.get().token())
                      .put("user", user.name())
                      .put("roles", roles)
                      .put("idleTimeoutSeconds", idleTimeout.toSeconds()));
            })
        .onFailure(
            e -> {
              LOG.error("Login could not be checked", e);
              HttpErrors.fail(ctx, 500, "login unavailable: " + e.getMessage());
            });
  }

  /** A user signed in, with the token of the session just opened. */
  private record SignedIn(User user, String token) {}

  /**
   * Checks the password, counts a failure against the name and address, and audits the attempt and
   * any lockout it causes; runs on the password-check pool.
   */
  private Optional<User> authenticate(String name, String password, String address, Origin origin) {
    Optional<User> user = users.authenticate(name, password);
    String shownName = printable(name);
    if (user.isEmpty()) {
      LOG.warn("Failed login for '{}' from {}", shownName, origin.address());
      audit.append(
          shownName, origin, "login", shownName, "", "refused: wrong user name or password");
      for (String locked : throttle.failed(name, address)) {
        LOG.warn("Locked out {} after repeated failed logins", printable(locked));
        audit.append(
            shownName, origin, "login.lockout", printable(locked), "", "locked out for a while");
      }
    } else {
      throttle.succeeded(name);
      audit.append(shownName, origin, "login", shownName, "", "ok");
    }
    return user;
  }

  private static String host(RoutingContext ctx) {
    return ctx.request().remoteAddress() == null ? "unknown" : ctx.request().remoteAddress().host();
  }

  /** Stops the password-check threads. */
  @Override
  public void close() {
    passwordChecks.shutdownNow();
  }

  private void logout(RoutingContext ctx) {
    User user = BearerAuth.user(ctx);
    Origin origin = BearerAuth.origin(ctx);
    String token = BearerAuth.headerToken(ctx.request().getHeader("Authorization"));
    ctx.vertx()
        .executeBlocking(() -> sessions.close(token), false)
        .onFailure(
            e -> HttpErrors.fail(ctx, 503, "sessions unavailable, try again: " + e.getMessage()))
        .onSuccess(
            closed ->
                ctx.vertx()
                    .executeBlocking(
                        () -> audit.append(user.name(), origin, "logout", user.name(), "", "ok"),
                        false)
                    .onComplete(done -> ctx.response().setStatusCode(204).end()));
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
