package io.helan.emergency;

import io.helan.dispersion.GaussianPlume;
import io.helan.dispersion.LocalFrame;
import io.helan.dispersion.StabilityClass;
import io.helan.emergency.PlumeEstimate.Contour;
import io.helan.emergency.PlumeEstimate.StationEstimate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Estimates the plume of a release from its source, the weather and the radiation stations'
 * readings: a Gaussian plume whose release rate is entered or, when not, fitted to the stations by
 * least squares; the dose-rate increase on a grid around the source; its contours; and each
 * station's reading against the estimate.
 */
public final class PlumeEstimator {
  /** Cells per side of the grid. */
  public static final int GRID_SIZE = 200;

  /** The contour levels of the dose-rate increase, nGy/h. */
  public static final double[] CONTOUR_LEVELS = {50, 250, 1000, 10_000};

  private final double cloudDoseFactor;
  private final double halfWidthMetres;
  private final int gridSize;

  /**
   * @param cloudDoseFactor nGy/h per Bq/m³ (the site's emergency setting)
   * @param halfWidthMetres the grid reaches this far from the source in each direction
   */
  public PlumeEstimator(double cloudDoseFactor, double halfWidthMetres) {
    this(cloudDoseFactor, halfWidthMetres, GRID_SIZE);
  }

  PlumeEstimator(double cloudDoseFactor, double halfWidthMetres, int gridSize) {
    this.cloudDoseFactor = cloudDoseFactor;
    this.halfWidthMetres = halfWidthMetres;
    this.gridSize = gridSize;
  }

  /**
   * The source of a release as the commander gives it.
   *
   * @param releaseRate Bq/s, or NaN to fit it to the stations
   */
  public record Source(
      double latitude,
      double longitude,
      double releaseHeight,
      Weather weather,
      double releaseRate) {
    public boolean rateEntered() {
      return !Double.isNaN(releaseRate);
    }
  }

  /** A radiation station's current reading and its background (NaN when unknown), nGy/h. */
  public record Reading(
      String stationId, double latitude, double longitude, double measured, double background) {}

  public PlumeEstimate estimate(Source source, List<Reading> readings, Instant time) {
    return estimate(source, readings, List.of(), time);
  }

  /**
   * The estimate from the stations' readings, with each vehicle's reading compared to it where the
   * vehicle is; vehicles take no part in fitting the rate.
   */
  public PlumeEstimate estimate(
      Source source, List<Reading> readings, List<Reading> vehicleReadings, Instant time) {
    StabilityClass stability =
        source.weather().stabilityAt(time, source.latitude(), source.longitude());
    LocalFrame frame = new LocalFrame(source.latitude(), source.longitude());
    GaussianPlume plume =
        new GaussianPlume(
            frame,
            source.releaseHeight(),
            source.weather().windSpeed(),
            source.weather().windFrom(),
            stability);
    // dose-rate increase per Bq/s at each station
    double[] perUnitRate = new double[readings.size()];
    for (int i = 0; i < readings.size(); i++) {
      Reading r = readings.get(i);
      perUnitRate[i] = plume.dilutionAt(r.latitude(), r.longitude()) * cloudDoseFactor;
    }
    double rate = source.rateEntered() ? source.releaseRate() : fit(perUnitRate, readings);
    List<StationEstimate> stations = new ArrayList<>();
    for (int i = 0; i < readings.size(); i++) {
      Reading r = readings.get(i);
      stations.add(
          new StationEstimate(
              r.stationId(),
              r.latitude(),
              r.longitude(),
              r.measured(),
              r.background(),
              rate * perUnitRate[i]));
    }
    List<StationEstimate> vehicles = new ArrayList<>();
    for (Reading r : vehicleReadings) {
      vehicles.add(
          new StationEstimate(
              r.stationId(),
              r.latitude(),
              r.longitude(),
              r.measured(),
              Double.NaN,
              rate * plume.dilutionAt(r.latitude(), r.longitude()) * cloudDoseFactor));
    }
    PlumeGrid grid = grid(frame, plume, rate);
    List<Contour> contours = new ArrayList<>();
    for (double level : CONTOUR_LEVELS) {
      contours.add(new Contour(level, Contours.isoline(grid, level)));
    }
    return new PlumeEstimate(
        time,
        source.latitude(),
        source.longitude(),
        source.releaseHeight(),
        source.weather(),
        stability,
        rate,
        !source.rateEntered(),
        stations,
        vehicles,
        grid,
        contours);
  }

  /**
   * The release rate that best explains the stations' increases over their backgrounds: with g the
   * increase per Bq/s and m the measured increase, Q = Σ g·m / Σ g², never negative; 0 when no
   * station is in the plume. Stations whose background is unknown tell nothing and are left out.
   */
  static double fit(double[] perUnitRate, List<Reading> readings) {
    double gm = 0;
    double gg = 0;
    for (int i = 0; i < perUnitRate.length; i++) {
      Reading r = readings.get(i);
      if (Double.isNaN(r.background())) {
        continue;
      }
      gm += perUnitRate[i] * (r.measured() - r.background());
      gg += perUnitRate[i] * perUnitRate[i];
    }
    return gg > 0 ? Math.max(0, gm / gg) : 0;
  }

  private PlumeGrid grid(LocalFrame frame, GaussianPlume plume, double rate) {
    double step = 2 * halfWidthMetres / (gridSize - 1);
    float[] values = new float[gridSize * gridSize];
    double scale = rate * cloudDoseFactor;
    for (int row = 0; row < gridSize; row++) {
      double north = -halfWidthMetres + row * step;
      for (int column = 0; column < gridSize; column++) {
        double east = -halfWidthMetres + column * step;
        values[row * gridSize + column] = (float) (scale * plume.dilution(east, north));
      }
    }
    double south = frame.latitude(-halfWidthMetres);
    double west = frame.longitude(-halfWidthMetres);
    return new PlumeGrid(
        gridSize,
        south,
        west,
        frame.latitude(step) - frame.originLatitude(),
        frame.longitude(step) - frame.originLongitude(),
        values);
  }
}
