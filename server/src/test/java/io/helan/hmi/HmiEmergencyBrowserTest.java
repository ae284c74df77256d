package io.helan.hmi;

import static org.assertj.core.api.Assertions.assertThat;

import io.helan.config.StationKind;
import io.helan.server.HelanServer;
import io.helan.simulator.SimulatedNetwork;
import io.helan.simulator.gamma.SourceMonitor;
import io.helan.simulator.gamma.SurveyVehicle;
import io.helan.testing.DefaultSiteServer;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;

/**
 * The emergency display at 1920×1080 on the default site: a commander declares a drill from the UI
 * (two steps), sees it marked as a drill with its checklist, the planning-zone rings and the plume
 * contours, ticks a notification off, orders the downwind samplers, and ends it; the wall display
 * holds the emergency layout meanwhile and rotates again when it ends. An operator sees the same
 * display without any action. Screenshots in target/screenshots/emergency-*.png.
 */
@ExtendWith(DefaultSiteServer.class)
class HmiEmergencyBrowserTest {
  /** 16 km south of the Yinchuan radiation station, as in the end-to-end drill. */
  private static final String LATITUDE = "38.33";

  private static final String LONGITUDE = "106.275";

  static HmiBrowser browser;

  @BeforeAll
  static void openBrowser(HelanServer server) throws Exception {
    browser = new HmiBrowser(server, 1920, 1080);
  }

  /** The shared server must not keep a drill open for the tests that follow. */
  @AfterEach
  void endAnyDrill() throws Exception {
    browser.post("/api/incidents/current/end", browser.token("commander"), "{}");
  }

  @AfterAll
  static void closeBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  @Test
  void aCommanderDeclaresTicksOrdersAndEndsADrillWhileTheWallFollows() throws Exception {
    browser.login("commander");
    browser.open("/emergency");
    browser.until(b -> !browser.all("[data-testid=no-incident]").isEmpty());

    // declare: the form, then what will happen, then confirm
    browser.click("action-declare");
    assertThat(browser.driver.findElement(HmiBrowser.testId("form-drill")).isSelected()).isTrue();
    browser.type("form-latitude", LATITUDE);
    browser.type("form-longitude", LONGITUDE);
    browser.type("form-wind-speed", "3");
    browser.type("form-wind-from", "180");
    browser.type("form-release-rate", "1e10");
    browser.type("form-note", "browser drill");
    browser.click("form-next");
    browser.until(b -> text("confirm-what").contains("演练"));
    browser.click("confirm-go");

    String header = "[data-testid=incident-header]";
    browser.until(b -> "true".equals(browser.attribute(header, "data-drill")));
    String id = browser.attribute(header, "data-incident");
    assertThat(id).startsWith("DRILL-");
    assertThat(text("incident-kind")).isEqualTo("演练");
    assertThat(browser.attribute(header, "data-class")).isEqualTo("standby");
    assertThat(text("nav-emergency")).contains("演练");

    // the checklist of the standby plan: stations in range to measure, one office to notify
    browser.until(b -> !browser.all(step("NOTIFICATION")).isEmpty());
    assertThat(browser.all(step("MEASUREMENT"))).isNotEmpty();
    // the picture: every radiation station in a band, four rings, the plume's contours and wind
    long radiation =
        browser.server.site().stations().stream()
            .filter(s -> s.kind() == StationKind.RADIATION_GAMMA)
            .count();
    browser.until(b -> browser.all("[data-testid=band-marker]").size() == radiation);
    String map = "[data-testid=emergency-map]";
    assertThat(browser.attribute(map, "data-rings")).isEqualTo("4");
    browser.until(b -> Integer.parseInt(browser.attribute(map, "data-contours")) > 0);
    assertThat(browser.attribute(map, "data-wind")).isEqualTo("180");
    browser.until(
        b -> !browser.all("[data-testid=estimate-row][data-station-id='yc-fushe']").isEmpty());
    browser.until(b -> !browser.all(event("DECLARED")).isEmpty());
    browser.screenshot("emergency-drill");

    // tick the notification off: who and when are recorded
    String notify = browser.all(step("NOTIFICATION")).get(0).getDomAttribute("data-step");
    browser.type("step-comment-" + notify, "值班室已接报");
    browser
        .driver
        .findElement(By.cssSelector("[data-testid=step-tick][data-step='" + notify + "']"))
        .click();
    String ticked = "[data-testid=checklist-step][data-step='" + notify + "']";
    browser.until(b -> "DONE".equals(browser.attribute(ticked, "data-state")));
    assertThat(
            browser
                .driver
                .findElement(By.cssSelector(ticked + " [data-testid=step-who]"))
                .getText())
        .contains("commander", "值班室已接报");
    browser.until(b -> !browser.all(event("STEP")).isEmpty());

    // one action: the samplers at every downwind station; their progress shows live
    browser.click("action-order");
    browser.until(b -> text("confirm-what").contains(id));
    browser.click("confirm-go");
    browser.until(
        b -> !browser.all("[data-testid=sampler-station][data-station-id='yc-fushe']").isEmpty());
    browser.until(b -> !browser.all(event("ORDER_RESULT")).isEmpty());
    browser.screenshot("emergency-drill-orders");

    // the wall, in a second tab, holds the emergency layout
    String display = browser.driver.getWindowHandle();
    browser.driver.switchTo().newWindow(WindowType.TAB);
    browser.open("/wall?token=" + browser.token("viewer"));
    browser.until(b -> "emergency".equals(browser.attribute("[data-testid=wall]", "data-page")));
    browser.until(b -> Integer.parseInt(browser.attribute(map, "data-contours")) > 0);
    browser.until(b -> "true".equals(browser.attribute("[data-testid=map]", "data-ready")));
    browser.screenshot("emergency-wall");
    String wall = browser.driver.getWindowHandle();

    // end it: the form, then confirm
    browser.driver.switchTo().window(display);
    browser.click("action-end");
    browser.type("form-end-note", "drill over");
    browser.click("form-next");
    browser.until(b -> text("confirm-what").contains(id));
    browser.click("confirm-go");
    browser.until(
        b -> id.equals(browser.attribute("[data-testid=incident-ended]", "data-incident")));
    assertThat(browser.all("[data-testid=action-declare]")).hasSize(1);
    browser.screenshot("emergency-ended");

    browser.driver.switchTo().window(wall);
    browser.until(b -> !"emergency".equals(browser.attribute("[data-testid=wall]", "data-page")));
    browser.driver.close();
    browser.driver.switchTo().window(display);
  }

  @Test
  void anOperatorSeesTheDisplayWithoutAnyAction() throws Exception {
    browser.login("operator");
    browser.open("/emergency");
    browser.until(b -> !browser.all("[data-testid=no-incident]").isEmpty());
    assertThat(browser.all("[data-testid=action-declare]")).isEmpty();

    HttpResponse<String> declared =
        browser.post(
            "/api/incidents",
            browser.token("commander"),
            "{\"drill\":true,\"type\":\"radioactive-source\",\"class\":\"plant\",\"latitude\":"
                + LATITUDE
                + ",\"longitude\":"
                + LONGITUDE
                + ",\"weather\":{\"windSpeed\":3,\"windFrom\":180},\"releaseRate\":1e10}");
    assertThat(declared.statusCode()).as(declared.body()).isEqualTo(201);
    // the push brings it in without a reload
    browser.until(b -> !browser.all("[data-testid=incident-header]").isEmpty());
    browser.until(b -> !browser.all("[data-testid=checklist-step]").isEmpty());
    assertThat(text("incident-kind")).isEqualTo("演练");
    List<String> actions = new ArrayList<>();
    for (String action :
        List.of("action-escalate", "action-order", "action-end", "step-tick", "action-declare")) {
      actions.addAll(
          browser.all("[data-testid=" + action + "]").stream().map(WebElement::getText).toList());
    }
    assertThat(actions).isEmpty();
    assertThat(browser.attribute("[data-testid=emergency-view]", "data-commander"))
        .isEqualTo("false");
    // the EURDEP export is for every reader: it downloads once the server's check passed
    browser.click("eurdep");
    String id = browser.attribute("[data-testid=incident-header]", "data-incident");
    browser.until(
        b ->
            id.equals(browser.attribute("[data-testid=eurdep]", "data-exported"))
                || !browser.all("[data-testid=export-error]").isEmpty());
    assertThat(browser.all("[data-testid=export-error]").stream().map(WebElement::getText))
        .isEmpty();
    browser.screenshot("emergency-operator");
  }

  @Test
  void aCommanderOpensADrillFromASourceAlarmAndFollowsVehiclesAndSourcesOnTheMap()
      throws Exception {
    SimulatedNetwork network = browser.server.simulators().orElseThrow();
    SourceMonitor monitor = network.sourceMonitor("yc-tanshang-yuan");
    String fence = "yc-tanshang-yuan.monitor/SOURCE_OUT_OF_FENCE";
    String commander = browser.token("commander");
    try {
      browser.login("commander");
      browser.open("/emergency");
      browser.until(b -> !browser.all("[data-testid=no-incident]").isEmpty());
      // the register's sources and the vehicles at their bases, before any incident
      String source = "[data-testid=source-marker][data-source-id='yc-ir192-tanshang']";
      browser.until(b -> !browser.all(source).isEmpty());
      assertThat(browser.attribute(source, "data-class")).isEqualTo("II");
      browser.until(b -> "true".equals(browser.attribute(source, "data-monitored")));
      browser.until(b -> browser.all("[data-testid=vehicle-marker]").size() == 2);

      // the source leaves its fence: its alarm shows on the map and in the list, with the action
      monitor.carryTo(38.422, 106.305);
      browser.until(b -> fence.equals(browser.attribute(source, "data-alarm")));
      String alarmRow = "[data-testid=source-alarm][data-alarm='" + fence + "']";
      browser.until(b -> !browser.all(alarmRow).isEmpty());
      browser.screenshot("emergency-source-alarm");
      browser
          .driver
          .findElement(
              By.cssSelector("[data-testid=action-from-alarm][data-alarm='" + fence + "']"))
          .click();
      browser.click("form-next");
      browser.until(b -> text("confirm-what").contains(fence));
      browser.click("confirm-go");
      String header = "[data-testid=incident-header]";
      browser.until(b -> "true".equals(browser.attribute(header, "data-drill")));
      browser.until(b -> !browser.all(event("ALARM")).isEmpty());

      // a vehicle sent towards the source leaves a track on the map
      network.vehicleSpeed(300);
      HttpResponse<String> sent =
          browser.post(
              "/api/incidents/current/dispatch",
              commander,
              "{\"vehicle\":\"yc-jiance-che\",\"latitude\":38.41,\"longitude\":106.3}");
      assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
      String track = "[data-testid=vehicle-track][data-vehicle-id='yc-jiance-che']";
      browser.until(
          b ->
              !browser.all(track).isEmpty()
                  && Double.parseDouble(browser.attribute(track, "data-km")) > 1);
      assertThat(browser.all("[data-testid=vehicle-marker]")).hasSize(2);
      assertThat(browser.all("[data-testid=source-marker]")).hasSizeGreaterThanOrEqualTo(3);
      browser.until(b -> "true".equals(browser.attribute("[data-testid=map]", "data-ready")));
      browser.screenshot("emergency-vehicles-sources");
    } finally {
      monitor.restore();
      network.vehicleSpeed(SurveyVehicle.DEFAULT_SPEED);
      browser.post("/api/alarms/" + fence + "/acknowledge", commander, "{\"comment\":\"test\"}");
    }
  }

  private static String text(String testId) {
    return browser.driver.findElement(HmiBrowser.testId(testId)).getText().trim();
  }

  private static String step(String kind) {
    return "[data-testid=checklist-step][data-kind=" + kind + "]";
  }

  private static String event(String kind) {
    return "[data-testid=timeline-event][data-kind=" + kind + "]";
  }
}
