package io.helan.simulator.gamma;

import io.helan.dispersion.LocalFrame;
import java.util.SplittableRandom;

/**
 * The online monitor of a sealed radioactive source: a GNSS tag on its container and a dose-rate
 * meter at the container. In its store the source reads its shielded background, a few metres of
 * GNSS jitter around its place. A simulation can carry it off ({@link #carryTo}), as a theft or a
 * loss would, or open its shielding ({@link #containerReading}); {@link #restore} puts it back.
 */
public final class SourceMonitor {
  /** What the meter reads beside an intact container, nGy/h. */
  static final double SHIELDED_DOSE_RATE = 180;

  /** GNSS jitter, metres either way. */
  private static final double JITTER_METRES = 3;

  private static final double MAX_DOSE_RATE = 100_000;

  private final double homeLatitude;
  private final double homeLongitude;
  private final SplittableRandom random;
  // guarded by this
  private double latitude;
  private double longitude;
  private double containerDoseRate = SHIELDED_DOSE_RATE;

  public SourceMonitor(String stationId, double latitude, double longitude) {
    this.homeLatitude = latitude;
    this.homeLongitude = longitude;
    this.latitude = latitude;
    this.longitude = longitude;
    this.random = new SplittableRandom(stationId.hashCode());
  }

  /** The source is carried to a place: its tag reports that place from now on. */
  public synchronized void carryTo(double newLatitude, double newLongitude) {
    if (!(Math.abs(newLatitude) <= 90 && Math.abs(newLongitude) <= 180)) {
      throw new IllegalArgumentException(
          "no place at latitude " + newLatitude + ", longitude " + newLongitude);
    }
    latitude = newLatitude;
    longitude = newLongitude;
  }

  /** The container's meter reads this from now on (its shielding opened or damaged), nGy/h. */
  public synchronized void containerReading(double nanoGrayPerHour) {
    if (!(nanoGrayPerHour > 0 && nanoGrayPerHour <= MAX_DOSE_RATE)) {
      throw new IllegalArgumentException(
          "container dose rate "
              + nanoGrayPerHour
              + " nGy/h is not above 0 and at most "
              + MAX_DOSE_RATE);
    }
    containerDoseRate = nanoGrayPerHour;
  }

  /** Back in its store, shielded. */
  public synchronized void restore() {
    latitude = homeLatitude;
    longitude = homeLongitude;
    containerDoseRate = SHIELDED_DOSE_RATE;
  }

  synchronized Reading read() {
    LocalFrame frame = new LocalFrame(latitude, longitude);
    double north = (random.nextDouble() * 2 - 1) * JITTER_METRES;
    double east = (random.nextDouble() * 2 - 1) * JITTER_METRES;
    double noise = 1 + (random.nextDouble() * 2 - 1) * 0.03;
    return new Reading(frame.latitude(north), frame.longitude(east), containerDoseRate * noise);
  }

  /** What the monitor reports. */
  record Reading(double latitude, double longitude, double containerDoseRate) {}
}
