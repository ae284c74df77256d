package io.helan.config;

/**
 * An HJ 212 data logger: it dials in to the server, so the site file says nothing about where it
 * is.
 *
 * @param timeoutMs how long a reverse command may wait for the logger's answer
 */
public record Hj212Connection(int timeoutMs) implements Connection {

  public static final String PROTOCOL = "hj212";

  @Override
  public String protocol() {
    return PROTOCOL;
  }

  /** The logger decides when it uploads. */
  @Override
  public int updateIntervalMs() {
    return 0;
  }
}
