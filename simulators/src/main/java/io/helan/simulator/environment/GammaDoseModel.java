package io.helan.simulator.environment;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.Random;

/**
 * Ambient gamma dose rate at one station: a background of 70–105 nGy/h (terrestrial plus cosmic,
 * fixed by the station's id), a little higher at dawn when radon collects near the ground, and
 * raised by 10–30 % while it rains and for a few hours after, as radon progeny wash out. Rain is
 * rare: on average every two or three days in summer, every two weeks in winter.
 */
public final class GammaDoseModel {
  private static final double RAINS_PER_SECOND = 1 / (4.0 * 86_400);

  /** Washout builds up within about twenty minutes of rain... */
  private static final double WASHOUT_RISE_SECONDS = 20 * 60;

  /** ...and fades over a few hours once it stops. */
  private static final double WASHOUT_DECAY_SECONDS = 90 * 60;

  private final Random random;
  private final double background;
  private final double nominalHighVoltage;
  private final ElapsedTime elapsed = new ElapsedTime();
  private double rainSecondsLeft;
  private double washoutPeak;
  private double washout;

  public GammaDoseModel(String stationId) {
    random = new Random(stationId.hashCode());
    background = 70 + 35 * random.nextDouble();
    nominalHighVoltage = 400 + 5 * random.nextDouble();
  }

  /** What the station reads at {@code time}; call it about once a second. */
  public GammaSample sample(ZonedDateTime time) {
    double seconds = elapsed.since(time.toInstant());
    double hour = Cycles.hour(time);
    double season = Cycles.season(time);
    boolean raining = advanceRain(seconds, season);

    double target = raining ? washoutPeak : 0;
    double timeConstant = raining ? WASHOUT_RISE_SECONDS : WASHOUT_DECAY_SECONDS;
    washout = target + (washout - target) * Math.exp(-seconds / timeConstant);

    // counting statistics: a few per cent, never a wild outlier
    double noise = Math.max(-0.05, Math.min(0.05, 0.02 * random.nextGaussian()));
    double doseRate =
        background * (1 + 0.02 * Cycles.peak(hour, 6, 3)) * (1 + washout) * (1 + noise);
    double detectorTemperature =
        20 - 4 * season + 1.5 * Cycles.daily(hour, 16) + 0.05 * random.nextGaussian();
    double highVoltage = nominalHighVoltage + 0.2 * random.nextGaussian();
    return new GammaSample(doseRate, highVoltage, detectorTemperature, raining);
  }

  private boolean advanceRain(double seconds, double season) {
    if (rainSecondsLeft > 0) {
      rainSecondsLeft -= seconds;
      return rainSecondsLeft > 0;
    }
    // Ningxia's rain falls mostly in summer
    double rate = RAINS_PER_SECOND * (1 - 0.7 * season);
    if (random.nextDouble() < rate * seconds) {
      rainSecondsLeft = Duration.ofMinutes(30 + random.nextInt(210)).toSeconds();
      washoutPeak = 0.10 + 0.20 * random.nextDouble();
      return true;
    }
    return false;
  }
}
