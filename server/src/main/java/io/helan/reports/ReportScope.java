package io.helan.reports;

import io.vertx.core.json.JsonObject;

/**
 * What part of the network a report covers: the whole region (every station, each city and the
 * region), one city (a region of the site file: its stations and the city's AQI) or one station.
 *
 * @param kind region, city or station
 * @param id the city's or station's id in the site file; null for the region
 */
public record ReportScope(Kind kind, String id) {
  /** The whole network. */
  public static final ReportScope REGION = new ReportScope(Kind.REGION, null);

  /** The kinds of scope, spelt as in the API ({@code region}, {@code city}, {@code station}). */
  public enum Kind {
    REGION,
    CITY,
    STATION;

    public String key() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    static Kind of(String key) {
      for (Kind kind : values()) {
        if (kind.key().equals(key)) {
          return kind;
        }
      }
      throw new IllegalArgumentException(
          "scope kind must be region, city or station, not '" + key + "'");
    }
  }

  public ReportScope {
    if ((kind == Kind.REGION) != (id == null)) {
      throw new IllegalArgumentException(
          kind == Kind.REGION
              ? "the region scope takes no id"
              : "a " + kind.key() + " scope needs the " + kind.key() + "'s id");
    }
    if (id != null && !id.matches("[A-Za-z0-9_-]{1,64}")) {
      throw new IllegalArgumentException(
          "a " + kind.key() + " id is letters, digits, '-' and '_', not '" + id + "'");
    }
  }

  public static ReportScope city(String id) {
    return new ReportScope(Kind.CITY, id);
  }

  public static ReportScope station(String id) {
    return new ReportScope(Kind.STATION, id);
  }

  /**
   * The part of a report's id after its period: empty for the region (so {@code daily-2026-12-06}
   * stays the regional report), {@code .city-yinchuan} or {@code .station-yc-a}. Station and city
   * ids hold no dot, and the kind is spelt out, so two scopes never share a name.
   */
  String suffix() {
    return kind == Kind.REGION ? "" : "." + kind.key() + "-" + id;
  }

  /** The scope named by the part of a report id after its period ({@link #suffix()}). */
  static ReportScope ofSuffix(String suffix) {
    if (suffix.isEmpty()) {
      return REGION;
    }
    for (Kind kind : new Kind[] {Kind.CITY, Kind.STATION}) {
      String prefix = "." + kind.key() + "-";
      if (suffix.startsWith(prefix)) {
        return new ReportScope(kind, suffix.substring(prefix.length()));
      }
    }
    throw new IllegalArgumentException("unknown report scope '" + suffix + "'");
  }

  /**
   * The scope of a request body's {@code scope}: absent is the region, else {@code {"kind":
   * "region"}}, {@code {"kind": "city", "id": "yinchuan"}} or {@code {"kind": "station", "id":
   * "yc-a"}}.
   *
   * @throws IllegalArgumentException for anything else
   */
  public static ReportScope fromJson(Object scope) {
    if (scope == null) {
      return REGION;
    }
    if (!(scope instanceof JsonObject json)
        || !(json.getValue("kind") instanceof String kind)
        || (json.getValue("id") != null && !(json.getValue("id") instanceof String))) {
      throw new IllegalArgumentException(
          "'scope' must be {\"kind\": \"region\"}, {\"kind\": \"city\", \"id\": ...} or"
              + " {\"kind\": \"station\", \"id\": ...}");
    }
    return new ReportScope(Kind.of(kind), json.getString("id"));
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("kind", kind.key());
    if (id != null) {
      json.put("id", id);
    }
    return json;
  }

  @Override
  public String toString() {
    return kind == Kind.REGION ? "region" : kind.key() + " " + id;
  }
}
