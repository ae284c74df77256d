package io.helan.emergency;

import io.helan.dispersion.StabilityClass;
import java.time.Instant;
import java.util.List;

/**
 * A plume estimate of an incident: the release it assumes or fitted, the dose-rate increase on a
 * grid around the source with its contours, and each station's reading against the estimate.
 *
 * @param time when it was computed
 * @param latitude source
 * @param longitude source
 * @param releaseHeight m
 * @param weather the weather assumed
 * @param stability the class used
 * @param releaseRate Bq/s, entered or fitted
 * @param fitted whether the rate was fitted to the stations (least squares)
 * @param stations each radiation station's reading against the estimate
 * @param vehicles each monitoring vehicle's reading against the estimate where it is (no
 *     background: a moving instrument has none of its own, and vehicles take no part in the fit)
 * @param grid the dose-rate increase around the source
 * @param contours the grid's isolines at the contour levels
 */
public record PlumeEstimate(
    Instant time,
    double latitude,
    double longitude,
    double releaseHeight,
    Weather weather,
    StabilityClass stability,
    double releaseRate,
    boolean fitted,
    List<StationEstimate> stations,
    List<StationEstimate> vehicles,
    PlumeGrid grid,
    List<Contour> contours) {

  public PlumeEstimate {
    stations = List.copyOf(stations);
    vehicles = List.copyOf(vehicles);
    contours = List.copyOf(contours);
  }

  /**
   * One station's reading against the estimate, all in nGy/h.
   *
   * @param measured the current reading
   * @param background what the station reads without the release
   * @param estimatedIncrease what the plume adds there by the estimate
   */
  public record StationEstimate(
      String stationId,
      double latitude,
      double longitude,
      double measured,
      double background,
      double estimatedIncrease) {

    public double measuredIncrease() {
      return measured - background;
    }
  }

  /**
   * One isoline of the dose-rate increase, as segments.
   *
   * @param level nGy/h
   * @param segments each {lat1, lon1, lat2, lon2}
   */
  public record Contour(double level, List<double[]> segments) {
    public Contour {
      segments = List.copyOf(segments);
    }
  }
}
