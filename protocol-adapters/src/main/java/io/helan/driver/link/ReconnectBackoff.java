package io.helan.driver.link;

import java.util.concurrent.ThreadLocalRandom;

/**
 * How long a link waits before its next reconnect attempt: doubling from a first delay up to a cap.
 * Each delay is shortened by a random 0–25 % so that devices lost together (a station router
 * restarting) do not all reconnect in the same instant, and the cap still holds. Not thread-safe:
 * each link owns one.
 *
 * <p>The cap is low: a link must be back within a few seconds of its device, however long the
 * device was away. An attempt at a device that is down costs one refused connect or one timeout on
 * the link's own thread, so trying every 3 s costs little even for a whole network of them.
 */
public final class ReconnectBackoff {
  /** The longest a link waits between attempts. */
  public static final long MAX_DELAY_MS = 3_000;

  private static final double MAX_SHORTENING = 0.25;

  private final long firstDelayMs;
  private int failures;

  public ReconnectBackoff(long firstDelayMs) {
    if (firstDelayMs <= 0) {
      throw new IllegalArgumentException("first delay must be positive: " + firstDelayMs);
    }
    this.firstDelayMs = Math.min(firstDelayMs, MAX_DELAY_MS);
  }

  /** The delay before the next attempt; each call counts one more failed attempt. */
  public long nextDelayMs() {
    long base = Math.min(firstDelayMs << Math.min(failures, 20), MAX_DELAY_MS);
    failures++;
    double shortening = ThreadLocalRandom.current().nextDouble(0, MAX_SHORTENING);
    return Math.max(1, Math.round(base * (1 - shortening)));
  }

  /** Starts over at the first delay, once the link works again. */
  public void reset() {
    failures = 0;
  }
}
