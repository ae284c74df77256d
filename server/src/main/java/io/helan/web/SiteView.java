package io.helan.web;

import io.helan.config.Device;
import io.helan.config.Point;
import io.helan.config.Region;
import io.helan.config.Site;
import io.helan.config.Station;
import io.helan.driver.LinkState;
import io.helan.field.FieldLinks;
import io.helan.ingest.CurrentValueTable;
import io.helan.ingest.PointValue;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** Renders stations, devices and points with their live state as the API's JSON. */
final class SiteView {
  private final Site site;
  private final CurrentValueTable currentValues;
  private final FieldLinks links;
  private final Map<String, String> regionNames = new HashMap<>();

  SiteView(Site site, CurrentValueTable currentValues, FieldLinks links) {
    this.site = site;
    this.currentValues = currentValues;
    this.links = links;
    for (Region region : site.regions()) {
      regionNames.put(region.id(), region.name());
    }
  }

  JsonArray stations() {
    JsonArray array = new JsonArray();
    PointValue value = new PointValue();
    for (Station station : site.stations()) {
      array.add(stationSummary(station, value));
    }
    return array;
  }

  JsonObject station(Station station) {
    PointValue value = new PointValue();
    JsonObject json = stationSummary(station, value);
    JsonArray devices = new JsonArray();
    for (Device device : station.devices()) {
      JsonArray points = new JsonArray();
      for (Point point : device.points()) {
        currentValues.read(point.index(), value);
        points.add(
            new JsonObject()
                .put("id", point.id())
                .put("name", point.name())
                .put("code", point.code())
                .put("unit", point.unit())
                .put("rangeLow", point.rangeLow())
                .put("rangeHigh", point.rangeHigh())
                .mergeIn(liveValue(value)));
      }
      devices.add(
          new JsonObject()
              .put("id", device.id())
              .put("name", device.name())
              .put("type", device.type())
              .put("protocol", device.connection().protocol())
              .put("linkState", links.state(device.id()).name())
              .put("points", points));
    }
    return json.put("devices", devices);
  }

  /** The live part of a point: value, quality, flag and time. */
  static JsonObject liveValue(PointValue value) {
    JsonObject json = new JsonObject();
    json.put("value", value.hasValue() && Double.isFinite(value.value()) ? value.value() : null);
    json.put("quality", value.quality().name());
    json.put("flag", value.flag().name());
    json.put("time", value.hasValue() ? isoTime(value.timeMicros()) : null);
    return json;
  }

  static String isoTime(long micros) {
    return Instant.ofEpochSecond(micros / 1_000_000, (micros % 1_000_000) * 1_000).toString();
  }

  private JsonObject stationSummary(Station station, PointValue value) {
    int points = 0;
    int good = 0;
    for (Device device : station.devices()) {
      for (Point point : device.points()) {
        points++;
        currentValues.read(point.index(), value);
        if (value.quality().isGood()) {
          good++;
        }
      }
    }
    return new JsonObject()
        .put("id", station.id())
        .put("name", station.name())
        .put("nameEn", station.nameEn())
        .put("kind", station.kind().key())
        .put("region", station.regionId())
        .put("regionName", regionNames.get(station.regionId()))
        .put("latitude", station.latitude())
        .put("longitude", station.longitude())
        .put("linkState", worstLinkState(station).name())
        .put("points", points)
        .put("goodPoints", good);
  }

  private LinkState worstLinkState(Station station) {
    LinkState worst = LinkState.CONNECTED;
    for (Device device : station.devices()) {
      LinkState state = links.state(device.id());
      if (state == LinkState.DISCONNECTED || state == LinkState.CLOSED) {
        return LinkState.DISCONNECTED;
      }
      if (state == LinkState.CONNECTING) {
        worst = LinkState.CONNECTING;
      }
    }
    return worst;
  }
}
