package io.helan.dispersion;

/**
 * The steady Gaussian plume of a continuous point release, reflected at the ground, evaluated at
 * ground level: χ/Q = exp(-y²/2σy²) · exp(-H²/2σz²) / (π u σy σz), zero upwind.
 *
 * @param source where the release is; the frame's origin
 * @param releaseHeight effective release height H, m
 * @param windSpeed u, m/s (at least {@link #MIN_WIND_SPEED}: a Gaussian plume means nothing in
 *     calm)
 * @param windFrom the direction the wind blows from, degrees clockwise from north
 * @param stability the Pasquill–Gifford class
 */
public record GaussianPlume(
    LocalFrame source,
    double releaseHeight,
    double windSpeed,
    double windFrom,
    StabilityClass stability) {

  /** Below this the plume model does not hold; lighter winds are taken at this speed. */
  public static final double MIN_WIND_SPEED = 0.5;

  /** Closer than this to the source the curves are not defined. */
  private static final double MIN_DISTANCE = 1;

  public GaussianPlume {
    windSpeed = Math.max(MIN_WIND_SPEED, windSpeed);
  }

  /** χ/Q at ground level (s/m³), {@code east} and {@code north} metres from the source. */
  public double dilution(double east, double north) {
    // the wind blows towards windFrom + 180°
    double towards = Math.toRadians(windFrom + 180);
    double alongX = Math.sin(towards);
    double alongY = Math.cos(towards);
    double x = east * alongX + north * alongY;
    if (x < MIN_DISTANCE) {
      return 0;
    }
    double y = -east * alongY + north * alongX;
    double sigmaY = stability.sigmaY(x);
    double sigmaZ = stability.sigmaZ(x);
    return Math.exp(-y * y / (2 * sigmaY * sigmaY))
        * Math.exp(-releaseHeight * releaseHeight / (2 * sigmaZ * sigmaZ))
        / (Math.PI * windSpeed * sigmaY * sigmaZ);
  }

  /** χ/Q at ground level (s/m³) at a place. */
  public double dilutionAt(double latitude, double longitude) {
    return dilution(source.east(latitude, longitude), source.north(latitude));
  }
}
