package io.helan.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.helan.audit.RelayedOrigin;
import io.helan.auth.BearerAuth;
import io.helan.emergency.EmergencyService;
import io.helan.emergency.EventKind;
import io.helan.emergency.TimelineEvent;
import io.helan.http.Route;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The emergency service of a cluster lives on one node: the owner of the Hazelcast partition of
 * {@value #KEY}, while it sees the cluster's majority. Its incidents are the cluster's: every
 * timeline event it records also goes into a Hazelcast map with a backup on another member, and the
 * emergency requests ({@code /api/incidents…}) that reach any other node are relayed to it over the
 * clustered event bus and answered from there; so at most one incident is open in the cluster, and
 * a second declaration on any node is refused as on one server. When the owner dies (or a rebalance
 * moves the partition), the new owner rebuilds the incidents from the map, as a restart does from
 * the journal, and carries on; a node that stops being the owner forgets them. A node cut off from
 * the majority answers emergency requests with 503.
 */
public final class ClusterEmergency implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterEmergency.class);
  static final String KEY = "helan.emergency";
  static final String MAP = "helan.emergency.events";
  private static final String REQUESTS = "helan.emergency.requests.";
  private static final String NODE = "node";
  private static final long CHECK_MILLIS = 500;
  private static final long ANSWER_MILLIS = 60_000;
  private static final List<String> RELAYED_HEADERS =
      List.of("Authorization", "Content-Type", "Accept", "Accept-Language");

  private final EmergencyService emergency;
  private final DeviceOwnership ownership;
  private final Vertx vertx;
  private final HazelcastInstance hazelcast;
  private final IMap<String, String> shared;
  private final String node;
  private final RelayedOrigin relayedOrigin;
  private final ScheduledExecutorService thread =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread t = new Thread(runnable, "helan-cluster-emergency");
            t.setDaemon(true);
            return t;
          });
  private final List<Consumer<TimelineEvent>> remoteListeners = new CopyOnWriteArrayList<>();
  private volatile boolean holder;
  private HttpClient http;
  private RequestOptions local;
  private MessageConsumer<JsonObject> requests;
  private UUID entryListener;

  public ClusterEmergency(EmergencyService emergency, DeviceOwnership ownership, ClusterNode node) {
    this.emergency = emergency;
    this.ownership = ownership;
    this.vertx = node.vertx();
    this.hazelcast = node.hazelcast();
    this.shared = hazelcast.getMap(MAP);
    this.node = hazelcast.getCluster().getLocalMember().getUuid().toString();
    this.relayedOrigin = new RelayedOrigin(node.settings().secret());
  }

  /**
   * Starts following the owner of the emergency service; requests relayed here are answered by this
   * node's own HTTP API at {@code host:port}.
   */
  public void start(String host, int port) throws Exception {
    http = vertx.createHttpClient();
    local = new RequestOptions().setHost(host).setPort(port);
    emergency.addListener(this::share);
    entryListener = shared.addEntryListener(new EntryChanges(this::changed), true);
    requests = vertx.eventBus().consumer(REQUESTS + node, this::serve);
    requests.completion().await(30, TimeUnit.SECONDS);
    thread.submit(this::checkSafely).get(60, TimeUnit.SECONDS);
    thread.scheduleWithFixedDelay(
        this::checkSafely, CHECK_MILLIS, CHECK_MILLIS, TimeUnit.MILLISECONDS);
  }

  /** Whether this node holds the cluster's emergency service now. */
  public boolean holder() {
    return holder;
  }

  /** Hears the timeline events another node recorded (this node's own go to its listeners). */
  public void addRemoteListener(Consumer<TimelineEvent> listener) {
    remoteListeners.add(listener);
  }

  /**
   * Why the site's configuration is locked, cluster-wide: the incident open on the node holding the
   * emergency service, as the shared timeline tells.
   */
  public Optional<String> siteChangeRefusal() {
    if (holder) {
      return emergency.siteChangeRefusal();
    }
    String open = null;
    for (TimelineEvent event : events()) {
      if (event.kind() == EventKind.DECLARED) {
        open = event.incidentId();
      } else if (event.kind() == EventKind.ENDED && event.incidentId().equals(open)) {
        open = null;
      }
    }
    return open == null
        ? Optional.empty()
        : Optional.of("site configuration is locked while " + open + " is open");
  }

  /**
   * The routes given with a relay first: on a node that does not hold the emergency service, the
   * request (after this node's access check) is answered by the node that does.
   */
  public List<Route> relayed(List<Route> routes) {
    List<Route> relayed = new ArrayList<>();
    for (Route route : routes) {
      if (!route.path().startsWith("/api/incidents")) {
        relayed.add(route);
        continue;
      }
      // after the body is read, before the route's own handlers
      List<Handler<RoutingContext>> handlers = new ArrayList<>(route.handlers());
      int at = 0;
      while (at < handlers.size() && handlers.get(at) instanceof BodyHandler) {
        at++;
      }
      handlers.add(at, this::relay);
      relayed.add(new Route(route.method(), route.path(), route.regex(), route.access(), handlers));
    }
    return relayed;
  }

  // --- the holder ------------------------------------------------------------------------------

  private void checkSafely() {
    try {
      check();
    } catch (RuntimeException e) {
      LOG.warn("Emergency service ownership check failed", e);
    }
  }

  private void check() {
    Member owner = hazelcast.getPartitionService().getPartition(KEY).getOwner();
    boolean now = owner != null && owner.localMember() && ownership.inMajority();
    if (now == holder) {
      return;
    }
    if (now) {
      List<TimelineEvent> events = events();
      if (events.isEmpty()) {
        // the cluster's first holder, or the whole cluster restarted: this node's journal
        emergency.events().forEach(this::put);
        LOG.info("This node holds the cluster's emergency service (incidents of its journal)");
      } else {
        emergency.reload(events);
        LOG.warn(
            "This node took the cluster's emergency service over: {} timeline events, incident {}",
            events.size(),
            emergency.current().map(i -> i.id() + " open").orElse("none open"));
      }
    } else {
      emergency.reload(List.of());
      LOG.info(
          "The cluster's emergency service is held by {}",
          owner == null ? "no member yet" : owner.getAddress());
    }
    holder = now;
  }

  /** The cluster's timeline events, each incident's in order, incidents in declaration order. */
  private List<TimelineEvent> events() {
    List<TimelineEvent> events = new ArrayList<>();
    for (Map.Entry<String, String> entry : shared.entrySet()) {
      events.add(fromJson(new JsonObject(entry.getValue())));
    }
    events.sort(
        Comparator.comparing(TimelineEvent::incidentId)
            .thenComparing(TimelineEvent::seq, Comparator.naturalOrder()));
    // incidents in the order they were declared (ids sort by time only within a kind)
    List<String> order =
        events.stream()
            .filter(e -> e.kind() == EventKind.DECLARED)
            .sorted(Comparator.comparing(TimelineEvent::time))
            .map(TimelineEvent::incidentId)
            .toList();
    events.sort(
        Comparator.comparing((TimelineEvent e) -> order.indexOf(e.incidentId()))
            .thenComparing(TimelineEvent::seq, Comparator.naturalOrder()));
    return events;
  }

  /**
   * An event recorded here: into the map, before the action it records goes further; none from a
   * node that no longer holds the service (an order of its last moments).
   */
  private void share(TimelineEvent event) {
    if (holder) {
      put(event);
    } else {
      LOG.warn("Timeline event of a node not holding emergencies not shared: {}", event);
    }
  }

  private void put(TimelineEvent event) {
    shared.set(event.incidentId() + "/" + event.seq(), toJson(event).put(NODE, node).encode());
  }

  private void changed(String value) {
    JsonObject json = new JsonObject(value);
    if (node.equals(json.getString(NODE))) {
      return;
    }
    TimelineEvent event = fromJson(json);
    for (Consumer<TimelineEvent> listener : remoteListeners) {
      try {
        listener.accept(event);
      } catch (RuntimeException e) {
        LOG.warn("Timeline listener failed on an event of another node", e);
      }
    }
  }

  // --- relaying requests -----------------------------------------------------------------------

  private void relay(RoutingContext ctx) {
    if (holder) {
      ctx.next();
      return;
    }
    if (!ownership.inMajority()) {
      unavailable(ctx, "this node is cut off from the cluster's majority: no emergency actions");
      return;
    }
    Member owner = hazelcast.getPartitionService().getPartition(KEY).getOwner();
    if (owner == null) {
      unavailable(ctx, "no cluster member holds emergencies yet");
      return;
    }
    JsonObject request =
        new JsonObject()
            .put("method", ctx.request().method().name())
            .put("uri", ctx.request().uri())
            .put(
                "body", ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes());
    JsonObject headers = new JsonObject();
    for (String name : RELAYED_HEADERS) {
      String value = ctx.request().getHeader(name);
      if (value != null) {
        headers.put(name, value);
      }
    }
    // the holder answers through its own API: the client's origin goes along, signed
    relayedOrigin
        .headers(
            BearerAuth.origin(ctx),
            ctx.request().method().name(),
            ctx.request().uri(),
            Instant.now())
        .forEach(headers::put);
    request.put("headers", headers);
    vertx
        .eventBus()
        .<JsonObject>request(
            REQUESTS + owner.getUuid(),
            request,
            new DeliveryOptions().setSendTimeout(ANSWER_MILLIS))
        .onSuccess(reply -> answer(ctx, reply.body()))
        .onFailure(
            error ->
                unavailable(
                    ctx,
                    "the cluster member holding emergencies did not answer: "
                        + error.getMessage()));
  }

  private static void unavailable(RoutingContext ctx, String why) {
    ctx.response()
        .setStatusCode(503)
        .putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("error", why).encode());
  }

  private static void answer(RoutingContext ctx, JsonObject reply) {
    ctx.response().setStatusCode(reply.getInteger("status"));
    reply
        .getJsonObject("headers")
        .forEach(header -> ctx.response().putHeader(header.getKey(), (String) header.getValue()));
    ctx.response().end(Buffer.buffer(reply.getBinary("body")));
  }

  /** A request relayed by another node: asked of this node's own HTTP API, answered as it came. */
  private void serve(Message<JsonObject> message) {
    JsonObject request = message.body();
    RequestOptions options =
        new RequestOptions(local)
            .setMethod(HttpMethod.valueOf(request.getString("method")))
            .setURI(request.getString("uri"));
    request
        .getJsonObject("headers")
        .forEach(h -> options.putHeader(h.getKey(), (String) h.getValue()));
    http.request(options)
        .compose(r -> r.send(Buffer.buffer(request.getBinary("body"))))
        .compose(response -> response.body().map(body -> reply(response, body)))
        .onSuccess(message::reply)
        .onFailure(error -> message.fail(-1, String.valueOf(error.getMessage())));
  }

  private static JsonObject reply(HttpClientResponse response, Buffer body) {
    JsonObject headers = new JsonObject();
    MultiMap all = response.headers();
    for (String name : List.of("Content-Type", "Content-Disposition", "Cache-Control")) {
      if (all.get(name) != null) {
        headers.put(name, all.get(name));
      }
    }
    return new JsonObject()
        .put("status", response.statusCode())
        .put("headers", headers)
        .put("body", body.getBytes());
  }

  static JsonObject toJson(TimelineEvent event) {
    return new JsonObject()
        .put("seq", event.seq())
        .put("time", event.time().toString())
        .put("incident", event.incidentId())
        .put("kind", event.kind().name())
        .put("user", event.user())
        .put("text", event.text())
        .put("detail", event.detail());
  }

  static TimelineEvent fromJson(JsonObject json) {
    return new TimelineEvent(
        json.getLong("seq"),
        Instant.parse(json.getString("time")),
        json.getString("incident"),
        EventKind.valueOf(json.getString("kind")),
        json.getString("user"),
        json.getString("text"),
        json.getString("detail"));
  }

  @Override
  public void close() throws Exception {
    thread.shutdownNow();
    thread.awaitTermination(10, TimeUnit.SECONDS);
    try {
      if (entryListener != null) {
        shared.removeEntryListener(entryListener);
      }
      if (requests != null) {
        requests.unregister().await(10, TimeUnit.SECONDS);
      }
    } catch (RuntimeException e) {
      LOG.debug("Cluster member gone before its emergency listeners were removed", e);
    }
    if (http != null) {
      http.close();
    }
  }
}
