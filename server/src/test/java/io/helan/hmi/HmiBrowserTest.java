package io.helan.hmi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.helan.config.ModbusTcpConnection;
import io.helan.config.Station;
import io.helan.server.HelanServer;
import io.helan.testing.DefaultSiteServer;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * The HMI in a real headless Chromium against the running server: every station listed live, a
 * station's points shown with their values, and a lost link shown as stale, never as live.
 */
@ExtendWith(DefaultSiteServer.class)
class HmiBrowserTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  static HelanServer server;
  static WebDriver browser;
  static Path profile;

  @BeforeAll
  static void openBrowser(HelanServer running) throws Exception {
    server = running;
    profile = Files.createTempDirectory("helan-chromium");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(new File("/usr/bin/chromium"));
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1600,1000",
        "--user-data-dir=" + profile);
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File("/usr/bin/chromedriver"))
            .usingAnyFreePort()
            .build();
    browser = new ChromeDriver(service, options);
    browser.manage().timeouts().pageLoadTimeout(WAIT);
  }

  @AfterAll
  static void closeBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  void wallDisplayShowsLiveStationsAndStaleDataLooksStale() throws Exception {
    String token = server.users().addDisplay("browser-test-wall");
    browser.get("http://127.0.0.1:" + server.httpPort() + "/?token=" + token);
    until(
        b ->
            "open"
                .equals(
                    b.findElement(By.cssSelector("[data-testid=ws-state]"))
                        .getDomAttribute("data-state")));
    until(b -> rows(b).size() == server.site().stations().size());

    Station station =
        server.site().stations().stream()
            .filter(s -> s.devices().get(0).connection() instanceof ModbusTcpConnection)
            .findFirst()
            .orElseThrow();
    By row = By.cssSelector("[data-testid=station-row][data-station-id='" + station.id() + "']");
    browser.findElement(row).click();
    String firstPoint = station.devices().get(0).points().get(0).id();
    By value = By.cssSelector("[data-testid=point-value][data-point-id='" + firstPoint + "']");
    until(b -> "good".equals(b.findElement(value).getDomAttribute("data-state")));
    assertThat(browser.findElement(value).getText()).containsPattern("[0-9]");
    List<WebElement> points = browser.findElements(By.cssSelector("[data-testid=point-value]"));
    assertThat(points).hasSize(station.devices().get(0).points().size());

    // The trend (ECharts on a canvas) draws under the server's Content Security Policy.
    browser
        .findElement(By.cssSelector("[data-testid=point-row][data-point-id='" + firstPoint + "']"))
        .click();
    By trend = By.cssSelector("[data-testid=trend][data-point-id='" + firstPoint + "']");
    until(b -> "ready".equals(b.findElement(trend).getDomAttribute("data-status")));
    assertThat(browser.findElement(trend).findElements(By.tagName("canvas"))).isNotEmpty();
    assertThat(browser.manage().logs().get(LogType.BROWSER).getAll())
        .map(LogEntry::getMessage)
        .noneMatch(message -> message.contains("Content Security Policy"));

    server.simulators().orElseThrow().stopStation(station.id());
    try {
      until(
          b -> {
            String state = b.findElement(value).getDomAttribute("data-state");
            return "bad".equals(state) || "stale".equals(state);
          });
      // The row opened the station's display, whose mimic shows the link state.
      By mimic = By.cssSelector("[data-testid=mimic]");
      until(b -> "offline".equals(b.findElement(mimic).getDomAttribute("data-link")));
    } finally {
      server.simulators().orElseThrow().startStation(station.id());
    }
    until(b -> "good".equals(b.findElement(value).getDomAttribute("data-state")));
  }

  /** Polls the page until the condition holds; elements may re-render between polls. */
  private static void until(Predicate<WebDriver> condition) {
    await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(200))
        .ignoreExceptions()
        .until(() -> condition.test(browser));
  }

  private static List<WebElement> rows(WebDriver browser) {
    return browser.findElements(By.cssSelector("[data-testid=station-row]"));
  }
}
