package io.helan.simulator.environment;

import java.time.Duration;
import java.time.Instant;

/** Seconds between a model's samples, bounded so that a long pause does not jump the weather. */
final class ElapsedTime {
  private static final double MAX_STEP_SECONDS = 3600;
  private Instant previous;

  /** Seconds since the previous call; 1 on the first call and when time went backwards. */
  double since(Instant now) {
    double seconds =
        previous == null || now.isBefore(previous)
            ? 1
            : Duration.between(previous, now).toMillis() / 1000.0;
    previous = now;
    return Math.min(seconds, MAX_STEP_SECONDS);
  }
}
