package io.helan.driver.link;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread a device link runs on. A link's blocking I/O, polls, reconnects and commands all
 * run on its own thread, so they never overlap on the connection and a device that hangs until its
 * timeout delays only itself. Once stopped, the thread takes no more work.
 */
public final class LinkThread {
  private static final Logger log = LoggerFactory.getLogger(LinkThread.class);

  private final String deviceId;
  private final ScheduledThreadPoolExecutor executor;
  private volatile boolean stopped;

  /** A thread for the device's link, named after the driver and the device; a daemon. */
  public LinkThread(String driver, String deviceId) {
    this.deviceId = deviceId;
    String name = "helan-" + driver + "-" + deviceId;
    executor =
        new ScheduledThreadPoolExecutor(
            1,
            runnable -> {
              Thread thread = Executors.defaultThreadFactory().newThread(runnable);
              thread.setName(name);
              thread.setDaemon(true);
              return thread;
            });
    // Watchdog and poll tasks are cancelled often; do not let them pile up in the queue.
    executor.setRemoveOnCancelPolicy(true);
    // On shutdown, drop the next poll or reconnect instead of waiting for it.
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
  }

  /** Whether {@link #stop} was called. */
  public boolean isStopped() {
    return stopped;
  }

  /** Runs the link's first task. */
  public void start(Runnable task) {
    executor.execute(task);
  }

  /**
   * Runs {@code task} with a future for it to complete; if the link is stopped, the future fails at
   * once instead.
   */
  public <T> CompletableFuture<T> submit(Consumer<CompletableFuture<T>> task) {
    CompletableFuture<T> result = new CompletableFuture<>();
    try {
      executor.execute(() -> task.accept(result));
    } catch (RejectedExecutionException e) {
      result.completeExceptionally(new IllegalStateException("link to " + deviceId + " closed"));
    }
    return result;
  }

  /**
   * Runs {@code task} (a callback from another thread) soon, or drops it if the link is stopped.
   */
  public void runSoon(Runnable task) {
    try {
      executor.execute(task);
    } catch (RejectedExecutionException e) {
      log.trace("link to {} closed, dropping a callback", deviceId);
    }
  }

  /** Runs {@code task} after the delay, unless the link is stopped by then. */
  public void schedule(Runnable task, long delayMs) {
    if (stopped) {
      return;
    }
    try {
      executor.schedule(task, delayMs, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      log.debug("link to {} closed, not scheduling its next attempt", deviceId);
    }
  }

  /**
   * Runs {@code task} every period, the first time one period from now.
   *
   * @throws RejectedExecutionException if the link is stopped
   */
  public ScheduledFuture<?> scheduleEvery(Runnable task, long periodMs) {
    return executor.scheduleAtFixedRate(task, periodMs, periodMs, TimeUnit.MILLISECONDS);
  }

  /**
   * Stops taking work without waiting: {@code last} (closing the connection) runs after the task in
   * flight, if any; pending polls and reconnects are dropped. Only the first call counts.
   */
  public void stop(Runnable last) {
    if (stopped) {
      return;
    }
    stopped = true;
    try {
      executor.execute(last);
    } catch (RejectedExecutionException e) {
      log.debug("link to {} already stopped", deviceId);
    }
    executor.shutdown();
  }

  /** Waits up to {@code timeoutMs} for the thread to end, then interrupts it. */
  public void awaitStopped(long timeoutMs) {
    try {
      if (!executor.awaitTermination(timeoutMs, TimeUnit.MILLISECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
