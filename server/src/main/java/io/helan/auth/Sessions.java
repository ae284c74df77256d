package io.helan.auth;

import java.io.Serializable;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Login sessions for REST and WebSocket: random bearer tokens that expire after a period without
 * use. Only a hash of each token is kept, and the user is looked up afresh on every use so a
 * changed role takes effect at once.
 *
 * <p>A single server keeps its sessions in memory (a restart logs everyone out). The nodes of a
 * cluster share one map of sessions (a Hazelcast map with a backup on another member), so a token
 * from a login on one node works on every node, a logout or an expiry ends it everywhere, and the
 * death of a node loses no session. The time of last use is wall-clock time (the nodes compare it)
 * and is written back only once {@value #REFRESH_DIVISOR}th of the idle timeout has passed since
 * the last write, so a session may end up to that much early.
 */
public final class Sessions {
  /** Control-room shifts keep a display open; half an hour idle is the usual lock time. */
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(30);

  private static final int REFRESH_DIVISOR = 20;

  private final UserDirectory users;
  private final long idleMillis;
  private final ConcurrentMap<String, Session> sessions;

  /** A live session: its user and when its token was last used (epoch milliseconds). */
  public record Session(String userName, long lastUsedMillis) implements Serializable {}

  /** Sessions of this server only, in memory. */
  public Sessions(UserDirectory users, Duration idleTimeout) {
    this(users, idleTimeout, new ConcurrentHashMap<>());
  }

  /** Sessions kept in {@code sessions}, by token hash: a map the nodes of a cluster share. */
  public Sessions(
      UserDirectory users, Duration idleTimeout, ConcurrentMap<String, Session> sessions) {
    this.users = users;
    this.idleMillis = idleTimeout.toMillis();
    this.sessions = sessions;
  }

  /** Opens a session for the user and returns its bearer token. */
  public String open(User user) {
    long now = System.currentTimeMillis();
    for (Map.Entry<String, Session> entry : sessions.entrySet()) {
      if (now - entry.getValue().lastUsedMillis() > idleMillis) {
        sessions.remove(entry.getKey(), entry.getValue());
      }
    }
    String token = Tokens.generate();
    sessions.put(Tokens.hash(token), new Session(user.name(), now));
    return token;
  }

  /**
   * The user of a live session, refreshing its idle time; empty for an unknown, expired or closed
   * token, or when the user has been removed.
   */
  public Optional<User> user(String token) {
    if (token == null || token.isEmpty()) {
      return Optional.empty();
    }
    String key = Tokens.hash(token);
    Session session = sessions.get(key);
    if (session == null) {
      return Optional.empty();
    }
    long now = System.currentTimeMillis();
    if (now - session.lastUsedMillis() > idleMillis) {
      sessions.remove(key, session);
      return Optional.empty();
    }
    Optional<User> user = users.user(session.userName());
    if (user.isEmpty()) {
      sessions.remove(key);
    } else if (now - session.lastUsedMillis() > idleMillis / REFRESH_DIVISOR) {
      // not closed meanwhile (a logout on another node wins)
      sessions.replace(key, session, new Session(session.userName(), now));
    }
    return user;
  }

  /** Ends the session (logout); returns whether it existed. */
  public boolean close(String token) {
    return token != null && sessions.remove(Tokens.hash(token)) != null;
  }

  /** Sessions not yet purged (live or expired since the last login). */
  public int count() {
    return sessions.size();
  }
}
