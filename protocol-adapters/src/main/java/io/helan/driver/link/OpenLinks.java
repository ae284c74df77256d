package io.helan.driver.link;

import io.helan.config.Connection;
import io.helan.config.Device;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

/** The links a driver has open, so that closing the driver closes every one of them. */
public final class OpenLinks<L extends ManagedLink> {
  private final Set<L> links = ConcurrentHashMap.newKeySet();
  private final Class<? extends Connection> connectionType;
  private final String protocolName;
  private final String driverName;
  private volatile boolean closed;

  /**
   * @param connectionType the connection record of the devices the driver speaks to
   * @param protocolName the protocol as error messages name it, e.g. "OPC UA"
   * @param driverName the driver as error messages name it, e.g. "OPC UA client driver"
   */
  public OpenLinks(
      Class<? extends Connection> connectionType, String protocolName, String driverName) {
    this.connectionType = connectionType;
    this.protocolName = protocolName;
    this.driverName = driverName;
  }

  /**
   * Makes a link to the device with {@code newLink}, which is given what the link calls once it is
   * closed, then keeps and starts it.
   *
   * @throws IllegalStateException if the driver is closed
   * @throws IllegalArgumentException if the device speaks another protocol, or as {@code newLink}
   *     throws
   */
  public L open(Device device, Function<Consumer<L>, L> newLink) {
    if (closed) {
      throw new IllegalStateException(driverName + " is closed");
    }
    if (!connectionType.isInstance(device.connection())) {
      throw new IllegalArgumentException(
          "device " + device.id() + " does not speak " + protocolName);
    }
    L link = newLink.apply(links::remove);
    links.add(link);
    link.start();
    return link;
  }

  /** Closes every open link and refuses new ones. */
  public void close() {
    closed = true;
    // Stop all first, then wait: links hung on a timeout then wait together, not one by one.
    List<L> open = List.copyOf(links);
    open.forEach(ManagedLink::stop);
    open.forEach(ManagedLink::awaitStopped);
  }
}
