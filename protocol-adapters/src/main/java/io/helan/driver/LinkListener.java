package io.helan.driver;

import io.helan.config.Device;

/** Told of every change of a link's state, with the reason when the link broke. */
@FunctionalInterface
public interface LinkListener {

  /**
   * @param reason why the link changed state (exception message), or null
   */
  void onLinkState(Device device, LinkState state, String reason);

  /** Records poll or read round trips; drivers call it after each completed read. */
  default void onRead(Device device, long roundTripNanos) {}
}
