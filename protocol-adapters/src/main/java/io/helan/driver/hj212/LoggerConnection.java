package io.helan.driver.hj212;

import io.helan.driver.hj212.Hj212Counters.Kind;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One TCP connection of a data logger: cuts its input into frames and packets, counts what it
 * refuses, and writes answers and requests. A connection may carry the packets of several MNs; each
 * device link it carries is told when it closes. Read on the listener's thread; written from any.
 */
final class LoggerConnection implements Hj212FrameReader.Handler {
  private static final Logger LOG = LoggerFactory.getLogger(LoggerConnection.class);
  private static final long WRITE_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(2);

  /** What the driver does with the packets of a connection. */
  interface PacketHandler {
    /** A readable packet; valid only during the call. Runs on the listener's thread. */
    void onPacket(LoggerConnection connection, Hj212Packet packet);

    void onClosed(LoggerConnection connection, String reason);
  }

  private final SocketChannel channel;
  private final String remote;
  private final Hj212FrameReader reader;
  private final Hj212Packet packet;
  private final PacketHandler handler;
  private final Hj212Counters counters = new Hj212Counters();
  private final Hj212Counters totals;
  private final Set<Hj212DeviceLink> links = ConcurrentHashMap.newKeySet();
  private long lastInputNanos;
  private long partialSinceNanos = -1;
  private volatile boolean closed;

  /** The MN of the last routed packet and its link, so that routing usually allocates nothing. */
  byte[] lastMn;

  Hj212DeviceLink lastLink;

  LoggerConnection(
      SocketChannel channel,
      int maxDataLength,
      Hj212Packet packet,
      PacketHandler handler,
      Hj212Counters totals) {
    this.channel = channel;
    this.remote = remoteOf(channel);
    this.reader = new Hj212FrameReader(maxDataLength);
    this.packet = packet;
    this.handler = handler;
    this.totals = totals;
    this.lastInputNanos = System.nanoTime();
  }

  private static String remoteOf(SocketChannel channel) {
    try {
      SocketAddress address = channel.getRemoteAddress();
      return String.valueOf(address);
    } catch (IOException e) {
      return "?";
    }
  }

  /** What this connection's input was, by kind. */
  Hj212Counters counters() {
    return counters;
  }

  /** Remembers a link whose packets came on this connection, to tell it when it closes. */
  void carries(Hj212DeviceLink link) {
    links.add(link);
  }

  Set<Hj212DeviceLink> links() {
    return links;
  }

  void count(Kind kind) {
    counters.increment(kind);
    totals.increment(kind);
  }

  void count(Kind kind, long n) {
    counters.add(kind, n);
    totals.add(kind, n);
  }

  /** Feeds bytes read from the socket. */
  void onInput(ByteBuffer input, long nowNanos) {
    lastInputNanos = nowNanos;
    reader.feed(input, this);
    if (!reader.hasPartialFrame()) {
      partialSinceNanos = -1;
    } else if (partialSinceNanos < 0) {
      partialSinceNanos = nowNanos;
    }
  }

  /** Nothing came for {@code idleNanos}: the logger is gone or the socket half open. */
  boolean isIdle(long nowNanos, long idleNanos) {
    return nowNanos - lastInputNanos > idleNanos;
  }

  /** A frame has been incomplete for {@code frameNanos}: slow-drip input; drops and counts it. */
  boolean dropStalledFrame(long nowNanos, long frameNanos) {
    if (partialSinceNanos >= 0 && nowNanos - partialSinceNanos > frameNanos) {
      reader.dropPartialFrame(this);
      partialSinceNanos = -1;
      return true;
    }
    return false;
  }

  @Override
  public void onFrame(byte[] buffer, int offset, int length) {
    count(Kind.FRAMES);
    if (!reader.readPacket(packet)) {
      count(Kind.MALFORMED);
      LOG.debug("HJ 212 packet from {} refused: {}", remote, packet.problem());
      return;
    }
    try {
      handler.onPacket(this, packet);
    } catch (RuntimeException e) {
      LOG.error("HJ 212 packet CN={} from {} failed", packet.cn(), remote, e);
    }
  }

  @Override
  public void onRejected(Hj212Rejection rejection) {
    count(Hj212Counters.of(rejection));
    LOG.debug("HJ 212 input from {} refused: {}", remote, rejection.description());
  }

  /**
   * Writes one frame whole; a logger that does not take it within two seconds is closed.
   *
   * @throws IOException if the connection is closed or the write fails
   */
  synchronized void send(byte[] frame) throws IOException {
    if (closed) {
      throw new IOException("connection from " + remote + " is closed");
    }
    ByteBuffer out = ByteBuffer.wrap(frame);
    long deadline = System.nanoTime() + WRITE_TIMEOUT_NANOS;
    while (out.hasRemaining()) {
      if (channel.write(out) == 0) {
        if (System.nanoTime() > deadline) {
          throw new IOException("logger at " + remote + " takes no input");
        }
        LockSupport.parkNanos(1_000_000);
      }
    }
  }

  /** Like {@link #send}, but a failure only closes the connection (answers need no caller). */
  void answer(byte[] frame) {
    try {
      send(frame);
    } catch (IOException e) {
      close(e.getMessage());
    }
  }

  boolean isClosed() {
    return closed;
  }

  /** Closes the socket once and tells the handler. */
  void close(String reason) {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    try {
      channel.close();
    } catch (IOException e) {
      LOG.debug("closing HJ 212 connection from {}", remote, e);
    }
    LOG.info("HJ 212 connection from {} closed: {} ({})", remote, reason, counters);
    handler.onClosed(this, reason);
  }

  @Override
  public String toString() {
    return "HJ 212 connection from " + remote;
  }
}
