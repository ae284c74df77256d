package io.helan.config;

import java.util.List;

/** The area a site covers, in degrees: where an incident or a release can be placed. */
public record SiteBounds(double south, double west, double north, double east) {

  /** How far the bounds derived from the stations reach beyond the outermost ones, in degrees. */
  static final double MARGIN_DEGREES = 0.5;

  public boolean contains(double latitude, double longitude) {
    return latitude >= south && latitude <= north && longitude >= west && longitude <= east;
  }

  /** The box around the stations, widened by half a degree on every side. */
  static SiteBounds around(List<Station> stations) {
    if (stations.isEmpty()) {
      return new SiteBounds(-90, -180, 90, 180);
    }
    double south = 90;
    double west = 180;
    double north = -90;
    double east = -180;
    for (Station station : stations) {
      south = Math.min(south, station.latitude());
      north = Math.max(north, station.latitude());
      west = Math.min(west, station.longitude());
      east = Math.max(east, station.longitude());
    }
    return new SiteBounds(
        south - MARGIN_DEGREES,
        west - MARGIN_DEGREES,
        north + MARGIN_DEGREES,
        east + MARGIN_DEGREES);
  }

  @Override
  public String toString() {
    return "latitude " + south + ".." + north + ", longitude " + west + ".." + east;
  }
}
