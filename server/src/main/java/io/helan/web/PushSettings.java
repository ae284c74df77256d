package io.helan.web;

import java.time.Duration;

/**
 * Limits of the live push on {@code /ws}.
 *
 * @param maxClients sockets open at once in all; an upgrade beyond gets 503
 * @param maxClientsPerUser sockets open at once per user or display; an upgrade beyond gets 429
 * @param maxQueuedBytes bytes a client may have waiting to be sent before further messages to it
 *     are dropped, to be made good by a resynchronisation once it has caught up
 * @param stuckTimeout how long a client may stay behind without catching up before it is closed
 *     (1008)
 * @param frameInterval how often changed values go out
 * @param sessionCheckInterval how often each socket's session is re-checked; a socket whose session
 *     has ended is closed within this interval
 */
public record PushSettings(
    int maxClients,
    int maxClientsPerUser,
    int maxQueuedBytes,
    Duration stuckTimeout,
    Duration frameInterval,
    Duration sessionCheckInterval) {

  public PushSettings {
    if (maxClients < 1 || maxClientsPerUser < 1 || maxQueuedBytes < 1024) {
      throw new IllegalArgumentException(
          "push limits must allow a client and 1 KiB of queue, got "
              + maxClients
              + " clients, "
              + maxClientsPerUser
              + " per user, "
              + maxQueuedBytes
              + " bytes");
    }
    if (stuckTimeout.isNegative()
        || frameInterval.toMillis() < 1
        || sessionCheckInterval.toMillis() < 1) {
      throw new IllegalArgumentException(
          "stuck timeout must be >= 0 and frame and session-check intervals >= 1 ms, got "
              + stuckTimeout
              + ", "
              + frameInterval
              + " and "
              + sessionCheckInterval);
    }
  }

  /**
   * 500 sockets (a few wall displays and every control-room seat, with room to spare), 20 per user
   * (one person's browser tabs), 256 KiB queued per socket (a few seconds of a busy site), closed
   * after 30 s behind, frames every 50 ms (a value waits at most that long for its frame; alarm and
   * command changes never wait), sessions re-checked every second.
   */
  public static PushSettings defaults() {
    return new PushSettings(
        500, 20, 256 * 1024, Duration.ofSeconds(30), Duration.ofMillis(50), Duration.ofSeconds(1));
  }

  public PushSettings withCaps(int total, int perUser) {
    return new PushSettings(
        total, perUser, maxQueuedBytes, stuckTimeout, frameInterval, sessionCheckInterval);
  }

  public PushSettings withQueue(int bytes, Duration stuck) {
    return new PushSettings(
        maxClients, maxClientsPerUser, bytes, stuck, frameInterval, sessionCheckInterval);
  }

  public PushSettings withSessionCheck(Duration interval) {
    return new PushSettings(
        maxClients, maxClientsPerUser, maxQueuedBytes, stuckTimeout, frameInterval, interval);
  }
}
