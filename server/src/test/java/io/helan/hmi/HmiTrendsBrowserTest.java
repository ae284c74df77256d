package io.helan.hmi;

import static org.assertj.core.api.Assertions.assertThat;

import io.helan.config.ModbusTcpConnection;
import io.helan.config.Point;
import io.helan.config.Station;
import io.helan.server.HelanServer;
import io.helan.testing.DefaultSiteServer;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.interactions.WheelInput;

/**
 * Trends on the real server: two points of a station on one chart, history plus the live tail; a
 * mouse-wheel zoom that fetches the visible span again at a finer step, and a CSV of exactly what
 * the chart shows.
 */
@ExtendWith(DefaultSiteServer.class)
class HmiTrendsBrowserTest {
  static final String VIEW = "[data-testid=trends-view]";
  static HmiBrowser browser;

  @BeforeAll
  static void openBrowser(HelanServer server) throws Exception {
    browser = new HmiBrowser(server, 1600, 1000);
  }

  @AfterAll
  static void closeBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  @Test
  void twoPointsOnOneChartFollowingLive() throws Exception {
    Station station =
        browser.server.site().stations().stream()
            .filter(s -> s.devices().get(0).connection() instanceof ModbusTcpConnection)
            .filter(s -> s.id().startsWith("yc-"))
            .findFirst()
            .orElseThrow();
    List<Point> points = station.devices().get(0).points().subList(0, 2);
    browser.login("operator");
    browser.open("/trends");
    browser.waitLive();
    // Choose the station in the list as a user does (the select's change event).
    browser.until(
        b ->
            (Boolean)
                ((JavascriptExecutor) b)
                    .executeScript(
                        "const s = document.querySelector('[data-testid=trend-station]');"
                            + " if (![...s.options].some(o => o.value === arguments[0])) return false;"
                            + " s.value = arguments[0];"
                            + " s.dispatchEvent(new Event('change')); return true;",
                        station.id()));
    for (Point point : points) {
      String box = "[data-testid=trend-point][data-point-id='" + point.id() + "']";
      browser.until(
          b -> {
            browser.all(box).get(0).click();
            return true;
          });
    }
    browser.until(b -> "2".equals(view("data-series")) && "ready".equals(view("data-status")));
    assertThat(browser.all("[data-testid=trend-chart] canvas")).isNotEmpty();

    // The live tail: pushed samples extend the chart without a reload.
    browser.until(b -> number("data-newest") > 0);
    long newest = number("data-newest");
    browser.until(b -> number("data-newest") > newest);
    browser.screenshot("trends-live");
  }

  @Test
  void zoomReQueriesAtAFinerStepAndCsvIsWhatIsShown() throws Exception {
    twoPointsOnOneChartFollowingLive();

    // Zoom: a day at 5-minute steps, then the mouse wheel at the right edge of the plot (the
    // present) narrows the span, and the visible part is fetched again at a finer step. Each
    // wheel tick zooms by 1.1; every tick waits for its re-query, and a day needs ~10 ticks to
    // come under 10 hours (1-minute steps). The wheel goes through Chromium's input pipeline to
    // the chart's canvas as a user's does; it only reaches the chart if the canvas fills its box.
    browser.click("trend-range-24h");
    browser.until(b -> "5m".equals(view("data-step")) && "ready".equals(view("data-status")));
    WebElement chart = browser.driver.findElement(HmiBrowser.testId("trend-chart"));
    // The plot ends 30 px before the chart's right edge; 3 px inside it the zoom keeps the
    // present in view, so the chart keeps following the live tail.
    int atThePresent = chart.getSize().getWidth() / 2 - 33;
    for (int tick = 0; tick < 30 && "5m".equals(view("data-step")); tick++) {
      long loads = number("data-loads");
      new Actions(browser.driver)
          .scrollFromOrigin(WheelInput.ScrollOrigin.fromElement(chart, atThePresent, 0), 0, -120)
          .perform();
      browser.until(b -> number("data-loads") > loads && "ready".equals(view("data-status")));
    }
    assertThat(view("data-step")).isIn("10s", "30s", "1m");
    assertThat(view("data-following")).isEqualTo("true");
    assertThat(number("data-to") - number("data-from")).isLessThan(10 * 3_600_000L);
    browser.until(b -> number("data-newest") > 0);
    browser.screenshot("trends-zoomed");

    // The CSV holds the shown series and only samples inside the shown window (read together:
    // the window follows the present).
    @SuppressWarnings("unchecked")
    Map<String, Object> shown =
        (Map<String, Object>)
            ((JavascriptExecutor) browser.driver)
                .executeScript(
                    "const v = document.querySelector('[data-testid=trends-view]');"
                        + " return { href: document.querySelector('[data-testid=trend-csv]').href,"
                        + " from: v.dataset.from, to: v.dataset.to };");
    String href = (String) shown.get("href");
    String csv = URLDecoder.decode(href.substring(href.indexOf(',') + 1), StandardCharsets.UTF_8);
    List<String> lines = csv.lines().toList();
    assertThat(lines.get(0).split(",")).hasSize(3).startsWith("time");
    List<String> rows = lines.subList(1, lines.size());
    assertThat(rows).isNotEmpty();
    long from = Long.parseLong((String) shown.get("from"));
    long to = Long.parseLong((String) shown.get("to"));
    for (String row : rows) {
      String[] cells = row.split(",", -1);
      assertThat(cells).hasSize(3);
      long time = Instant.parse(cells[0]).toEpochMilli();
      assertThat(time).isBetween(from, to);
      assertThat(Arrays.stream(cells).skip(1).anyMatch(c -> !c.isEmpty())).isTrue();
    }
  }

  private static String view(String attribute) {
    return browser.attribute(VIEW, attribute);
  }

  private static long number(String attribute) {
    return Long.parseLong(view(attribute));
  }
}
