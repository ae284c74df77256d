package io.helan.alarms;

import io.helan.config.DoseRateLevels;
import io.helan.config.Point;
import io.helan.historian.Historian;
import io.helan.historian.HistoryRow;
import io.helan.historian.StepStatistics;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds a radiation station's background from the samples the historian kept, whichever QuestDB
 * keeps them, so that after a restart the background-relative levels hold at once instead of after
 * a day of new readings. Takes the readings the live background takes: valid (good, flag N) and dry
 * (neither raining nor within the hold-off after rain), bucket by bucket with count, mean and
 * variance.
 */
final class BackgroundSeed {
  private static final Logger LOG = LoggerFactory.getLogger(BackgroundSeed.class);

  /** How long one history query may take before the seed gives up. */
  private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(60);

  private final Historian historian;

  BackgroundSeed(Historian historian) {
    this.historian = historian;
  }

  /**
   * Seeds {@code baseline} with the window of readings of {@code point} that ends at {@code to}.
   *
   * @param rain the station's rain sensor, or null
   * @return how many buckets were seeded
   * @throws IllegalStateException when the historian cannot answer
   */
  int seed(RadiationBaseline baseline, DoseRateLevels levels, Point point, Point rain, Instant to) {
    long bucketMicros = levels.baselineWindowMs() * 1000 / RadiationBaseline.BUCKETS;
    Duration bucket = Duration.ofNanos(bucketMicros * 1000);
    Instant from = to.minusMillis(levels.baselineWindowMs());
    Set<Long> wet =
        rain == null ? Set.of() : wetBuckets(rain, from, to, bucket, bucketMicros, levels);
    int seeded = 0;
    for (StepStatistics step : answer(historian.validStatistics(point, from, to, bucket))) {
      long start = AlarmJournal.micros(step.start());
      if (!wet.contains(Math.floorDiv(start, bucketMicros))) {
        baseline.seed(start, step.count(), step.mean(), step.variance());
        seeded++;
      }
    }
    baseline.advanceTo(AlarmJournal.micros(to));
    LOG.info(
        "Background of {} seeded from history: {} buckets ({} wet left out), mean {} σ {}",
        point.id(),
        seeded,
        wet.size(),
        AlarmMessages.number(baseline.mean()),
        AlarmMessages.number(baseline.sigma()));
    return seeded;
  }

  /** Buckets with rain, and those within the hold-off after it. */
  private Set<Long> wetBuckets(
      Point rain,
      Instant from,
      Instant to,
      Duration bucket,
      long bucketMicros,
      DoseRateLevels levels) {
    long holdoffBuckets = (levels.rainHoldoffMs() * 1000 + bucketMicros - 1) / bucketMicros;
    Set<Long> wet = new HashSet<>();
    for (HistoryRow row : answer(historian.history(rain, from, to, bucket))) {
      if (row.max() >= 0.5) {
        long first = Math.floorDiv(AlarmJournal.micros(row.time()), bucketMicros);
        for (long b = first; b <= first + holdoffBuckets; b++) {
          wet.add(b);
        }
      }
    }
    return wet;
  }

  private static <T> List<T> answer(CompletableFuture<List<T>> query) {
    try {
      return query.get(QUERY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      query.cancel(true);
      throw new IllegalStateException("no answer within " + QUERY_TIMEOUT.toSeconds() + " s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
