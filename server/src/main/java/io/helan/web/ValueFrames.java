package io.helan.web;

import io.helan.config.Device;
import io.helan.config.Point;
import io.helan.config.Site;
import io.helan.config.Station;
import io.helan.ingest.CurrentValueTable;
import io.helan.ingest.PointValue;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * The {@code values} messages of live push: per station, the current value of every point written
 * since a client's last frame, up to the table's completed-write watermark, so a value whose write
 * is still in progress is left for the next frame instead of being passed over.
 */
final class ValueFrames {
  private final Site site;
  private final CurrentValueTable currentValues;

  ValueFrames(Site site, CurrentValueTable currentValues) {
    this.site = site;
    this.currentValues = currentValues;
  }

  /** The messages of one frame, and the change number they bring the client up to. */
  record Frame(List<String> messages, long upTo) {}

  /**
   * The points of the given stations (by position in the site) changed after {@code since}; with
   * {@code since} 0, every point that has a value.
   */
  Frame since(BitSet stations, long since) {
    long upTo = currentValues.completedChange();
    List<String> messages = new ArrayList<>();
    PointValue value = new PointValue();
    for (int s = stations.nextSetBit(0); s >= 0; s = stations.nextSetBit(s + 1)) {
      if (currentValues.stationChange(s) <= since) {
        continue;
      }
      Station station = site.stations().get(s);
      JsonArray points = new JsonArray();
      for (Device device : station.devices()) {
        for (Point point : device.points()) {
          long change = currentValues.pointChange(point.index());
          if (change > since && change <= upTo) {
            currentValues.read(point.index(), value);
            points.add(SiteView.liveValue(value).put("id", point.id()));
          }
        }
      }
      if (!points.isEmpty()) {
        messages.add(
            new JsonObject()
                .put("type", "values")
                .put("station", station.id())
                .put("points", points)
                .encode());
      }
    }
    return new Frame(messages, upTo);
  }
}
