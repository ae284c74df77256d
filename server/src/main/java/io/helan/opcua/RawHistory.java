package io.helan.opcua;

import io.helan.config.Point;
import io.helan.driver.DataFlag;
import io.helan.driver.Quality;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The stored samples of one point, as OPC UA HistoryRead Raw returns them. (The Historian offers
 * downsampled rows only; this is the raw read it lacks.)
 */
@FunctionalInterface
public interface RawHistory {

  /** One stored sample. */
  record Sample(Instant time, double value, Quality quality, DataFlag flag) {}

  /**
   * Samples with {@code from <= time < to}, at most {@code limit}, oldest first, or newest first
   * when {@code newestFirst}.
   */
  CompletableFuture<List<Sample>> raw(
      Point point, Instant from, Instant to, int limit, boolean newestFirst);
}
