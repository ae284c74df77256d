package io.helan.hmi;

import static org.assertj.core.api.Assertions.assertThat;

import io.helan.config.ModbusTcpConnection;
import io.helan.config.Station;
import io.helan.server.HelanServer;
import io.helan.testing.DefaultSiteServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/**
 * An alarm reaches the banner and is acknowledged with a comment from the list; a zero calibration
 * goes through select, countdown and confirm and shows ACKNOWLEDGED then COMPLETED, with the mimic
 * showing the calibration.
 */
@ExtendWith(DefaultSiteServer.class)
class HmiAlarmCommandBrowserTest {
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
  void anAlarmAppearsInTheBannerAndIsAcknowledgedFromTheList() throws Exception {
    Station station =
        browser.server.site().stations().stream()
            .filter(s -> s.devices().get(0).connection() instanceof ModbusTcpConnection)
            .filter(s -> s.id().startsWith("gy-"))
            .findFirst()
            .orElseThrow();
    String alarmId = station.devices().get(0).id() + "/COMMUNICATION_LOSS";
    browser.login("operator");
    browser.open("/overview");
    browser.waitLive();
    var simulators = browser.server.simulators().orElseThrow();
    simulators.stopStation(station.id());
    try {
      browser.until(
          Duration.ofSeconds(60),
          b ->
              browser.all("[data-testid=banner-alarm][data-alarm-id='" + alarmId + "']").size()
                  == 1);
      browser.screenshot("alarm-banner");
      browser.open("/alarms");
      String row = "[data-testid=alarm-row][data-alarm-id='" + alarmId + "']";
      browser.until(b -> "UNACKNOWLEDGED_ACTIVE".equals(browser.attribute(row, "data-state")));
      browser.screenshot("alarms-list");
      browser.driver.findElement(By.cssSelector(row + " [data-testid=alarm-ack]")).click();
      browser.type("alarm-comment", "技术员已派往现场");
      browser.click("alarm-submit");
      browser.until(b -> "ACKNOWLEDGED_ACTIVE".equals(browser.attribute(row, "data-state")));
      browser.until(
          b ->
              browser.all("[data-testid=banner-alarm][data-alarm-id='" + alarmId + "']").isEmpty());
      assertThat(browser.server.alarms().alarm(alarmId).orElseThrow().acknowledgedBy())
          .isEqualTo("operator");
      browser.click("alarm-tab-kpi");
      browser.until(b -> !browser.all("[data-testid=alarm-kpi] canvas").isEmpty());
      browser.screenshot("alarm-kpi");
    } finally {
      simulators.startStation(station.id());
    }
  }

  @Test
  void aZeroCalibrationGoesThroughSelectCountdownAndConfirm() throws Exception {
    String stationId = "yc-xinghuayuan";
    browser.login("maintainer");
    browser.open("/stations/" + stationId);
    browser.waitLive();
    browser.until(b -> "online".equals(browser.attribute("[data-testid=mimic]", "data-link")));
    browser
        .driver
        .findElement(By.cssSelector("[data-testid=command-button][data-command=zero-calibration]"))
        .click();
    browser.type("command-param-durationSeconds", "4");
    browser.click("command-select");
    browser.until(
        b ->
            Integer.parseInt(browser.attribute("[data-testid=command-countdown]", "data-seconds"))
                > 20);
    browser.screenshot("command-countdown");
    browser.click("command-confirm");
    browser.until(b -> "on".equals(browser.attribute("[data-testid=mimic]", "data-calibration")));
    browser.screenshot("command-calibrating");
    browser.until(
        b -> "COMPLETED".equals(browser.attribute("[data-testid=command-progress]", "data-state")));
    List<String> trail =
        List.of(browser.attribute("[data-testid=command-progress]", "data-trail").split(","));
    assertThat(trail).containsSubsequence("SELECTED", "ACKNOWLEDGED", "COMPLETED");
    browser.screenshot("command-completed");
    browser.open("/commands");
    browser.until(b -> !browser.all("[data-testid=command-row][data-state=COMPLETED]").isEmpty());
    browser.screenshot("commands-list");
    browser.open("/trends");
    browser.screenshot("trends");
  }
}
