package io.helan.driver.modbus;

import io.helan.config.Device;
import io.helan.config.ModbusTcpConnection;
import io.helan.driver.DeviceLink;
import io.helan.driver.FieldDriver;
import io.helan.driver.LinkListener;
import io.helan.driver.SampleSink;
import io.helan.driver.link.LinkThread;
import io.helan.driver.link.OpenLinks;

/**
 * Polls Modbus TCP devices (j2mod).
 *
 * <p>Each device gets a link that connects, reads the device's points every {@code pollIntervalMs}
 * (at a fixed rate: a late poll does not push the later ones back) in as few block reads as the
 * {@link ModbusReadPlan} allows, decodes them ({@link RegisterDecoder}, in the device's word
 * order), scales them and delivers one {@link io.helan.driver.SampleBatch} per poll, stamped with
 * the poll time. The links take turns on the small thread pool all links share ({@link
 * LinkThread}): the driver's thread count does not grow with its devices, and a device that hangs
 * until its timeout holds one of those threads meanwhile.
 *
 * <p>Quality and flag: a value is GOOD with flag N; a value that decodes to NaN or infinity is
 * BAD_SENSOR_FAILURE; points in a block the device answers with a Modbus exception are
 * BAD_CONFIGURATION. A point whose id ends in {@code status} is the rack's status word
 * (contracts.md), and flags the device's other points of the same poll: bit 3 (instrument fault)
 * gives D, else bit 0 or 1 (zero or span calibration running) gives C, else bit 2 (maintenance
 * mode) gives M. Their quality stays GOOD: the instrument still reports, and the flag is what keeps
 * those values out of validated averages.
 *
 * <p>Link loss: a request that fails or exceeds {@code timeoutMs} closes the socket, reports every
 * point of the device BAD_COMMUNICATION at once and the link DISCONNECTED, then reconnects with
 * backoff (from the poll interval, doubling, up to 3 s, with jitter). The first good poll after
 * reconnecting reports the link CONNECTED and the points GOOD again.
 *
 * <p>Commands run on the link thread between polls, and fail at once while the link is down; how a
 * command's target and parameters become writes is in docs/contracts.md (command targets). The
 * outcome carries the status word read back after the write. TCP_NODELAY is not set: j2mod's facade
 * does not expose its socket, and it writes each request in a single segment, so Nagle's algorithm
 * has nothing to hold back.
 */
public final class ModbusTcpDriver implements FieldDriver {
  private final OpenLinks<ModbusDeviceLink> links =
      new OpenLinks<>(ModbusTcpConnection.class, "Modbus TCP", "Modbus TCP driver");

  @Override
  public String protocol() {
    return ModbusTcpConnection.PROTOCOL;
  }

  /**
   * @throws IllegalArgumentException if the device is not a Modbus TCP device, a point's address is
   *     not a Modbus address, or the poll interval or timeout is not set
   */
  @Override
  public DeviceLink connect(Device device, SampleSink sink, LinkListener listener) {
    return links.open(device, onClosed -> new ModbusDeviceLink(device, sink, listener, onClosed));
  }

  @Override
  public void close() {
    links.close();
  }
}
