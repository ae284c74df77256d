package io.helan.auth;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Slows password guessing down, per user name and per client address: after a few failures each
 * further attempt has to wait a growing delay, and after many the name or address is locked out for
 * a while. An attempt that comes too early is refused before its password is checked (the caller
 * answers 429 with Retry-After) and does not count; a successful login clears its user's failures.
 * Failures are forgotten one lockout period after the last one.
 */
public final class LoginThrottle {
  /**
   * At most this many names and addresses are tracked; beyond, new names are not (addresses are).
   */
  private static final int MAX_TRACKED = 10_000;

  /**
   * @param freeFailures failures allowed before any delay
   * @param firstDelay the delay after the first failure past the free ones; it doubles with each
   * @param maxDelay the longest delay before the lockout
   * @param lockoutFailures failures that lock the name or address out
   * @param lockout how long a lockout lasts, and how long failures are remembered
   */
  public record Settings(
      int freeFailures,
      Duration firstDelay,
      Duration maxDelay,
      int lockoutFailures,
      Duration lockout) {

    /** Three free tries, then 1 s doubling to 30 s, locked for 15 minutes after ten failures. */
    public static Settings defaults() {
      return new Settings(
          3, Duration.ofSeconds(1), Duration.ofSeconds(30), 10, Duration.ofMinutes(15));
    }
  }

  private static final class Failures {
    int count;
    long lastNanos;
    long nextAllowedNanos;
  }

  private final Settings settings;
  private final Map<String, Failures> failures = new HashMap<>();

  public LoginThrottle(Settings settings) {
    this.settings = settings;
  }

  /** How long the attempt must wait before trying again; zero when it may try now. */
  public synchronized Duration waitBefore(String user, String address) {
    long now = System.nanoTime();
    long wait = Math.max(waitNanos(userKey(user), now), waitNanos(addressKey(address), now));
    return Duration.ofNanos(wait);
  }

  /**
   * Counts a failed attempt against the name and the address; returns what it locked out ("user
   * NAME", "address HOST"), for the audit trail.
   */
  public synchronized List<String> failed(String user, String address) {
    long now = System.nanoTime();
    List<String> locked = new ArrayList<>();
    for (String key : List.of(userKey(user), addressKey(address))) {
      Failures entry = failures.get(key);
      if (entry == null || now - entry.lastNanos > settings.lockout().toNanos()) {
        if (!room(key, now)) {
          continue;
        }
        entry = new Failures();
        failures.put(key, entry);
      }
      entry.count++;
      entry.lastNanos = now;
      entry.nextAllowedNanos = now + delayNanos(entry.count);
      if (entry.count == settings.lockoutFailures()) {
        locked.add(key);
      }
    }
    return locked;
  }

  /** A successful login clears its user name's failures (not its address's). */
  public synchronized void succeeded(String user) {
    failures.remove(userKey(user));
  }

  private long waitNanos(String key, long now) {
    Failures entry = failures.get(key);
    return entry == null ? 0 : Math.max(0, entry.nextAllowedNanos - now);
  }

  private long delayNanos(int count) {
    if (count >= settings.lockoutFailures()) {
      return settings.lockout().toNanos();
    }
    int beyondFree = count - settings.freeFailures();
    if (beyondFree <= 0) {
      return 0;
    }
    long delay = settings.firstDelay().toNanos() << Math.min(beyondFree - 1, 30);
    return Math.min(delay, settings.maxDelay().toNanos());
  }

  /** Whether a new key may be tracked; forgets stale ones first when the table is full. */
  private boolean room(String key, long now) {
    if (failures.size() < MAX_TRACKED) {
      return true;
    }
    failures.values().removeIf(entry -> now - entry.lastNanos > settings.lockout().toNanos());
    return failures.size() < MAX_TRACKED || key.startsWith("address ");
  }

  private static String userKey(String user) {
    return "user " + user;
  }

  private static String addressKey(String address) {
    return "address " + address;
  }
}
