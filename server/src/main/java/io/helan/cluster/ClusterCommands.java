package io.helan.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.helan.audit.AuditTrail;
import io.helan.audit.Origin;
import io.helan.auth.User;
import io.helan.auth.UserDirectory;
import io.helan.commands.CommandJson;
import io.helan.commands.CommandRecord;
import io.helan.commands.CommandRefusal;
import io.helan.commands.CommandRefusedException;
import io.helan.commands.CommandService;
import io.helan.commands.CommandSettings;
import io.helan.commands.CommandState;
import io.helan.commands.DefaultCommandService;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commands from any node, run by the device's owner only. A select on a node that does not own the
 * device goes to the owner over the clustered event bus and is decided there by its command service
 * (roles, SBO, interlocks, C/M modes, journal and audit as on a single server); an operate or
 * cancel goes to the node that holds the selection. Nothing is sent twice: a request whose owner
 * does not answer fails here and is not repeated, and the owner's node interlock refuses a command
 * on a device it no longer owns or while it is cut off from the majority.
 *
 * <p>Every node sees every command: each node puts its commands' states in a Hazelcast map (id →
 * record and the member that holds it, kept a day) and publishes them on the event bus for the
 * WebSocket push of the others. When a member dies, the commands it held that were in flight become
 * UNKNOWN (and selections EXPIRED) in that map, decided by exactly one survivor (a compare-and-set)
 * which puts it on its audit trail; they are never sent again.
 */
public final class ClusterCommands implements CommandService, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterCommands.class);
  static final String MAP = "helan.commands";
  static final String CHANGES = "helan.cluster.commands";
  private static final String REQUESTS = "helan.commands.";
  private static final String ORIGIN = "origin";
  private static final String NODE = "node";
  private static final Duration KEPT = Duration.ofDays(1);
  private static final String SYSTEM = "system";

  private final DefaultCommandService local;
  private final DeviceOwnership ownership;
  private final Vertx vertx;
  private final UserDirectory users;
  private final AuditTrail audit;
  private final IMap<String, String> shared;
  private final String node;
  private final HazelcastInstance hazelcast;
  private final long answerMillis;
  private final List<Consumer<CommandRecord>> remoteListeners = new CopyOnWriteArrayList<>();
  private MessageConsumer<JsonObject> requests;
  private MessageConsumer<JsonObject> changes;
  private UUID membershipListener;

  public ClusterCommands(
      DefaultCommandService local,
      DeviceOwnership ownership,
      ClusterNode cluster,
      UserDirectory users,
      AuditTrail audit,
      CommandSettings settings) {
    this.local = local;
    this.ownership = ownership;
    this.vertx = cluster.vertx();
    this.users = users;
    this.audit = audit;
    this.shared = cluster.hazelcast().getMap(MAP);
    this.hazelcast = cluster.hazelcast();
    this.node = hazelcast.getCluster().getLocalMember().getUuid().toString();
    // an operate is answered once the device answered: the answer timeout and some slack
    this.answerMillis = settings.answerTimeout().plusSeconds(15).toMillis();
  }

  /** Serves the other nodes' requests for this node's devices and shares this node's commands. */
  public void start() throws Exception {
    local.nodeInterlock(ownership::commandInterlock);
    local.addListener(this::share);
    requests = vertx.eventBus().consumer(REQUESTS + node, this::serve);
    changes = vertx.eventBus().consumer(CHANGES, this::onRemoteChange);
    requests.completion().await(30, TimeUnit.SECONDS);
    changes.completion().await(30, TimeUnit.SECONDS);
    membershipListener = hazelcast.getCluster().addMembershipListener(new MembersLeaving());
  }

  // --- the CommandService of any node ---------------------------------------------------------

  @Override
  public CommandRecord select(
      User user, Origin origin, String deviceId, String commandId, Map<String, Double> parameters) {
    Member owner = deviceId == null ? null : ownership.owner(deviceId);
    if (owner == null || owner.localMember() || !ownership.inMajority()) {
      // here: an unknown device, this node's own, or one this node must refuse (no majority)
      return local.select(user, origin, deviceId, commandId, parameters);
    }
    JsonObject params = new JsonObject();
    if (parameters != null) {
      parameters.forEach(params::put);
    }
    JsonObject request =
        request("select", user, origin)
            .put("device", deviceId)
            .put("command", commandId)
            .put("parameters", params);
    return answered(ask(owner.getUuid().toString(), request));
  }

  @Override
  public CompletableFuture<CommandRecord> operate(User user, Origin origin, String commandId) {
    String holder = holder(commandId);
    if (holder == null) {
      return local.operate(user, origin, commandId);
    }
    return ask(holder, request("operate", user, origin).put("id", commandId));
  }

  @Override
  public CommandRecord cancel(User user, Origin origin, String commandId) {
    String holder = holder(commandId);
    if (holder == null) {
      return local.cancel(user, origin, commandId);
    }
    return answered(ask(holder, request("cancel", user, origin).put("id", commandId)));
  }

  /** Waits for a member's answer; its refusal is thrown as it came. */
  private static CommandRecord answered(CompletableFuture<CommandRecord> answer) {
    try {
      return answer.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
  }

  @Override
  public Optional<CommandRecord> command(String commandId) {
    String stored = commandId == null ? null : shared.get(commandId);
    return stored != null
        ? Optional.of(CommandJson.fromJson(new JsonObject(stored)))
        : local.command(commandId);
  }

  /** The commands of every node, newest first: the shared ones and this node's older ones. */
  @Override
  public List<CommandRecord> recent(int limit) {
    Map<String, CommandRecord> byId = new HashMap<>();
    for (CommandRecord record : local.recent(limit)) {
      byId.put(record.id(), record);
    }
    for (String stored : shared.values()) {
      CommandRecord record = CommandJson.fromJson(new JsonObject(stored));
      byId.merge(record.id(), record, (a, b) -> a.updated().isAfter(b.updated()) ? a : b);
    }
    return byId.values().stream()
        .sorted(Comparator.comparing(CommandRecord::requested).reversed())
        .limit(limit)
        .toList();
  }

  @Override
  public void addListener(Consumer<CommandRecord> listener) {
    local.addListener(listener);
    remoteListeners.add(listener);
  }

  /**
   * The member holding a command's selection when it is another member (null when it is this one or
   * the command is not known to the cluster).
   */
  private String holder(String commandId) {
    String stored = commandId == null ? null : shared.get(commandId);
    if (stored == null) {
      return null;
    }
    String holder = new JsonObject(stored).getString(NODE);
    return node.equals(holder) ? null : holder;
  }

  private static JsonObject request(String action, User user, Origin origin) {
    return new JsonObject()
        .put("action", action)
        .put("user", user.name())
        .put("channel", origin.channel())
        .put("address", origin.address());
  }

  /**
   * Asks the member to decide; a refusal comes back as {@link CommandRefusedException}. A member
   * that does not answer is not asked again: what it did is in the shared map.
   */
  private CompletableFuture<CommandRecord> ask(String member, JsonObject request) {
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(answerMillis);
    CompletableFuture<CommandRecord> answer = new CompletableFuture<>();
    vertx
        .eventBus()
        .<JsonObject>request(REQUESTS + member, request, options)
        .onSuccess(reply -> answer.complete(CommandJson.fromJson(reply.body())))
        .onFailure(
            error -> {
              if (error instanceof ReplyException reply
                  && reply.failureCode() >= 0
                  && reply.failureCode() < CommandRefusal.values().length) {
                answer.completeExceptionally(
                    new CommandRefusedException(
                        CommandRefusal.values()[reply.failureCode()], reply.getMessage()));
              } else {
                answer.completeExceptionally(
                    new IllegalStateException(
                        "the cluster member holding the device did not answer ("
                            + error.getMessage()
                            + "): the command was not repeated; see its state",
                        error));
              }
            });
    return answer;
  }

  // --- the owner's side ------------------------------------------------------------------------

  /** Decides another node's request with this node's command service, off the event loop. */
  private void serve(Message<JsonObject> message) {
    JsonObject request = message.body();
    vertx
        .executeBlocking(() -> decide(request), false)
        .compose(Future::fromCompletionStage)
        .onSuccess(record -> message.reply(CommandJson.toJson(record)))
        .onFailure(
            error -> {
              Throwable cause = error.getCause() != null ? error.getCause() : error;
              if (error instanceof CommandRefusedException refused) {
                message.fail(refused.refusal().ordinal(), refused.getMessage());
              } else if (cause instanceof CommandRefusedException refused) {
                message.fail(refused.refusal().ordinal(), refused.getMessage());
              } else {
                LOG.warn("Command request from another node failed: {}", request, error);
                message.fail(-1, String.valueOf(error.getMessage()));
              }
            });
  }

  private CompletableFuture<CommandRecord> decide(JsonObject request) {
    String name = request.getString("user");
    User user =
        users
            .user(name)
            .orElseThrow(
                () ->
                    new CommandRefusedException(
                        CommandRefusal.NOT_AUTHORISED, "no user '" + name + "' on this node"));
    Origin origin = new Origin(request.getString("channel"), request.getString("address"));
    return switch (request.getString("action")) {
      case "select" -> {
        Map<String, Double> parameters = new HashMap<>();
        JsonObject given = request.getJsonObject("parameters", new JsonObject());
        given.forEach(p -> parameters.put(p.getKey(), ((Number) p.getValue()).doubleValue()));
        yield CompletableFuture.completedFuture(
            local.select(
                user,
                origin,
                request.getString("device"),
                request.getString("command"),
                parameters));
      }
      case "operate" -> local.operate(user, origin, request.getString("id"));
      case "cancel" ->
          CompletableFuture.completedFuture(local.cancel(user, origin, request.getString("id")));
      default ->
          throw new IllegalArgumentException(
              "unknown command action " + request.getString("action"));
    };
  }

  // --- every node sees every command -----------------------------------------------------------

  /** A state change recorded here: into the shared map and to the other nodes' listeners. */
  private void share(CommandRecord record) {
    JsonObject json = CommandJson.toJson(record).put(NODE, node);
    shared.setAsync(record.id(), json.encode(), KEPT.toSeconds(), TimeUnit.SECONDS);
    vertx.eventBus().publish(CHANGES, json, new DeliveryOptions().addHeader(ORIGIN, node));
  }

  private void onRemoteChange(Message<JsonObject> message) {
    if (node.equals(message.headers().get(ORIGIN))) {
      return;
    }
    CommandRecord record = CommandJson.fromJson(message.body());
    for (Consumer<CommandRecord> listener : remoteListeners) {
      try {
        listener.accept(record);
      } catch (RuntimeException e) {
        LOG.warn("Command listener failed on a record of another node", e);
      }
    }
  }

  /**
   * A member died or left with commands in flight: one survivor (whichever replaces the map entry
   * first) ends each as UNKNOWN (a selection as EXPIRED), audits it and tells everyone.
   */
  private void endCommandsOf(Member gone) {
    String goneNode = gone.getUuid().toString();
    int ended = 0;
    for (Map.Entry<String, String> entry : shared.entrySet()) {
      JsonObject json = new JsonObject(entry.getValue());
      if (!goneNode.equals(json.getString(NODE))) {
        continue;
      }
      CommandRecord record = CommandJson.fromJson(json);
      if (record.state().isFinal()) {
        continue;
      }
      CommandRecord next =
          record.state() == CommandState.SELECTED
              ? record.moved(
                  CommandState.EXPIRED,
                  "selection lost: cluster member " + gone.getAddress() + " holding it left",
                  Instant.now())
              : record.moved(
                  CommandState.UNKNOWN,
                  "was "
                      + record.state()
                      + " when cluster member "
                      + gone.getAddress()
                      + " sending it left: outcome not known, not sent again; check the device",
                  Instant.now());
      JsonObject nextJson = CommandJson.toJson(next).put(NODE, goneNode);
      if (!shared.replace(entry.getKey(), entry.getValue(), nextJson.encode())) {
        continue; // another survivor did it, or the member had a last word
      }
      ended++;
      audit.append(
          SYSTEM,
          Origin.SYSTEM,
          next.state() == CommandState.UNKNOWN ? "command.unknown" : "command.expire",
          next.deviceId() + "/" + next.commandId(),
          "command " + next.id() + ": " + next.detail(),
          next.state().name());
      vertx.eventBus().publish(CHANGES, nextJson, new DeliveryOptions().addHeader(ORIGIN, ""));
    }
    if (ended > 0) {
      LOG.warn("{} commands of cluster member {} ended UNKNOWN or EXPIRED", ended, gone);
    }
  }

  @Override
  public void close() throws Exception {
    if (requests != null) {
      try {
        hazelcast.getCluster().removeMembershipListener(membershipListener);
        requests.unregister().await(10, TimeUnit.SECONDS);
        changes.unregister().await(10, TimeUnit.SECONDS);
      } catch (RuntimeException e) {
        LOG.debug("Cluster member gone before its command listeners were removed", e);
      }
    }
  }

  private final class MembersLeaving implements MembershipListener {
    @Override
    public void memberAdded(MembershipEvent event) {}

    @Override
    public void memberRemoved(MembershipEvent event) {
      Member gone = event.getMember();
      // off Hazelcast's event thread: the map calls block
      vertx
          .executeBlocking(
              () -> {
                endCommandsOf(gone);
                return null;
              },
              false)
          .onFailure(e -> LOG.warn("Could not end the commands of member {}", gone, e));
    }
  }
}
