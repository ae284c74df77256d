package io.helan.upstream;

import io.helan.config.Upstream;
import io.helan.driver.hj212.Hj212FrameReader;
import io.helan.driver.hj212.Hj212Frames;
import io.helan.driver.hj212.Hj212Packet;
import io.helan.driver.hj212.Hj212Rejection;
import io.helan.driver.link.ReconnectBackoff;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TCP connection to one upstream, this node dialing as the data logger: it sends the queue's
 * oldest record and waits for the upstream's 9014 answer before it removes it and sends the next,
 * so order is kept and nothing acknowledged is sent again. Without an answer within OverTime the
 * record is sent again, up to ReCount times; then the connection counts as broken and is made anew,
 * the record still first in the queue. Whatever else the upstream sends is handed to the request
 * handler. Dialing backs off up to a few seconds while the upstream is away.
 */
final class UpstreamLink implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(UpstreamLink.class);
  private static final long IDLE_WAIT_MS = 500;

  private final Upstream upstream;
  private final LinkSettings settings;
  private final ForwardQueue queue;
  private final Consumer<UpstreamRequest> requests;
  private final Thread thread;
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong resent = new AtomicLong();
  private volatile boolean closed;
  private volatile Socket socket;
  private volatile OutputStream out;
  private volatile String awaitedQn;
  private volatile CompletableFuture<Void> answered = new CompletableFuture<>();

  /** Fails when the current connection ends (what waits for an answer then stops waiting). */
  private volatile CompletableFuture<Void> connectionEnded = new CompletableFuture<>();

  private volatile String downReason = "not connected yet";
  private volatile Instant downSince = Instant.now();

  UpstreamLink(
      Upstream upstream,
      LinkSettings settings,
      ForwardQueue queue,
      Consumer<UpstreamRequest> requests) {
    this.upstream = upstream;
    this.settings = settings;
    this.queue = queue;
    this.requests = requests;
    this.thread = new Thread(this::run, "upstream-" + upstream.id());
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /** Whether a connection to the upstream is up. */
  boolean isUp() {
    return socket != null;
  }

  /** Why the link is down, or null while it is up. */
  String downReason() {
    return socket != null ? null : downReason;
  }

  /** Since when the link is down. */
  Instant downSince() {
    return downSince;
  }

  /** Records the upstream acknowledged. */
  long sent() {
    return sent.get();
  }

  /** Records sent again for want of an answer. */
  long resent() {
    return resent.get();
  }

  private void run() {
    ReconnectBackoff backoff = new ReconnectBackoff(IDLE_WAIT_MS);
    InetSocketAddress address = new InetSocketAddress(upstream.host(), upstream.port());
    while (!closed) {
      try (Socket s = new Socket()) {
        s.connect(address, settings.timeoutMs());
        s.setTcpNoDelay(true);
        s.setKeepAlive(true);
        up(s);
        backoff.reset();
        forward();
      } catch (IOException e) {
        down(e.getMessage() == null ? e.toString() : e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } finally {
        socket = null;
        out = null;
      }
      if (!closed) {
        try {
          Thread.sleep(backoff.nextDelayMs());
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }

  private void up(Socket s) throws IOException {
    out = s.getOutputStream();
    InputStream in = s.getInputStream();
    connectionEnded = new CompletableFuture<>();
    Thread reader = new Thread(() -> read(s, in), "upstream-" + upstream.id() + "-reader");
    reader.setDaemon(true);
    reader.start();
    socket = s;
    LOG.info("Upstream {} ({}:{}) connected", upstream.id(), upstream.host(), upstream.port());
  }

  private void down(String reason) {
    if (downReason == null) {
      downSince = Instant.now();
      LOG.warn(
          "Upstream {} ({}:{}) down: {}; {} records queued",
          upstream.id(),
          upstream.host(),
          upstream.port(),
          reason,
          queue.size());
    }
    downReason = reason;
  }

  /** Sends the queue's records one by one, each until answered; returns when the link breaks. */
  private void forward() throws IOException, InterruptedException {
    downReason = null;
    ForwardRecord current = null;
    int attempts = 0;
    while (!closed) {
      ForwardRecord record = queue.peek(IDLE_WAIT_MS);
      if (record == null) {
        if (connectionEnded.isDone()) {
          throw new IOException("connection closed by the upstream");
        }
        continue;
      }
      if (!record.equals(current)) {
        current = record;
        attempts = 0;
      }
      if (attempts > settings.retries()) {
        throw new IOException(
            "no 9014 answer to QN="
                + record.qn()
                + " within "
                + settings.timeoutMs()
                + " ms, "
                + attempts
                + " tries");
      }
      CompletableFuture<Void> answer = expect(record.qn());
      send(record.frame(upstream.password(), Hj212Frames.FLAG_REQUEST));
      if (attempts++ > 0) {
        resent.incrementAndGet();
      }
      try {
        answer.get(settings.timeoutMs(), TimeUnit.MILLISECONDS);
        queue.acknowledge(record);
        sent.incrementAndGet();
        current = null;
      } catch (TimeoutException e) {
        LOG.debug("Upstream {}: no answer to QN={} yet", upstream.id(), record.qn());
      } catch (ExecutionException e) {
        throw new IOException(e.getCause().getMessage(), e.getCause());
      }
    }
  }

  /** What completes on the 9014 answer to {@code qn}, or fails when the connection ends. */
  private CompletableFuture<Void> expect(String qn) {
    CompletableFuture<Void> answer = new CompletableFuture<>();
    answered = answer;
    awaitedQn = qn;
    if (connectionEnded.isDone()) {
      answer.completeExceptionally(new IOException("connection closed"));
    }
    return answer;
  }

  /**
   * Writes a frame to the upstream.
   *
   * @throws IOException if there is no connection or the write fails
   */
  void send(byte[] frame) throws IOException {
    OutputStream to = out;
    if (to == null) {
      throw new IOException("upstream " + upstream.id() + " not connected");
    }
    synchronized (to) {
      to.write(frame);
      to.flush();
    }
  }

  /** Reads the upstream's packets until the connection ends; then fails what waits for one. */
  private void read(Socket s, InputStream in) {
    Hj212FrameReader reader = new Hj212FrameReader(9999);
    Hj212Packet packet = new Hj212Packet();
    Hj212FrameReader.Handler handler =
        new Hj212FrameReader.Handler() {
          @Override
          public void onFrame(byte[] buffer, int offset, int length) {
            if (!packet.read(buffer, offset, length)) {
              LOG.warn(
                  "Upstream {} sent an unreadable packet: {}", upstream.id(), packet.problem());
            } else if (packet.cn() == 9014) {
              String qn = packet.qn();
              if (qn != null && qn.equals(awaitedQn)) {
                answered.complete(null);
              }
            } else {
              requests.accept(UpstreamRequest.of(packet));
            }
          }

          @Override
          public void onRejected(Hj212Rejection rejection) {
            LOG.warn("Upstream {} sent bad input: {}", upstream.id(), rejection.description());
          }
        };
    byte[] buffer = new byte[8192];
    String reason = "connection closed by the upstream";
    try {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        reader.feed(ByteBuffer.wrap(buffer, 0, n), handler);
      }
    } catch (IOException e) {
      reason = e.getMessage();
    } catch (RuntimeException e) {
      LOG.error("Upstream {}: reading failed", upstream.id(), e);
      reason = e.toString();
    }
    IOException ended = new IOException(reason);
    connectionEnded.completeExceptionally(ended);
    answered.completeExceptionally(ended);
    try {
      s.close();
    } catch (IOException e) {
      LOG.debug("closing upstream socket", e);
    }
  }

  @Override
  public void close() {
    closed = true;
    Socket s = socket;
    if (s != null) {
      try {
        s.close();
      } catch (IOException e) {
        LOG.debug("closing upstream socket", e);
      }
    }
    thread.interrupt();
    try {
      thread.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
