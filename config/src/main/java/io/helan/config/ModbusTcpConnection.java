package io.helan.config;

/**
 * A Modbus TCP device.
 *
 * @param host host name or address
 * @param port TCP port
 * @param unitId Modbus unit identifier
 * @param wordOrder register order of 32-bit values
 * @param pollIntervalMs how often the driver reads the device
 * @param timeoutMs how long one request may take before the link counts as broken; by default the
 *     poll interval
 */
public record ModbusTcpConnection(
    String host, int port, int unitId, WordOrder wordOrder, int pollIntervalMs, int timeoutMs)
    implements TcpConnection {

  public static final String PROTOCOL = "modbus-tcp";

  @Override
  public String protocol() {
    return PROTOCOL;
  }

  @Override
  public int updateIntervalMs() {
    return pollIntervalMs;
  }

  @Override
  public int tcpPort() {
    return port;
  }

  @Override
  public ModbusTcpConnection atPort(int newPort) {
    return new ModbusTcpConnection(host, newPort, unitId, wordOrder, pollIntervalMs, timeoutMs);
  }
}
