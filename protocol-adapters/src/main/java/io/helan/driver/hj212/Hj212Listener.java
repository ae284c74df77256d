package io.helan.driver.hj212;

import io.helan.driver.hj212.Hj212Counters.Kind;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TCP listener data loggers dial in to: one thread and one selector for every connection
 * (loggers send a few hundred bytes every half minute, so a thread per logger would only cost
 * memory). It reads each connection into its own frame reader, and closes a connection that sends
 * nothing for the idle timeout (the logger is gone, or the socket half open) or leaves a frame
 * incomplete for the frame timeout (slow-drip input). A connection's bad input is counted and
 * skipped; it never touches another connection.
 */
final class Hj212Listener implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Hj212Listener.class);
  private static final long CHECK_INTERVAL_MS = 200;

  /** Timing and limits of the listener. */
  record Settings(int maxDataLength, long idleTimeoutMs, long frameTimeoutMs) {}

  private final Settings settings;
  private final LoggerConnection.PacketHandler handler;
  private final Hj212Counters totals;
  private final Selector selector;
  private final ServerSocketChannel server;
  private final ByteBuffer input = ByteBuffer.allocate(16 * 1024);
  private final Hj212Packet packet = new Hj212Packet();
  private final Thread thread;
  private volatile boolean closed;

  /**
   * Binds {@code address} and starts the listener thread.
   *
   * @throws IOException if the address cannot be bound
   */
  Hj212Listener(
      InetSocketAddress address,
      Settings settings,
      LoggerConnection.PacketHandler handler,
      Hj212Counters totals)
      throws IOException {
    this.settings = settings;
    this.handler = handler;
    this.totals = totals;
    selector = Selector.open();
    server = ServerSocketChannel.open();
    try {
      server.bind(address, 256);
      server.configureBlocking(false);
      server.register(selector, SelectionKey.OP_ACCEPT);
    } catch (IOException e) {
      server.close();
      selector.close();
      throw e;
    }
    thread = new Thread(this::run, "hj212-listener");
    thread.setDaemon(true);
    thread.start();
  }

  int port() {
    return server.socket().getLocalPort();
  }

  private void run() {
    long nextCheck = System.nanoTime();
    try {
      while (!closed) {
        selector.select(CHECK_INTERVAL_MS);
        for (SelectionKey key : selector.selectedKeys()) {
          if (!key.isValid()) {
            continue;
          }
          if (key.isAcceptable()) {
            accept();
          } else if (key.isReadable()) {
            read(key);
          }
        }
        selector.selectedKeys().clear();
        long now = System.nanoTime();
        if (now >= nextCheck) {
          checkTimeouts(now);
          nextCheck = now + CHECK_INTERVAL_MS * 1_000_000;
        }
      }
    } catch (IOException | ClosedSelectorException e) {
      if (!closed) {
        LOG.error("HJ 212 listener stopped", e);
      }
    } catch (RuntimeException | Error e) {
      LOG.error("HJ 212 listener failed", e);
    }
  }

  private void accept() {
    try {
      SocketChannel channel;
      while ((channel = server.accept()) != null) {
        channel.configureBlocking(false);
        channel.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        LoggerConnection connection =
            new LoggerConnection(channel, settings.maxDataLength(), packet, handler, totals);
        channel.register(selector, SelectionKey.OP_READ, connection);
        LOG.debug("HJ 212 logger connected: {}", connection);
      }
    } catch (IOException e) {
      LOG.warn("HJ 212 accept failed: {}", e.getMessage());
    }
  }

  private void read(SelectionKey key) {
    LoggerConnection connection = (LoggerConnection) key.attachment();
    SocketChannel channel = (SocketChannel) key.channel();
    try {
      input.clear();
      int n = channel.read(input);
      if (n < 0) {
        key.cancel();
        connection.close("closed by the logger");
        return;
      }
      input.flip();
      connection.onInput(input, System.nanoTime());
    } catch (IOException e) {
      key.cancel();
      connection.close(e.getMessage());
    }
  }

  private void checkTimeouts(long now) {
    long idleNanos = settings.idleTimeoutMs() * 1_000_000;
    long frameNanos = settings.frameTimeoutMs() * 1_000_000;
    List<SelectionKey> keys = new ArrayList<>(selector.keys());
    for (SelectionKey key : keys) {
      if (!(key.attachment() instanceof LoggerConnection connection)) {
        continue;
      }
      if (connection.isClosed()) {
        key.cancel();
      } else if (connection.dropStalledFrame(now, frameNanos)) {
        key.cancel();
        connection.close("frame not completed within " + settings.frameTimeoutMs() + " ms");
      } else if (connection.isIdle(now, idleNanos)) {
        key.cancel();
        connection.count(Kind.IDLE_TIMEOUTS);
        connection.close("nothing received for " + settings.idleTimeoutMs() + " ms");
      }
    }
  }

  /** Stops listening and closes every connection. */
  @Override
  public void close() {
    closed = true;
    selector.wakeup();
    try {
      thread.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      for (SelectionKey key : selector.keys()) {
        if (key.attachment() instanceof LoggerConnection connection) {
          connection.close("driver closed");
        }
      }
      server.close();
      selector.close();
    } catch (IOException | ClosedSelectorException e) {
      LOG.debug("closing the HJ 212 listener", e);
    }
  }
}
