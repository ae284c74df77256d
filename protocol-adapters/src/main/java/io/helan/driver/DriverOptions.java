package io.helan.driver;

import java.util.Map;
import java.util.Optional;

/**
 * Settings of the drivers that belong to the server rather than to one device, keyed {@code
 * <protocol>.<name>} (as in {@code hj212.port=9212}): where a driver whose devices dial in listens.
 */
public record DriverOptions(Map<String, String> values) {

  public static final DriverOptions NONE = new DriverOptions(Map.of());

  public DriverOptions {
    values = Map.copyOf(values);
  }

  /** The option {@code name} of {@code protocol}, if it is set. */
  public Optional<String> get(String protocol, String name) {
    return Optional.ofNullable(values.get(protocol + "." + name));
  }

  /**
   * A TCP port option: {@code defaultPort} if unset, 0 for a free port.
   *
   * @throws IllegalArgumentException if it is set but not a port number 0..65535
   */
  public int port(String protocol, String name, int defaultPort) {
    Optional<String> text = get(protocol, name);
    if (text.isEmpty()) {
      return defaultPort;
    }
    try {
      int port = Integer.parseInt(text.get().trim());
      if (port >= 0 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        protocol + "." + name + " '" + text.get() + "' is not a TCP port 0..65535");
  }
}
