package io.helan.alarms;

import java.util.Arrays;

/**
 * The rolling background of one radiation station's gamma dose rate: mean and standard deviation of
 * its valid, dry readings over a trailing window (30 days by default).
 *
 * <p>Readings are kept as per-bucket count, sum and sum of squares in a ring of {@value #BUCKETS}
 * buckets (one hour each for 30 days), so memory stays a few kilobytes however many readings
 * arrive, and the mean and deviation are exact over the samples of the window. The levels come from
 * completed buckets only and are recomputed when a new bucket starts, so they move once an hour,
 * not with every reading.
 *
 * <p>Time is the readings' source time: history replayed at start and live data build the same
 * background. Updated by the station's device thread and read by the API: methods synchronise.
 */
public final class RadiationBaseline {
  static final int BUCKETS = 720;

  /** A day of hourly buckets: one full daily cycle before relative levels are trusted. */
  static final int MIN_BUCKETS = 24;

  /** The background as it stands. */
  public record Background(double mean, double sigma, int buckets, boolean ready) {}

  private final long bucketMicros;
  private final long[] bucketNumbers = new long[BUCKETS];
  private final long[] counts = new long[BUCKETS];
  private final double[] sums = new double[BUCKETS];
  private final double[] sumSquares = new double[BUCKETS];

  /** Sums are of (value − shift): keeps the sum of squares well conditioned. */
  private double shift = Double.NaN;

  private long currentBucket = Long.MIN_VALUE;
  private double mean = Double.NaN;
  private double sigma = Double.NaN;
  private int bucketsUsed;

  public RadiationBaseline(long windowMillis) {
    if (windowMillis < BUCKETS) {
      throw new IllegalArgumentException("baseline window must be at least " + BUCKETS + " ms");
    }
    this.bucketMicros = windowMillis * 1000 / BUCKETS;
    Arrays.fill(bucketNumbers, Long.MIN_VALUE);
  }

  /** Adds one valid, dry reading taken at {@code timeMicros}. */
  public synchronized void add(long timeMicros, double value) {
    advanceTo(timeMicros);
    long bucket = Math.floorDiv(timeMicros, bucketMicros);
    if (bucket <= currentBucket - BUCKETS) {
      return; // older than the window
    }
    if (Double.isNaN(shift)) {
      shift = value;
    }
    int slot = claim(bucket);
    double x = value - shift;
    counts[slot]++;
    sums[slot] += x;
    sumSquares[slot] += x * x;
  }

  /**
   * Adds a bucket summarised elsewhere (history at cold start): its reading count, mean and sample
   * variance.
   */
  public synchronized void seed(long timeMicros, long count, double bucketMean, double variance) {
    if (count <= 0 || Double.isNaN(bucketMean)) {
      return;
    }
    if (Double.isNaN(shift)) {
      shift = bucketMean;
    }
    long bucket = Math.floorDiv(timeMicros, bucketMicros);
    if (currentBucket != Long.MIN_VALUE && bucket <= currentBucket - BUCKETS) {
      return;
    }
    int slot = claim(bucket);
    double m = bucketMean - shift;
    double v = Double.isNaN(variance) || count < 2 ? 0 : variance;
    counts[slot] += count;
    sums[slot] += count * m;
    sumSquares[slot] += (count - 1) * v + count * m * m;
    if (bucket < currentBucket) {
      recompute();
    }
  }

  /** Moves the window so that it ends at {@code timeMicros}; levels follow when a bucket closes. */
  public synchronized void advanceTo(long timeMicros) {
    long bucket = Math.floorDiv(timeMicros, bucketMicros);
    if (bucket > currentBucket) {
      currentBucket = bucket;
      recompute();
    }
  }

  public synchronized double mean() {
    return mean;
  }

  public synchronized double sigma() {
    return sigma;
  }

  /** Whether enough completed buckets hold readings for background-relative levels. */
  public synchronized boolean isReady() {
    return bucketsUsed >= MIN_BUCKETS && !Double.isNaN(sigma);
  }

  public synchronized Background background() {
    return new Background(mean, sigma, bucketsUsed, isReady());
  }

  private int claim(long bucket) {
    int slot = (int) Math.floorMod(bucket, (long) BUCKETS);
    if (bucketNumbers[slot] != bucket) {
      bucketNumbers[slot] = bucket;
      counts[slot] = 0;
      sums[slot] = 0;
      sumSquares[slot] = 0;
    }
    return slot;
  }

  /** Mean and deviation over the completed buckets of the window. */
  private void recompute() {
    long n = 0;
    double sum = 0;
    double sumSq = 0;
    int used = 0;
    for (int slot = 0; slot < BUCKETS; slot++) {
      long bucket = bucketNumbers[slot];
      if (counts[slot] > 0 && bucket < currentBucket && bucket > currentBucket - BUCKETS) {
        n += counts[slot];
        sum += sums[slot];
        sumSq += sumSquares[slot];
        used++;
      }
    }
    bucketsUsed = used;
    if (n < 2) {
      mean = Double.NaN;
      sigma = Double.NaN;
      return;
    }
    double m = sum / n;
    mean = shift + m;
    sigma = Math.sqrt(Math.max(0, (sumSq - n * m * m) / (n - 1)));
  }
}
