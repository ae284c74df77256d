package io.helan.config;

/**
 * An HJ 212 data logger: it dials in to the server and names itself by its MN in every packet.
 *
 * @param stationCode the logger's MN (1 to 24 characters; 24 hex digits in 2017)
 * @param password the logger's PW, checked on every packet
 * @param timeoutMs how long a reverse command waits for each answer (OverTime)
 * @param retries how often a request is resent when no answer comes (ReCount)
 * @param utcOffsetMinutes the zone of the logger's clock, minutes east of UTC (China: 480)
 */
public record Hj212Connection(
    String stationCode, String password, int timeoutMs, int retries, int utcOffsetMinutes)
    implements DialInConnection {

  public static final String PROTOCOL = "hj212";

  /** Beijing time, the zone of HJ 212 times unless a site says otherwise. */
  public static final int CHINA_UTC_OFFSET_MINUTES = 480;

  /** OverTime of the standard's cellular-link defaults (10 s × 3). */
  public static final int DEFAULT_TIMEOUT_MS = 10_000;

  /** ReCount of the standard's cellular-link defaults (10 s × 3). */
  public static final int DEFAULT_RETRIES = 3;

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
