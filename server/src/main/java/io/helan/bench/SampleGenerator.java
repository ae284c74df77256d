package io.helan.bench;

import io.helan.driver.DataFlag;
import io.helan.driver.Quality;
import io.helan.driver.SampleBatch;

/**
 * Deterministic benchmark samples: sample i is point {@code i mod P} at one sample per point and
 * second from 2026-01-01 UTC, a good value between 0 and 655 with flag N. Every (time, point) pair
 * is distinct, so deduplication keeps every row.
 */
final class SampleGenerator {
  private static final long START_MICROS = 1_767_225_600_000_000L; // 2026-01-01T00:00:00Z

  private final int points;

  SampleGenerator(int points) {
    this.points = points;
  }

  /** Replaces the batch's content with samples {@code first .. first + count - 1}. */
  void fill(SampleBatch batch, long first, int count) {
    batch.clear();
    for (long i = first; i < first + count; i++) {
      long mixed = (i * 2_654_435_761L) >>> 16;
      batch.add(
          (int) (i % points),
          START_MICROS + (i / points) * 1_000_000L,
          (mixed & 0xFFFF) / 100.0,
          Quality.GOOD,
          DataFlag.N);
    }
  }
}
