package io.helan.driver;

import io.helan.config.Device;
import io.helan.config.Protocol;

/** Connects field devices of one protocol. One instance serves every device of that protocol. */
public interface FieldDriver extends AutoCloseable {

  Protocol protocol();

  /**
   * Starts a link to the device and returns at once; the link connects, reconnects with backoff and
   * delivers samples to {@code sink} on the driver's own threads, never on the caller's.
   */
  DeviceLink connect(Device device, SampleSink sink, LinkListener listener);

  /** Closes every link and releases the driver's threads. */
  @Override
  void close();
}
