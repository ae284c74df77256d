package io.helan.alarms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The rolling background: exact mean and deviation over the window, in bounded memory. */
class RadiationBaselineTest {
  private static final long HOUR = Duration.ofHours(1).toNanos() / 1000;
  private static final long T0 = AlarmJournal.micros(Instant.parse("2026-07-01T00:00:00Z"));

  @Test
  void meanAndDeviationOfTheCompletedHoursMatchADirectComputation() {
    RadiationBaseline baseline = new RadiationBaseline(Duration.ofDays(30).toMillis());
    Random random = new Random(7);
    double sum = 0;
    double sumSquares = 0;
    int n = 0;
    for (int minute = 0; minute < 48 * 60; minute++) {
      double value = 85 + 2 * random.nextGaussian();
      baseline.add(T0 + minute * HOUR / 60, value);
      sum += value;
      sumSquares += value * value;
      n++;
    }
    assertThat(baseline.isReady()).as("the 48th hour is still open").isTrue();
    baseline.advanceTo(T0 + 48 * HOUR);
    double mean = sum / n;
    double sigma = Math.sqrt((sumSquares - n * mean * mean) / (n - 1));
    assertThat(baseline.mean()).isCloseTo(mean, within(1e-9));
    assertThat(baseline.sigma()).isCloseTo(sigma, within(1e-9));
    assertThat(baseline.background().buckets()).isEqualTo(48);
  }

  @Test
  void needsADayOfReadingsBeforeItIsTrusted() {
    RadiationBaseline baseline = new RadiationBaseline(Duration.ofDays(30).toMillis());
    for (int hour = 0; hour < 23; hour++) {
      baseline.add(T0 + hour * HOUR, 80 + hour % 3);
      baseline.add(T0 + hour * HOUR + HOUR / 2, 81);
    }
    baseline.advanceTo(T0 + 23 * HOUR);
    assertThat(baseline.isReady()).isFalse();
    baseline.add(T0 + 23 * HOUR, 80);
    baseline.advanceTo(T0 + 24 * HOUR);
    assertThat(baseline.isReady()).isTrue();
  }

  @Test
  void forgetsReadingsOlderThanTheWindow() {
    RadiationBaseline baseline = new RadiationBaseline(Duration.ofDays(2).toMillis());
    for (int hour = 0; hour < 48; hour++) {
      baseline.add(T0 + hour * HOUR, 200);
      baseline.add(T0 + hour * HOUR + 1, 202);
    }
    for (int hour = 48; hour < 96; hour++) {
      baseline.add(T0 + hour * HOUR, 80);
      baseline.add(T0 + hour * HOUR + 1, 82);
    }
    baseline.advanceTo(T0 + 96 * HOUR);
    assertThat(baseline.mean()).isCloseTo(81, within(1e-9));
    baseline.add(T0 + 10 * HOUR, 1000); // a reading from before the window changes nothing
    baseline.advanceTo(T0 + 97 * HOUR);
    assertThat(baseline.mean()).isCloseTo(81, within(1e-9));
  }

  @Test
  void seededHoursCountLikeReadings() {
    RadiationBaseline seeded = new RadiationBaseline(Duration.ofDays(30).toMillis());
    RadiationBaseline read = new RadiationBaseline(Duration.ofDays(30).toMillis());
    for (int hour = 0; hour < 30; hour++) {
      double a = 80 + hour % 5;
      double b = a + 4;
      read.add(T0 + hour * HOUR, a);
      read.add(T0 + hour * HOUR + 10, b);
      seeded.seed(T0 + hour * HOUR, 2, (a + b) / 2, 8); // variance of {a, a + 4} is 8
    }
    read.advanceTo(T0 + 30 * HOUR);
    seeded.advanceTo(T0 + 30 * HOUR);
    assertThat(seeded.mean()).isCloseTo(read.mean(), within(1e-9));
    assertThat(seeded.sigma()).isCloseTo(read.sigma(), within(1e-9));
  }
}
