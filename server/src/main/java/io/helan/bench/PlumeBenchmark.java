package io.helan.bench;

import io.helan.config.EmergencySettings;
import io.helan.dispersion.LocalFrame;
import io.helan.emergency.PlumeEstimate;
import io.helan.emergency.PlumeEstimator;
import io.helan.emergency.PlumeEstimator.Reading;
import io.helan.emergency.PlumeEstimator.Source;
import io.helan.emergency.Weather;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Times one plume estimate as an incident recomputes it: the release rate fitted to the stations,
 * the 200 × 200 grid of the dose-rate increase, its contours and the per-station comparison.
 */
final class PlumeBenchmark {
  private static final double HALF_WIDTH_METRES = 30_000;
  private static final int WARM_UP = 20;

  private PlumeBenchmark() {}

  static void run(int stations, int runs, PrintStream out) {
    LocalFrame frame = new LocalFrame(38.33, 106.275);
    Random random = new Random(42);
    List<Reading> readings = new ArrayList<>();
    for (int i = 0; i < stations; i++) {
      double east = (random.nextDouble() * 2 - 1) * HALF_WIDTH_METRES;
      double north = (random.nextDouble() * 2 - 1) * HALF_WIDTH_METRES;
      readings.add(
          new Reading(
              "s" + i,
              frame.latitude(north),
              frame.longitude(east),
              90 + 500 * random.nextDouble(),
              90));
    }
    // no stability entered: each run derives it from wind, sun and cloud too
    Source source =
        new Source(38.33, 106.275, 0, new Weather(3, 180, 0.3, null, "entered"), Double.NaN);
    PlumeEstimator estimator =
        new PlumeEstimator(EmergencySettings.DEFAULT_CLOUD_DOSE_FACTOR, HALF_WIDTH_METRES);
    int segments = 0;
    for (int i = 0; i < WARM_UP; i++) {
      segments = count(estimator.estimate(source, readings, Instant.now()));
    }
    double[] millis = new double[runs];
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      PlumeEstimate estimate = estimator.estimate(source, readings, Instant.now());
      millis[i] = (System.nanoTime() - start) / 1e6;
      segments = count(estimate);
    }
    Arrays.sort(millis);
    out.printf(
        "plume estimate, %d × %d grid, %d stations, rate fitted, %d contour segments:%n",
        PlumeEstimator.GRID_SIZE, PlumeEstimator.GRID_SIZE, stations, segments);
    out.printf(
        "  %d runs after %d warm-up: median %.1f ms, p95 %.1f ms, max %.1f ms (goal < 200 ms)%n",
        runs,
        WARM_UP,
        millis[runs / 2],
        millis[(int) Math.min(runs - 1, runs * 0.95)],
        millis[runs - 1]);
  }

  private static int count(PlumeEstimate estimate) {
    return estimate.contours().stream().mapToInt(c -> c.segments().size()).sum();
  }
}
