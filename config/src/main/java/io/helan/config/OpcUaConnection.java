package io.helan.config;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * An OPC UA server the driver subscribes to.
 *
 * @param endpointUrl {@code opc.tcp://host:port/path}
 * @param samplingIntervalMs monitored-item sampling interval
 * @param publishingIntervalMs subscription publishing interval
 * @param timeoutMs how long one request may take before the link counts as broken
 */
public record OpcUaConnection(
    String endpointUrl, int samplingIntervalMs, int publishingIntervalMs, int timeoutMs)
    implements TcpConnection {

  public static final String PROTOCOL = "opc-ua";

  @Override
  public String protocol() {
    return PROTOCOL;
  }

  @Override
  public int updateIntervalMs() {
    return Math.max(samplingIntervalMs, publishingIntervalMs);
  }

  @Override
  public String host() {
    return URI.create(endpointUrl).getHost();
  }

  @Override
  public int tcpPort() {
    return URI.create(endpointUrl).getPort();
  }

  @Override
  public OpcUaConnection atPort(int newPort) {
    URI uri = URI.create(endpointUrl);
    try {
      String moved =
          new URI(
                  uri.getScheme(),
                  uri.getUserInfo(),
                  uri.getHost(),
                  newPort,
                  uri.getPath(),
                  uri.getQuery(),
                  uri.getFragment())
              .toString();
      return new OpcUaConnection(moved, samplingIntervalMs, publishingIntervalMs, timeoutMs);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("cannot move " + endpointUrl + " to port " + newPort, e);
    }
  }
}
