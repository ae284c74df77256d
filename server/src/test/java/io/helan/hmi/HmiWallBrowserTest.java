package io.helan.hmi;

import static org.assertj.core.api.Assertions.assertThat;

import io.helan.config.ModbusTcpConnection;
import io.helan.config.Station;
import io.helan.server.HelanServer;
import io.helan.testing.DefaultSiteServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The kiosk URL on a 1080p wall: the Ningxia map with every station of the default site, values
 * changing live, and a station whose simulator stops shown offline within 5 s, on the map and in
 * its mimic.
 */
@ExtendWith(DefaultSiteServer.class)
class HmiWallBrowserTest {
  static HmiBrowser browser;

  @BeforeAll
  static void openBrowser(HelanServer server) throws Exception {
    browser = new HmiBrowser(server, 1920, 1080);
  }

  @AfterAll
  static void closeBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  @Test
  void kioskShowsEveryStationOnTheMapWithLiveValues() throws Exception {
    browser.open("/wall?token=" + browser.token("viewer"));
    browser.waitLive();
    int stations = browser.server.site().stations().size();
    browser.until(b -> browser.all("[data-testid=map-marker]").size() == stations);
    browser.until(b -> "true".equals(browser.attribute("[data-testid=map]", "data-ready")));
    assertThat(browser.all("[data-testid=login-form]")).isEmpty();
    String marker = "[data-testid=map-marker][data-station-id='yc-xinghuayuan']";
    browser.until(b -> "good".equals(browser.attribute(marker, "data-key-state")));
    String first = browser.attribute(marker, "data-key-value");
    browser.until(b -> !first.equals(browser.attribute(marker, "data-key-value")));
    browser.screenshot("wall-overview");
    // The region display (level 2), as the wall rotates to it and as a deep link.
    browser.open("/regions/yinchuan?token=" + browser.token("viewer"));
    browser.until(b -> "true".equals(browser.attribute("[data-testid=map]", "data-ready")));
    browser.until(b -> !browser.all("[data-testid=city-summary][data-region=yinchuan]").isEmpty());
    browser.screenshot("region-yinchuan");
  }

  @Test
  void aStoppedStationTurnsOfflineWithinFiveSeconds() throws Exception {
    Station station =
        browser.server.site().stations().stream()
            .filter(s -> s.devices().get(0).connection() instanceof ModbusTcpConnection)
            .filter(s -> s.id().startsWith("szs-"))
            .findFirst()
            .orElseThrow();
    browser.open("/wall?token=" + browser.token("viewer"));
    browser.waitLive();
    String marker = "[data-testid=map-marker][data-station-id='" + station.id() + "']";
    browser.until(b -> !"offline".equals(browser.attribute(marker, "data-condition")));
    var simulators = browser.server.simulators().orElseThrow();
    simulators.stopStation(station.id());
    try {
      browser.until(
          Duration.ofSeconds(5),
          b -> "offline".equals(browser.attribute(marker, "data-condition")));
      browser.screenshot("wall-station-offline");
      browser.open("/stations/" + station.id() + "?token=" + browser.token("viewer"));
      browser.until(
          Duration.ofSeconds(5),
          b -> "offline".equals(browser.attribute("[data-testid=mimic]", "data-link")));
      assertThat(browser.all("[data-testid=mimic-link-lost]")).hasSize(1);
      browser.screenshot("station-offline-mimic");
    } finally {
      simulators.startStation(station.id());
    }
    browser.until(b -> "online".equals(browser.attribute("[data-testid=mimic]", "data-link")));
  }
}
