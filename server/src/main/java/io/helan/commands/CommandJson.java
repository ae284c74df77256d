package io.helan.commands;

import io.helan.audit.Origin;
import io.helan.config.CommandKind;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON form of a command, shared by the REST API, the WebSocket push ({@code {"type":"command",
 * ...}}) and the command journal.
 */
public final class CommandJson {

  private CommandJson() {}

  public static JsonObject toJson(CommandRecord record) {
    JsonObject parameters = new JsonObject();
    record.parameters().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> parameters.put(e.getKey(), e.getValue()));
    return new JsonObject()
        .put("id", record.id())
        .put("device", record.deviceId())
        .put("command", record.commandId())
        .put("kind", record.kind() == null ? null : record.kind().key())
        .put("parameters", parameters)
        .put("user", record.user())
        .put("channel", record.origin().channel())
        .put("address", record.origin().address())
        .put("state", record.state().name())
        .put("refusal", record.refusal() == null ? null : record.refusal().name())
        .put("detail", record.detail())
        .put("requested", record.requested().toString())
        .put("updated", record.updated().toString())
        .put("effectUntil", record.effectUntil() == null ? null : record.effectUntil().toString());
  }

  /** The WebSocket message telling clients of a command's progress. */
  public static JsonObject message(CommandRecord record) {
    return new JsonObject().put("type", "command").mergeIn(toJson(record));
  }

  /**
   * Reads a command back from {@link #toJson}.
   *
   * @throws IllegalArgumentException if a field is missing or malformed
   */
  public static CommandRecord fromJson(JsonObject json) {
    try {
      Map<String, Double> parameters = new LinkedHashMap<>();
      JsonObject stored = json.getJsonObject("parameters", new JsonObject());
      for (String name : stored.fieldNames()) {
        parameters.put(name, stored.getDouble(name));
      }
      String kind = json.getString("kind");
      String refusal = json.getString("refusal");
      String effectUntil = json.getString("effectUntil");
      return new CommandRecord(
          required(json, "id"),
          required(json, "device"),
          json.getString("command"),
          kind == null ? null : CommandKind.fromKey(kind),
          parameters,
          required(json, "user"),
          new Origin(json.getString("channel"), json.getString("address")),
          CommandState.valueOf(required(json, "state")),
          refusal == null ? null : CommandRefusal.valueOf(refusal),
          json.getString("detail"),
          Instant.parse(required(json, "requested")),
          Instant.parse(required(json, "updated")),
          effectUntil == null ? null : Instant.parse(effectUntil));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("malformed command record: " + e.getMessage(), e);
    }
  }

  private static String required(JsonObject json, String field) {
    String value = json.getString(field);
    if (value == null) {
      throw new IllegalArgumentException("no '" + field + "'");
    }
    return value;
  }
}
