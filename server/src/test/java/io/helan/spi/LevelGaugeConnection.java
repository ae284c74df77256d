package io.helan.spi;

import io.helan.config.Connection;

/** A level gauge that needs no network: it reports a rising level every {@code periodMs}. */
record LevelGaugeConnection(int periodMs) implements Connection {
  static final String PROTOCOL = "level-gauge";

  @Override
  public String protocol() {
    return PROTOCOL;
  }

  @Override
  public int timeoutMs() {
    return periodMs;
  }

  @Override
  public int updateIntervalMs() {
    return periodMs;
  }
}
