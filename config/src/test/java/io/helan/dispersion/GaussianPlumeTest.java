package io.helan.dispersion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class GaussianPlumeTest {
  private static final LocalFrame SOURCE = new LocalFrame(38.3, 106.27);

  @Test
  void briggsCurvesMatchHandComputedSpreads() {
    // D at 1 km: σy = 0.08·1000/√1.1 = 76.277 m, σz = 0.06·1000/√2.5 = 37.947 m
    assertThat(StabilityClass.D.sigmaY(1000)).isCloseTo(76.277, within(0.001));
    assertThat(StabilityClass.D.sigmaZ(1000)).isCloseTo(37.947, within(0.001));
    // F at 5 km: σy = 0.04·5000/√1.5 = 163.299 m, σz = 0.016·5000/(1 + 1.5) = 32 m
    assertThat(StabilityClass.F.sigmaY(5000)).isCloseTo(163.299, within(0.001));
    assertThat(StabilityClass.F.sigmaZ(5000)).isCloseTo(32.0, within(0.001));
    // A: σz = 0.20·x, no growth term
    assertThat(StabilityClass.A.sigmaZ(2000)).isCloseTo(400, within(1e-9));
  }

  @Test
  void groundLevelCentrelineDilutionIsOneOverPiUSigmaYSigmaZ() {
    // wind from the south (180°) carries the plume north; 1 km north, on the axis, u = 5 m/s, D:
    // χ/Q = 1/(π·5·76.277·37.947) = 2.19941e-5 s/m³
    GaussianPlume plume = new GaussianPlume(SOURCE, 0, 5, 180, StabilityClass.D);
    assertThat(plume.dilution(0, 1000)).isCloseTo(2.19941e-5, within(1e-9));
    // 100 m off the axis, release at 20 m: × exp(-100²/2σy²) · exp(-20²/2σz²) = 8.10522e-6
    GaussianPlume raised = new GaussianPlume(SOURCE, 20, 5, 180, StabilityClass.D);
    assertThat(raised.dilution(100, 1000)).isCloseTo(8.10522e-6, within(1e-10));
    assertThat(raised.dilution(-100, 1000)).isCloseTo(8.10522e-6, within(1e-10));
  }

  @Test
  void nothingReachesUpwind() {
    GaussianPlume plume = new GaussianPlume(SOURCE, 0, 5, 180, StabilityClass.D);
    assertThat(plume.dilution(0, -1000)).isZero();
    // wind from the west (270°) carries it east, not north
    GaussianPlume westerly = new GaussianPlume(SOURCE, 0, 5, 270, StabilityClass.D);
    assertThat(westerly.dilution(1000, 0)).isCloseTo(2.19941e-5, within(1e-9));
    assertThat(westerly.dilution(0, 1000)).isLessThan(1e-30);
  }

  @Test
  void stabilityFollowsPasquillsTable() {
    // strong sun, light wind: very unstable
    assertThat(StabilityClass.classify(1, 70, 0)).isEqualTo(StabilityClass.A);
    // moderate sun, 2–3 m/s: B
    assertThat(StabilityClass.classify(2.5, 50, 0)).isEqualTo(StabilityClass.B);
    // the same under 5/8 cloud: one step less sun, C
    assertThat(StabilityClass.classify(2.5, 50, 0.625)).isEqualTo(StabilityClass.C);
    // A–B, B–C, C–D: the more stable of the two
    assertThat(StabilityClass.classify(1, 50, 0)).isEqualTo(StabilityClass.B);
    assertThat(StabilityClass.classify(5.5, 50, 0)).isEqualTo(StabilityClass.D);
    // night: clear and light wind F, cloudy E, windy D
    assertThat(StabilityClass.classify(2.5, -20, 0.2)).isEqualTo(StabilityClass.F);
    assertThat(StabilityClass.classify(2.5, -20, 0.5)).isEqualTo(StabilityClass.E);
    assertThat(StabilityClass.classify(7, -20, 0)).isEqualTo(StabilityClass.D);
    // overcast: neutral, day or night
    assertThat(StabilityClass.classify(1, 70, 1)).isEqualTo(StabilityClass.D);
  }

  @Test
  void sunIsHighAtNoonInSummerAndDownAtMidnight() {
    // Yinchuan (38.47 N, 106.27 E), 21 June: solar noon is about 04:56 UTC; elevation
    // 90 − 38.47 + 23.44 = 74.97°
    assertThat(SunPosition.elevation(Instant.parse("2026-06-21T04:56:00Z"), 38.47, 106.27))
        .isCloseTo(74.97, within(0.5));
    assertThat(SunPosition.elevation(Instant.parse("2026-06-21T16:56:00Z"), 38.47, 106.27))
        .isNegative();
  }

  @Test
  void releaseRaisesDoseRateOnlyWhileItLasts() {
    Instant start = Instant.parse("2026-12-07T02:00:00Z");
    Release release =
        new Release(38.3, 106.27, 1e9, 0, start, Duration.ofHours(1), 5, 180, StabilityClass.D);
    double north = SOURCE.latitude(1000);
    // 1e9 Bq/s · 2.19941e-5 s/m³ · 0.1 nGy/h per Bq/m³ = 2199.41 nGy/h
    assertThat(release.doseRateIncrease(north, 106.27, start.plusSeconds(60), 0.1))
        .isCloseTo(2199.41, within(0.5));
    assertThat(release.doseRateIncrease(north, 106.27, start.minusSeconds(1), 0.1)).isZero();
    assertThat(release.doseRateIncrease(north, 106.27, start.plusSeconds(3600), 0.1)).isZero();
  }

  @Test
  void absurdReleasesAreRefused() {
    Instant now = Instant.now();
    assertThatThrownBy(
            () -> new Release(38, 106, -1, 0, now, Duration.ofHours(1), 3, 90, StabilityClass.D))
        .hasMessageContaining("release rate -1.0 Bq/s");
    assertThatThrownBy(
            () -> new Release(38, 106, 1e19, 0, now, Duration.ofHours(1), 3, 90, StabilityClass.D))
        .hasMessageContaining("release rate");
    assertThatThrownBy(
            () -> new Release(38, 106, 1e9, 0, now, Duration.ZERO, 3, 90, StabilityClass.D))
        .hasMessageContaining("duration");
  }
}
