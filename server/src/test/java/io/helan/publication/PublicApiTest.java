package io.helan.publication;

import static org.assertj.core.api.Assertions.assertThat;

import io.helan.driver.DataFlag;
import io.helan.driver.Quality;
import io.helan.driver.SampleBatch;
import io.helan.testing.ProductsServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The public API on a running server: no session needed, only hours released after the publication
 * delay, each AQI row with the means, IAQIs, AQI, primary pollutant and category that reproduce the
 * hand-computed HJ 633 values; a cache, and a rate limit per client.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PublicApiTest {
  static final int REQUESTS_PER_MINUTE = 40;
  @TempDir static Path dataDir;
  static ProductsServer products;
  static Instant now;

  @BeforeAll
  static void start() throws Exception {
    products =
        new ProductsServer(
            dataDir,
            new PublicationSettings(
                Duration.ofHours(2), Duration.ofSeconds(60), REQUESTS_PER_MINUTE));
    now = Instant.now();
    Instant first = now.truncatedTo(ChronoUnit.HOURS).minus(5, ChronoUnit.HOURS);
    // yc-a: SO2 100, NO2 150, CO 3, O3 250; yc-b: O3 150 (the same others); no PM at all
    Map<String, Double> station = Map.of("so2", 100.0, "no2", 150.0, "co", 3.0, "o3", 250.0);
    for (Instant minute = first;
        minute.isBefore(now);
        minute = minute.plus(1, ChronoUnit.MINUTES)) {
      SampleBatch batch = new SampleBatch(8);
      long micros = minute.toEpochMilli() * 1000;
      for (Map.Entry<String, Double> entry : station.entrySet()) {
        batch.add(
            index("yc-a.aqm." + entry.getKey()),
            micros,
            entry.getValue(),
            Quality.GOOD,
            DataFlag.N);
        double b = entry.getKey().equals("o3") ? 150 : entry.getValue();
        batch.add(index("yc-b.aqm." + entry.getKey()), micros, b, Quality.GOOD, DataFlag.N);
      }
      products.server.ingest().accept(batch);
    }
    products.server.recomputation().runOnce();
  }

  @AfterAll
  static void stop() {
    if (products != null) {
      products.close();
    }
  }

  @Test
  @Order(1)
  void onlyReleasedHoursAreServedWithoutASessionAndEachRowCanBeRecomputed() throws Exception {
    Instant released = now.minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.HOURS);
    HttpResponse<String> answer =
        products.get("/api/public/aqi/hourly?area=station:yc-a&hours=12", null);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    JsonObject body = new JsonObject(answer.body());
    assertThat(body.getString("releasedUntil")).isEqualTo(released.toString());
    JsonArray rows = body.getJsonArray("rows");
    assertThat(rows).hasSize(12);
    JsonObject last = rows.getJsonObject(11);
    assertThat(Instant.parse(last.getString("end"))).isEqualTo(released);
    assertThat(rows.stream().map(r -> Instant.parse(((JsonObject) r).getString("end"))))
        .allSatisfy(end -> assertThat(end).isBeforeOrEqualTo(released));

    // O3 1-h 250: (150 − 100) / (300 − 200) × (250 − 200) + 100 = 125; NO2 150: 75; SO2 100:
    // 33.3 → 34; CO 3: 30
    assertThat(last.getInteger("aqi")).isEqualTo(125);
    assertThat(last.getJsonArray("primary")).containsExactly("O3");
    assertThat(last.getString("category")).isEqualTo("轻度污染");
    assertThat(last.getString("colour")).isEqualTo("#FF7E00");
    assertThat(last.getJsonArray("missing")).containsExactly("PM10", "PM2.5");
    assertThat(last.getJsonObject("means").getDouble("O3_1H")).isEqualTo(250.0);
    assertThat(
            last.getJsonArray("iaqi").stream()
                .map(
                    i ->
                        ((JsonObject) i).getString("pollutant")
                            + "="
                            + ((JsonObject) i).getInteger("iaqi"))
                .toList())
        .containsExactly("SO2=34", "NO2=75", "CO=30", "O3=125");
    JsonObject empty = rows.getJsonObject(0);
    assertThat(empty.getValue("aqi")).as("before the data: no AQI").isNull();

    // the operators see the hours not yet released, behind a login
    assertThat(products.get("/api/aqi/hourly?area=station:yc-a", null).statusCode()).isEqualTo(401);
    JsonArray operators =
        new JsonObject(
                products
                    .get(
                        "/api/aqi/hourly?area=region:yinchuan&from=" + released + "&to=" + now,
                        products.login("viewer"))
                    .body())
            .getJsonArray("rows");
    assertThat(operators.size()).isGreaterThanOrEqualTo(2);
    // the city: O3 mean of 250 and 150 = 200, on the breakpoint: IAQI 100
    JsonObject city = operators.getJsonObject(0);
    assertThat(city.getJsonArray("stations")).containsExactly("yc-a", "yc-b");
    assertThat(city.getInteger("aqi")).isEqualTo(100);
    assertThat(city.getString("category")).isEqualTo("良");
  }

  @Test
  @Order(2)
  void thePublicPageShowsTheReleasedHourWithoutASession() throws Exception {
    HttpResponse<String> page = products.get("/public", null);
    assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
    String html = page.body();
    assertThat(html).contains("<html lang=\"zh-CN\">", "空气质量指数", "数据经审核后延迟发布");
    // the released hour of yc-a: AQI 125 by O3, 轻度污染; the city's AQI 100, 良
    assertThat(row(html, "银川甲站")).contains("<td>125</td>", "O3", "轻度污染", "#FF7E00");
    assertThat(row(html, "银川市")).contains("<td>100</td>", "良");
    assertThat(row(html, "石嘴山甲站")).contains("无有效数据");
    Instant released = now.minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.HOURS);
    String lastHour =
        java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .format(
                released.minus(1, ChronoUnit.HOURS).atZone(java.time.ZoneId.of("Asia/Shanghai")));
    assertThat(row(html, "银川甲站")).as("the last released hour, not a later one").contains(lastHour);
  }

  /** The table row of the page that names the area or station. */
  static String row(String html, String name) {
    int at = html.indexOf("<tr><td>" + name + "</td>");
    assertThat(at).as("a row for " + name).isNotNegative();
    return html.substring(at, html.indexOf("</tr>", at));
  }

  @Test
  @Order(3) // uses up this minute's requests
  void answersComeFromTheCacheAndEachClientIsRateLimited() throws Exception {
    String path = "/api/public/stations";
    List<Integer> statuses = new ArrayList<>();
    String first = null;
    for (int i = 0; i < REQUESTS_PER_MINUTE + 5; i++) {
      HttpResponse<String> answer = products.get(path, null);
      statuses.add(answer.statusCode());
      if (first == null) {
        first = answer.body();
      } else if (answer.statusCode() == 200) {
        assertThat(answer.body()).isEqualTo(first);
      }
    }
    assertThat(new JsonObject(first).getJsonArray("stations")).hasSize(6);
    assertThat(statuses).contains(429);
    assertThat(statuses.subList(0, 10)).containsOnly(200);
  }

  static int index(String point) {
    return products.server.site().point(point).orElseThrow().index();
  }
}
