package io.helan.cluster;

import com.hazelcast.map.IMap;
import io.helan.auth.UserDirectory;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The same users on every node: the users of the node whose users file an operator changed last are
 * the cluster's (one entry of a Hazelcast map, with its time of change), and every node keeps them
 * in its own users file. A node that starts with a newer file (changed with {@code helan users}
 * while it was stopped) gives its users to the others; any other node takes the cluster's, which
 * also win a tie (nodes whose files nobody changed since their first start).
 */
public final class ClusterUsers implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterUsers.class);
  static final String MAP = "helan.users";
  private static final String KEY = "directory";

  private final UserDirectory users;
  private final IMap<String, String> shared;
  private UUID listener;

  public ClusterUsers(UserDirectory users, ClusterNode node) {
    this.users = users;
    this.shared = node.hazelcast().getMap(MAP);
  }

  /** Agrees with the cluster on the users, then follows the changes of any node. */
  public void start() {
    listener = shared.addEntryListener(new EntryChanges(this::take), KEY, true);
    users.onChange(this::share);
    share();
  }

  /**
   * Gives the cluster this node's users if they are newer than its own, else takes the cluster's.
   */
  private void share() {
    while (true) {
      String current = shared.get(KEY);
      JsonObject mine = users.document();
      if (current == null) {
        if (shared.putIfAbsent(KEY, mine.encode()) == null) {
          LOG.info("This node's users are the cluster's: {} users", users.users().size());
          return;
        }
      } else if (!newer(mine, new JsonObject(current))) {
        take(current);
        return;
      } else if (shared.replace(KEY, current, mine.encode())) {
        LOG.info("This node's users (changed later) are now the cluster's");
        return;
      }
    }
  }

  private static boolean newer(JsonObject mine, JsonObject theirs) {
    return mine.getLong("changedAt", 0L) > theirs.getLong("changedAt", 0L);
  }

  private void take(String document) {
    JsonObject theirs = new JsonObject(document);
    JsonObject mine = users.document();
    if (theirs.equals(mine) || newer(mine, theirs)) {
      return;
    }
    try {
      users.adopt(theirs);
    } catch (IOException | RuntimeException e) {
      LOG.error("Could not take the cluster's users: keeping this node's", e);
    }
  }

  @Override
  public void close() {
    users.onChange(() -> {});
    if (listener != null) {
      try {
        shared.removeEntryListener(listener);
      } catch (RuntimeException e) {
        LOG.debug("Cluster member gone before its users listener was removed", e);
      }
    }
  }
}
