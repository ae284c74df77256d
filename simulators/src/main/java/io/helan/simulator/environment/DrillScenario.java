package io.helan.simulator.environment;

import io.helan.dispersion.Release;
import java.time.Instant;
import java.util.Optional;

/**
 * The drill release the simulated network plays, if any: while it runs every simulated radiation
 * station adds the plume's dose rate at its place to its reading and reports its data as drill
 * data. Shared by the network's stations; started and stopped from any thread.
 *
 * @see Release#doseRateIncrease
 */
public final class DrillScenario {
  private final double cloudDoseFactor;
  private volatile Release release;

  /**
   * @param cloudDoseFactor gamma air dose rate per activity concentration, nGy/h per Bq/m³ (the
   *     site's emergency setting), so the stations read what the plume estimate expects
   */
  public DrillScenario(double cloudDoseFactor) {
    this.cloudDoseFactor = cloudDoseFactor;
  }

  public void start(Release newRelease) {
    release = newRelease;
  }

  public void stop() {
    release = null;
  }

  /** The release, while the drill lasts (from its start to the end of the release). */
  public Optional<Release> active(Instant time) {
    Release current = release;
    if (current == null || time.isAfter(current.start().plus(current.duration()))) {
      return Optional.empty();
    }
    return Optional.of(current);
  }

  /** The dose rate the drill adds at a place, nGy/h; 0 when no drill runs. */
  public double doseRateIncrease(double latitude, double longitude, Instant time) {
    return active(time)
        .map(r -> r.doseRateIncrease(latitude, longitude, time, cloudDoseFactor))
        .orElse(0.0);
  }
}
