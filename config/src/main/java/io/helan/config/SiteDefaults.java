package io.helan.config;

/** Connection defaults that more than one protocol shares. */
public final class SiteDefaults {
  public static final int POLL_INTERVAL_MS = 1000;

  /**
   * Below the poll interval, so a lost link shows Bad within two poll periods (OPC UA and PLC4X; a
   * Modbus TCP request may take up to the device's poll interval by default).
   */
  public static final int TIMEOUT_MS = 500;

  private SiteDefaults() {}
}
