package io.helan.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.helan.alarms.AlarmEngine;
import io.helan.alarms.AlarmRecord;
import io.helan.alarms.AlarmService;
import io.helan.alarms.AlarmState;
import io.helan.alarms.AlarmTransition;
import io.helan.alarms.JournalEntryJson;
import io.helan.audit.Origin;
import io.helan.auth.User;
import io.helan.auth.UserDirectory;
import io.helan.config.Point;
import io.helan.config.Site;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alarms of every node, shown and acted on from any node. Each alarm is evaluated by its device's
 * owner (the only node that ingests the device's samples); every node puts the changes of its
 * alarms in a Hazelcast map (alarm id → latest record and the member that made it), which the
 * others list and push to their clients. An operator action (acknowledge, shelve, unshelve, out of
 * service) on another node's alarm goes over the clustered event bus to the device's owner, whose
 * engine applies it with its own rules and audit trail.
 *
 * <p>Only a device's owner puts its alarms in the map, with what a restart needs to rebuild them
 * (condition, shelve kind, out of service). A node that takes a device over (its owner died, or a
 * rebalance gave it away) first takes the states of its alarms from there, or from the cluster's
 * one journal where that holds a newer row, as a restart takes them from the journal: acknowledged
 * alarms are not announced again and shelves keep their end. The map keeps a backup copy on another
 * member, so the death of one loses none; the journal outlives the map.
 */
public final class ClusterAlarms implements AlarmService, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterAlarms.class);
  static final String MAP = "helan.alarms";
  private static final String REQUESTS = "helan.alarms.";
  private static final String NODE = "node";
  private static final long ANSWER_MILLIS = 30_000;
  // how a refusal travels back: the exception types the alarm API turns into 403, 400 and 409
  private static final int FORBIDDEN = 1;
  private static final int BAD_REQUEST = 2;
  private static final int CONFLICT = 3;

  private final AlarmEngine local;
  private final Site site;
  private final DeviceOwnership ownership;
  private final Vertx vertx;
  private final HazelcastInstance hazelcast;
  private final UserDirectory users;
  private final IMap<String, String> shared;
  private final String node;
  private final List<Consumer<AlarmRecord>> remoteListeners = new CopyOnWriteArrayList<>();
  // the other nodes' latest records, kept from the map's events: reads never wait for the network
  private final Map<String, AlarmRecord> remote = new ConcurrentHashMap<>();
  private MessageConsumer<JsonObject> requests;
  private UUID entryListener;

  public ClusterAlarms(
      AlarmEngine local, DeviceOwnership ownership, ClusterNode cluster, UserDirectory users) {
    this.local = local;
    this.site = local.site();
    this.ownership = ownership;
    this.vertx = cluster.vertx();
    this.hazelcast = cluster.hazelcast();
    this.users = users;
    this.shared = hazelcast.getMap(MAP);
    this.node = hazelcast.getCluster().getLocalMember().getUuid().toString();
  }

  /**
   * Shares this node's alarm changes, hears the others' and serves their operator actions; takes
   * the alarm states of each device this node takes over before polling it.
   */
  public void start() throws Exception {
    local.latestTransitions().forEach(this::share);
    local.addTransitionListener(this::share);
    ownership.beforeTaking(this::takeOver);
    entryListener = shared.addEntryListener(new EntryChanges(this::changed), true);
    shared.values().forEach(this::remoteChange);
    requests = vertx.eventBus().consumer(REQUESTS + node, this::serve);
    requests.completion().await(30, TimeUnit.SECONDS);
  }

  // --- reads: the owner's record of each alarm -------------------------------------------------

  @Override
  public List<AlarmRecord> current() {
    Map<String, AlarmRecord> byId = new HashMap<>();
    for (AlarmRecord record : local.current()) {
      if (ownedHere(record.id())) {
        byId.put(record.id(), record);
      }
    }
    for (AlarmRecord record : remote.values()) {
      if (record.state() != AlarmState.NORMAL && !ownedHere(record.id())) {
        byId.put(record.id(), record);
      }
    }
    return byId.values().stream().sorted(AlarmRecord.DISPLAY_ORDER).toList();
  }

  @Override
  public Optional<AlarmRecord> alarm(String alarmId) {
    if (alarmId != null && !ownedHere(alarmId)) {
      AlarmRecord record = remote.get(alarmId);
      if (record != null) {
        return Optional.of(record);
      }
    }
    return local.alarm(alarmId);
  }

  @Override
  public void addListener(Consumer<AlarmRecord> listener) {
    local.addListener(listener);
    remoteListeners.add(listener);
  }

  // --- operator actions: on the owner ----------------------------------------------------------

  @Override
  public AlarmRecord acknowledge(User user, Origin origin, String alarmId, String comment) {
    return act(
        user, origin, alarmId, new JsonObject().put("action", "acknowledge").put("text", comment));
  }

  @Override
  public AlarmRecord shelve(
      User user, Origin origin, String alarmId, Duration duration, String reason) {
    JsonObject request = new JsonObject().put("action", "shelve").put("text", reason);
    if (duration != null) {
      request.put("millis", duration.toMillis());
    }
    return act(user, origin, alarmId, request);
  }

  @Override
  public AlarmRecord unshelve(User user, Origin origin, String alarmId, String reason) {
    return act(
        user, origin, alarmId, new JsonObject().put("action", "unshelve").put("text", reason));
  }

  @Override
  public AlarmRecord removeFromService(User user, Origin origin, String alarmId, String reason) {
    return act(
        user,
        origin,
        alarmId,
        new JsonObject().put("action", "out-of-service").put("text", reason));
  }

  @Override
  public AlarmRecord returnToService(User user, Origin origin, String alarmId, String reason) {
    return act(
        user, origin, alarmId, new JsonObject().put("action", "in-service").put("text", reason));
  }

  /** Applies the action here when this node owns the alarm's device, else asks its owner. */
  private AlarmRecord act(User user, Origin origin, String alarmId, JsonObject request) {
    request
        .put("alarm", alarmId)
        .put("user", user.name())
        .put("channel", origin.channel())
        .put("address", origin.address());
    Member owner = owner(alarmId);
    if (owner == null || owner.localMember()) {
      return apply(request);
    }
    try {
      Message<JsonObject> reply =
          vertx
              .eventBus()
              .<JsonObject>request(
                  REQUESTS + owner.getUuid(),
                  request,
                  new DeliveryOptions().setSendTimeout(ANSWER_MILLIS))
              .toCompletionStage()
              .toCompletableFuture()
              .get(ANSWER_MILLIS + 5_000, TimeUnit.MILLISECONDS);
      return JournalEntryJson.record(reply.body());
    } catch (ExecutionException failed) {
      if (!(failed.getCause() instanceof ReplyException e)) {
        throw new IllegalStateException(
            "the cluster member owning alarm " + alarmId + " failed: " + failed.getMessage(),
            failed);
      }
      throw switch (e.failureCode()) {
        case FORBIDDEN -> new SecurityException(e.getMessage());
        case BAD_REQUEST -> new IllegalArgumentException(e.getMessage());
        case CONFLICT -> new IllegalStateException(e.getMessage());
        default ->
            new IllegalStateException(
                "the cluster member owning alarm " + alarmId + " failed: " + e.getMessage());
      };
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while asking the alarm's owner", e);
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          "the cluster member owning alarm " + alarmId + " did not answer: " + e.getMessage(), e);
    }
  }

  private AlarmRecord apply(JsonObject request) {
    String name = request.getString("user");
    User user =
        users
            .user(name)
            .orElseThrow(() -> new SecurityException("no user '" + name + "' on this node"));
    Origin origin = new Origin(request.getString("channel"), request.getString("address"));
    String id = request.getString("alarm");
    String text = request.getString("text");
    return switch (request.getString("action")) {
      case "acknowledge" -> local.acknowledge(user, origin, id, text);
      case "shelve" -> {
        Long millis = request.getLong("millis");
        yield local.shelve(
            user, origin, id, millis == null ? null : Duration.ofMillis(millis), text);
      }
      case "unshelve" -> local.unshelve(user, origin, id, text);
      case "out-of-service" -> local.removeFromService(user, origin, id, text);
      case "in-service" -> local.returnToService(user, origin, id, text);
      default -> throw new IllegalArgumentException("unknown alarm action " + request);
    };
  }

  /** Another node's operator action on an alarm of this node's devices, off the event loop. */
  private void serve(Message<JsonObject> message) {
    vertx
        .executeBlocking(() -> apply(message.body()), false)
        .onSuccess(record -> message.reply(JournalEntryJson.record(record)))
        .onFailure(
            error -> {
              Throwable cause =
                  error instanceof CompletionException && error.getCause() != null
                      ? error.getCause()
                      : error;
              int code =
                  cause instanceof SecurityException
                      ? FORBIDDEN
                      : cause instanceof IllegalArgumentException
                          ? BAD_REQUEST
                          : cause instanceof IllegalStateException ? CONFLICT : -1;
              message.fail(code, String.valueOf(cause.getMessage()));
            });
  }

  /** The member owning the device an alarm watches (its source is a point or a device). */
  private Member owner(String alarmId) {
    String device = deviceOf(alarmId);
    return device == null ? null : ownership.owner(device);
  }

  private boolean ownedHere(String alarmId) {
    Member owner = owner(alarmId);
    return owner == null || owner.localMember();
  }

  private String deviceOf(String alarmId) {
    Optional<AlarmRecord> record = local.alarm(alarmId);
    if (record.isEmpty()) {
      return null;
    }
    String source = record.get().source();
    return site.point(source)
        .map(Point::deviceId)
        .orElse(site.device(source).isPresent() ? source : null);
  }

  // --- sharing ---------------------------------------------------------------------------------

  /**
   * Puts a transition of one of this node's alarms in the map: of a device this node polls, or of
   * no device (the node's own alarms, e.g. journal rows it could not restore).
   */
  private void share(AlarmTransition transition) {
    AlarmRecord record = transition.alarm();
    String device = deviceOf(record.id());
    if (device != null && !ownership.owns(device)) {
      return; // not this node's to tell: it gave the device away, or has not taken it yet
    }
    shared.setAsync(record.id(), JournalEntryJson.transition(transition).put(NODE, node).encode());
  }

  /**
   * Before this node polls a device: the states its alarms had on the member that polled it last,
   * from the map, or from the cluster's journal where that holds a newer row (the map lost the
   * entry, or the whole cluster restarted), as a restart takes them from the journal; those this
   * node made last (or nobody) are shared as they stand here.
   */
  private void takeOver(String device) {
    List<String> ids = local.alarmIdsOfDevice(device);
    Map<String, String> theirs = shared.getAll(new HashSet<>(ids));
    Map<String, AlarmTransition> journaled = journaled(device, ids);
    List<AlarmTransition> adopted = new ArrayList<>();
    for (String id : ids) {
      AlarmTransition mine = local.latestTransition(id).orElse(null);
      AlarmTransition taken = null;
      Instant newest = mine == null ? null : mine.time();
      String value = theirs.get(id);
      if (value != null) {
        JsonObject json = new JsonObject(value);
        AlarmTransition inMap = JournalEntryJson.transition(json);
        if (!node.equals(json.getString(NODE))) {
          taken = inMap;
        }
        newest = newest == null || inMap.time().isAfter(newest) ? inMap.time() : newest;
      }
      AlarmTransition inJournal = journaled.get(id);
      if (inJournal != null
          && (newest == null
              ? inJournal.alarm().state() != AlarmState.NORMAL
              : inJournal.time().isAfter(newest))) {
        taken = inJournal;
      }
      if (taken != null) {
        adopted.add(taken);
      } else if (value == null && mine != null) {
        share(mine);
      }
    }
    if (!adopted.isEmpty()) {
      local.adopt(adopted, "taken over from another cluster member");
      LOG.info("Device {}: took {} alarm states from its previous owner", device, adopted.size());
    }
  }

  /** The latest journal row of each alarm, by id; none when the journal cannot be read now. */
  private Map<String, AlarmTransition> journaled(String device, List<String> ids) {
    Map<String, AlarmTransition> byId = new HashMap<>();
    try {
      for (AlarmTransition row : local.journaled(ids)) {
        byId.put(row.alarm().id(), row);
      }
    } catch (RuntimeException e) {
      LOG.warn(
          "Device {}: the alarm journal cannot be read ({}); its alarms are taken from the map",
          device,
          e.getMessage());
    }
    return byId;
  }

  /** Another node's alarm changed: kept, and told to this node's listeners. */
  private void changed(String value) {
    AlarmRecord record = remoteChange(value);
    if (record == null) {
      return;
    }
    for (Consumer<AlarmRecord> listener : remoteListeners) {
      try {
        listener.accept(record);
      } catch (RuntimeException e) {
        LOG.warn("Alarm listener failed on a record of another node", e);
      }
    }
  }

  /** Keeps another node's record; null for this node's own. */
  private AlarmRecord remoteChange(String value) {
    JsonObject json = new JsonObject(value);
    if (node.equals(json.getString(NODE))) {
      return null;
    }
    AlarmRecord record = JournalEntryJson.record(json);
    remote.put(record.id(), record);
    return record;
  }

  @Override
  public void close() throws Exception {
    if (requests != null) {
      try {
        shared.removeEntryListener(entryListener);
        requests.unregister().await(10, TimeUnit.SECONDS);
      } catch (RuntimeException e) {
        LOG.debug("Cluster member gone before its alarm listeners were removed", e);
      }
    }
  }
}
