package io.helan.hmi;

import static org.assertj.core.api.Assertions.assertThat;

import io.helan.aggregates.Mean;
import io.helan.aggregates.MeanPeriod;
import io.helan.aggregates.ValidatedAverages;
import io.helan.config.Point;
import io.helan.driver.DataFlag;
import io.helan.driver.Quality;
import io.helan.driver.SampleBatch;
import io.helan.server.HelanServer;
import io.helan.testing.DefaultSiteServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

/**
 * Data products on the HMI against the real server and its simulators: a reviewer enters a
 * correction with a reason and sees it in the list with who and when (a refusal shows the server's
 * reason); a report for an ended day is generated with its progress and downloaded as a PDF, then
 * the same day's report of one station picked from the server's list, downloaded as XLSX; the
 * hourly AQI beside a marker and in the station panel is exactly what the server has.
 */
@ExtendWith(DefaultSiteServer.class)
class HmiProductsBrowserTest {
  /** The station whose past hours the tests write: the simulators never reached them. */
  static final String STATION = "yc-helanshan-donglu";

  static HmiBrowser browser;

  @BeforeAll
  static void openBrowser(HelanServer server) throws Exception {
    browser = new HmiBrowser(server, 1600, 1000);
  }

  /** What the browser showed when a test ended, failed or not (test names are unique). */
  @AfterEach
  void lastScreen(TestInfo test) throws Exception {
    browser.screenshot("products-end-" + test.getTestMethod().orElseThrow().getName());
  }

  @AfterAll
  static void closeBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  @Test
  void aReviewerCorrectsAPeriodAndSeesTheCorrection() throws Exception {
    String point = "yc-xinghuayuan.aqm.so2";
    browser.login("reviewer");
    browser.open("/validation");
    browser.waitLive();
    choose("validation-station", "yc-xinghuayuan");
    choose("validation-point", point);
    // the simulator's samples of the last hours, raw beside validated
    browser.until(
        b -> {
          if (!"ready".equals(view("data-status")) || Integer.parseInt(view("data-raw")) == 0) {
            browser.click("validation-show");
            return false;
          }
          return true;
        });

    // the server refuses a correction where there is no data, and says why
    setInput("validation-form-from", "2001-01-01T10:00");
    setInput("validation-form-to", "2001-01-01T11:00");
    browser.type("validation-value", "12.5");
    browser.type("validation-reason", "zero drift after calibration");
    browser.click("validation-submit");
    browser.until(b -> !browser.all("[data-testid=validation-refusal]").isEmpty());
    String refusal = browser.driver.findElement(HmiBrowser.testId("validation-refusal")).getText();
    assertThat(refusal).doesNotContain("HTTP 400").hasSizeGreaterThan("Not recorded: ".length());

    // no reason, no correction: the form says so and sends nothing
    long rowsBefore = browser.all("[data-testid=validation-row]").size();
    browser.type("validation-reason", " ");
    browser.click("validation-submit");
    browser.until(b -> !browser.all("[data-testid=validation-form-message]").isEmpty());

    // the last ten minutes of the simulator's samples, corrected with a reason
    LocalDateTime now = LocalDateTime.now(ZoneId.systemDefault()).truncatedTo(ChronoUnit.MINUTES);
    setInput("validation-form-from", now.minusMinutes(10).toString());
    setInput("validation-form-to", now.toString());
    String reason = "zero drift after calibration " + System.nanoTime();
    browser.type("validation-reason", reason);
    browser.click("validation-submit");
    browser.until(b -> !browser.all("[data-testid=validation-recorded]").isEmpty());
    browser.until(
        b ->
            browser.all("[data-testid=validation-row]").stream()
                .anyMatch(
                    r ->
                        r.getText().contains(reason)
                            && "reviewer".equals(r.getDomAttribute("data-user"))
                            && "correct".equals(r.getDomAttribute("data-action"))));
    assertThat(browser.all("[data-testid=validation-row]")).hasSize((int) rowsBefore + 1);
    browser.screenshot("validation-correction");

    // a viewer sees the data and the list, not the actions
    browser.login("viewer");
    browser.open("/validation");
    browser.until(b -> !browser.all("[data-testid=validation-read-only]").isEmpty());
    assertThat(browser.all("[data-testid=validation-form]")).isEmpty();
  }

  @Test
  void aReportIsGeneratedWithProgressAndDownloaded() throws Exception {
    // yesterday in the network's zone, written as a logger's backfill would arrive
    ZoneId zone = ValidatedAverages.NETWORK_ZONE;
    LocalDate day = LocalDate.now(zone).minusDays(1);
    Point so2 = point(STATION + ".aqm.so2");
    Instant midnight = day.atStartOfDay(zone).toInstant();
    backfill(so2, midnight, 24 * 60, 20);
    browser.until(b -> anyValidHour(so2, midnight, midnight.plus(1, ChronoUnit.DAYS)));

    browser.login("operator");
    browser.open("/reports");
    browser.waitLive();
    choose("report-kind", "daily");

    // a day that has not ended: the server's reason
    setInput("report-period", LocalDate.now(zone).plusDays(2).toString());
    browser.click("report-generate");
    browser.until(
        b ->
            browser
                .driver
                .findElement(HmiBrowser.testId("report-refusal"))
                .getText()
                .contains("has not ended"));

    setInput("report-period", day.toString());
    browser.click("report-generate");
    browser.until(b -> !browser.all("[data-testid=report-job]").isEmpty());
    browser.until(b -> "DONE".equals(browser.attribute("[data-testid=report-job]", "data-step")));
    assertThat(browser.attribute("[data-testid=report-job]", "data-percent")).isEqualTo("100");
    String id = "daily-" + day;
    browser.until(
        b ->
            browser.all("[data-testid=report-row]").stream()
                .anyMatch(r -> id.equals(r.getDomAttribute("data-report-id"))));
    browser.screenshot("reports-generated");

    browser.click("report-job-pdf");
    Path pdf = browser.downloads.resolve(id + ".pdf");
    browser.until(b -> Files.isRegularFile(pdf) && sizeOf(pdf) > 4);
    byte[] head = Arrays.copyOf(Files.readAllBytes(pdf), 4);
    assertThat(new String(head, StandardCharsets.US_ASCII)).isEqualTo("%PDF");
    assertThat(browser.attribute("[data-testid=reports-view]", "data-downloaded"))
        .startsWith(id + ".pdf:");

    // the same day for the station alone, picked from the server's list of stations
    String regionJob = browser.attribute("[data-testid=report-job]", "data-job-id");
    choose("report-scope-kind", "station");
    choose("report-scope-id", STATION);
    browser.click("report-generate");
    browser.until(
        b ->
            !regionJob.equals(browser.attribute("[data-testid=report-job]", "data-job-id"))
                && "DONE".equals(browser.attribute("[data-testid=report-job]", "data-step")));
    String stationId = id + ".station-" + STATION;
    String row = "[data-testid=report-row][data-report-id='" + stationId + "']";
    browser.until(b -> !browser.all(row).isEmpty());
    assertThat(browser.all(row + " [data-scope-kind=station]")).hasSize(1);
    browser.screenshot("reports-station-generated");
    browser.click("report-job-xlsx");
    Path xlsx = browser.downloads.resolve(stationId + ".xlsx");
    browser.until(b -> Files.isRegularFile(xlsx) && sizeOf(xlsx) > 4);
    assertThat(browser.attribute("[data-testid=reports-view]", "data-downloaded"))
        .startsWith(stationId + ".xlsx:");
  }

  @Test
  void theMarkerAndThePanelShowTheHourlyAqiTheServerHas() throws Exception {
    // the last ended hour of NO2 at 1,000 µg/m³ (IAQI 180, moderately polluted) where no
    // simulator wrote before the server started
    Point no2 = point(STATION + ".aqm.no2");
    Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(1, ChronoUnit.HOURS);
    backfill(no2, hour, 60, 1000);
    browser.until(b -> anyValidHour(no2, hour, hour.plus(1, ChronoUnit.HOURS)));
    String token = browser.token("viewer");
    browser.until(b -> aqiOf(token, STATION) != null);

    browser.login("viewer");
    browser.open("/overview");
    browser.waitLive();
    String marker = "[data-testid=map-marker][data-station-id='" + STATION + "']";
    browser.until(
        b -> String.valueOf(aqiOf(token, STATION)).equals(browser.attribute(marker, "data-aqi")));
    // a station the server has no AQI for shows none, not 0
    for (WebElement li : browser.all("[data-testid=map-marker]")) {
      if (li.getDomAttribute("data-aqi").isEmpty()) {
        assertThat(li.getDomProperty("textContent")).doesNotContain("AQI");
      }
    }
    browser.screenshot("overview-aqi");

    browser.open("/stations/" + STATION);
    browser.until(
        b ->
            String.valueOf(aqiOf(token, STATION))
                .equals(browser.attribute("[data-testid=station-aqi]", "data-aqi")));
    browser.screenshot("station-aqi");
  }

  /** The station's AQI as the server gives it, null when it has none. */
  private static Integer aqiOf(String token, String station) {
    HttpResponse<String> answer;
    try {
      answer =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(browser.url("/api/aqi/stations")))
                      .header("Authorization", "Bearer " + token)
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
    JsonArray rows = new JsonObject(answer.body()).getJsonArray("rows");
    for (int i = 0; i < rows.size(); i++) {
      if (station.equals(rows.getJsonObject(i).getString("station"))) {
        return rows.getJsonObject(i).getInteger("aqi");
      }
    }
    return null;
  }

  /** A minute sample of the point for {@code minutes} from {@code start}, straight to storage. */
  private static void backfill(Point point, Instant start, int minutes, double value) {
    HelanServer server = browser.server;
    SampleBatch batch = new SampleBatch(minutes);
    for (int m = 0; m < minutes; m++) {
      long micros = start.plus(m, ChronoUnit.MINUTES).toEpochMilli() * 1000;
      batch.add(point.index(), micros, value + (m % 5), Quality.GOOD, DataFlag.N);
    }
    server.historian().append(batch);
    server.recomputation().onBatch(batch, 0);
  }

  private static boolean anyValidHour(Point point, Instant from, Instant to) {
    try {
      browser.server.recomputation().runOnce();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    List<Mean> hours = browser.server.means().means(point.id(), MeanPeriod.HOUR, from, to);
    return hours.stream().anyMatch(Mean::isValid);
  }

  private static Point point(String id) {
    return browser.server.site().point(id).orElseThrow();
  }

  private static long sizeOf(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return 0;
    }
  }

  private static String view(String attribute) {
    return browser.attribute("[data-testid=validation-view]", attribute);
  }

  /** Chooses an option of a select as a user does (the select's change event). */
  private static void choose(String testId, String value) {
    browser.until(
        b ->
            (Boolean)
                ((JavascriptExecutor) b)
                    .executeScript(
                        "const s = document.querySelector(\"[data-testid='\" + arguments[0] + \"']\");"
                            + " if (![...s.options].some(o => o.value === arguments[1])) return false;"
                            + " s.value = arguments[1];"
                            + " s.dispatchEvent(new Event('change')); return true;",
                        testId,
                        value));
  }

  /** Sets a date or time input as the browser's own picker does (its input event). */
  private static void setInput(String testId, String value) {
    ((JavascriptExecutor) browser.driver)
        .executeScript(
            "const i = document.querySelector(\"[data-testid='\" + arguments[0] + \"']\");"
                + " i.value = arguments[1]; i.dispatchEvent(new Event('input'));",
            testId,
            value);
  }
}
