package io.helan.driver;

import io.helan.config.Device;

/**
 * Connects the field devices of one protocol; one instance serves every device of that protocol.
 *
 * <p>Drivers are found through {@link java.util.ServiceLoader} (a line in {@code
 * META-INF/services/io.helan.driver.FieldDriver}) and chosen by {@link #protocol()}, the id the
 * protocol's {@link io.helan.config.ConnectionType} reads from the site file. A driver is made for
 * every protocol on the class path, so its constructor must be cheap: no threads, no sockets.
 * Whatever the driver needs for all its devices (threads, a listening socket for devices that dial
 * in) it sets up in {@link #start}, which runs once, before the first {@link #connect}.
 */
public interface FieldDriver extends AutoCloseable {

  /** The protocol id, as device types name it in the site file ({@code modbus-tcp}). */
  String protocol();

  /**
   * Sets up what the driver shares between its devices: a driver whose devices dial in binds its
   * listening port here, from {@code options}, and fails here (not later) if it cannot.
   *
   * @throws IllegalStateException if the driver cannot start (its port is taken, say)
   */
  default void start(DriverOptions options) {}

  /**
   * Starts a link to the device and returns at once; the link connects, reconnects with backoff and
   * delivers samples to {@code sink} on the driver's own threads, never on the caller's. For a
   * device that dials in, the link waits for the device: the driver routes an incoming connection
   * to it by the code the device identifies itself with (see {@link
   * io.helan.driver.link.StationRoutes}).
   */
  DeviceLink connect(Device device, SampleSink sink, LinkListener listener);

  /** Closes every link and releases the driver's threads and sockets. */
  @Override
  void close();
}
