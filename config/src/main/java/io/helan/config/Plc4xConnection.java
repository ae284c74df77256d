package io.helan.config;

/**
 * A device reached through Apache PLC4X.
 *
 * @param connectionString PLC4X connection string, {@code <driver>://<address>?<options>}
 * @param pollIntervalMs how often the driver reads the device
 * @param timeoutMs how long one request may take before the link counts as broken
 */
public record Plc4xConnection(String connectionString, int pollIntervalMs, int timeoutMs)
    implements Connection {

  public static final String PROTOCOL = "plc4x";

  @Override
  public String protocol() {
    return PROTOCOL;
  }

  @Override
  public int updateIntervalMs() {
    return pollIntervalMs;
  }
}
