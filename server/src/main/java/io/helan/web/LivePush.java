package io.helan.web;

import io.helan.auth.BearerAuth;
import io.helan.auth.Role;
import io.helan.auth.User;
import io.helan.config.Device;
import io.helan.config.Site;
import io.helan.driver.LinkState;
import io.helan.field.FieldLinks;
import io.helan.http.HttpErrors;
import io.helan.ingest.CurrentValueTable;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.ServerWebSocketHandshake;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live push on {@code /ws}: current-value changes coalesced to one frame per interval (each
 * frame carries only the latest value of the points that changed since the previous one), link
 * changes, and alarm and command events.
 *
 * <p>Only a user or display who may read site data (the viewer's right) gets a socket: the upgrade
 * is refused with 401 without a live session or display token, 403 without the right, 429 past the
 * per-user cap and 503 past the total cap; a request that is no upgrade gets 400. Each socket's
 * token is re-checked once per session-check interval (a second by default, not every frame: in a
 * cluster a check is a call to the Hazelcast session map); a socket whose session has ended
 * (logout, user removed, right withdrawn) is closed with 1008. The re-check counts as use of the
 * session, so an open socket keeps its session alive, as the HMI's periodic REST reads do.
 *
 * <p>Each client's outbound queue is bounded ({@link PushClient}). A client that falls behind
 * misses messages until its queue has drained to half the limit; then it gets {@code
 * {"type":"resync"}} and a fresh snapshot (the link state of every device and the current value of
 * every point of its stations) and should re-read alarms and commands over REST. A client that
 * stays behind longer than the stuck timeout is closed with 1008 (counted in {@code
 * helan.push.slow.closed}), and cut if it has not taken its close frame within another stuck
 * timeout.
 *
 * <p>Everything runs on the web verticle's event loop.
 */
final class LivePush {
  private static final Logger LOG = LoggerFactory.getLogger(LivePush.class);

  /** Refuse outsized client messages: a subscription list is small. */
  private static final int MAX_MESSAGE_BYTES = 64 * 1024;

  static final String PATH = "/ws";

  private static final String RESYNC = new JsonObject().put("type", "resync").encode();

  private final Site site;
  private final FieldLinks links;
  private final ValueFrames frames;
  private final BearerAuth auth;
  private final PushSettings settings;
  private final Map<String, Integer> stationPositions = new HashMap<>();
  private final Set<PushClient> clients = ConcurrentHashMap.newKeySet();

  /** Sockets open or being opened, per user; their sum against the total cap. */
  private final Map<String, Integer> socketsPerUser = new HashMap<>();

  private int sockets;
  private Vertx vertx;
  // event loop only: a session check of all clients is under way
  private boolean checking;
  private final AtomicLong queuedBytes = new AtomicLong();
  private final Counter dropped;
  private final Counter resyncs;
  private final Counter slowClosed;

  LivePush(
      Site site,
      CurrentValueTable currentValues,
      FieldLinks links,
      BearerAuth auth,
      PushSettings settings,
      MeterRegistry registry) {
    this.site = site;
    this.links = links;
    this.frames = new ValueFrames(site, currentValues);
    this.auth = auth;
    this.settings = settings;
    for (int s = 0; s < site.stations().size(); s++) {
      stationPositions.put(site.stations().get(s).id(), s);
    }
    Gauge.builder("helan.push.clients", clients, Set::size)
        .description("Live-push WebSockets open")
        .register(registry);
    Gauge.builder("helan.push.queued.bytes", queuedBytes, AtomicLong::get)
        .description("Bytes handed to live-push sockets and not yet written to the network")
        .baseUnit("bytes")
        .register(registry);
    dropped =
        Counter.builder("helan.push.messages.dropped")
            .description("Live-push messages dropped because their client was behind")
            .register(registry);
    resyncs =
        Counter.builder("helan.push.resyncs")
            .description("Live-push clients resynchronised after falling behind")
            .register(registry);
    slowClosed =
        Counter.builder("helan.push.slow.closed")
            .description(
                "Live-push clients closed for staying behind longer than the stuck timeout")
            .register(registry);
  }

  /** Starts the frame and session-check timers on the given Vert.x instance. */
  void start(Vertx vertx) {
    this.vertx = vertx;
    vertx.setPeriodic(settings.frameInterval().toMillis(), id -> sendFrames());
    vertx.setPeriodic(settings.sessionCheckInterval().toMillis(), id -> checkSessions());
  }

  /**
   * Re-checks every client's session on a worker thread (in a cluster the sessions are a Hazelcast
   * map, whose calls must not hold the event loop), then closes on the event loop the sockets whose
   * session no longer grants reading. A tick that comes while the previous check runs is skipped.
   */
  private void checkSessions() {
    if (checking) {
      return;
    }
    checking = true;
    List<PushClient> checked = List.copyOf(clients);
    vertx
        .executeBlocking(
            () -> {
              Map<PushClient, Optional<User>> users = new HashMap<>();
              for (PushClient client : checked) {
                users.put(client, auth.authenticate(client.authorization, client.query));
              }
              return users;
            },
            false)
        .onComplete(
            done -> {
              checking = false;
              if (done.failed()) {
                LOG.warn(
                    "Live push: sessions could not be checked; next try in a moment", done.cause());
                return;
              }
              long now = System.nanoTime();
              done.result().forEach((client, user) -> closeIfNoLongerAllowed(client, user, now));
            });
  }

  /**
   * Decides a WebSocket upgrade: accepted on {@code /ws} for a user who may read, within the caps;
   * otherwise rejected with 404 (another path), 401, 403, 429 or 503.
   *
   * <p>Upgrades are decided here, on the server's handshake, rather than by a router route: a route
   * gets a wrapped socket, and only the server's own socket can be cut when a client that does not
   * read leaves its close frame unsent.
   */
  void handshake(ServerWebSocketHandshake handshake) {
    if (!PATH.equals(handshake.path())) {
      handshake.reject(404);
      return;
    }
    String authorization = handshake.headers().get(HttpHeaders.AUTHORIZATION);
    String query = handshake.query();
    auth.authenticate(vertx, authorization, query)
        .onSuccess(user -> decide(handshake, user, authorization, query))
        .onFailure(
            e -> {
              LOG.warn("Refused a live socket: sessions could not be checked", e);
              handshake.reject(503);
            });
  }

  /** Accepts or rejects the upgrade of a user looked up (on the event loop). */
  private void decide(
      ServerWebSocketHandshake handshake, Optional<User> user, String authorization, String query) {
    Refusal refusal = refusal(user);
    if (refusal == null) {
      String name = user.get().name();
      if (socketsPerUser.getOrDefault(name, 0) >= settings.maxClientsPerUser()) {
        refusal =
            new Refusal(
                429, "'" + name + "' has " + settings.maxClientsPerUser() + " live sockets open");
      } else if (sockets >= settings.maxClients()) {
        refusal =
            new Refusal(503, "the server has its " + settings.maxClients() + " live sockets open");
      }
    }
    if (refusal != null) {
      LOG.debug("Refused a live socket from {}: {}", handshake.remoteAddress(), refusal.message);
      handshake.reject(refusal.status);
      return;
    }
    String name = user.get().name();
    sockets++;
    socketsPerUser.merge(name, 1, Integer::sum);
    handshake
        .accept()
        .onSuccess(socket -> open(socket, name, authorization, query))
        .onFailure(
            e -> {
              release(name);
              LOG.debug("WebSocket upgrade for {} failed: {}", name, e.getMessage());
            });
  }

  /**
   * Answers a request to {@code /ws} that is no WebSocket upgrade: 401 or 403 as an upgrade would
   * get, else 400.
   */
  void notAnUpgrade(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    auth.authenticate(vertx, request.getHeader(HttpHeaders.AUTHORIZATION), request.query())
        .onComplete(
            done -> {
              Refusal refusal =
                  done.failed()
                      ? new Refusal(503, "sessions unavailable, try again")
                      : refusal(done.result());
              if (refusal == null) {
                refusal = new Refusal(400, PATH + " takes WebSocket upgrades only");
              }
              HttpErrors.fail(ctx, refusal.status, refusal.message);
            });
  }

  private record Refusal(int status, String message) {}

  /** Why the caller may not have a live socket (401, 403), or null if they may. */
  private static Refusal refusal(Optional<User> user) {
    if (user.isEmpty()) {
      return new Refusal(401, "live data needs a session or display token: /ws?token=<token>");
    }
    if (!mayRead(user.get())) {
      return new Refusal(403, "'" + user.get().name() + "' holds no role that may read live data");
    }
    return null;
  }

  private static boolean mayRead(User user) {
    return user.has(Role.VIEWER);
  }

  private void open(ServerWebSocket socket, String name, String authorization, String query) {
    PushClient client =
        new PushClient(socket, name, authorization, query, settings.maxQueuedBytes(), queuedBytes);
    clients.add(client);
    socket.closeHandler(
        v -> {
          clients.remove(client);
          release(name);
        });
    socket.exceptionHandler(e -> LOG.debug("WebSocket error: {}", e.getMessage()));
    socket.textMessageHandler(text -> onMessage(client, text));
  }

  private void release(String name) {
    sockets--;
    socketsPerUser.computeIfPresent(name, (user, count) -> count == 1 ? null : count - 1);
  }

  int clientCount() {
    return clients.size();
  }

  /** Bytes handed to all clients' sockets and not yet written to the network. */
  long queuedBytes() {
    return queuedBytes.get();
  }

  /** Tells every client subscribed to the station that a device's link changed. */
  void linkChanged(Device device, LinkState state) {
    Integer position = stationPositions.get(device.stationId());
    if (position == null) {
      return;
    }
    String message = linkMessage(device, state);
    int bytes = PushClient.bytes(message);
    for (PushClient client : clients) {
      if (client.subscriptions.get(position)) {
        offer(client, message, bytes);
      }
    }
  }

  /** Sends an event (alarm or command change) to every connected client. */
  void broadcast(String message) {
    int bytes = PushClient.bytes(message);
    for (PushClient client : clients) {
      offer(client, message, bytes);
    }
  }

  private void offer(PushClient client, String message, int bytes) {
    if (!client.offer(message, bytes)) {
      dropped.increment();
    }
  }

  /** Sends each client the values changed since its previous frame. */
  private void sendFrames() {
    long now = System.nanoTime();
    long stuckNanos = settings.stuckTimeout().toNanos();
    for (PushClient client : clients) {
      if (client.closing()) {
        if (client.closingLongerThan(stuckNanos, now)) {
          LOG.info("Cutting the live socket of {}: it does not take its close", client.userName);
          client.cut();
        }
        continue;
      }
      if (client.behind()) {
        if (client.caughtUp()) {
          resync(client);
        } else if (client.behindLongerThan(stuckNanos, now)) {
          LOG.info(
              "Closing the live socket of {}: behind for over {}",
              client.userName,
              settings.stuckTimeout());
          slowClosed.increment();
          client.close("too slow: not reading", now);
        }
        continue;
      }
      if (!client.subscriptions.isEmpty()) {
        ValueFrames.Frame frame = frames.since(client.subscriptions, client.sentUpTo, client.named);
        for (String message : frame.messages()) {
          offer(client, message, PushClient.bytes(message));
        }
        client.sentUpTo = frame.upTo();
      }
    }
  }

  /** Closes the socket (1008) when its re-checked token no longer grants reading. */
  private void closeIfNoLongerAllowed(PushClient client, Optional<User> user, long now) {
    if (client.closing()) {
      return;
    }
    if (user.isEmpty()) {
      client.close("session ended", now);
    } else if (!mayRead(user.get())) {
      client.close("may no longer read live data", now);
    }
  }

  /** Sends a caught-up client {@code resync} and the snapshot of its stations. */
  private void resync(PushClient client) {
    resyncs.increment();
    client.resynchronised();
    client.write(RESYNC, PushClient.bytes(RESYNC));
    BitSet stations = client.subscriptions;
    for (int s = stations.nextSetBit(0); s >= 0; s = stations.nextSetBit(s + 1)) {
      for (Device device : site.stations().get(s).devices()) {
        String message = linkMessage(device, links.state(device.id()));
        client.write(message, PushClient.bytes(message));
      }
    }
    client.named.clear();
    ValueFrames.Frame snapshot = frames.since(stations, 0, client.named);
    for (String message : snapshot.messages()) {
      client.write(message, PushClient.bytes(message));
    }
    client.sentUpTo = snapshot.upTo();
  }

  private static String linkMessage(Device device, LinkState state) {
    return new JsonObject()
        .put("type", "link")
        .put("station", device.stationId())
        .put("device", device.id())
        .put("state", state.name())
        .encode();
  }

  private void onMessage(PushClient client, String text) {
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
    client.subscriptions = wanted;
    client.sentUpTo = 0;
    client.named.clear();
  }
}
