package io.helan.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The alarm keys of a point's limits beyond HI/LO: priority, rate, dose rate and emission. */
class AlarmDefinitionsTest {

  @Test
  void readsDoseRateLevelsAndEmissionLimits() {
    Site site = SiteLoader.loadResource("good/alarm-definitions.yaml");

    AlarmLimits dose = site.point("nd-gamma.gamma.dose-rate").orElseThrow().limits();
    assertThat(dose.hi()).isEqualTo(250);
    assertThat(dose.priority()).isEqualTo(2);
    assertThat(dose.rateOfChange()).isEqualTo(50);
    assertThat(dose.doseRate())
        .isEqualTo(
            new DoseRateLevels(
                Duration.ofDays(7).toMillis(),
                3,
                6,
                Double.NaN,
                200,
                DoseRateLevels.DEFAULT_CONFIRM_SAMPLES,
                "rain",
                0.4,
                Duration.ofHours(4).toMillis()));
    assertThat(dose.emission()).isNull();

    AlarmLimits so2 = site.point("nd-plant.cems.so2").orElseThrow().limits();
    assertThat(so2.isEmpty()).isTrue();
    assertThat(so2.priority()).isZero();
    assertThat(so2.rateOfChange()).isNaN();
    assertThat(so2.emission()).isEqualTo(new EmissionLimit(35, 6, "o2"));
    assertThat(so2.emission().convertsToReferenceO2()).isTrue();
    assertThat(site.point("nd-plant.cems.cod").orElseThrow().limits().emission())
        .isEqualTo(new EmissionLimit(50, Double.NaN, null));
    assertThat(site.point("nd-plant.cems.o2").orElseThrow().limits()).isEqualTo(AlarmLimits.NONE);
  }

  @Test
  void reportsBadAlarmDefinitionsWithTheirLines() {
    SiteConfigException e =
        catchThrowableOfType(
            SiteConfigException.class, () -> SiteLoader.loadResource("bad/alarm-definitions.yaml"));

    assertThat(e.errors())
        .extracting(ConfigError::line, ConfigError::path, ConfigError::message)
        .containsExactly(
            tuple(
                14,
                "deviceTypes[0].points[0].limits.priority",
                "priority must be 1 (most urgent) to 4"),
            tuple(
                14,
                "deviceTypes[0].points[0].limits.rateOfChange",
                "must be a positive change per minute"),
            tuple(
                14,
                "deviceTypes[0].points[0].limits.emission.limit",
                "required: the hourly emission limit"),
            tuple(
                14,
                "deviceTypes[0].points[0].limits.emission.o2Point",
                "the device type has no point 'oxygen'"),
            tuple(
                20,
                "deviceTypes[0].points[1].limits.doseRate.alarmSigmas",
                "must be a positive number"),
            tuple(
                20,
                "deviceTypes[0].points[1].limits.doseRate.rainPoint",
                "the device type has no point 'rain'"));
  }
}
