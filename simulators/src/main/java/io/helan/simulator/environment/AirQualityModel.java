package io.helan.simulator.environment;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.Random;

/**
 * Air quality and weather at one Ningxia station. Particles and CO build up at night and in the
 * morning and clear in the windy afternoon, NO2 peaks with the rush hours, O3 with the afternoon
 * sun, SO2 with the heating season; stagnant weather raises everything for days at a time, and a
 * rare dust event (most often in spring) drives PM10 into the hundreds. A station's own character
 * (how polluted, how industrial, how coarse its dust) follows from its id.
 */
public final class AirQualityModel {
  private static final double SECONDS_PER_DAY = 86_400;

  /** One dust event in about ten days outside spring, three times as often in spring. */
  private static final double DUST_EVENTS_PER_SECOND = 1 / (10 * SECONDS_PER_DAY);

  private final Random random;
  private final double pollution;
  private final double industry;
  private final double coarseRatio;
  private final double temperatureOffset;
  private final SlowVariation stagnation;
  private final SlowVariation warmth;
  private final SlowVariation moisture;
  private final SlowVariation windiness;
  private final SlowVariation windVeer;
  private final ElapsedTime elapsed = new ElapsedTime();
  private double dustSecondsLeft;
  private double dustDurationSeconds;
  private double dustStrength;

  public AirQualityModel(String stationId) {
    random = new Random(stationId.hashCode());
    pollution = clamp(Math.exp(0.2 * random.nextGaussian()), 0.7, 1.4);
    industry = clamp(Math.exp(0.4 * random.nextGaussian()), 0.5, 2.0);
    coarseRatio = 1.7 + 0.5 * random.nextDouble();
    temperatureOffset = clamp(0.8 * random.nextGaussian(), -1.5, 1.5);
    stagnation = new SlowVariation(0.3, Duration.ofHours(8), random);
    warmth = new SlowVariation(2.5, Duration.ofHours(24), random);
    moisture = new SlowVariation(10, Duration.ofHours(12), random);
    windiness = new SlowVariation(0.35, Duration.ofHours(3), random);
    windVeer = new SlowVariation(40, Duration.ofHours(3), random);
  }

  /** What the station measures at {@code time}; call it about once a second. */
  public AirSample sample(ZonedDateTime time) {
    double seconds = elapsed.since(time.toInstant());
    double hour = Cycles.hour(time);
    double season = Cycles.season(time);
    double stagnant = Math.exp(stagnation.advance(seconds, random));
    double dust = advanceDust(seconds, time);

    double windSpeed =
        (1.2 + 2.0 * Cycles.daylight(hour, 8, 20))
                * Math.exp(windiness.advance(seconds, random))
                / Math.sqrt(stagnant)
            + 6 * dust;
    // northwesterlies in winter, southeasterlies in summer
    double prevailing = 232.5 + 82.5 * season;
    double windDirection = prevailing + windVeer.advance(seconds, random);

    double pm25 =
        32
            * pollution
            * stagnant
            * (1 + 0.25 * season)
            * (1
                + 0.25 * Cycles.peak(hour, 8, 2)
                + 0.30 * Cycles.peak(hour, 22, 3)
                - 0.25 * Cycles.peak(hour, 15, 3));
    double dustMass = dust * dustStrength;
    double pm10 = pm25 * coarseRatio + 6 * windSpeed + dustMass;
    pm25 += 0.2 * dustMass;
    double co =
        0.55
            * pollution
            * stagnant
            * (1 + 0.35 * season)
            * (1
                + 0.4 * Cycles.peak(hour, 8, 1.5)
                + 0.5 * Cycles.peak(hour, 20, 2.5)
                - 0.2 * Cycles.peak(hour, 14, 3));
    double no2 =
        24
            * pollution
            * Math.pow(stagnant, 0.7)
            * (1 + 0.2 * season)
            * (1
                + 0.6 * Cycles.peak(hour, 8, 1.5)
                + 0.7 * Cycles.peak(hour, 19, 2)
                - 0.35 * Cycles.peak(hour, 14, 3));
    // photochemistry peaks mid-afternoon and in summer; fresh NO consumes ozone at night
    double o3 =
        20
            + 120 * (1 - 0.4 * season) * Math.pow(Cycles.daylight(hour, 8, 22), 1.5)
            - 0.2 * (no2 - 20);
    double so2 =
        9
            * industry
            * stagnant
            * (1 + 0.8 * Math.max(season, 0))
            * (1 + 0.5 * Cycles.peak(hour, 10, 2.5));
    double temperature =
        9
            - 15 * season
            + 6.5 * Cycles.daily(hour, 15)
            + temperatureOffset
            + warmth.advance(seconds, random);
    double humidity =
        52 - 12 * season - 18 * Cycles.daily(hour, 15) + moisture.advance(seconds, random);

    return new AirSample(
        Math.max(1, noisy(so2, 0.03)),
        Math.max(2, noisy(no2, 0.03)),
        Math.max(0.1, noisy(co, 0.03)),
        Math.max(2, noisy(o3, 0.03)),
        Math.max(5, noisy(pm10, 0.03)),
        Math.max(3, noisy(pm25, 0.03)),
        temperature + 0.1 * random.nextGaussian(),
        clamp(humidity + 0.5 * random.nextGaussian(), 8, 98),
        Math.max(0.1, noisy(windSpeed, 0.1)),
        Math.floorMod(Math.round(windDirection + 8 * random.nextGaussian()), 360));
  }

  /** Advances the dust event, starting one now and then; returns its strength now, 0 to 1. */
  private double advanceDust(double seconds, ZonedDateTime time) {
    if (dustSecondsLeft <= 0) {
      int month = time.withZoneSameInstant(Cycles.NINGXIA).getMonthValue();
      double rate = DUST_EVENTS_PER_SECOND * (month >= 3 && month <= 5 ? 3 : 1);
      if (random.nextDouble() >= rate * seconds) {
        return 0;
      }
      dustDurationSeconds = Duration.ofHours(2 + random.nextInt(5)).toSeconds();
      dustSecondsLeft = dustDurationSeconds;
      dustStrength = 300 + 500 * random.nextDouble();
    }
    dustSecondsLeft -= seconds;
    double progress = 1 - Math.max(dustSecondsLeft, 0) / dustDurationSeconds;
    return Math.sin(Math.PI * progress);
  }

  private double noisy(double value, double relativeSigma) {
    return value * (1 + relativeSigma * random.nextGaussian());
  }

  private static double clamp(double value, double low, double high) {
    return Math.max(low, Math.min(high, value));
  }
}
