package io.helan.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.NoSuchElementException;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What REST handlers that wait for storage share: parameters read with a clear 400, and work run
 * off the event loop whose refusals become statuses.
 */
public final class Requests {
  private static final Logger LOG = LoggerFactory.getLogger(Requests.class);

  private Requests() {}

  /**
   * Runs work on a worker thread and answers with its result ({@code status}), or with the refusal
   * it raised: 403 {@link SecurityException}, 404 {@link NoSuchElementException}, 400 {@link
   * IllegalArgumentException}, 409 {@link IllegalStateException}, else 500.
   */
  public static void answer(RoutingContext ctx, int status, Callable<JsonObject> work) {
    ctx.vertx()
        .executeBlocking(work, false)
        .onSuccess(body -> HttpErrors.reply(ctx, status, body))
        .onFailure(e -> refuse(ctx, e));
  }

  /**
   * Runs work on a worker thread and answers 200 with the bytes it made as a download named {@code
   * fileName}, or with its refusal as {@link #answer} does.
   */
  public static void download(
      RoutingContext ctx, String contentType, String fileName, Callable<byte[]> work) {
    ctx.vertx()
        .executeBlocking(work, false)
        .onSuccess(
            bytes ->
                ctx.response()
                    .putHeader("Content-Type", contentType)
                    .putHeader("Content-Disposition", "attachment; filename=\"" + fileName + "\"")
                    .end(Buffer.buffer(bytes)))
        .onFailure(e -> refuse(ctx, e));
  }

  private static void refuse(RoutingContext ctx, Throwable e) {
    if (e instanceof SecurityException) {
      HttpErrors.fail(ctx, 403, e.getMessage());
    } else if (e instanceof NoSuchElementException) {
      HttpErrors.fail(ctx, 404, e.getMessage());
    } else if (e instanceof IllegalArgumentException) {
      HttpErrors.fail(ctx, 400, e.getMessage());
    } else if (e instanceof IllegalStateException) {
      HttpErrors.fail(ctx, 409, e.getMessage());
    } else {
      LOG.warn("{} {} failed", ctx.request().method(), ctx.normalizedPath(), e);
      HttpErrors.fail(ctx, 500, "request failed: " + e.getMessage());
    }
  }

  /** The request's JSON object (empty for an empty body), or null after answering 400. */
  public static JsonObject jsonBody(RoutingContext ctx) {
    try {
      JsonObject body = ctx.body().length() == 0 ? new JsonObject() : ctx.body().asJsonObject();
      return body == null ? new JsonObject() : body;
    } catch (DecodeException | ClassCastException e) {
      HttpErrors.fail(ctx, 400, "body must be a JSON object");
      return null;
    }
  }

  /**
   * An ISO-8601 time parameter, or the fallback when absent.
   *
   * @throws IllegalArgumentException when it is not a time
   */
  public static Instant time(String name, String text, Instant fallback) {
    if (text == null || text.isBlank()) {
      return fallback;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "'" + name + "' must be an ISO-8601 time such as 2026-11-28T10:00:00Z");
    }
  }
}
