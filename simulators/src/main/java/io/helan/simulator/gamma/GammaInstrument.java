package io.helan.simulator.gamma;

import io.helan.simulator.environment.GammaDoseModel;
import io.helan.simulator.environment.GammaSample;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Random;

/**
 * The instruments of a radiation environment station and what the platform can order them to do: a
 * dose-rate chamber with its rain sensor, a high-volume aerosol sampler that runs for a given time,
 * a measurement interval (below the routine five minutes the station is in emergency mode) and
 * maintenance mode. It outlives the station's OPC UA server, which restarts.
 */
final class GammaInstrument {
  static final double MODE_NORMAL = 0;
  static final double MODE_MAINTENANCE = 1;
  static final double MODE_EMERGENCY = 2;
  private static final int ROUTINE_INTERVAL_SECONDS = 300;
  private static final Duration LONGEST_SAMPLER_RUN = Duration.ofDays(7);
  private static final int LONGEST_INTERVAL_SECONDS = 86_400;

  private final GammaDoseModel dose;
  private final double nominalFlow;
  private final Random noise = new Random();
  private Instant samplerStopsAt;
  private int measurementIntervalSeconds = ROUTINE_INTERVAL_SECONDS;
  private boolean maintenance;

  GammaInstrument(String stationId) {
    dose = new GammaDoseModel(stationId);
    // each high-volume sampler has its own pump, somewhere around 70 m³/h
    nominalFlow = 65 + 10 * new Random(stationId.hashCode()).nextDouble();
  }

  /** Runs the aerosol sampler for {@code seconds} from now, 1 s to 7 days. */
  synchronized void startSampler(int seconds) {
    if (seconds < 1 || seconds > LONGEST_SAMPLER_RUN.toSeconds()) {
      throw new IllegalArgumentException("sampler run of " + seconds + " s is not 1 s to 7 days");
    }
    samplerStopsAt = Instant.now().plusSeconds(seconds);
  }

  synchronized void stopSampler() {
    samplerStopsAt = null;
  }

  /** Sets how often the station measures, 1 s to a day; below five minutes it is an emergency. */
  synchronized void setMeasurementInterval(int seconds) {
    if (seconds < 1 || seconds > LONGEST_INTERVAL_SECONDS) {
      throw new IllegalArgumentException(
          "measurement interval " + seconds + " s is not 1 s to 1 d");
    }
    measurementIntervalSeconds = seconds;
  }

  synchronized void setMaintenance(boolean on) {
    maintenance = on;
  }

  /** What the variables show at {@code time}; call it about once a second. */
  synchronized GammaReading read(ZonedDateTime time) {
    GammaSample sample = dose.sample(time);
    boolean sampling = samplerStopsAt != null && time.toInstant().isBefore(samplerStopsAt);
    if (!sampling) {
      samplerStopsAt = null;
    }
    return new GammaReading(
        sample.doseRate(),
        sample.highVoltage(),
        sample.detectorTemperature(),
        sample.raining() ? 1 : 0,
        sampling ? nominalFlow * (1 + 0.01 * noise.nextGaussian()) : 0,
        mode());
  }

  private double mode() {
    // a station under maintenance delivers no valid data, emergency or not
    if (maintenance) {
      return MODE_MAINTENANCE;
    }
    return measurementIntervalSeconds < ROUTINE_INTERVAL_SECONDS ? MODE_EMERGENCY : MODE_NORMAL;
  }
}
