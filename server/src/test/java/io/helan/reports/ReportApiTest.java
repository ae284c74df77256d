package io.helan.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.helan.aggregates.ValidatedAverages;
import io.helan.driver.DataFlag;
import io.helan.driver.Quality;
import io.helan.driver.SampleBatch;
import io.helan.testing.ProductsServer;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reports over HTTP on a running server: the body of a generation request is read (a day not ended
 * is refused with that reason, not as a missing day), and a background job is polled to DONE and
 * its PDF downloaded.
 */
class ReportApiTest {
  static final String POINT = "yc-a.aqm.pm25";

  @Test
  void aReportJobIsPolledToItsEndAndItsPdfDownloaded(@TempDir Path dataDir) throws Exception {
    try (ProductsServer products = new ProductsServer(dataDir)) {
      LocalDate day = LocalDate.now(ValidatedAverages.NETWORK_ZONE).minusDays(2);
      Instant start = day.atStartOfDay(ValidatedAverages.NETWORK_ZONE).toInstant();
      SampleBatch batch = new SampleBatch(60);
      int index = products.server.site().point(POINT).orElseThrow().index();
      for (int minute = 0; minute < 60; minute++) {
        long micros = start.plus(minute, ChronoUnit.MINUTES).toEpochMilli() * 1000;
        batch.add(index, micros, 30 + minute % 3, Quality.GOOD, DataFlag.N);
      }
      products.server.ingest().accept(batch);
      products.server.recomputation().runOnce();
      String token = products.login("operator");

      String future = LocalDate.now(ValidatedAverages.NETWORK_ZONE).plusDays(2).toString();
      for (String path : new String[] {"/api/reports", "/api/report-jobs"}) {
        HttpResponse<String> refused =
            products.send("POST", path, new JsonObject().put("day", future).encode(), token);
        assertThat(refused.statusCode()).as(path).isEqualTo(400);
        assertThat(new JsonObject(refused.body()).getString("error"))
            .as(path)
            .contains("has not ended");
      }

      HttpResponse<String> submitted =
          products.send(
              "POST",
              "/api/report-jobs",
              new JsonObject().put("day", day.toString()).encode(),
              token);
      assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
      String job = new JsonObject(submitted.body()).getString("id");
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  new JsonObject(products.get("/api/report-jobs/" + job, token).body())
                      .getString("step")
                      .equals("DONE"));
      JsonObject done = new JsonObject(products.get("/api/report-jobs/" + job, token).body());
      assertThat(done.getInteger("percent")).isEqualTo(100);
      assertThat(done.getJsonObject("revision").getString("id")).isEqualTo("daily-" + day);

      HttpResponse<String> pdf = products.get("/api/reports/daily-" + day + "/pdf", token);
      assertThat(pdf.statusCode()).isEqualTo(200);
      assertThat(pdf.body()).startsWith("%PDF");
    }
  }
}
