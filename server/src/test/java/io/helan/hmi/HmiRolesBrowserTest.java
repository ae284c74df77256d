package io.helan.hmi;

import static org.assertj.core.api.Assertions.assertThat;

import io.helan.auth.Role;
import io.helan.commands.CommandRules;
import io.helan.config.CommandDefinition;
import io.helan.config.Device;
import io.helan.config.Station;
import io.helan.server.HelanServer;
import io.helan.testing.DefaultSiteServer;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

/**
 * Signing in as each demo role shows that role's actions and no others; the language switches
 * between Chinese and English; a session that ends sends the user to the login page and back.
 */
@ExtendWith(DefaultSiteServer.class)
class HmiRolesBrowserTest {
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
  void eachRoleSeesOnlyItsOwnCommands() throws Exception {
    Station air = station("yc-xinghuayuan");
    Station radiation = station("yc-fushe");
    for (String user : HmiBrowser.DEMO_USERS) {
      Role role = Role.valueOf(user.toUpperCase(Locale.ROOT));
      browser.login(user);
      assertThat(browser.attribute("[data-testid=user]", "data-roles")).isEqualTo(role.name());
      assertThat(browser.all("[data-testid=nav-radiation]"))
          .hasSize(role == Role.COMMANDER ? 1 : 0);
      for (Station station : List.of(air, radiation)) {
        browser.open("/stations/" + station.id());
        browser.until(
            b ->
                station
                    .id()
                    .equals(browser.attribute("[data-testid=command-panel]", "data-loaded")));
        assertThat(shownCommands())
            .as(user + " at " + station.id())
            .isEqualTo(allowed(station, role));
        if (user.equals("maintainer") && station == air) {
          browser.until(
              b -> "online".equals(browser.attribute("[data-testid=mimic]", "data-link")));
          browser.screenshot("station-mimic");
        }
      }
      browser.click("logout");
      browser.until(b -> b.getCurrentUrl().endsWith("/login"));
    }
  }

  @Test
  void switchesBetweenChineseAndEnglish() throws Exception {
    browser.login("viewer");
    browser.open("/overview");
    browser.waitLive();
    String before = browser.driver.findElement(HmiBrowser.testId("nav-overview")).getText();
    boolean chinese = before.equals("总览");
    browser.click("locale-toggle");
    browser.until(
        b ->
            b.findElement(HmiBrowser.testId("nav-overview"))
                .getText()
                .equals(chinese ? "Overview" : "总览"));
    assertThat(browser.attribute("html", "lang")).isEqualTo(chinese ? "en" : "zh-CN");
    browser.screenshot(chinese ? "overview-en" : "overview-zh");
    browser.click("locale-toggle");
    browser.until(b -> b.findElement(HmiBrowser.testId("nav-overview")).getText().equals(before));
    browser.screenshot(chinese ? "overview-zh" : "overview-en");
  }

  @Test
  void anEndedSessionSendsTheUserToLoginAndBack() throws Exception {
    browser.login("operator");
    browser.open("/overview");
    browser.waitLive();
    // End the session on the server, behind the page's back (as an idle timeout would).
    ((JavascriptExecutor) browser.driver)
        .executeScript(
            "const s = JSON.parse(sessionStorage.getItem('helan.session'));"
                + "return fetch('/api/logout', {method: 'POST',"
                + " headers: {Authorization: 'Bearer ' + s.token}}).then(r => r.status)");
    // The next request, or the live socket the server closes at its next frame, finds the session
    // gone: whichever comes first sends the user to the login page, remembering where they were.
    String target = "/stations/yc-xinghuayuan";
    browser.until(
        b -> {
          if (!b.getCurrentUrl().contains("/login")) {
            b.findElement(
                    org.openqa.selenium.By.cssSelector(
                        "[data-testid=station-row][data-station-id='yc-xinghuayuan'] a"))
                .click();
          }
          return true;
        });
    browser.until(b -> b.getCurrentUrl().contains("/login"));
    String url = browser.driver.getCurrentUrl();
    assertThat(url).contains("redirect=");
    String redirect =
        URLDecoder.decode(
            url.substring(url.indexOf("redirect=") + "redirect=".length()).split("&")[0],
            StandardCharsets.UTF_8);
    assertThat(redirect).isIn("/overview", target);
    assertThat(browser.all("[data-testid=login-expired]")).hasSize(1);
    browser.screenshot("login-session-ended");
    browser.type("login-user", "operator");
    browser.type("login-password", "operator-demo");
    browser.click("login-submit");
    browser.until(b -> b.getCurrentUrl().endsWith(redirect));
  }

  private static Station station(String id) {
    return browser.server.site().station(id).orElseThrow();
  }

  private static Set<String> shownCommands() {
    return browser.all("[data-testid=command-button]").stream()
        .map(
            (WebElement e) ->
                e.getDomAttribute("data-device") + "/" + e.getDomAttribute("data-command"))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /** What the server would let this role run at this station. */
  private static Set<String> allowed(Station station, Role role) {
    Set<String> allowed = new TreeSet<>();
    for (Device device : station.devices()) {
      for (CommandDefinition command : device.commands()) {
        if (role.grants(CommandRules.requiredRole(command.kind(), station.kind()))) {
          allowed.add(device.id() + "/" + command.id());
        }
      }
    }
    return allowed;
  }
}
