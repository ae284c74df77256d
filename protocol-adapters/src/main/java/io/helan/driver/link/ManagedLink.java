package io.helan.driver.link;

import io.helan.driver.DeviceLink;

/**
 * A device link its driver starts and stops. Stopping comes in two steps so that a driver closing
 * stops all its links first and then waits for them together, not one timeout after another.
 */
public interface ManagedLink extends DeviceLink {

  /** Starts connecting, on the link's own thread; returns at once. */
  void start();

  /** Stops the link without waiting for it. */
  void stop();

  /** Waits for the stopped link's thread to end, then reports the link CLOSED. */
  void awaitStopped();

  @Override
  default void close() {
    stop();
    awaitStopped();
  }
}
