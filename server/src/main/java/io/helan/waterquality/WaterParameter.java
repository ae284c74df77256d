package io.helan.waterquality;

import java.util.Optional;

/**
 * The GB 3838-2002 table 1 parameters the automatic stations measure, with their HJ 212 codes and
 * class limits (mg/L; pH without unit). For most a class is met when the value is at most its
 * limit; dissolved oxygen meets it when at least the limit; pH meets every class within 6–9.
 */
public enum WaterParameter {
  PH("w01001", "pH", Direction.RANGE, null, null),
  DISSOLVED_OXYGEN(
      "w01009",
      "溶解氧",
      Direction.AT_LEAST,
      new double[] {7.5, 6, 5, 3, 2},
      new double[] {7.5, 6, 5, 3, 2}),
  PERMANGANATE_INDEX(
      "w01019",
      "高锰酸盐指数",
      Direction.AT_MOST,
      new double[] {2, 4, 6, 10, 15},
      new double[] {2, 4, 6, 10, 15}),
  COD(
      "w01018",
      "化学需氧量",
      Direction.AT_MOST,
      new double[] {15, 15, 20, 30, 40},
      new double[] {15, 15, 20, 30, 40}),
  /** BOD5 has no HJ 212-2017 code among the automatic parameters. */
  BOD5(
      null,
      "五日生化需氧量",
      Direction.AT_MOST,
      new double[] {3, 3, 4, 6, 10},
      new double[] {3, 3, 4, 6, 10}),
  AMMONIA_NITROGEN(
      "w21003",
      "氨氮",
      Direction.AT_MOST,
      new double[] {0.15, 0.5, 1.0, 1.5, 2.0},
      new double[] {0.15, 0.5, 1.0, 1.5, 2.0}),
  TOTAL_PHOSPHORUS(
      "w21011",
      "总磷",
      Direction.AT_MOST,
      new double[] {0.02, 0.1, 0.2, 0.3, 0.4},
      new double[] {0.01, 0.025, 0.05, 0.1, 0.2}),
  /** Total nitrogen is assessed for lakes and reservoirs only. */
  TOTAL_NITROGEN("w21001", "总氮", Direction.AT_MOST, null, new double[] {0.2, 0.5, 1.0, 1.5, 2.0});

  private enum Direction {
    AT_MOST,
    AT_LEAST,
    RANGE
  }

  private static final double PH_LOW = 6;
  private static final double PH_HIGH = 9;

  private final String code;
  private final String displayName;
  private final Direction direction;
  private final double[] riverLimits;
  private final double[] lakeLimits;

  WaterParameter(
      String code,
      String displayName,
      Direction direction,
      double[] riverLimits,
      double[] lakeLimits) {
    this.code = code;
    this.displayName = displayName;
    this.direction = direction;
    this.riverLimits = riverLimits;
    this.lakeLimits = lakeLimits;
  }

  /** The HJ 212 pollutant code, or null. */
  public String code() {
    return code;
  }

  public String displayName() {
    return displayName;
  }

  /** Whether the parameter is assessed for this kind of water (total nitrogen: lakes only). */
  public boolean appliesTo(WaterBody body) {
    return direction == Direction.RANGE || limits(body) != null;
  }

  /**
   * The best class whose limit the value meets (limits inclusive), 劣Ⅴ when it meets none; empty
   * when the parameter is not assessed for this kind of water.
   *
   * @throws IllegalArgumentException for a non-finite or negative value
   */
  public Optional<WaterClass> classOf(double value, WaterBody body) {
    if (!Double.isFinite(value) || value < 0) {
      throw new IllegalArgumentException(
          this + ": value must be a finite number ≥ 0, got " + value);
    }
    if (!appliesTo(body)) {
      return Optional.empty();
    }
    if (direction == Direction.RANGE) {
      return Optional.of(
          value >= PH_LOW && value <= PH_HIGH ? WaterClass.I : WaterClass.WORSE_THAN_V);
    }
    double[] limits = limits(body);
    WaterClass[] classes = WaterClass.values();
    for (int c = 0; c < limits.length; c++) {
      boolean meets = direction == Direction.AT_MOST ? value <= limits[c] : value >= limits[c];
      if (meets) {
        return Optional.of(classes[c]);
      }
    }
    return Optional.of(WaterClass.WORSE_THAN_V);
  }

  private double[] limits(WaterBody body) {
    return body == WaterBody.RIVER ? riverLimits : lakeLimits;
  }
}
