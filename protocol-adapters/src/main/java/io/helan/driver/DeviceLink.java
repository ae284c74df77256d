package io.helan.driver;

import io.helan.config.Device;
import java.util.concurrent.CompletableFuture;

/** A live link to one device: reads it (poll or subscription) and executes its commands. */
public interface DeviceLink extends AutoCloseable {

  Device device();

  LinkState state();

  /**
   * Sends a command to the device. The future completes with the device's answer, or exceptionally
   * if the command could not be delivered.
   */
  CompletableFuture<CommandOutcome> execute(DeviceCommand command);

  /** Stops reading and disconnects; the device's points are not reported any more. */
  @Override
  void close();
}
