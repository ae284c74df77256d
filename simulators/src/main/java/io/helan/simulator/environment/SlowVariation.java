package io.helan.simulator.environment;

import java.time.Duration;
import java.util.Random;

/**
 * A quantity that wanders around zero over hours (an Ornstein–Uhlenbeck process): the weather's
 * slow influence that makes one day differ from the next.
 */
final class SlowVariation {
  private final double sigma;
  private final double timeConstantSeconds;
  private double value;

  /**
   * @param sigma the spread of the wandering (its long-run standard deviation)
   * @param timeConstant how long the quantity takes to forget where it was
   */
  SlowVariation(double sigma, Duration timeConstant, Random random) {
    this.sigma = sigma;
    this.timeConstantSeconds = timeConstant.toSeconds();
    this.value = sigma * random.nextGaussian();
  }

  /** Moves the quantity on by {@code seconds} and returns its new value. */
  double advance(double seconds, Random random) {
    // exact discretisation, so the spread stays sigma whatever the step
    double memory = Math.exp(-seconds / timeConstantSeconds);
    value = value * memory + sigma * Math.sqrt(1 - memory * memory) * random.nextGaussian();
    return value;
  }
}
