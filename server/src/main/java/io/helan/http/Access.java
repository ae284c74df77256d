package io.helan.http;

/** Who may call an HTTP route; checked before any of the route's own handlers run. */
public enum Access {
  /** Anyone, without a token: health counts, login, the HMI's static files. */
  ANYONE,
  /** A Prometheus scraper with the metrics scrape token ({@code <data-dir>/metrics-token}). */
  SCRAPER,
  /** Any user's session or a display token: reading site data. */
  READER,
  /**
   * A signed-in user's session, not a display token: everything that changes something. Which role
   * the change needs is the capability's decision (403).
   */
  SIGNED_IN
}
