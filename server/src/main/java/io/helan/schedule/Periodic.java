package io.helan.schedule;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One task run again and again at a fixed delay on a daemon thread of its own. A run that fails is
 * logged and tried again at the next run; closing stops the runs and waits up to 10 s for one under
 * way.
 */
public final class Periodic implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Periodic.class);

  private final String what;
  private final ScheduledExecutorService runner;

  /**
   * @param threadName the thread's name
   * @param what what the task does, for the log ("Recomputing validated means")
   */
  public Periodic(String threadName, String what) {
    this.what = what;
    this.runner =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, threadName);
              thread.setDaemon(true);
              return thread;
            });
  }

  /** Runs the task every {@code interval} from now on. */
  public void start(Duration interval, Callable<?> task) {
    runner.scheduleWithFixedDelay(
        () -> {
          try {
            task.call();
          } catch (Exception e) {
            LOG.error("{} failed; tried again at the next run", what, e);
          }
        },
        interval.toMillis(),
        interval.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    runner.shutdownNow();
    try {
      runner.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
