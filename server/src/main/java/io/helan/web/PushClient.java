package io.helan.web;

import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.internal.http.WebSocketInternal;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One live-push WebSocket: who opened it, which stations it asked for, and what waits to be sent to
 * it. Used on the web verticle's event loop only.
 *
 * <p>The outbound queue is bounded: a message that would take the bytes handed to the socket and
 * not yet written to the network past the limit is dropped instead, and so is every message after
 * it until the client has caught up and been resynchronised ({@link LivePush}). A client that never
 * reads therefore holds at most the limit (plus one message) of server memory.
 */
final class PushClient {
  final ServerWebSocket socket;

  /** The user or display that opened the socket (for the per-user cap). */
  final String userName;

  /** The upgrade's Authorization header and query, to re-check the session now and then. */
  final String authorization;

  final String query;

  /** Stations by position in the site. */
  BitSet subscriptions = new BitSet();

  /** Value changes up to this number have been sent; a new subscription starts from zero. */
  long sentUpTo;

  /**
   * Stations whose point ids the client was sent ({@link ValueFrames}); cleared on a new
   * subscription and a resynchronisation, as messages to it may have been dropped.
   */
  final BitSet named = new BitSet();

  private final int maxQueuedBytes;
  private final AtomicLong allQueuedBytes;
  private long queuedBytes;
  private long behindSinceNanos;
  private boolean behind;
  private boolean closing;
  private long closingSinceNanos;

  PushClient(
      ServerWebSocket socket,
      String userName,
      String authorization,
      String query,
      int maxQueuedBytes,
      AtomicLong allQueuedBytes) {
    this.socket = socket;
    this.userName = userName;
    this.authorization = authorization;
    this.query = query;
    this.maxQueuedBytes = maxQueuedBytes;
    this.allQueuedBytes = allQueuedBytes;
  }

  static int bytes(String message) {
    return message.getBytes(StandardCharsets.UTF_8).length;
  }

  /**
   * Queues a message of {@code bytes} UTF-8 bytes, unless this client is behind or the message
   * would take its queue past the limit (then it falls behind); an empty queue takes any one
   * message, however long. Returns whether it was queued.
   */
  boolean offer(String message, int bytes) {
    if (behind || closing) {
      return false;
    }
    if (queuedBytes > 0 && queuedBytes + bytes > maxQueuedBytes) {
      behind = true;
      behindSinceNanos = System.nanoTime();
      return false;
    }
    write(message, bytes);
    return true;
  }

  /** Queues a message past the limit: for the snapshot of a resynchronisation. */
  void write(String message, int bytes) {
    queuedBytes += bytes;
    allQueuedBytes.addAndGet(bytes);
    // Completes once the bytes are written to the network, or failed when the socket closes.
    socket
        .writeTextMessage(message)
        .onComplete(
            written -> {
              queuedBytes -= bytes;
              allQueuedBytes.addAndGet(-bytes);
            });
  }

  /** Bytes handed to the socket and not yet written to the network. */
  long queuedBytes() {
    return queuedBytes;
  }

  /** Whether messages to this client were dropped since it was last resynchronised. */
  boolean behind() {
    return behind;
  }

  /** Whether the client has been behind for longer than {@code nanos}. */
  boolean behindLongerThan(long nanos, long now) {
    return behind && now - behindSinceNanos > nanos;
  }

  /** Whether the queue has drained far enough (to half the limit) to take a resynchronisation. */
  boolean caughtUp() {
    return queuedBytes <= maxQueuedBytes / 2;
  }

  /** Called when a resynchronisation starts: messages flow again. */
  void resynchronised() {
    behind = false;
  }

  boolean closing() {
    return closing;
  }

  /** Closes the socket with a policy-violation status (1008); nothing more is sent to it. */
  void close(String reason, long now) {
    if (!closing) {
      closing = true;
      closingSinceNanos = now;
      socket.close((short) 1008, reason);
    }
  }

  /**
   * Whether the close began more than {@code nanos} ago and the socket is still open: a client that
   * does not read never takes its close frame, and the WebSocket close handshake waits for that
   * frame to be written before it times out.
   */
  boolean closingLongerThan(long nanos, long now) {
    return closing && now - closingSinceNanos > nanos;
  }

  /**
   * Cuts the connection without a close handshake; what was queued for it is discarded (and its
   * writes fail, which releases their bytes).
   */
  void cut() {
    if (socket instanceof WebSocketInternal internal) {
      internal.channelHandlerContext().close();
    } else {
      throw new IllegalStateException(
          "cannot cut a "
              + socket.getClass().getName()
              + ": take sockets from the server's handshake");
    }
  }

  void error(String message) {
    String json = new JsonObject().put("type", "error").put("message", message).encode();
    offer(json, bytes(json));
  }
}
