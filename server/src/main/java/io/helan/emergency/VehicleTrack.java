package io.helan.emergency;

import io.helan.driver.DataFlag;
import io.helan.driver.Quality;
import io.helan.historian.Historian;
import io.helan.historian.RawSample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Where a vehicle drove and what it read on the way, from the historian: its position and dose-rate
 * samples of one instant (a report carries all three with one source time) joined into one fix.
 */
public final class VehicleTrack {
  /** At most this many fixes per request (a day at one a second is 86,400). */
  public static final int MAX_FIXES = 100_000;

  private static final long QUERY_TIMEOUT_SECONDS = 60;

  private final Historian historian;

  public VehicleTrack(Historian historian) {
    this.historian = historian;
  }

  /**
   * One reported position with its dose rate.
   *
   * @param flag the dose rate's data flag (X for drill data)
   */
  public record Fix(
      Instant time, double latitude, double longitude, double doseRate, DataFlag flag) {}

  /** The fixes of {@code from <= time < to}, oldest first. Blocks while the historian answers. */
  public List<Fix> fixes(Vehicle vehicle, Instant from, Instant to) throws Exception {
    Map<Instant, Double> latitudes = good(samples(vehicle.latitude(), from, to));
    Map<Instant, Double> longitudes = good(samples(vehicle.longitude(), from, to));
    List<Fix> fixes = new ArrayList<>();
    for (RawSample dose : samples(vehicle.doseRate(), from, to)) {
      Double latitude = latitudes.get(dose.time());
      Double longitude = longitudes.get(dose.time());
      if (latitude != null
          && longitude != null
          && dose.quality() == Quality.GOOD
          && Double.isFinite(dose.value())) {
        fixes.add(new Fix(dose.time(), latitude, longitude, dose.value(), dose.flag()));
      }
    }
    return fixes;
  }

  private List<RawSample> samples(io.helan.config.Point point, Instant from, Instant to)
      throws Exception {
    return historian
        .raw(point, from, to, MAX_FIXES, false)
        .get(QUERY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }

  private static Map<Instant, Double> good(List<RawSample> samples) {
    Map<Instant, Double> byTime = new HashMap<>();
    for (RawSample sample : samples) {
      if (sample.quality() == Quality.GOOD && Double.isFinite(sample.value())) {
        byTime.put(sample.time(), sample.value());
      }
    }
    return byTime;
  }
}
