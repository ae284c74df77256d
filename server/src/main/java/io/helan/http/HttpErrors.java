package io.helan.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** The JSON error answer of every REST route: {@code {"error": message, "status": status}}. */
public final class HttpErrors {
  private HttpErrors() {}

  /** The error body, to which a caller may add more fields before {@link #reply}. */
  public static JsonObject error(int status, String message) {
    return new JsonObject().put("error", message).put("status", status);
  }

  /** Answers with the status and the error body. */
  public static void fail(RoutingContext ctx, int status, String message) {
    reply(ctx, status, error(status, message));
  }

  /** Answers with the status and the given body. */
  public static void reply(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status);
    ctx.json(body);
  }
}
