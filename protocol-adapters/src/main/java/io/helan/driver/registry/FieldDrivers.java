package io.helan.driver.registry;

import io.helan.config.Device;
import io.helan.driver.DeviceLink;
import io.helan.driver.DriverOptions;
import io.helan.driver.FieldDriver;
import io.helan.driver.LinkListener;
import io.helan.driver.SampleSink;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * The field drivers of one process, one per protocol: every {@link FieldDriver} on the class path
 * (found through {@link ServiceLoader}), each started when the first device of its protocol
 * connects.
 */
public final class FieldDrivers implements AutoCloseable {
  private final Map<String, FieldDriver> drivers = new LinkedHashMap<>();
  private final Set<FieldDriver> started = new HashSet<>();
  private final DriverOptions options;
  private boolean closed;

  /** The drivers on the class path, with no server-level options. */
  public FieldDrivers() {
    this(DriverOptions.NONE);
  }

  /** The drivers on the class path, started with {@code options}. */
  public FieldDrivers(DriverOptions options) {
    this(ServiceLoader.load(FieldDriver.class, FieldDrivers.class.getClassLoader()), options);
  }

  /**
   * These drivers, started with {@code options}.
   *
   * @throws IllegalStateException if two drivers speak the same protocol
   */
  public FieldDrivers(Iterable<FieldDriver> available, DriverOptions options) {
    this.options = options;
    for (FieldDriver driver : available) {
      FieldDriver other = drivers.putIfAbsent(driver.protocol(), driver);
      if (other != null) {
        throw new IllegalStateException(
            "protocol '"
                + driver.protocol()
                + "' is spoken by both "
                + other.getClass().getName()
                + " and "
                + driver.getClass().getName());
      }
    }
  }

  /** The protocols a driver speaks. */
  public synchronized Set<String> protocols() {
    return Set.copyOf(drivers.keySet());
  }

  /**
   * The driver for {@code protocol}, started on first use.
   *
   * @throws IllegalArgumentException if no driver speaks the protocol
   */
  public FieldDriver driverFor(String protocol) {
    return find(protocol)
        .orElseThrow(() -> new IllegalArgumentException("no driver for " + protocol));
  }

  /**
   * The driver for {@code protocol}, started on first use, or empty if none speaks it.
   *
   * @throws IllegalStateException if the drivers are closed, or the driver cannot start
   */
  public synchronized Optional<FieldDriver> find(String protocol) {
    if (closed) {
      throw new IllegalStateException("field drivers are closed");
    }
    FieldDriver driver = drivers.get(protocol);
    if (driver != null && started.add(driver)) {
      driver.start(options);
    }
    return Optional.ofNullable(driver);
  }

  /** Connects the device with the driver of its protocol; see {@link FieldDriver#connect}. */
  public DeviceLink connect(Device device, SampleSink sink, LinkListener listener) {
    return driverFor(device.connection().protocol()).connect(device, sink, listener);
  }

  /** Closes every driver started, and with them all their links. */
  @Override
  public void close() {
    List<FieldDriver> toClose;
    synchronized (this) {
      closed = true;
      toClose = new ArrayList<>(started);
      started.clear();
    }
    for (FieldDriver driver : toClose) {
      driver.close();
    }
  }
}
