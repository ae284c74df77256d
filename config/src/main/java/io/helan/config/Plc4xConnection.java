package io.helan.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A device reached through Apache PLC4X.
 *
 * <p>Over TCP the connection string's address is {@code host:port} ({@code
 * modbus-tcp://127.0.0.1:502?default-unit-identifier=1}): that is the device's {@link #host()} and
 * {@link #tcpPort()}, which a simulator binds and tests move. A device reached otherwise (a serial
 * line) has neither: host null, port -1.
 *
 * @param connectionString PLC4X connection string, {@code
 *     <driver>[:<transport>]://<address>[?<options>]}
 * @param pollIntervalMs how often the driver reads the device
 * @param timeoutMs how long one request may take before the link counts as broken
 */
public record Plc4xConnection(String connectionString, int pollIntervalMs, int timeoutMs)
    implements TcpConnection {

  public static final String PROTOCOL = "plc4x";

  /**
   * PLC4X's own connection string grammar: driver code, optional transport code, the transport's
   * address, options.
   */
  static final Pattern CONNECTION_STRING =
      Pattern.compile(
          "(?<driver>[a-z0-9-]+)(?::(?<transport>[a-z0-9-]+))?://(?<address>[^?\\s]*)"
              + "(?:\\?(?<options>\\S*))?");

  private static final Pattern HOST_PORT =
      Pattern.compile("(?<host>[A-Za-z0-9.-]+):(?<port>\\d{1,5})");

  @Override
  public String protocol() {
    return PROTOCOL;
  }

  @Override
  public int updateIntervalMs() {
    return pollIntervalMs;
  }

  /** The PLC4X driver code, e.g. {@code modbus-tcp}. */
  public String driver() {
    return parts().group("driver");
  }

  @Override
  public String host() {
    Matcher address = hostPort();
    return address == null ? null : address.group("host");
  }

  @Override
  public int tcpPort() {
    Matcher address = hostPort();
    return address == null ? -1 : Integer.parseInt(address.group("port"));
  }

  /**
   * @throws IllegalArgumentException if the connection string has no {@code host:port}
   */
  @Override
  public Plc4xConnection atPort(int newPort) {
    Matcher parts = parts();
    Matcher address = hostPort();
    if (address == null) {
      throw new IllegalArgumentException(connectionString + " has no host:port to move");
    }
    String moved =
        connectionString.substring(0, parts.start("address"))
            + address.group("host")
            + ":"
            + newPort
            + connectionString.substring(parts.end("address"));
    return new Plc4xConnection(moved, pollIntervalMs, timeoutMs);
  }

  private Matcher parts() {
    Matcher parts = CONNECTION_STRING.matcher(connectionString);
    if (!parts.matches()) {
      throw new IllegalStateException("not a PLC4X connection string: " + connectionString);
    }
    return parts;
  }

  private Matcher hostPort() {
    Matcher address = HOST_PORT.matcher(parts().group("address"));
    return address.matches() ? address : null;
  }
}
