package io.helan.driver.plc4x;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes PLC4X connections on threads of their own. Closing one waits about two seconds for its
 * Netty event loop to end (PLC4X shuts the loop down gracefully, with Netty's quiet period of two
 * seconds): run on the link threads, which every link of the process shares, the closes of a site's
 * PLCs queued up for them (68 PLCs on 16 threads: ten seconds to stop). Here they run side by side,
 * and a link that opens a connection being closed waits for the close first.
 */
final class ConnectionClosing implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ConnectionClosing.class);

  /** Closing a connection takes about two seconds; give it three. */
  static final long CLOSE_MS = 3_000;

  private final AtomicInteger number = new AtomicInteger();
  private final ExecutorService threads =
      Executors.newCachedThreadPool(
          task -> {
            Thread thread = new Thread(task, "plc4x-close-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
          });
  private final Map<String, CompletableFuture<Void>> closing = new ConcurrentHashMap<>();

  /** Runs {@code close} (of the connection to {@code connectionString}) in the background. */
  void close(String connectionString, Runnable close) {
    CompletableFuture<Void> done;
    try {
      done = CompletableFuture.runAsync(close, threads);
    } catch (RejectedExecutionException e) {
      close.run(); // the driver is closing: close it here
      return;
    }
    closing.put(connectionString, done);
    done.whenComplete((ok, error) -> closing.remove(connectionString, done));
  }

  /** Waits, at most {@value #CLOSE_MS} ms, until a close of this connection under way has ended. */
  void awaitClosed(String connectionString) {
    CompletableFuture<Void> done = closing.get(connectionString);
    if (done == null) {
      return;
    }
    try {
      done.get(CLOSE_MS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      log.debug("closing the connection {} did not end well: {}", connectionString, e.toString());
    }
  }

  /** Waits for the closes under way, all together at most {@value #CLOSE_MS} ms. */
  @Override
  public void close() {
    threads.shutdown();
    try {
      if (!threads.awaitTermination(CLOSE_MS, TimeUnit.MILLISECONDS)) {
        log.warn("PLC4X connections still closing after {} ms; leaving them", CLOSE_MS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
