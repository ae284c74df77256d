package io.helan.config;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * How to reach a device. Fields that do not apply to the device's protocol are zero or null.
 *
 * @param protocol the field protocol
 * @param host host name or address (Modbus TCP)
 * @param port TCP port (Modbus TCP)
 * @param unitId Modbus unit identifier
 * @param endpointUrl OPC UA endpoint URL, PLC4X connection string, or null
 * @param wordOrder register order of 32-bit values (Modbus)
 * @param pollIntervalMs how often a polling driver reads the device
 * @param timeoutMs how long one request may take before the link counts as broken
 * @param samplingIntervalMs OPC UA monitored-item sampling interval
 * @param publishingIntervalMs OPC UA subscription publishing interval
 */
public record Connection(
    Protocol protocol,
    String host,
    int port,
    int unitId,
    String endpointUrl,
    WordOrder wordOrder,
    int pollIntervalMs,
    int timeoutMs,
    int samplingIntervalMs,
    int publishingIntervalMs) {

  /**
   * The TCP port the device listens on: Modbus TCP's {@link #port()}, or the port of the OPC UA
   * endpoint URL.
   *
   * @throws IllegalStateException for a protocol that has no such port here (PLC4X, HJ 212)
   */
  public int tcpPort() {
    return switch (protocol) {
      case MODBUS_TCP -> port;
      case OPC_UA -> URI.create(endpointUrl).getPort();
      default -> throw new IllegalStateException(protocol + " connections have no TCP port");
    };
  }

  /**
   * The same connection at another TCP port: Modbus TCP's {@link #port()}, or the port of the OPC
   * UA endpoint URL. Port 0 asks a simulator to listen on a free port.
   *
   * @throws IllegalStateException for a protocol that has no such port here (PLC4X, HJ 212)
   */
  public Connection atPort(int newPort) {
    return switch (protocol) {
      case MODBUS_TCP ->
          new Connection(
              protocol,
              host,
              newPort,
              unitId,
              endpointUrl,
              wordOrder,
              pollIntervalMs,
              timeoutMs,
              samplingIntervalMs,
              publishingIntervalMs);
      case OPC_UA ->
          new Connection(
              protocol,
              host,
              port,
              unitId,
              withPort(endpointUrl, newPort),
              wordOrder,
              pollIntervalMs,
              timeoutMs,
              samplingIntervalMs,
              publishingIntervalMs);
      default -> throw new IllegalStateException(protocol + " connections have no TCP port");
    };
  }

  private static String withPort(String url, int newPort) {
    URI uri = URI.create(url);
    try {
      return new URI(
              uri.getScheme(),
              uri.getUserInfo(),
              uri.getHost(),
              newPort,
              uri.getPath(),
              uri.getQuery(),
              uri.getFragment())
          .toString();
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("cannot move " + url + " to port " + newPort, e);
    }
  }
}
