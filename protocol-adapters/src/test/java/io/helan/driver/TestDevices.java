package io.helan.driver;

import io.helan.config.Connection;
import io.helan.config.Device;

/** Configured devices with their connection changed, for tests that reach them through a proxy. */
public final class TestDevices {

  private TestDevices() {}

  /** The same device, reached at another port or endpoint URL with the given request timeout. */
  public static Device reachedAt(Device device, int port, String endpointUrl, int timeoutMs) {
    Connection c = device.connection();
    Connection moved =
        new Connection(
            c.protocol(),
            c.host(),
            port,
            c.unitId(),
            endpointUrl,
            c.wordOrder(),
            c.pollIntervalMs(),
            timeoutMs,
            c.samplingIntervalMs(),
            c.publishingIntervalMs());
    return new Device(
        device.id(),
        device.stationId(),
        device.name(),
        device.type(),
        moved,
        device.points(),
        device.commands());
  }
}
