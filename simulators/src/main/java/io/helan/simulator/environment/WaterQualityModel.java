package io.helan.simulator.environment;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.Random;

/**
 * Water quality at one Yellow River section or reservoir in Ningxia, mostly GB 3838 class II–III.
 * The water is near freezing in January and about 22 °C in July, a little warmer each afternoon;
 * daylight photosynthesis lifts dissolved oxygen and pH; the summer flood season brings silt and
 * phosphorus. A station's own character (how clean, how turbid, how mineral) follows from its id.
 */
public final class WaterQualityModel {
  private final Random random;
  private final double temperatureOffset;
  private final double ph;
  private final double oxygenSaturation;
  private final double conductivity;
  private final double turbidity;
  private final double permanganateIndex;
  private final double ammonia;
  private final double totalPhosphorus;
  private final double totalNitrogen;
  private final SlowVariation load;
  private final SlowVariation mineral;
  private final ElapsedTime elapsed = new ElapsedTime();

  public WaterQualityModel(String stationId) {
    random = new Random(stationId.hashCode());
    temperatureOffset = random.nextDouble() * 2 - 1;
    ph = 7.8 + 0.5 * random.nextDouble();
    oxygenSaturation = 0.86 + 0.1 * random.nextDouble();
    conductivity = 550 + 400 * random.nextDouble();
    // reservoirs settle to a few NTU, the silt-laden river runs at a hundred and more
    turbidity = 4 * Math.pow(30, random.nextDouble());
    permanganateIndex = 2.0 + 2.5 * random.nextDouble();
    ammonia = 0.15 + 0.55 * Math.pow(random.nextDouble(), 2);
    totalPhosphorus = 0.04 + 0.12 * random.nextDouble();
    totalNitrogen = 0.9 + 2.1 * random.nextDouble();
    load = new SlowVariation(0.15, Duration.ofHours(12), random);
    mineral = new SlowVariation(0.05, Duration.ofHours(24), random);
  }

  /** What the station measures at {@code time}; call it about once a second. */
  public WaterSample sample(ZonedDateTime time) {
    double seconds = elapsed.since(time.toInstant());
    double hour = Cycles.hour(time);
    double season = Cycles.season(time);
    double flood = Math.max(0, -season);
    double pollutionLoad = Math.exp(load.advance(seconds, random));
    double sunlight = Cycles.daily(hour, 15);

    double temperature =
        Math.max(0.2, 11.5 - 10.5 * season + 0.8 * Cycles.daily(hour, 16) + temperatureOffset);
    double oxygen =
        saturatedOxygen(temperature) * oxygenSaturation
            + 0.5 * sunlight
            - 0.3 * (pollutionLoad - 1);

    return new WaterSample(
        temperature + 0.05 * random.nextGaussian(),
        ph + 0.12 * sunlight + 0.02 * random.nextGaussian(),
        Math.max(0.5, oxygen + 0.05 * random.nextGaussian()),
        noisy(conductivity * Math.exp(mineral.advance(seconds, random)), 0.005),
        noisy(turbidity * (1 + 1.5 * flood) * pollutionLoad, 0.05),
        noisy(permanganateIndex * pollutionLoad, 0.02),
        noisy(ammonia * pollutionLoad, 0.03),
        noisy(totalPhosphorus * (1 + 0.4 * flood) * pollutionLoad, 0.03),
        noisy(totalNitrogen * pollutionLoad, 0.02));
  }

  /** Oxygen solubility in fresh water at sea level, mg/L (the usual cubic fit, 0–40 °C). */
  private static double saturatedOxygen(double celsius) {
    return 14.62
        - 0.3898 * celsius
        + 0.006969 * celsius * celsius
        - 0.00005897 * Math.pow(celsius, 3);
  }

  private double noisy(double value, double relativeSigma) {
    return Math.max(0, value * (1 + relativeSigma * random.nextGaussian()));
  }
}
