package io.helan.simulator.hj212;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The readings of a pollution source's analysers: each pollutant wanders around its typical level
 * over the day, with noise and an analyser drift that grows until a calibration resets it. During a
 * zero calibration the analyser reads its zero gas.
 */
final class EmissionModel {
  /** Typical level of each code a logger may carry, in its usual unit. */
  private static final Map<String, Double> TYPICAL =
      Map.ofEntries(
          Map.entry("a21026", 35.0), // SO2 mg/m³
          Map.entry("a21002", 50.0), // NOx mg/m³
          Map.entry("a34013", 5.0), // smoke dust mg/m³
          Map.entry("a19001", 9.5), // O2 %
          Map.entry("a00000", 150.0), // flue-gas flow m³/s
          Map.entry("a01012", 50.0), // flue-gas temperature °C
          Map.entry("w01018", 35.0), // COD mg/L
          Map.entry("w21003", 2.5), // NH3-N mg/L
          Map.entry("w01001", 7.4), // pH
          Map.entry("w00000", 20.0)); // wastewater flow L/s

  /** Codes converted to reference O2 (ZsRtd). */
  static final List<String> CONVERTED = List.of("a21026", "a21002", "a34013");

  /** Drift added per hour of running, as a share of the typical level. */
  private static final double DRIFT_PER_HOUR = 0.02;

  private final Map<String, Double> drift = new LinkedHashMap<>();
  private final Random random;
  private final double phase;

  EmissionModel(List<String> codes, long seed) {
    this.random = new Random(seed);
    this.phase = random.nextDouble() * 2 * Math.PI;
    for (String code : codes) {
      drift.put(code, 0.0);
    }
  }

  /** The codes this model measures. */
  Iterable<String> codes() {
    return drift.keySet();
  }

  /**
   * The reading of {@code code} at {@code epochSecond}, after {@code elapsedSeconds} of drift; a
   * code under zero calibration reads near 0.
   */
  synchronized double reading(
      String code, long epochSecond, double elapsedSeconds, boolean zeroGas) {
    double typical = TYPICAL.getOrDefault(code, 10.0);
    if (zeroGas) {
      return round(Math.abs(random.nextGaussian()) * 0.01 * typical);
    }
    if (code.equals("w01001") || code.equals("a19001") || code.equals("a01012")) {
      return round(typical + 0.02 * typical * random.nextGaussian());
    }
    double daily = 1 + 0.15 * Math.sin(2 * Math.PI * epochSecond / 86_400.0 + phase);
    double grown = drift.merge(code, DRIFT_PER_HOUR * typical * elapsedSeconds / 3600, Double::sum);
    return round(Math.max(0, typical * daily * (1 + 0.03 * random.nextGaussian()) + grown));
  }

  /** A calibration removes the analyser's drift. */
  synchronized void calibrate(String code) {
    drift.computeIfPresent(code, (c, d) -> 0.0);
  }

  synchronized double drift(String code) {
    return drift.getOrDefault(code, 0.0);
  }

  /** A value converted to reference O2: C × (21 − O2ref) / (21 − O2). */
  static double converted(double value, double oxygen, double referenceOxygen) {
    return round(value * (21 - referenceOxygen) / Math.max(0.5, 21 - oxygen));
  }

  static double round(double value) {
    return Math.round(value * 1000) / 1000.0;
  }
}
