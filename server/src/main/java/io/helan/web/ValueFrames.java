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
 * The {@code values} messages of live push: the current value of every point written since a
 * client's last frame, up to the table's completed-write watermark, so a value whose write is still
 * in progress is left for the next frame instead of being passed over.
 *
 * <p>One frame is one message for all the client's stations that changed (a 2,000-station site
 * pushes a few messages a second, not thousands); a message that has reached {@link
 * #MAX_MESSAGE_CHARS} is closed after its last station and the next begun, so a station's values
 * are never split.
 *
 * <p>A message is compact: each value is a tuple {@code [index, value, time, quality, flag]}, where
 * index is the point's position in its station (devices, then points, in site order), time is in
 * milliseconds after the message's {@code t0} (epoch milliseconds), and value and time are null
 * when the point has no value. A station's first entry to a client also carries {@code ids}, the
 * station's point ids by position; later ones rely on the client keeping them:
 *
 * <pre>{"type":"values","t0":1765112400123,"stations":[
 *  {"station":"s1","ids":["s1.aqm.pm25","s1.aqm.so2"],"points":[[0,35.2,0,"GOOD","N"],[1,7.5,-40,"GOOD","N"]]},
 *  {"station":"s2","points":[[3,1.25,-120,"GOOD","N"]]}]}</pre>
 */
final class ValueFrames {
  /**
   * A message is closed once it holds this many characters (64 Ki, plus the station that took it
   * past): well within WebSocket clients' default message limits (Vert.x: 256 KiB), large enough
   * that a busy site needs few.
   */
  static final int MAX_MESSAGE_CHARS = 64 * 1024;

  private final Site site;
  private final CurrentValueTable currentValues;

  /** Per station, {@code {"station":"<id>"} up to the closing brace. */
  private final List<String> heads = new ArrayList<>();

  /** Per station, {@code ,"ids":[...]} of its point ids by position. */
  private final List<String> idTables = new ArrayList<>();

  ValueFrames(Site site, CurrentValueTable currentValues) {
    this.site = site;
    this.currentValues = currentValues;
    for (Station station : site.stations()) {
      String head = new JsonObject().put("station", station.id()).encode();
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
   * {@code since} 0, every point that has a value. A station's entry carries its point ids when the
   * station is not in {@code named}, and the station is then added to it.
   */
  Frame since(BitSet stations, long since, BitSet named) {
    long upTo = currentValues.completedChange();
    Message message = new Message();
    PointValue value = new PointValue();
    for (int s = stations.nextSetBit(0); s >= 0; s = stations.nextSetBit(s + 1)) {
      if (currentValues.stationChange(s) <= since) {
        continue;
      }
      int position = 0;
      int tuples = 0;
      for (Device device : site.stations().get(s).devices()) {
        for (Point point : device.points()) {
          long change = currentValues.pointChange(point.index());
          if (change > since && change <= upTo) {
            currentValues.read(point.index(), value);
            if (tuples++ == 0) {
              message.openStation(heads.get(s), named.get(s) ? "" : idTables.get(s));
              named.set(s);
            }
            message.appendTuple(position, value);
          }
          position++;
        }
      }
      if (tuples > 0) {
        message.closeStation();
      }
    }
    return new Frame(message.done(), upTo);
  }

  /** The messages of one frame as they are built: station entries, then the next message. */
  private static final class Message {
    private final List<String> messages = new ArrayList<>();
    private final StringBuilder stations = new StringBuilder();
    private final StringBuilder tuples = new StringBuilder();
    private long t0 = Long.MIN_VALUE;

    void openStation(String head, String ids) {
      if (stations.length() > 0) {
        stations.append(',');
      }
      stations.append(head).append(ids).append(",\"points\":[");
    }

    void appendTuple(int position, PointValue value) {
      if (t0 == Long.MIN_VALUE && value.hasValue()) {
        t0 = Math.floorDiv(value.timeMicros(), 1000);
      }
      ValueFrames.appendTuple(tuples, position, value, t0);
    }

    void closeStation() {
      stations.append(tuples).append("]}");
      tuples.setLength(0);
      if (stations.length() >= MAX_MESSAGE_CHARS) {
        flush();
      }
    }

    List<String> done() {
      flush();
      return messages;
    }

    private void flush() {
      if (stations.length() == 0) {
        return;
      }
      messages.add(
          "{\"type\":\"values\",\"t0\":"
              + (t0 == Long.MIN_VALUE ? 0 : t0)
              + ",\"stations\":["
              + stations
              + "]}");
      stations.setLength(0);
      t0 = Long.MIN_VALUE;
    }
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
