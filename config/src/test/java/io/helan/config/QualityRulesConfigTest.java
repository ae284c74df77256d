package io.helan.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import org.junit.jupiter.api.Test;

/**
 * Data-quality rules in the site file: a device type's for all its points, a point's own and a
 * station's override, field by field; bad values reported with their lines.
 */
class QualityRulesConfigTest {

  @Test
  void readsTheRulesOfTypePointAndOverrideFieldByField() {
    Site site = SiteLoader.loadResource("good/quality-rules.yaml");

    assertThat(site.point("yc-b.aqm.pm25").orElseThrow().quality())
        .isEqualTo(new QualityLimits(0, 800, 120, 0.5, 300, 100, 10));
    assertThat(site.point("yc-a.aqm.pm25").orElseThrow().quality())
        .as("the station's override shortens the flatline only")
        .isEqualTo(new QualityLimits(0, 800, 60, 0.5, 300, 100, 10));
    assertThat(site.point("yc-a.aqm.co").orElseThrow().quality())
        .as("the type's rules only")
        .isEqualTo(new QualityLimits(Double.NaN, Double.NaN, 120, 0, Double.NaN, Double.NaN, 10));
  }

  @Test
  void aSiteWithoutRulesHasNone() {
    Site site = SiteLoader.loadResource("good/alarm-definitions.yaml");
    assertThat(site.points()).allSatisfy(p -> assertThat(p.quality().isEmpty()).isTrue());
  }

  @Test
  void reportsBadRulesWithTheirLines() {
    SiteConfigException e =
        catchThrowableOfType(
            SiteConfigException.class, () -> SiteLoader.loadResource("bad/quality-rules.yaml"));

    assertThat(e.errors())
        .extracting(ConfigError::line, ConfigError::path, ConfigError::message)
        .contains(
            tuple(9, "deviceTypes[0].quality.staleMinutes", "must be a positive number"),
            tuple(
                16, "deviceTypes[0].points[0].quality.range", "range low 800 must be below high 0"),
            tuple(16, "deviceTypes[0].points[0].quality.flatlineTolerance", "must not be negative"),
            tuple(16, "deviceTypes[0].points[0].quality.spike", "must be a positive number"),
            tuple(
                16, "deviceTypes[0].points[0].quality.ratePerMinute", "must be a positive number"),
            tuple(
                28,
                "stations[0].devices[0].points[0].quality.flatlineMinutes",
                "must be a positive number"));
  }
}
