package io.helan.auth;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Login sessions for REST and WebSocket: random bearer tokens that expire after a period without
 * use. Only a hash of each token is kept, and the user is looked up afresh on every use so a
 * changed role takes effect at once. Sessions live in memory: a restart logs everyone out.
 */
public final class Sessions {
  /** Control-room shifts keep a display open; half an hour idle is the usual lock time. */
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(30);

  private final UserDirectory users;
  private final long idleNanos;
  private final Map<String, Session> sessions = new ConcurrentHashMap<>();

  private static final class Session {
    final String userName;
    volatile long lastUsedNanos;

    Session(String userName, long now) {
      this.userName = userName;
      this.lastUsedNanos = now;
    }
  }

  public Sessions(UserDirectory users, Duration idleTimeout) {
    this.users = users;
    this.idleNanos = idleTimeout.toNanos();
  }

  /** Opens a session for the user and returns its bearer token. */
  public String open(User user) {
    long now = System.nanoTime();
    sessions.values().removeIf(session -> now - session.lastUsedNanos > idleNanos);
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
    long now = System.nanoTime();
    if (now - session.lastUsedNanos > idleNanos) {
      sessions.remove(key);
      return Optional.empty();
    }
    session.lastUsedNanos = now;
    Optional<User> user = users.user(session.userName);
    if (user.isEmpty()) {
      sessions.remove(key);
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
