package io.helan.web;

import io.helan.config.Device;
import io.helan.config.Site;
import io.helan.driver.LinkState;
import io.helan.ingest.CurrentValueTable;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes current-value changes to WebSocket clients, coalesced to one frame per interval: each
 * frame carries only the latest value of the points that changed since the previous frame, so a
 * burst of updates cannot flood a browser.
 */
final class LivePush {
  private static final Logger LOG = LoggerFactory.getLogger(LivePush.class);
  static final long FRAME_MILLIS = 250;

  /** Refuse outsized client messages: a subscription list is small. */
  private static final int MAX_MESSAGE_BYTES = 64 * 1024;

  private final Site site;
  private final ValueFrames frames;
  private final Map<String, Integer> stationPositions = new HashMap<>();
  private final Set<Client> clients = ConcurrentHashMap.newKeySet();

  LivePush(Site site, CurrentValueTable currentValues) {
    this.site = site;
    this.frames = new ValueFrames(site, currentValues);
    for (int s = 0; s < site.stations().size(); s++) {
      stationPositions.put(site.stations().get(s).id(), s);
    }
  }

  /** Starts the frame timer on the given Vert.x instance. */
  void start(Vertx vertx) {
    vertx.setPeriodic(FRAME_MILLIS, id -> clients.forEach(this::sendFrame));
  }

  void accept(ServerWebSocket socket) {
    Client client = new Client(socket);
    clients.add(client);
    socket.closeHandler(v -> clients.remove(client));
    socket.exceptionHandler(e -> LOG.debug("WebSocket error: {}", e.getMessage()));
    socket.textMessageHandler(text -> onMessage(client, text));
  }

  int clientCount() {
    return clients.size();
  }

  /** Tells every client subscribed to the station that a device's link changed. */
  void linkChanged(Device device, LinkState state) {
    Integer position = stationPositions.get(device.stationId());
    if (position == null) {
      return;
    }
    String message =
        new JsonObject()
            .put("type", "link")
            .put("station", device.stationId())
            .put("device", device.id())
            .put("state", state.name())
            .encode();
    for (Client client : clients) {
      if (client.subscribed(position)) {
        client.socket.writeTextMessage(message);
      }
    }
  }

  /** Sends an event (alarm or command change) to every connected client. */
  void broadcast(String message) {
    for (Client client : clients) {
      client.socket.writeTextMessage(message);
    }
  }

  private void onMessage(Client client, String text) {
    if (text.length() > MAX_MESSAGE_BYTES) {
      client.error("message too large");
      return;
    }
    JsonObject message;
    try {
      message = new JsonObject(text);
    } catch (DecodeException e) {
      client.error("not JSON: " + e.getMessage());
      return;
    }
    if (!"subscribe".equals(message.getString("type"))) {
      client.error("unknown message type '" + message.getValue("type") + "'");
      return;
    }
    Object stations = message.getValue("stations");
    if (!(stations instanceof JsonArray list)) {
      client.error("subscribe needs a 'stations' array");
      return;
    }
    BitSet wanted = new BitSet(site.stations().size());
    List<String> unknown = new ArrayList<>();
    for (Object id : list) {
      if ("*".equals(id)) {
        wanted.set(0, site.stations().size());
      } else if (id instanceof String s && stationPositions.containsKey(s)) {
        wanted.set(stationPositions.get(s));
      } else {
        unknown.add(String.valueOf(id));
      }
    }
    if (!unknown.isEmpty()) {
      client.error("unknown stations " + unknown);
    }
    client.subscribe(wanted);
  }

  private void sendFrame(Client client) {
    BitSet subscribed = client.subscriptions;
    if (subscribed.isEmpty() || client.socket.writeQueueFull()) {
      return; // a slow client skips frames; the next one carries the latest values
    }
    ValueFrames.Frame frame = frames.since(subscribed, client.sentUpTo);
    frame.messages().forEach(client.socket::writeTextMessage);
    client.sentUpTo = frame.upTo();
  }

  /** One WebSocket connection and what it asked for. */
  private static final class Client {
    final ServerWebSocket socket;
    volatile BitSet subscriptions = new BitSet();

    /** Changes up to this sequence have been sent; a new subscription starts from zero. */
    long sentUpTo;

    Client(ServerWebSocket socket) {
      this.socket = socket;
    }

    void subscribe(BitSet wanted) {
      subscriptions = wanted;
      sentUpTo = 0;
    }

    boolean subscribed(int station) {
      return subscriptions.get(station);
    }

    void error(String message) {
      socket.writeTextMessage(
          new JsonObject().put("type", "error").put("message", message).encode());
    }
  }
}
