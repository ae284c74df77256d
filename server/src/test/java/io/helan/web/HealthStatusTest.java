package io.helan.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HealthStatusTest {

  @Test
  void upWhileTheHistorianCommitsAndLinksGetTheirTurns() {
    HealthStatus health = HealthStatus.judge(1.0, 3, 100);

    assertThat(health.status()).isEqualTo("UP");
    assertThat(health.reasons()).isEmpty();
  }

  @Test
  void degradedWithTheReasonWhenTheHistorianFallsBehind() {
    HealthStatus health = HealthStatus.judge(12.5, 0, 100);

    assertThat(health.status()).isEqualTo("DEGRADED");
    assertThat(health.reasons()).singleElement().asString().contains("12.5 s behind");
  }

  @Test
  void degradedWhenMostLinksWaitForAThread() {
    HealthStatus health = HealthStatus.judge(0.5, 60, 100);

    assertThat(health.status()).isEqualTo("DEGRADED");
    assertThat(health.reasons()).singleElement().asString().contains("60 of 100 device links");
  }

  @Test
  void otherPartsProblemsMakeItDegradedWithThemAsReasons() {
    HealthStatus up = HealthStatus.judge(1.0, 3, 100);

    assertThat(up.with(List.of())).isEqualTo(up);
    HealthStatus down = up.with(List.of("upstream city (10.1.2.3:9212) down since ..."));
    assertThat(down.status()).isEqualTo("DEGRADED");
    assertThat(down.reasons()).containsExactly("upstream city (10.1.2.3:9212) down since ...");
  }
}
