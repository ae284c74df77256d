package io.helan.commands;

import io.helan.audit.Origin;
import io.helan.auth.BearerAuth;
import io.helan.auth.User;
import io.helan.config.CommandDefinition;
import io.helan.config.Device;
import io.helan.config.Site;
import io.helan.http.Access;
import io.helan.http.HttpErrors;
import io.helan.http.Route;
import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * REST for commands, every route behind a login:
 *
 * <ul>
 *   <li>{@code POST /api/commands {device, command, parameters}} → 201 and the SELECTED command, or
 *       400/403/404/409 with the refused command and the reason
 *   <li>{@code POST /api/commands/{id}/operate} → 200 and the command once the device answered
 *       (ACKNOWLEDGED, COMPLETED, FAILED, TIMED_OUT); 409 if EXPIRED or no longer allowed; 403 for
 *       a user other than the selecting one
 *   <li>{@code POST /api/commands/{id}/cancel} → 200 and the CANCELLED command
 *   <li>{@code GET /api/commands?limit=N} newest first; {@code GET /api/commands/{id}}
 *   <li>{@code GET /api/devices/{id}/commands} → what the device offers, with the role and the
 *       parameters each needs
 * </ul>
 */
public final class CommandApi {
  private static final Logger LOG = LoggerFactory.getLogger(CommandApi.class);
  private static final int DEFAULT_LIMIT = 50;
  private static final int MAX_LIMIT = 1000;
  private static final int MAX_BODY_BYTES = 16 * 1024;

  private final Site site;
  private final CommandService commands;

  public CommandApi(Site site, CommandService commands) {
    this.site = site;
    this.commands = commands;
  }

  /** The routes, to register before any catch-all {@code /api/*} route. */
  public List<Route> routes() {
    BodyHandler body = BodyHandler.create().setBodyLimit(MAX_BODY_BYTES);
    return List.of(
        Route.post("/api/commands", Access.SIGNED_IN, body, this::select),
        Route.post("/api/commands/:id/operate", Access.SIGNED_IN, this::operate),
        Route.post("/api/commands/:id/cancel", Access.SIGNED_IN, this::cancel),
        Route.get("/api/commands", Access.READER, this::list),
        Route.get("/api/commands/:id", Access.READER, this::one),
        Route.get("/api/devices/:id/commands", Access.READER, this::offered));
  }

  private void select(RoutingContext ctx) {
    JsonObject request;
    try {
      request = ctx.body().asJsonObject();
    } catch (DecodeException | ClassCastException e) {
      fail(ctx, 400, "body must be a JSON object: " + e.getMessage(), null);
      return;
    }
    if (request == null
        || !(request.getValue("device") instanceof String device)
        || !(request.getValue("command") instanceof String command)) {
      fail(ctx, 400, "body must be {\"device\": id, \"command\": id, \"parameters\": {...}}", null);
      return;
    }
    Object given = request.getValue("parameters");
    if (given != null && !(given instanceof JsonObject)) {
      fail(ctx, 400, "'parameters' must be an object of numbers", null);
      return;
    }
    Map<String, Double> parameters = new HashMap<>();
    if (given instanceof JsonObject object) {
      for (String name : object.fieldNames()) {
        if (!(object.getValue(name) instanceof Number number)) {
          fail(ctx, 400, "parameter '" + name + "' must be a number", null);
          return;
        }
        parameters.put(name, number.doubleValue());
      }
    }
    User user = BearerAuth.user(ctx);
    Origin origin = BearerAuth.origin(ctx);
    ctx.vertx()
        .executeBlocking(() -> commands.select(user, origin, device, command, parameters), false)
        .onSuccess(
            record -> {
              if (record.state() == CommandState.SELECTED) {
                ctx.response().setStatusCode(201);
                ctx.json(CommandJson.toJson(record));
              } else {
                fail(ctx, status(record.refusal()), record.detail(), record);
              }
            })
        .onFailure(e -> serverError(ctx, "select", e));
  }

  private void operate(RoutingContext ctx) {
    User user = BearerAuth.user(ctx);
    Origin origin = BearerAuth.origin(ctx);
    String id = ctx.pathParam("id");
    ctx.vertx()
        .executeBlocking(() -> commands.operate(user, origin, id), false)
        .compose(operated -> Future.fromCompletionStage(operated, ctx.vertx().getOrCreateContext()))
        .onSuccess(
            record -> {
              switch (record.state()) {
                case EXPIRED -> fail(ctx, 409, "selection expired: " + record.detail(), record);
                case REFUSED -> fail(ctx, status(record.refusal()), record.detail(), record);
                default -> ctx.json(CommandJson.toJson(record));
              }
            })
        .onFailure(e -> refusedOrError(ctx, "operate", e));
  }

  private void cancel(RoutingContext ctx) {
    User user = BearerAuth.user(ctx);
    Origin origin = BearerAuth.origin(ctx);
    String id = ctx.pathParam("id");
    ctx.vertx()
        .executeBlocking(() -> commands.cancel(user, origin, id), false)
        .onSuccess(record -> ctx.json(CommandJson.toJson(record)))
        .onFailure(e -> refusedOrError(ctx, "cancel", e));
  }

  private void list(RoutingContext ctx) {
    int limit = DEFAULT_LIMIT;
    String text = ctx.request().getParam("limit");
    if (text != null) {
      try {
        limit = Integer.parseInt(text);
      } catch (NumberFormatException e) {
        limit = -1;
      }
      if (limit < 1 || limit > MAX_LIMIT) {
        fail(ctx, 400, "'limit' must be a whole number from 1 to " + MAX_LIMIT, null);
        return;
      }
    }
    JsonArray array = new JsonArray();
    commands.recent(limit).forEach(record -> array.add(CommandJson.toJson(record)));
    ctx.json(array);
  }

  private void one(RoutingContext ctx) {
    Optional<CommandRecord> record = commands.command(ctx.pathParam("id"));
    if (record.isEmpty()) {
      fail(ctx, 404, "no command '" + ctx.pathParam("id") + "'", null);
      return;
    }
    ctx.json(CommandJson.toJson(record.get()));
  }

  private void offered(RoutingContext ctx) {
    Optional<Device> device = site.device(ctx.pathParam("id"));
    if (device.isEmpty()) {
      fail(ctx, 404, "no device '" + ctx.pathParam("id") + "'", null);
      return;
    }
    var station = site.station(device.get().stationId()).orElseThrow();
    JsonArray array = new JsonArray();
    for (CommandDefinition definition : device.get().commands()) {
      JsonArray parameters = new JsonArray();
      for (CommandParameter parameter : CommandRules.parameters(definition)) {
        parameters.add(
            new JsonObject()
                .put("name", parameter.name())
                .put("required", parameter.required())
                .put("min", parameter.min())
                .put("max", parameter.max())
                .put("unit", parameter.unit())
                .put("description", parameter.description()));
      }
      array.add(
          new JsonObject()
              .put("id", definition.id())
              .put("kind", definition.kind().key())
              .put("name", definition.name())
              .put("durationSeconds", definition.durationSeconds())
              .put("role", CommandRules.requiredRole(definition.kind(), station.kind()).name())
              .put("parameters", parameters));
    }
    ctx.json(array);
  }

  private static void refusedOrError(RoutingContext ctx, String action, Throwable error) {
    Throwable cause =
        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    if (cause instanceof CommandRefusedException refused) {
      fail(ctx, status(refused.refusal()), refused.getMessage(), null);
    } else {
      serverError(ctx, action, cause);
    }
  }

  private static void serverError(RoutingContext ctx, String action, Throwable error) {
    LOG.error("Command {} failed", action, error);
    fail(ctx, 500, "command " + action + " failed: " + error.getMessage(), null);
  }

  static int status(CommandRefusal refusal) {
    if (refusal == null) {
      return 409;
    }
    return switch (refusal) {
      case NOT_AUTHORISED -> 403;
      case UNKNOWN_TARGET -> 404;
      case BAD_PARAMETER -> 400;
      case INTERLOCK, WRONG_STATE -> 409;
    };
  }

  private static void fail(RoutingContext ctx, int status, String message, CommandRecord record) {
    JsonObject json = HttpErrors.error(status, message);
    if (record != null) {
      json.put("command", CommandJson.toJson(record));
    }
    HttpErrors.reply(ctx, status, json);
  }
}
