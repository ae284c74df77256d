package io.helan.simulator;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The one scheduler thread that moves the values of every simulated device in the JVM. A network
 * holds more than a hundred devices whose ticks each take microseconds, so a thread per device
 * would only cost memory and context switches.
 */
public final class FieldTicker {

  private static final ScheduledExecutorService SHARED =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "field-ticker");
            // a daemon, so that simulators never keep a JVM alive on their own
            thread.setDaemon(true);
            return thread;
          });

  private FieldTicker() {}

  public static ScheduledExecutorService shared() {
    return SHARED;
  }
}
