package io.helan.quality;

import io.helan.config.Point;
import io.helan.config.Site;
import io.helan.config.Station;
import io.helan.driver.DataFlag;
import io.helan.driver.Quality;
import io.helan.driver.SampleBatch;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The quality rules of a site, applied to sample batches in ingest order after the device-mode
 * flags. A sample that fails a rule gets quality {@link Quality#UNCERTAIN} and a {@link
 * RuleFailure} naming the rule; its value stays as measured. Only good samples flagged N or T are
 * checked, and only they move a point's state (previous value, flatline start, recent values):
 * samples already flagged or bad are excluded from the products anyway.
 *
 * <p>Each point must be written by one thread at a time, as in ingest. Cross-checks read the
 * partner point's latest value, which another device's thread may be writing: a check may then pair
 * with the partner's previous value, never with a half-written one on a 64-bit JVM.
 */
public final class QualityRuleSet {
  /** How many recent values the spike check averages. */
  public static final int SPIKE_WINDOW = 5;

  /** O2 content (HJ 212 code a19001) in %: physically 0–21. */
  private static final String OXYGEN_CODE = "a19001";

  private static final double AIR_O2 = 21;
  private static final long MICROS_PER_MINUTE = 60_000_000L;

  private final Clock clock;
  private final PointChecks[] checks;
  private final String[] pointIds;
  private final boolean[] isOxygen;

  /** Per point: the cross-checks it takes part in. */
  private final List<List<CrossCheck>> crossChecksOf;

  private final double[] previousValue;
  private final long[] previousTime;
  private final double[] flatValue;
  private final long[] flatSince;
  private final double[] recent;

  /** Per point: how many values were checked; the last {@link #SPIKE_WINDOW} are in recent. */
  private final long[] recentTotal;

  private QualityRuleSet(Builder builder) {
    Site site = builder.site;
    int size = site.points().size();
    clock = builder.clock;
    checks = new PointChecks[size];
    pointIds = new String[size];
    isOxygen = new boolean[size];
    crossChecksOf = new ArrayList<>(size);
    for (Point point : site.points()) {
      int p = point.index();
      checks[p] = builder.checks.getOrDefault(p, PointChecks.NONE);
      pointIds[p] = point.id();
      isOxygen[p] = OXYGEN_CODE.equals(point.code());
      crossChecksOf.add(new ArrayList<>());
    }
    for (CrossCheck crossCheck : builder.crossChecks) {
      crossChecksOf.get(crossCheck.lower()).add(crossCheck);
      crossChecksOf.get(crossCheck.upper()).add(crossCheck);
    }
    previousValue = new double[size];
    previousTime = new long[size];
    flatValue = new double[size];
    flatSince = new long[size];
    recent = new double[size * SPIKE_WINDOW];
    recentTotal = new long[size];
    Arrays.fill(previousTime, Long.MIN_VALUE);
    Arrays.fill(flatSince, Long.MIN_VALUE);
  }

  public static Builder builder(Site site) {
    return new Builder(site);
  }

  /**
   * Checks a batch in place: failing samples become uncertain. Returns the failures (an empty list,
   * without allocation, when every sample passed).
   */
  public List<RuleFailure> apply(SampleBatch batch) {
    List<RuleFailure> failures = List.of();
    long nowMicros = clock.millis() * 1000;
    for (int i = 0; i < batch.size(); i++) {
      if (isChecked(batch, i)) {
        failures = checkPoint(batch, i, nowMicros, failures);
      }
    }
    // After the whole batch moved its points, so that partners of the same instant pair up.
    for (int i = 0; i < batch.size(); i++) {
      if (isChecked(batch, i)) {
        failures = checkPartners(batch, i, failures);
      }
    }
    for (RuleFailure failure : failures) {
      batch.setQuality(failure.index(), Quality.UNCERTAIN);
    }
    return failures;
  }

  private static boolean isChecked(SampleBatch batch, int i) {
    DataFlag flag = batch.flag(i);
    return batch.quality(i) == Quality.GOOD
        && (flag == DataFlag.N || flag == DataFlag.T)
        && Double.isFinite(batch.value(i));
  }

  private List<RuleFailure> checkPoint(
      SampleBatch batch, int i, long nowMicros, List<RuleFailure> failures) {
    int p = batch.point(i);
    double value = batch.value(i);
    long time = batch.timeMicros(i);
    PointChecks check = checks[p];
    if (value < check.low() || value > check.high()) {
      failures =
          fail(
              failures,
              i,
              p,
              QualityRule.RANGE,
              value + " outside " + check.low() + " – " + check.high());
    }
    if (isOxygen[p] && (value < 0 || value > AIR_O2)) {
      failures =
          fail(failures, i, p, QualityRule.OXYGEN_RANGE, "O2 " + value + " % outside 0–21 %");
    }
    if (check.staleAfter() != null && nowMicros - time > micros(check.staleAfter())) {
      failures =
          fail(
              failures,
              i,
              p,
              QualityRule.STALE,
              "measured " + (nowMicros - time) / 1_000_000 + " s ago");
    }
    if (check.flatlineAfter() != null) {
      if (flatSince[p] != Long.MIN_VALUE
          && Math.abs(value - flatValue[p]) <= check.flatlineTolerance()) {
        if (time - flatSince[p] >= micros(check.flatlineAfter())) {
          failures =
              fail(
                  failures,
                  i,
                  p,
                  QualityRule.FLATLINE,
                  "unchanged at "
                      + flatValue[p]
                      + " for "
                      + (time - flatSince[p]) / 1_000_000
                      + " s");
        }
      } else {
        flatValue[p] = value;
        flatSince[p] = time;
      }
    }
    if (!Double.isNaN(check.maxChangePerMinute())
        && previousTime[p] != Long.MIN_VALUE
        && time > previousTime[p]) {
      double perMinute =
          Math.abs(value - previousValue[p]) * MICROS_PER_MINUTE / (time - previousTime[p]);
      if (perMinute > check.maxChangePerMinute()) {
        failures =
            fail(
                failures, i, p, QualityRule.RATE_OF_CHANGE, "changed " + perMinute + " per minute");
      }
    }
    if (!Double.isNaN(check.spikeLimit()) && recentTotal[p] >= SPIKE_WINDOW) {
      double mean = recentMean(p);
      if (Math.abs(value - mean) > check.spikeLimit()) {
        failures =
            fail(
                failures,
                i,
                p,
                QualityRule.SPIKE,
                value + " is " + (value - mean) + " from the recent mean");
      }
    }
    recent[p * SPIKE_WINDOW + (int) (recentTotal[p] % SPIKE_WINDOW)] = value;
    recentTotal[p]++;
    previousValue[p] = value;
    previousTime[p] = time;
    return failures;
  }

  private double recentMean(int p) {
    double sum = 0;
    for (int k = 0; k < SPIKE_WINDOW; k++) {
      sum += recent[p * SPIKE_WINDOW + k];
    }
    return sum / SPIKE_WINDOW;
  }

  private List<RuleFailure> checkPartners(SampleBatch batch, int i, List<RuleFailure> failures) {
    int p = batch.point(i);
    for (CrossCheck crossCheck : crossChecksOf.get(p)) {
      int partner = crossCheck.lower() == p ? crossCheck.upper() : crossCheck.lower();
      if (previousTime[partner] == Long.MIN_VALUE
          || Math.abs(previousTime[partner] - batch.timeMicros(i)) > crossCheck.maxSkewMicros()) {
        continue;
      }
      double lower = crossCheck.lower() == p ? batch.value(i) : previousValue[partner];
      double upper = crossCheck.upper() == p ? batch.value(i) : previousValue[partner];
      if (lower > upper + crossCheck.tolerance()) {
        failures =
            fail(
                failures,
                i,
                p,
                QualityRule.CROSS_CHECK,
                pointIds[crossCheck.lower()]
                    + " "
                    + lower
                    + " > "
                    + pointIds[crossCheck.upper()]
                    + " "
                    + upper);
      }
    }
    return failures;
  }

  private static List<RuleFailure> fail(
      List<RuleFailure> failures, int index, int point, QualityRule rule, String detail) {
    List<RuleFailure> growing = failures.isEmpty() ? new ArrayList<>() : failures;
    growing.add(new RuleFailure(index, point, rule, detail));
    return growing;
  }

  private static long micros(Duration duration) {
    return duration.toNanos() / 1000;
  }

  /** A relation between two points: the lower one's value must not exceed the upper one's. */
  private record CrossCheck(int lower, int upper, double tolerance, long maxSkewMicros) {}

  /** Collects the checks of a site's points. */
  public static final class Builder {
    private final Site site;
    private final Map<Integer, PointChecks> checks = new HashMap<>();
    private final List<CrossCheck> crossChecks = new ArrayList<>();
    private Clock clock = Clock.systemUTC();

    private Builder(Site site) {
      this.site = site;
    }

    /** The clock the stale check compares source times with. */
    public Builder clock(Clock newClock) {
      this.clock = newClock;
      return this;
    }

    public Builder point(String pointId, PointChecks pointChecks) {
      checks.put(point(pointId).index(), pointChecks);
      return this;
    }

    /** Adds the checks the site file configures ({@code quality:}) for each point that has any. */
    public Builder configuredChecks() {
      for (Point point : site.points()) {
        if (!point.quality().isEmpty()) {
          checks.put(point.index(), PointChecks.of(point.quality()));
        }
      }
      return this;
    }

    /**
     * Requires the lower point's value not to exceed the upper one's (by more than the tolerance),
     * comparing samples measured at most {@code maxSkew} apart.
     */
    public Builder crossCheck(String lowerId, String upperId, double tolerance, Duration maxSkew) {
      crossChecks.add(
          new CrossCheck(
              point(lowerId).index(), point(upperId).index(), tolerance, micros(maxSkew)));
      return this;
    }

    /**
     * Adds PM2.5 ≤ PM10 (a34004, a34002) and NO2 ≤ NOx (a21004, a21002) within every station that
     * measures both (the first of each with the first of the other, in device order), comparing
     * samples at most {@code maxSkew} apart.
     */
    public Builder standardCrossChecks(double tolerance, Duration maxSkew) {
      for (Station station : site.stations()) {
        crossCheckByCode(station, "a34004", "a34002", tolerance, maxSkew);
        crossCheckByCode(station, "a21004", "a21002", tolerance, maxSkew);
      }
      return this;
    }

    public QualityRuleSet build() {
      return new QualityRuleSet(this);
    }

    private void crossCheckByCode(
        Station station, String lowerCode, String upperCode, double tolerance, Duration maxSkew) {
      List<Point> lower = pointsWithCode(station, lowerCode);
      List<Point> upper = pointsWithCode(station, upperCode);
      for (int k = 0; k < Math.min(lower.size(), upper.size()); k++) {
        crossCheck(lower.get(k).id(), upper.get(k).id(), tolerance, maxSkew);
      }
    }

    private static List<Point> pointsWithCode(Station station, String code) {
      List<Point> points = new ArrayList<>();
      for (var device : station.devices()) {
        for (Point point : device.points()) {
          if (code.equals(point.code())) {
            points.add(point);
          }
        }
      }
      return points;
    }

    private Point point(String pointId) {
      return site.point(pointId)
          .orElseThrow(() -> new IllegalArgumentException("no point '" + pointId + "'"));
    }
  }
}
