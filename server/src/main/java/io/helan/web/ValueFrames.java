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
 *
 * <p>A message is compact: each value is a tuple {@code [index, value, time, quality, flag]}, where
 * index is the point's position in the station (devices, then points, in site order), time is in
 * milliseconds after the message's {@code t0} (epoch milliseconds), and value and time are null
 * when the point has no value. The first message of a station to a client also carries {@code ids},
 * the station's point ids by position; later ones rely on the client keeping them:
 *
 * <pre>{"type":"values","station":"s1","t0":1765112400123,"ids":["s1.aqm.pm25","s1.aqm.so2"],
 *  "points":[[0,35.2,0,"GOOD","N"],[1,7.5,-40,"GOOD","N"]]}</pre>
 */
final class ValueFrames {
  private final Site site;
  private final CurrentValueTable currentValues;

  /** Per station, {@code {"type":"values","station":"<id>"} up to the closing brace. */
  private final List<String> heads = new ArrayList<>();

  /** Per station, {@code ,"ids":[...]} of its point ids by position. */
  private final List<String> idTables = new ArrayList<>();

  ValueFrames(Site site, CurrentValueTable currentValues) {
    this.site = site;
    this.currentValues = currentValues;
    for (Station station : site.stations()) {
      String head = new JsonObject().put("type", "values").put("station", station.id()).encode();
      heads.add(head.substring(0, head.length() - 1));
      JsonArray ids = new JsonArray();
      for (Device device : station.devices()) {
        for (Point point : device.points()) {
          ids.add(point.id());
        }
      }
      idTables.add(",\"ids\":" + ids.encode());
    }
  }

  /** The messages of one frame, and the change number they bring the client up to. */
  record Frame(List<String> messages, long upTo) {}

  /**
   * The points of the given stations (by position in the site) changed after {@code since}; with
   * {@code since} 0, every point that has a value. A station's message carries its point ids when
   * the station is not in {@code named}, and the station is then added to it.
   */
  Frame since(BitSet stations, long since, BitSet named) {
    long upTo = currentValues.completedChange();
    List<String> messages = new ArrayList<>();
    PointValue value = new PointValue();
    StringBuilder tuples = new StringBuilder();
    for (int s = stations.nextSetBit(0); s >= 0; s = stations.nextSetBit(s + 1)) {
      if (currentValues.stationChange(s) <= since) {
        continue;
      }
      tuples.setLength(0);
      long t0 = Long.MIN_VALUE;
      int position = 0;
      for (Device device : site.stations().get(s).devices()) {
        for (Point point : device.points()) {
          long change = currentValues.pointChange(point.index());
          if (change > since && change <= upTo) {
            currentValues.read(point.index(), value);
            if (t0 == Long.MIN_VALUE && value.hasValue()) {
              t0 = Math.floorDiv(value.timeMicros(), 1000);
            }
            appendTuple(tuples, position, value, t0);
          }
          position++;
        }
      }
      if (tuples.length() > 0) {
        StringBuilder message = new StringBuilder(heads.get(s).length() + tuples.length() + 64);
        message.append(heads.get(s)).append(",\"t0\":").append(t0 == Long.MIN_VALUE ? 0 : t0);
        if (!named.get(s)) {
          message.append(idTables.get(s));
          named.set(s);
        }
        message.append(",\"points\":[").append(tuples).append("]}");
        messages.add(message.toString());
      }
    }
    return new Frame(messages, upTo);
  }

  private static void appendTuple(StringBuilder out, int position, PointValue value, long t0) {
    if (out.length() > 0) {
      out.append(',');
    }
    out.append('[').append(position).append(',');
    if (value.hasValue() && Double.isFinite(value.value())) {
      out.append(value.value());
    } else {
      out.append("null");
    }
    out.append(',');
    if (value.hasValue()) {
      out.append(Math.floorDiv(value.timeMicros(), 1000) - t0);
    } else {
      out.append("null");
    }
    out.append(",\"")
        .append(value.quality().name())
        .append("\",\"")
        .append(value.flag().name())
        .append("\"]");
  }
}
