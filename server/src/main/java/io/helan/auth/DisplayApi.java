package io.helan.auth;

import io.helan.audit.AuditTrail;
import io.helan.audit.Origin;
import io.helan.http.Access;
import io.helan.http.HttpErrors;
import io.helan.http.Requests;
import io.helan.http.Route;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Wall-display tokens on a running server, for an administrator: {@code GET /api/displays} lists
 * the displays, {@code POST /api/displays {name}} adds one and answers its token (shown only then,
 * stored only as a hash) and kiosk path, and {@code POST /api/displays/:name/revoke} withdraws a
 * display's token at once: a lost or leaked wall token is dead without stopping the control room.
 * The live push re-checks every socket's token on each frame, so a revoked display's open socket is
 * closed too. Every change is audited.
 */
public final class DisplayApi {
  private static final int MAX_BODY_BYTES = 1024;

  private final UserDirectory users;
  private final AuditTrail audit;

  public DisplayApi(UserDirectory users, AuditTrail audit) {
    this.users = users;
    this.audit = audit;
  }

  public List<Route> routes() {
    BodyHandler body = BodyHandler.create().setBodyLimit(MAX_BODY_BYTES);
    return List.of(
        Route.get("/api/displays", Access.SIGNED_IN, this::list),
        Route.post("/api/displays", Access.SIGNED_IN, body, this::add),
        Route.post("/api/displays/:name/revoke", Access.SIGNED_IN, this::revoke));
  }

  private void list(RoutingContext ctx) {
    if (admin(ctx) != null) {
      answer(ctx, 200, () -> new JsonObject().put("displays", new JsonArray(users.displays())));
    }
  }

  private void add(RoutingContext ctx) {
    User admin = admin(ctx);
    JsonObject request = admin == null ? null : Requests.jsonBody(ctx);
    if (request == null) {
      return;
    }
    if (!(request.getValue("name") instanceof String name)) {
      HttpErrors.fail(ctx, 400, "body must be JSON {\"name\": ...}");
      return;
    }
    Origin origin = BearerAuth.origin(ctx);
    answer(
        ctx,
        201,
        () -> {
          if (users.displays().contains(name)) {
            throw new Refused(409, "display '" + name + "' exists already: revoke it first");
          }
          String token = users.addDisplay(name);
          audit.append(admin.name(), origin, "display.add", name, "", "ok");
          return new JsonObject()
              .put("name", name)
              .put("token", token)
              .put("kiosk", "/wall?token=" + token);
        });
  }

  private void revoke(RoutingContext ctx) {
    User admin = admin(ctx);
    if (admin == null) {
      return;
    }
    String name = ctx.pathParam("name");
    Origin origin = BearerAuth.origin(ctx);
    answer(
        ctx,
        200,
        () -> {
          if (!users.displays().contains(name)) {
            throw new Refused(404, "no display '" + name + "'");
          }
          users.revokeDisplay(name);
          audit.append(admin.name(), origin, "display.revoke", name, "", "ok");
          return new JsonObject().put("name", name).put("revoked", true);
        });
  }

  /** The caller when an administrator; otherwise answers 403 and returns null. */
  private static User admin(RoutingContext ctx) {
    User user = BearerAuth.user(ctx);
    if (!user.has(Role.ADMIN)) {
      HttpErrors.fail(ctx, 403, "managing wall displays needs the ADMIN role");
      return null;
    }
    return user;
  }

  /** Runs the work off the event loop (it writes the users file and the audit trail). */
  private static void answer(RoutingContext ctx, int status, Callable<JsonObject> work) {
    ctx.vertx()
        .executeBlocking(work, false)
        .onSuccess(body -> HttpErrors.reply(ctx, status, body))
        .onFailure(
            e -> {
              if (e instanceof Refused refused) {
                HttpErrors.fail(ctx, refused.status, e.getMessage());
              } else if (e instanceof IllegalArgumentException) {
                HttpErrors.fail(ctx, 400, e.getMessage());
              } else {
                HttpErrors.fail(ctx, 500, "display change failed: " + e.getMessage());
              }
            });
  }

  /** A refusal with its HTTP status. */
  private static final class Refused extends RuntimeException {
    final int status;

    Refused(int status, String message) {
      super(message);
      this.status = status;
    }
  }
}
