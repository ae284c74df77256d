package io.helan.alarms;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the listeners (web push, OPC UA Alarms & Conditions) of every alarm change, in the order
 * the changes happened, on a thread of its own: a slow listener holds up no one, the engine least
 * of all.
 */
final class AlarmNotifier implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AlarmNotifier.class);

  private final List<Consumer<AlarmTransition>> listeners = new CopyOnWriteArrayList<>();
  private final ExecutorService thread =
      Executors.newSingleThreadExecutor(
          task -> {
            Thread notifier = new Thread(task, "helan-alarm-notifier");
            notifier.setDaemon(true);
            return notifier;
          });

  void add(Consumer<AlarmTransition> listener) {
    listeners.add(listener);
  }

  /** Queues the change for every listener; returns at once. */
  void changed(AlarmTransition transition) {
    try {
      thread.execute(
          () -> {
            for (Consumer<AlarmTransition> listener : listeners) {
              try {
                listener.accept(transition);
              } catch (RuntimeException e) {
                LOG.warn("Alarm listener failed on {}", transition.alarm().id(), e);
              }
            }
          });
    } catch (RejectedExecutionException e) {
      LOG.debug("Alarm notifier stopped; {} not told", transition.alarm().id());
    }
  }

  /** Completes once the listeners have heard every change queued before. */
  CompletableFuture<Void> flush() {
    CompletableFuture<Void> done = new CompletableFuture<>();
    try {
      thread.execute(() -> done.complete(null));
    } catch (RejectedExecutionException e) {
      done.complete(null);
    }
    return done;
  }

  /** Tells what is queued, then stops. */
  @Override
  public void close() {
    thread.shutdown();
    try {
      if (!thread.awaitTermination(10, TimeUnit.SECONDS)) {
        LOG.warn("Alarm listeners did not finish in time");
        thread.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
