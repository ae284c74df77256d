package io.helan.hmi;

import static org.awaitility.Awaitility.await;

import io.helan.server.HelanServer;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A real headless Chromium (Debian's chromium and chromedriver) on the HMI of a running server:
 * signs in through the login page, waits for conditions (never fixed sleeps) and saves screenshots
 * under target/screenshots.
 */
final class HmiBrowser implements AutoCloseable {
  /**
   * Long enough for a first page load on a machine at load average 80; conditions end it sooner.
   */
  static final Duration WAIT = Duration.ofSeconds(60);

  static final Path SCREENSHOTS = Path.of("target", "screenshots");

  /** Demo users of the simulated default site and their public passwords. */
  static final List<String> DEMO_USERS = List.of("viewer", "operator", "maintainer", "commander");

  final HelanServer server;
  final WebDriver driver;
  private final Path profile;

  /** Where the browser saves downloads (inside its profile). */
  final Path downloads;

  HmiBrowser(HelanServer server, int width, int height) throws IOException {
    this.server = server;
    this.profile = Files.createTempDirectory("helan-chromium");
    this.downloads = Files.createDirectories(profile.resolve("downloads"));
    ChromeOptions options = new ChromeOptions();
    options.setExperimentalOption(
        "prefs",
        Map.of(
            "download.default_directory",
            downloads.toString(),
            "download.prompt_for_download",
            false));
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
        "--window-size=" + width + "," + height,
        "--user-data-dir=" + profile);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File("/usr/bin/chromedriver"))
            .usingAnyFreePort()
            .build();
    driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(WAIT);
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.httpPort() + path;
  }

  void open(String path) {
    driver.get(url(path));
  }

  /** Signs in through the login page (demo password "<user>-demo") and waits for live data. */
  void login(String user) {
    open("/login");
    until(b -> b.findElement(By.cssSelector("[data-testid=login-user]")).isDisplayed());
    type("login-user", user);
    type("login-password", user + "-demo");
    click("login-submit");
    until(b -> !b.getCurrentUrl().contains("/login"));
    waitLive();
  }

  void waitLive() {
    until(b -> "open".equals(attribute("[data-testid=ws-state]", "data-state")));
  }

  /** A session token from POST /api/login, for kiosk URLs and REST set-up. */
  String token(String user) throws IOException, InterruptedException {
    HttpResponse<String> response =
        post("/api/login", null, "{\"user\":\"" + user + "\",\"password\":\"" + user + "-demo\"}");
    Matcher m = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"").matcher(response.body());
    if (!m.find()) {
      throw new IllegalStateException("login failed: " + response.body());
    }
    return m.group(1);
  }

  /** POSTs a JSON body, with the session token when one is given, for REST set-up and clean-up. */
  HttpResponse<String> post(String path, String token, String json)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url(path)))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  void type(String testId, String text) {
    WebElement input = driver.findElement(testId(testId));
    input.clear();
    input.sendKeys(text);
  }

  void click(String testId) {
    until(
        b -> {
          b.findElement(testId(testId)).click();
          return true;
        });
  }

  static By testId(String id) {
    return By.cssSelector("[data-testid='" + id + "']");
  }

  String attribute(String css, String name) {
    return driver.findElement(By.cssSelector(css)).getDomAttribute(name);
  }

  List<WebElement> all(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  /** Polls the page until the condition holds; elements may re-render between polls. */
  void until(Predicate<WebDriver> condition) {
    until(WAIT, condition);
  }

  void until(Duration atMost, Predicate<WebDriver> condition) {
    await()
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(100))
        .ignoreExceptions()
        .until(() -> condition.test(driver));
  }

  /** Saves what the browser shows as target/screenshots/{name}.png. */
  void screenshot(String name) throws IOException {
    Files.createDirectories(SCREENSHOTS);
    File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
    Files.copy(
        shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }

  @Override
  public void close() {
    driver.quit();
  }
}
