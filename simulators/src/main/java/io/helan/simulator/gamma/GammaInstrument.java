package io.helan.simulator.gamma;

import io.helan.simulator.environment.DrillScenario;
import io.helan.simulator.environment.GammaDoseModel;
import io.helan.simulator.environment.GammaSample;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Random;

/**
 * The instruments of a radiation environment station and what the platform can order them to do: a
 * dose-rate chamber with its rain sensor, a high-volume aerosol sampler and an iodine sampler that
 * run for a given time, a measurement interval (below the routine five minutes the station is in
 * emergency mode) and maintenance mode. A drill release adds its plume's dose rate at the station's
 * place and marks the data as drill data. It outlives the station's OPC UA server, which restarts.
 */
final class GammaInstrument {
  static final double MODE_NORMAL = 0;
  static final double MODE_MAINTENANCE = 1;
  static final double MODE_EMERGENCY = 2;
  private static final int ROUTINE_INTERVAL_SECONDS = 300;
  private static final Duration LONGEST_SAMPLER_RUN = Duration.ofDays(7);
  private static final int LONGEST_INTERVAL_SECONDS = 86_400;

  private final GammaDoseModel dose;
  private final double latitude;
  private final double longitude;
  private final DrillScenario drill;
  private final double nominalFlow;
  private final double nominalIodineFlow;
  private final Random noise = new Random();
  private Instant samplerStopsAt;
  private Instant iodineSamplerStopsAt;
  private int measurementIntervalSeconds = ROUTINE_INTERVAL_SECONDS;
  private boolean maintenance;

  GammaInstrument(String stationId, double latitude, double longitude, DrillScenario drill) {
    dose = new GammaDoseModel(stationId);
    this.latitude = latitude;
    this.longitude = longitude;
    this.drill = drill;
    // each sampler has its own pump: the high-volume aerosol one somewhere around 70 m³/h, the
    // iodine cartridge one a few m³/h
    Random pumps = new Random(stationId.hashCode());
    nominalFlow = 65 + 10 * pumps.nextDouble();
    nominalIodineFlow = 2.5 + pumps.nextDouble();
  }

  /** Runs the aerosol sampler for {@code seconds} from now, 1 s to 7 days. */
  synchronized void startSampler(int seconds) {
    samplerStopsAt = stopTime(seconds);
  }

  synchronized void stopSampler() {
    samplerStopsAt = null;
  }

  /** Runs the iodine sampler for {@code seconds} from now, 1 s to 7 days. */
  synchronized void startIodineSampler(int seconds) {
    iodineSamplerStopsAt = stopTime(seconds);
  }

  synchronized void stopIodineSampler() {
    iodineSamplerStopsAt = null;
  }

  private static Instant stopTime(int seconds) {
    if (seconds < 1 || seconds > LONGEST_SAMPLER_RUN.toSeconds()) {
      throw new IllegalArgumentException("sampler run of " + seconds + " s is not 1 s to 7 days");
    }
    return Instant.now().plusSeconds(seconds);
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
    Instant now = time.toInstant();
    boolean sampling = samplerStopsAt != null && now.isBefore(samplerStopsAt);
    if (!sampling) {
      samplerStopsAt = null;
    }
    boolean iodineSampling = iodineSamplerStopsAt != null && now.isBefore(iodineSamplerStopsAt);
    if (!iodineSampling) {
      iodineSamplerStopsAt = null;
    }
    boolean drilling = drill.active(now).isPresent();
    return new GammaReading(
        sample.doseRate() + drill.doseRateIncrease(latitude, longitude, now),
        sample.highVoltage(),
        sample.detectorTemperature(),
        sample.raining() ? 1 : 0,
        sampling ? nominalFlow * (1 + 0.01 * noise.nextGaussian()) : 0,
        iodineSampling ? nominalIodineFlow * (1 + 0.01 * noise.nextGaussian()) : 0,
        mode(),
        drilling ? 1 : 0);
  }

  private double mode() {
    // a station under maintenance delivers no valid data, emergency or not
    if (maintenance) {
      return MODE_MAINTENANCE;
    }
    return measurementIntervalSeconds < ROUTINE_INTERVAL_SECONDS ? MODE_EMERGENCY : MODE_NORMAL;
  }
}
