package io.helan.driver.registry;

import io.helan.config.Device;
import io.helan.config.Protocol;
import io.helan.driver.DeviceLink;
import io.helan.driver.FieldDriver;
import io.helan.driver.LinkListener;
import io.helan.driver.SampleSink;
import io.helan.driver.modbus.ModbusTcpDriver;
import io.helan.driver.opcua.OpcUaClientDriver;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The field drivers of one process, one per protocol, each created when the first device of its
 * protocol connects. Modbus TCP and OPC UA so far; PLC4X and HJ 212 are still to come.
 */
public final class FieldDrivers implements AutoCloseable {
  private final Map<Protocol, FieldDriver> drivers = new EnumMap<>(Protocol.class);
  private boolean closed;

  /**
   * The driver for {@code protocol}, created on first use.
   *
   * @throws IllegalArgumentException if no driver speaks the protocol yet
   */
  public FieldDriver driverFor(Protocol protocol) {
    return find(protocol)
        .orElseThrow(
            () -> new IllegalArgumentException("no driver for " + protocol.key() + " yet"));
  }

  /** The driver for {@code protocol}, created on first use, or empty if none speaks it yet. */
  public synchronized Optional<FieldDriver> find(Protocol protocol) {
    if (closed) {
      throw new IllegalStateException("field drivers are closed");
    }
    return Optional.ofNullable(drivers.computeIfAbsent(protocol, FieldDrivers::create));
  }

  /** Connects the device with the driver of its protocol; see {@link FieldDriver#connect}. */
  public DeviceLink connect(Device device, SampleSink sink, LinkListener listener) {
    return driverFor(device.connection().protocol()).connect(device, sink, listener);
  }

  /** Closes every driver created, and with them all their links. */
  @Override
  public void close() {
    List<FieldDriver> created;
    synchronized (this) {
      closed = true;
      created = new ArrayList<>(drivers.values());
      drivers.clear();
    }
    for (FieldDriver driver : created) {
      driver.close();
    }
  }

  /** A new driver for the protocol, or null if none speaks it yet (nothing is then cached). */
  private static FieldDriver create(Protocol protocol) {
    return switch (protocol) {
      case MODBUS_TCP -> new ModbusTcpDriver();
      case OPC_UA -> new OpcUaClientDriver();
      case PLC4X, HJ212 -> null;
    };
  }
}
