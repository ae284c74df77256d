package io.helan.simulator.environment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

class AirQualityModelTest {

  /** A fortnight of minute samples from a station, starting at local midnight on {@code day}. */
  private static List<Timed> fortnight(String stationId, String day) {
    AirQualityModel model = new AirQualityModel(stationId);
    ZonedDateTime time = ZonedDateTime.parse(day + "T00:00:00+08:00[Asia/Shanghai]");
    List<Timed> samples = new ArrayList<>();
    for (int minute = 0; minute < 14 * 24 * 60; minute++) {
      samples.add(new Timed(time, model.sample(time)));
      time = time.plusMinutes(1);
    }
    return samples;
  }

  private record Timed(ZonedDateTime time, AirSample sample) {}

  private static double meanAtHour(List<Timed> samples, int hour, ToDoubleFunction<AirSample> f) {
    return samples.stream()
        .filter(t -> t.time().getHour() == hour)
        .mapToDouble(t -> f.applyAsDouble(t.sample()))
        .average()
        .orElseThrow();
  }

  private static double median(List<Timed> samples, ToDoubleFunction<AirSample> f) {
    double[] values =
        samples.stream().mapToDouble(t -> f.applyAsDouble(t.sample())).sorted().toArray();
    return values[values.length / 2];
  }

  @Test
  void typical_levels_are_those_of_a_ningxia_city() {
    for (String station : List.of("yc-xinghuayuan", "szs-damowan", "gy-shiyuan")) {
      List<Timed> spring = fortnight(station, "2026-04-10");
      List<Timed> winter = fortnight(station, "2026-01-10");

      assertThat(median(spring, AirSample::pm25)).as(station + " PM2.5").isBetween(15.0, 80.0);
      assertThat(median(spring, AirSample::pm10)).as(station + " PM10").isBetween(40.0, 150.0);
      assertThat(median(spring, AirSample::co)).as(station + " CO").isBetween(0.3, 1.5);
      assertThat(median(spring, AirSample::so2)).as(station + " SO2").isBetween(4.0, 40.0);
      assertThat(median(spring, AirSample::no2)).as(station + " NO2").isBetween(10.0, 60.0);
      assertThat(median(winter, AirSample::temperature)).as("January °C").isBetween(-15.0, 0.0);
      assertThat(median(winter, AirSample::pm25))
          .as("heating season is dirtier")
          .isGreaterThan(median(spring, AirSample::pm25));
    }
  }

  @Test
  void follows_the_daily_rhythm() {
    List<Timed> summer = fortnight("yc-xinghuayuan", "2026-07-01");

    assertThat(meanAtHour(summer, 15, AirSample::o3))
        .as("ozone peaks mid-afternoon")
        .isGreaterThan(2 * meanAtHour(summer, 5, AirSample::o3));
    assertThat(meanAtHour(summer, 8, AirSample::no2))
        .as("morning rush hour")
        .isGreaterThan(meanAtHour(summer, 14, AirSample::no2));
    assertThat(meanAtHour(summer, 22, AirSample::pm25))
        .as("particles build up at night")
        .isGreaterThan(meanAtHour(summer, 15, AirSample::pm25));
    assertThat(meanAtHour(summer, 15, AirSample::temperature))
        .isGreaterThan(meanAtHour(summer, 5, AirSample::temperature) + 6);
  }

  @Test
  void every_value_stays_physical() {
    for (Timed timed : fortnight("nd-ningdong", "2026-03-20")) {
      AirSample s = timed.sample();
      assertThat(s.pm25()).isLessThan(s.pm10());
      assertThat(s.humidity()).isBetween(8.0, 98.0);
      assertThat(s.windSpeed()).isPositive();
      assertThat(s.windDirection()).isBetween(0.0, 359.0);
      assertThat(s.so2()).isPositive();
      assertThat(s.o3()).isPositive();
    }
  }
}
