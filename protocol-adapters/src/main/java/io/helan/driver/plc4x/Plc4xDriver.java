package io.helan.driver.plc4x;

import io.helan.config.Device;
import io.helan.config.Plc4xConnection;
import io.helan.driver.DeviceLink;
import io.helan.driver.FieldDriver;
import io.helan.driver.LinkListener;
import io.helan.driver.SampleSink;
import io.helan.driver.link.OpenLinks;
import java.time.Duration;
import org.apache.plc4x.java.utils.cache.CachedPlcConnectionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls devices through Apache PLC4X: whatever PLC4X driver the device's connection string names
 * ({@code modbus-tcp://10.0.0.5:502?default-unit-identifier=1}), with the device's points as that
 * driver's tags ({@code holding-register:1:REAL}, {@code coil:1}).
 *
 * <p>Connections come from PLC4X's connection cache ({@link CachedPlcConnectionManager}), one per
 * connection string, kept open between polls: a PLC4X connection costs a few hundred milliseconds
 * to open and about two seconds to close (in the background, see {@link ConnectionClosing}). Each
 * device gets a link with a thread of its own that leases the connection, reads every point in one
 * request every {@code pollIntervalMs}, and returns the lease. A failed request makes the cache
 * drop and reopen the connection; the link reports the device lost first and retries with {@link
 * io.helan.driver.link.ReconnectBackoff}.
 *
 * <p>Quality: a value is GOOD with flag N; a value that is NaN or infinite is BAD_SENSOR_FAILURE; a
 * tag the device answers with an address, type or access error is BAD_CONFIGURATION, any other
 * per-tag error BAD; a lost link makes every point BAD_COMMUNICATION. The cache times a read out
 * after at most one second whatever the device's timeout.
 *
 * <p>Commands write their target tag: true (or 1) to switch on, false (or 0) for the kinds that
 * switch off, typed by the point at that tag if the device has one, else by the tag. PLC4X devices
 * take no command parameters.
 */
public final class Plc4xDriver implements FieldDriver {
  private static final Logger log = LoggerFactory.getLogger(Plc4xDriver.class);

  /** How long a link may hold a connection of the cache before the cache takes it back. */
  private static final Duration MAX_LEASE = Duration.ofSeconds(30);

  private final OpenLinks<Plc4xDeviceLink> links =
      new OpenLinks<>(Plc4xConnection.class, "PLC4X", "PLC4X driver");

  /** Opens no connection before a link asks for one. */
  private final CachedPlcConnectionManager connections =
      CachedPlcConnectionManager.getBuilder()
          .withMaxLeaseTime(MAX_LEASE)
          .withMaxWaitTime(MAX_LEASE)
          .build();

  private final ConnectionClosing closing = new ConnectionClosing();

  @Override
  public String protocol() {
    return Plc4xConnection.PROTOCOL;
  }

  /**
   * @throws IllegalArgumentException if the device is not a PLC4X device, or its poll interval or
   *     timeout is not positive
   */
  @Override
  public DeviceLink connect(Device device, SampleSink sink, LinkListener listener) {
    return links.open(
        device,
        onClosed -> new Plc4xDeviceLink(device, connections, closing, sink, listener, onClosed));
  }

  /** Closes every link, waits for their connections to close (side by side), then the cache. */
  @Override
  public void close() {
    links.close();
    closing.close();
    try {
      connections.close();
    } catch (Exception e) {
      log.warn("closing the PLC4X connection cache failed: {}", e.toString());
    }
  }
}
