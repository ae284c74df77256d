package io.helan.sources;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** The register's JSON, the same on disk and in the API. */
public final class SourceJson {
  private SourceJson() {}

  public static JsonObject source(RadioactiveSource source) {
    return new JsonObject()
        .put("id", source.id())
        .put("name", source.name())
        .put("class", source.sourceClass().name())
        .put("monitoredOnline", source.sourceClass().monitoredOnline())
        .put("nuclide", source.nuclide())
        .put("activityBq", source.activityBq())
        .put("category", source.category())
        .put("holder", source.holder())
        .put("latitude", source.latitude())
        .put("longitude", source.longitude())
        .put("points", new JsonArray(source.points()))
        .put("fenceMetres", Double.isNaN(source.fenceMetres()) ? null : source.fenceMetres());
  }

  /**
   * A source from its JSON.
   *
   * @throws IllegalArgumentException naming the first field that is missing or of the wrong type
   */
  public static RadioactiveSource source(JsonObject json) {
    return new RadioactiveSource(
        text(json, "id"),
        text(json, "name"),
        SourceClass.fromKey(text(json, "class")),
        text(json, "nuclide"),
        number(json, "activityBq"),
        text(json, "category"),
        text(json, "holder"),
        number(json, "latitude"),
        number(json, "longitude"),
        points(json),
        fence(json));
  }

  private static double fence(JsonObject json) {
    Object value = json.getValue("fenceMetres");
    if (value == null) {
      return Double.NaN;
    }
    if (!(value instanceof Number number) || !Double.isFinite(number.doubleValue())) {
      throw new IllegalArgumentException("'fenceMetres' must be a number of metres");
    }
    return number.doubleValue();
  }

  private static String text(JsonObject json, String key) {
    if (!(json.getValue(key) instanceof String value)) {
      throw new IllegalArgumentException("'" + key + "' is required (text)");
    }
    return value;
  }

  private static double number(JsonObject json, String key) {
    if (!(json.getValue(key) instanceof Number value) || !Double.isFinite(value.doubleValue())) {
      throw new IllegalArgumentException("'" + key + "' is required (a number)");
    }
    return value.doubleValue();
  }

  private static List<String> points(JsonObject json) {
    Object value = json.getValue("points");
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof JsonArray array)) {
      throw new IllegalArgumentException("'points' must be a list of point ids");
    }
    List<String> points = new ArrayList<>();
    for (Object item : array) {
      if (!(item instanceof String point)) {
        throw new IllegalArgumentException("'points' must be a list of point ids");
      }
      points.add(point);
    }
    return points;
  }
}
