package io.helan.driver.link;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * Creates the one thread each device link runs on. A link's blocking I/O, polls, reconnects and
 * commands all run on its own thread, so a device that hangs until its timeout delays only itself.
 */
public final class LinkThreads {

  private LinkThreads() {}

  /** A single-thread scheduler whose daemon thread is named after the driver and the device. */
  public static ScheduledExecutorService newLinkExecutor(String driver, String deviceId) {
    String name = "helan-" + driver + "-" + deviceId;
    ScheduledThreadPoolExecutor executor =
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
    // On shutdown, drop the next poll or reconnect instead of waiting up to 30 s for it.
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    return executor;
  }
}
