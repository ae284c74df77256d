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
 * its PDF downloaded; a station's report is generated the same way with its scope, and bad scopes
 * are refused (404 for an unknown station or city, 400 otherwise) with nothing stored.
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

      // the scopes to pick from, then the same day for one station alone
      JsonObject scopes = new JsonObject(products.get("/api/report-scopes", token).body());
      assertThat(scopes.getJsonArray("scopes").stream().map(o -> ((JsonObject) o).getString("id")))
          .contains("yinchuan", "shizuishan", "yc-a", "yc-plant")
          .doesNotContain("yc-gamma");
      HttpResponse<String> station =
          products.send(
              "POST",
              "/api/report-jobs",
              new JsonObject()
                  .put("day", day.toString())
                  .put("scope", new JsonObject().put("kind", "station").put("id", "yc-a"))
                  .encode(),
              token);
      assertThat(station.statusCode()).as(station.body()).isEqualTo(202);
      JsonObject stationJob = new JsonObject(station.body());
      assertThat(stationJob.getJsonObject("scope").getString("id")).isEqualTo("yc-a");
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  new JsonObject(
                          products
                              .get("/api/report-jobs/" + stationJob.getString("id"), token)
                              .body())
                      .getString("step")
                      .equals("DONE"));
      String stationReport = "daily-" + day + ".station-yc-a";
      assertThat(products.get("/api/reports/" + stationReport + "/xlsx", token).statusCode())
          .isEqualTo(200);
      assertThat(new JsonObject(products.get("/api/reports", token).body()).getJsonArray("reports"))
          .anySatisfy(
              r ->
                  assertThat(((JsonObject) r).getJsonObject("scope"))
                      .isEqualTo(new JsonObject().put("kind", "station").put("id", "yc-a")));

      // bad scopes: 404 for a station or city the site does not have, 400 for the rest
      String[][] refusals = {
        {"{\"kind\": \"station\", \"id\": \"nowhere\"}", "404", "no station 'nowhere'"},
        {"{\"kind\": \"city\", \"id\": \"atlantis\"}", "404", "no city 'atlantis'"},
        {"{\"kind\": \"county\", \"id\": \"yc-a\"}", "400", "scope kind must be"},
        {"{\"kind\": \"station\", \"id\": \"yc-gamma\"}", "400", "is radiation-gamma"},
        {"\"yc-a\"", "400", "'scope' must be"},
        {"{\"kind\": \"station\", \"id\": \"yc-b\"}", "400", "no validated data for station"},
      };
      for (String[] refusal : refusals) {
        String body = "{\"day\": \"" + day + "\", \"scope\": " + refusal[0] + "}";
        HttpResponse<String> refused = products.send("POST", "/api/reports", body, token);
        assertThat(refused.statusCode()).as(body).isEqualTo(Integer.parseInt(refusal[1]));
        assertThat(new JsonObject(refused.body()).getString("error")).as(body).contains(refusal[2]);
      }
      assertThat(products.get("/api/reports/daily-" + day + ".station-yc-b", token).statusCode())
          .as("nothing generated")
          .isEqualTo(404);
    }
  }
}
