package io.helan.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the compact {@code values} messages of live push ({@code io.helan.web.ValueFrames}) on the
 * receiving side (the load benchmark's client, tests): keeps each station's point ids from the
 * entry that carried them and turns the tuples of every station entry back into point updates. One
 * reader per socket.
 */
public final class ValueFrameReader {
  /** One point's pushed value; value and time are null when the point has none. */
  public record PointUpdate(
      String id, Double value, Long timeMillis, String quality, String flag) {}

  private final Map<String, List<String>> idsByStation = new HashMap<>();

  /**
   * The point updates of a {@code values} message, in message order; none for other messages.
   *
   * @throws IllegalStateException for values of a station whose point ids were never sent
   */
  public List<PointUpdate> read(JsonObject message) {
    if (!"values".equals(message.getString("type"))) {
      return List.of();
    }
    long t0 = message.getLong("t0");
    List<PointUpdate> updates = new ArrayList<>();
    for (Object entry : message.getJsonArray("stations")) {
      readStation((JsonObject) entry, t0, updates);
    }
    return updates;
  }

  private void readStation(JsonObject entry, long t0, List<PointUpdate> updates) {
    String station = entry.getString("station");
    JsonArray idTable = entry.getJsonArray("ids");
    if (idTable != null) {
      idsByStation.put(station, idTable.stream().map(String.class::cast).toList());
    }
    List<String> ids = idsByStation.get(station);
    if (ids == null) {
      throw new IllegalStateException("values of station " + station + " before its point ids");
    }
    for (Object item : entry.getJsonArray("points")) {
      JsonArray tuple = (JsonArray) item;
      Long offset = tuple.getLong(2);
      updates.add(
          new PointUpdate(
              ids.get(tuple.getInteger(0)),
              tuple.getDouble(1),
              offset == null ? null : t0 + offset,
              tuple.getString(3),
              tuple.getString(4)));
    }
  }

  /** The stations a {@code values} message has values of, in message order. */
  public static List<String> stations(JsonObject message) {
    if (!"values".equals(message.getString("type"))) {
      return List.of();
    }
    return message.getJsonArray("stations").stream()
        .map(entry -> ((JsonObject) entry).getString("station"))
        .toList();
  }

  /** Point id → value of a {@code values} message (a later update of a point winning). */
  public Map<String, Double> values(JsonObject message) {
    Map<String, Double> values = new HashMap<>();
    for (PointUpdate update : read(message)) {
      values.put(update.id(), update.value());
    }
    return values;
  }
}
