package io.helan.simulator;

import io.helan.config.Device;

/**
 * A simulated field device that speaks its real protocol on the address its {@link Device}
 * configures. It can be stopped and started again any number of times on the same port.
 */
public interface FieldSimulator extends AutoCloseable {

  /** The configured device this simulator plays. */
  Device device();

  /** Opens the listener; returns once clients can connect. */
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
