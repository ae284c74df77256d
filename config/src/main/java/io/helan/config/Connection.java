package io.helan.config;

/**
 * How to reach a device: the settings of the device's protocol, read from the site file by that
 * protocol's {@link ConnectionType}. Each protocol has its own record (Modbus TCP's host and unit
 * id, OPC UA's endpoint URL); what every driver and the server need is here.
 */
public interface Connection {

  /** The protocol id, as device types name it ({@code modbus-tcp}). */
  String protocol();

  /** How long one request may take before the link counts as broken. */
  int timeoutMs();

  /**
   * How often the device's values are expected to change at most: the poll interval of a polling
   * driver, the slower of sampling and publishing for a subscription, 0 when the device decides (a
   * data logger that dials in and uploads when it likes).
   */
  int updateIntervalMs();
}
