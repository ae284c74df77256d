package io.helan.driver.spi;

import io.helan.config.DialInConnection;

/** A line logger: dials in and sends {@code <station code> <point> <value>} lines. */
record LineLoggerConnection(String stationCode, int timeoutMs) implements DialInConnection {
  static final String PROTOCOL = "line-logger";

  @Override
  public String protocol() {
    return PROTOCOL;
  }

  @Override
  public int updateIntervalMs() {
    return 0;
  }
}
