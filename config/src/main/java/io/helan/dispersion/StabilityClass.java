package io.helan.dispersion;

/**
 * Pasquill–Gifford atmospheric stability, A (very unstable) to F (moderately stable), with the
 * Briggs (1973) open-country curves of the plume's lateral and vertical spread.
 */
public enum StabilityClass {
  A(0.22, 0.20, 0, 0),
  B(0.16, 0.12, 0, 0),
  C(0.11, 0.08, 0.0002, -0.5),
  D(0.08, 0.06, 0.0015, -0.5),
  E(0.06, 0.03, 0.0003, -1),
  F(0.04, 0.016, 0.0003, -1);

  private final double lateral;
  private final double vertical;
  private final double verticalGrowth;
  private final double verticalExponent;

  StabilityClass(double lateral, double vertical, double verticalGrowth, double verticalExponent) {
    this.lateral = lateral;
    this.vertical = vertical;
    this.verticalGrowth = verticalGrowth;
    this.verticalExponent = verticalExponent;
  }

  /** Lateral spread σy (m) at {@code x} metres downwind: a·x·(1 + 0.0001·x)^-½. */
  public double sigmaY(double x) {
    return lateral * x / Math.sqrt(1 + 0.0001 * x);
  }

  /** Vertical spread σz (m) at {@code x} metres downwind. */
  public double sigmaZ(double x) {
    return vertical * x * Math.pow(1 + verticalGrowth * x, verticalExponent);
  }

  /** Sky and sun as the Pasquill–Gifford scheme sees them. */
  enum Insolation {
    STRONG,
    MODERATE,
    SLIGHT,
    /** Night with at least 4/8 cloud. */
    CLOUDY_NIGHT,
    /** Night with at most 3/8 cloud. */
    CLEAR_NIGHT,
    /** Overcast (7/8 or more), day or night: always neutral. */
    OVERCAST
  }

  /**
   * The stability class from the wind speed at 10 m, the sun's elevation and the cloud cover, after
   * Pasquill's table (Turner 1970). Where the table gives two classes (A–B, B–C, C–D) the more
   * stable one is taken: it spreads the plume less and so does not understate ground-level
   * concentrations.
   *
   * @param windSpeed m/s at 10 m
   * @param sunElevation degrees above the horizon (negative at night)
   * @param cloudCover fraction of the sky covered, 0 to 1
   */
  public static StabilityClass classify(double windSpeed, double sunElevation, double cloudCover) {
    Insolation sky = insolation(sunElevation, cloudCover);
    if (sky == Insolation.OVERCAST) {
      return D;
    }
    int row = windSpeed < 2 ? 0 : windSpeed < 3 ? 1 : windSpeed < 5 ? 2 : windSpeed < 6 ? 3 : 4;
    StabilityClass[][] table = {
      // strong, moderate, slight, cloudy night, clear night
      {A, B, B, E, F},
      {B, B, C, E, F},
      {B, C, C, D, E},
      {C, D, D, D, D},
      {C, D, D, D, D}
    };
    return table[row][sky.ordinal()];
  }

  /**
   * Insolation from the sun's elevation (strong above 60°, moderate 35–60°, slight below), one step
   * weaker under more than 4/8 of cloud; at night, cloudy from 4/8 of cloud.
   */
  static Insolation insolation(double sunElevation, double cloudCover) {
    if (cloudCover >= 7.0 / 8) {
      return Insolation.OVERCAST;
    }
    if (sunElevation <= 0) {
      return cloudCover >= 4.0 / 8 ? Insolation.CLOUDY_NIGHT : Insolation.CLEAR_NIGHT;
    }
    int strength = sunElevation > 60 ? 0 : sunElevation > 35 ? 1 : 2;
    if (cloudCover > 4.0 / 8) {
      strength = Math.min(2, strength + 1);
    }
    return Insolation.values()[strength];
  }
}
