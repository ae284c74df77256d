package io.helan.simulator.environment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GammaDoseModelTest {

  @Test
  void dry_background_is_70_to_110_nGy_per_hour_with_a_few_percent_noise() {
    for (String station : List.of("yc-jinfeng", "szs-dawukou", "zw-shapotou", "gy-liupanshan")) {
      GammaDoseModel model = new GammaDoseModel(station);
      ZonedDateTime time = ZonedDateTime.parse("2026-01-10T00:00:00+08:00[Asia/Shanghai]");
      List<Double> dry = new ArrayList<>();
      for (int second = 0; second < 3600; second++) {
        GammaSample sample = model.sample(time.plusSeconds(second));
        if (!sample.raining()) {
          dry.add(sample.doseRate());
        }
      }
      double mean = dry.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
      assertThat(mean).as(station).isBetween(70.0, 110.0);
      for (double dose : dry) {
        assertThat(dose).isBetween(mean * 0.93, mean * 1.07);
      }
    }
  }

  @Test
  void rain_raises_the_dose_rate_by_10_to_30_percent_for_a_few_hours() {
    GammaDoseModel model = new GammaDoseModel("yc-jinfeng");
    ZonedDateTime time = ZonedDateTime.parse("2026-07-01T00:00:00+08:00[Asia/Shanghai]");
    List<GammaSample> minutes = new ArrayList<>();
    // two summer months, a sample a minute: rain comes every day or two
    for (int minute = 0; minute < 60 * 24 * 60; minute++) {
      minutes.add(model.sample(time.plusMinutes(minute)));
    }
    long rainyMinutes = minutes.stream().filter(GammaSample::raining).count();
    assertThat(rainyMinutes).as("it rains sometimes, but not mostly").isBetween(600L, 20_000L);

    double lowest = minutes.stream().mapToDouble(GammaSample::doseRate).min().orElseThrow();
    double highest = minutes.stream().mapToDouble(GammaSample::doseRate).max().orElseThrow();
    assertThat(highest / lowest).isBetween(1.15, 1.6);

    // an hour after rain stops the washout is still there
    for (int i = 1; i < minutes.size() - 60; i++) {
      if (minutes.get(i - 1).raining() && !minutes.get(i).raining()) {
        assertThat(minutes.get(i + 60).doseRate()).isGreaterThan(lowest * 1.04);
      }
    }
  }
}
