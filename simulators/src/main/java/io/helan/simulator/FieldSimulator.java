package io.helan.simulator;

import io.helan.config.Device;

/**
 * A simulated field device that speaks its real protocol on the address its {@link Device}
 * configures. It can be stopped and started again any number of times on the same port.
 */
public interface FieldSimulator extends AutoCloseable {

  /**
   * The device this simulator plays, at the address it listens on: a device configured at port 0
   * has the free port it got once started.
   */
  Device device();

  /**
   * Opens the listener; returns once clients can connect. A device configured at port 0 gets a free
   * port on the first start and keeps it for the restarts.
   */
  void start() throws Exception;

  /**
   * Closes the listener and every open client connection, so that a master sees the link break at
   * once. Does nothing if not running.
   */
  void stop();

  boolean isRunning();

  /** Stops for good and frees whatever the simulator keeps between runs. */
  @Override
  default void close() {
    stop();
  }
}
