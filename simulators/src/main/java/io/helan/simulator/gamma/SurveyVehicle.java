package io.helan.simulator.gamma;

import io.helan.dispersion.LocalFrame;
import io.helan.simulator.environment.DrillScenario;
import io.helan.simulator.environment.GammaDoseModel;
import java.time.Instant;
import java.time.ZonedDateTime;

/**
 * An emergency monitoring vehicle: a dose-rate meter on a vehicle that waits at its base until it
 * is sent somewhere, then drives there in a straight line at its speed and stops. It reads the
 * ambient background of where it is plus, while a drill release plays, what the plume adds there
 * (as drill data). Where it is and what it reads are its variables; {@code DriveTo} sends it.
 */
public final class SurveyVehicle {
  /** Normal driving speed on the region's roads, m/s (54 km/h). */
  public static final double DEFAULT_SPEED = 15;

  /** Fastest a simulation may drive it, m/s. */
  static final double MAX_SPEED = 1000;

  private final GammaDoseModel dose;
  private final DrillScenario drill;
  // guarded by this
  private double latitude;
  private double longitude;
  private double targetLatitude = Double.NaN;
  private double targetLongitude = Double.NaN;
  private double speed = DEFAULT_SPEED;
  private Instant lastMove;

  /** A vehicle waiting at its base. */
  public SurveyVehicle(String stationId, double latitude, double longitude, DrillScenario drill) {
    this.dose = new GammaDoseModel(stationId);
    this.latitude = latitude;
    this.longitude = longitude;
    this.drill = drill;
  }

  /** Sends it to a place; it sets off at once. */
  synchronized void driveTo(double newLatitude, double newLongitude) {
    if (!(Math.abs(newLatitude) <= 90 && Math.abs(newLongitude) <= 180)) {
      throw new IllegalArgumentException(
          "no place at latitude " + newLatitude + ", longitude " + newLongitude);
    }
    targetLatitude = newLatitude;
    targetLongitude = newLongitude;
  }

  /** How fast it drives from now on, m/s: a simulation may play a dispatch faster than life. */
  public synchronized void speed(double metresPerSecond) {
    if (!(metresPerSecond > 0 && metresPerSecond <= MAX_SPEED)) {
      throw new IllegalArgumentException(
          "speed " + metresPerSecond + " m/s is not above 0 and at most " + MAX_SPEED);
    }
    speed = metresPerSecond;
  }

  /** Moves it on to {@code time}, then reads where it is and what it measures there. */
  synchronized VehicleReading read(ZonedDateTime time) {
    Instant now = time.toInstant();
    double seconds =
        lastMove == null ? 0 : Math.max(0, (now.toEpochMilli() - lastMove.toEpochMilli()) / 1000.0);
    lastMove = now;
    double moving = 0;
    if (!Double.isNaN(targetLatitude)) {
      LocalFrame frame = new LocalFrame(latitude, longitude);
      double east = frame.east(targetLatitude, targetLongitude);
      double north = frame.north(targetLatitude);
      double left = Math.hypot(east, north);
      double step = speed * seconds;
      if (step >= left) {
        latitude = targetLatitude;
        longitude = targetLongitude;
        targetLatitude = Double.NaN;
        targetLongitude = Double.NaN;
      } else {
        latitude = frame.latitude(north * step / left);
        longitude = frame.longitude(east * step / left);
        moving = speed;
      }
    }
    boolean drilling = drill.active(now).isPresent();
    return new VehicleReading(
        latitude,
        longitude,
        moving,
        dose.sample(time).doseRate() + drill.doseRateIncrease(latitude, longitude, now),
        drilling ? 1 : 0);
  }

  /** What the vehicle reports. */
  record VehicleReading(
      double latitude, double longitude, double speed, double doseRate, double drill) {}
}
