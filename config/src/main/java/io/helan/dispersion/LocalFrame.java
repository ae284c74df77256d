package io.helan.dispersion;

/**
 * Metres east and north of an origin, on a plane tangent to the earth there (equirectangular): a
 * few metres off at 50 km, which is well inside a plume estimate's uncertainty.
 */
public record LocalFrame(double originLatitude, double originLongitude) {
  private static final double METRES_PER_DEGREE = 111_195;

  public double east(double latitude, double longitude) {
    return (longitude - originLongitude)
        * METRES_PER_DEGREE
        * Math.cos(Math.toRadians(originLatitude));
  }

  public double north(double latitude) {
    return (latitude - originLatitude) * METRES_PER_DEGREE;
  }

  public double latitude(double north) {
    return originLatitude + north / METRES_PER_DEGREE;
  }

  public double longitude(double east) {
    return originLongitude + east / (METRES_PER_DEGREE * Math.cos(Math.toRadians(originLatitude)));
  }

  /** Great-circle-free distance in metres from the origin, good to the frame's accuracy. */
  public double distance(double latitude, double longitude) {
    return Math.hypot(east(latitude, longitude), north(latitude));
  }
}
