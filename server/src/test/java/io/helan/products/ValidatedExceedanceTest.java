package io.helan.products;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.helan.driver.DataFlag;
import io.helan.driver.Quality;
import io.helan.driver.SampleBatch;
import io.helan.testing.ProductsServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a running server, a source's validated hourly average at reference O2 above its permit limit
 * opens an enforcement notice and raises the exceedance alarm; an hour whose high values were
 * flagged C (calibration) opens none, since those values are not in its validated mean.
 */
class ValidatedExceedanceTest {
  static final String SO2 = "yc-plant.cems.so2";
  static final String O2 = "yc-plant.cems.o2";

  @Test
  void aValidatedHourAboveThePermitLimitOpensANoticeAndCalibrationValuesDoNot(@TempDir Path dir)
      throws Exception {
    try (ProductsServer products = new ProductsServer(dir)) {
      Instant exceeding = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(3, ChronoUnit.HOURS);
      Instant calibrated = exceeding.plus(1, ChronoUnit.HOURS);
      for (int minute = 0; minute < 60; minute++) {
        // 40 mg/m³ at 9 % O2: 50 at the 6 % reference, above the limit of 35
        ingest(products, exceeding.plus(minute, ChronoUnit.MINUTES), 40, DataFlag.N);
        // the next hour: 10 minutes of calibration gas at 500, flagged C, the rest at 20 (25 at
        // the reference); counted, the gas would make the hour 100 (125), above the limit
        ingest(
            products,
            calibrated.plus(minute, ChronoUnit.MINUTES),
            minute < 10 ? 500 : 20,
            minute < 10 ? DataFlag.C : DataFlag.N);
      }
      assertThat(products.server.alarms().notices()).as("raw readings open nothing").isEmpty();
      products.server.recomputation().runOnce();

      String token = products.login("viewer");
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                JsonArray notices =
                    new JsonArray(products.get("/api/enforcement-notices", token).body());
                assertThat(notices).hasSize(1);
                JsonObject notice = notices.getJsonObject(0);
                assertThat(notice.getString("point")).isEqualTo(SO2);
                assertThat(notice.getString("periodStart")).isEqualTo(exceeding.toString());
                assertThat(notice.getString("periodEnd")).isEqualTo(calibrated.toString());
              });
      assertThat(products.server.alarms().notices().get(0).readings())
          .singleElement()
          .satisfies(reading -> assertThat(reading.value()).isEqualTo(50.0));
      // the latest validated hour (the calibrated one, 25 at reference O2) is compliant: the
      // alarm was raised and has returned
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(
                          products.server.alarms().current().stream()
                              .filter(a -> a.id().equals(SO2 + "/EMISSION_EXCEEDANCE"))
                              .map(a -> a.state().name()))
                      .containsExactly("RETURNED_UNACKNOWLEDGED"));
    }
  }

  static void ingest(ProductsServer products, Instant time, double so2, DataFlag flag) {
    SampleBatch batch = new SampleBatch(2);
    long micros = time.toEpochMilli() * 1000;
    batch.add(index(products, SO2), micros, so2, Quality.GOOD, flag);
    batch.add(index(products, O2), micros, 9, Quality.GOOD, flag);
    products.server.ingest().accept(batch);
  }

  static int index(ProductsServer products, String point) {
    return products.server.site().point(point).orElseThrow().index();
  }
}
