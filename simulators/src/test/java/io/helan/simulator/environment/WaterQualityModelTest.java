package io.helan.simulator.environment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class WaterQualityModelTest {

  @Test
  void sections_are_mostly_class_ii_to_iii() {
    for (String station : List.of("hh-zhongwei", "hh-xiaheyan", "yc-shahu", "gy-dongwu")) {
      WaterQualityModel model = new WaterQualityModel(station);
      ZonedDateTime time = ZonedDateTime.parse("2026-05-01T00:00:00+08:00[Asia/Shanghai]");
      int samples = 0;
      int classIiiOrBetter = 0;
      for (int minute = 0; minute < 7 * 24 * 60; minute += 5) {
        WaterSample s = model.sample(time.plusMinutes(minute));
        samples++;
        // GB 3838 class III: DO ≥ 5, CODMn ≤ 6, NH3-N ≤ 1.0, TP (river) ≤ 0.2
        if (s.dissolvedOxygen() >= 5
            && s.permanganateIndex() <= 6
            && s.ammonia() <= 1.0
            && s.totalPhosphorus() <= 0.2) {
          classIiiOrBetter++;
        }
        assertThat(s.ph()).isBetween(7.0, 9.0);
      }
      assertThat((double) classIiiOrBetter / samples).as(station).isGreaterThan(0.9);
    }
  }

  @Test
  void the_river_is_cold_in_january_and_warm_in_july() {
    WaterQualityModel model = new WaterQualityModel("hh-xiaheyan");
    WaterSample january = model.sample(ZonedDateTime.parse("2026-01-15T12:00:00+08:00"));
    WaterSample july = model.sample(ZonedDateTime.parse("2026-07-15T12:00:00+08:00"));

    assertThat(january.temperature()).isBetween(0.0, 5.0);
    assertThat(july.temperature()).isBetween(18.0, 27.0);
    assertThat(january.dissolvedOxygen()).isGreaterThan(july.dissolvedOxygen());
  }
}
