package io.helan.publication;

import java.time.Duration;

/**
 * How data is released to the public.
 *
 * @param delay how long after its hour ends a value is published (time for review)
 * @param cacheFor how long an answer is served from the cache
 * @param requestsPerMinute requests one client address may make per minute (429 beyond)
 */
public record PublicationSettings(Duration delay, Duration cacheFor, int requestsPerMinute) {

  public static PublicationSettings defaults() {
    return new PublicationSettings(Duration.ofHours(1), Duration.ofSeconds(60), 600);
  }

  public PublicationSettings {
    if (delay.isNegative() || cacheFor.isNegative() || requestsPerMinute < 1) {
      throw new IllegalArgumentException(
          "delay and cache time must not be negative and at least one request per minute allowed");
    }
  }
}
