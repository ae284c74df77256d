package io.helan.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.helan.auth.Role;
import io.helan.config.SiteLoader;
import io.helan.config.StationKind;
import io.helan.server.HelanServer;
import io.helan.simulator.SimulatedNetwork;
import io.helan.simulator.gamma.SourceMonitor;
import io.helan.testing.DefaultSiteServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Online monitoring of the default site's Class III+ radioactive sources, end to end: the simulated
 * monitors report over OPC UA, the register (seeded from the default site's) gives each source its
 * place and fence, and the alarm engine raises the alarms. A source carried out of its fence raises
 * SOURCE_OUT_OF_FENCE, its container reading rising raises the container point's HI alarm; both
 * take acknowledgement like any alarm, and a commander opens an incident from either with one
 * action, its place and type taken from the source. A source alarm raised while an incident is
 * open, wherever the source is, goes on the incident's timeline. Bad requests change nothing.
 */
class SourceMonitoringTest {
  private static final String PASSWORD = "source-monitoring-password";
  private static final String MONITOR = "yc-tanshang-yuan";
  private static final String FENCE_ALARM = "yc-tanshang-yuan.monitor/SOURCE_OUT_OF_FENCE";
  private static final String CONTAINER_ALARM = "yc-tanshang-yuan.monitor.container-dose-rate/HI";
  private static final String GAUGE_MONITOR = "nd-liaowei-yuan";
  private static final String GAUGE_ALARM = "nd-liaowei-yuan.monitor.container-dose-rate/HI";

  @TempDir static Path dataDir;
  static HelanServer server;
  static SourceMonitor monitor;
  static String commander;
  static String operator;

  @BeforeAll
  static void start() throws Exception {
    server =
        new HelanServer(
                SimulatedNetwork.atFreePorts(
                    SiteLoader.loadDefault()
                        .withStations(
                            s ->
                                s.kind() == StationKind.RADIATION_SOURCE
                                    || s.id().equals("yc-fushe"))),
                DefaultSiteServer.settings(dataDir, true))
            .start();
    server.users().add("src-cmd", PASSWORD, Set.of(Role.COMMANDER));
    server.users().add("src-op", PASSWORD, Set.of(Role.OPERATOR));
    commander = login("src-cmd");
    operator = login("src-op");
    monitor = server.simulators().orElseThrow().sourceMonitor(MONITOR);
  }

  @AfterEach
  void restore() throws Exception {
    monitor.restore();
    send("POST", "/api/incidents/current/end", commander, new JsonObject());
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void theDefaultSiteRegistersItsMonitoredSourcesWithTheirReadings() throws Exception {
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              JsonObject source =
                  new JsonObject(
                      send("GET", "/api/sources/yc-ir192-tanshang", operator, null).body());
              assertThat(source.getString("class")).isEqualTo("II");
              assertThat(source.getDouble("fenceMetres")).isEqualTo(200.0);
              JsonArray readings = source.getJsonArray("readings");
              assertThat(readings).hasSize(3);
              for (int i = 0; i < readings.size(); i++) {
                assertThat(readings.getJsonObject(i).getString("quality")).isEqualTo("GOOD");
              }
            });
    // inside its fence and shielded: no alarm of the source
    assertThat(server.alarms().alarm(FENCE_ALARM).orElseThrow().state().isActive()).isFalse();
  }

  @Test
  void aSourceCarriedOutOfItsFenceAlarmsAndOpensAnIncidentWithOneAction() throws Exception {
    // 1.1 km north of its store, still in Yinchuan
    monitor.carryTo(38.422, 106.305);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> alarmState(FENCE_ALARM).equals("UNACKNOWLEDGED_ACTIVE"));
    JsonObject alarm =
        new JsonObject(send("GET", "/api/alarms/" + FENCE_ALARM, operator, null).body());
    assertThat(alarm.getDouble("value")).isBetween(1000.0, 1300.0);
    assertThat(alarm.getDouble("limit")).isEqualTo(200.0);

    HttpResponse<String> acknowledged =
        send(
            "POST",
            "/api/alarms/" + FENCE_ALARM + "/acknowledge",
            operator,
            new JsonObject().put("comment", "calling the holder"));
    assertThat(acknowledged.statusCode()).as(acknowledged.body()).isEqualTo(200);
    assertThat(alarmState(FENCE_ALARM)).isEqualTo("ACKNOWLEDGED_ACTIVE");

    // bad requests: refused with the reason, nothing opened
    assertThat(fromAlarm(operator, FENCE_ALARM).statusCode()).isEqualTo(403);
    assertThat(fromAlarm(commander, "no.such/ALARM").statusCode()).isEqualTo(404);
    HttpResponse<String> notASource = fromAlarm(commander, "yc-fushe.gamma/COMMUNICATION_LOSS");
    assertThat(notASource.statusCode()).as(notASource.body()).isEqualTo(400);
    assertThat(notASource.body()).contains("not of a registered radioactive source");
    HttpResponse<String> notRaised =
        fromAlarm(commander, "nd-liaowei-yuan.monitor.container-dose-rate/HI");
    assertThat(notRaised.statusCode()).as(notRaised.body()).isEqualTo(409);
    HttpResponse<String> noBody =
        send("POST", "/api/incidents/from-alarm", commander, new JsonObject().put("class", "x"));
    assertThat(noBody.statusCode()).isEqualTo(400);
    assertThat(server.emergency().current()).isEmpty();

    HttpResponse<String> opened = fromAlarm(commander, FENCE_ALARM);
    assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
    JsonObject incident = new JsonObject(opened.body());
    assertThat(incident.getString("type")).isEqualTo("radioactive-source");
    assertThat(incident.getBoolean("drill")).isTrue();
    // where the monitor reports the source now, not where it is registered
    assertThat(incident.getDouble("latitude"))
        .isCloseTo(38.422, org.assertj.core.data.Offset.offset(0.001));
    assertThat(incident.getString("note")).contains("工业γ射线探伤机铱-192源").contains("Ir-192");
    assertThat(server.emergency().timeline(incident.getString("id")))
        .anySatisfy(e -> assertThat(e.text()).contains("opened from alarm " + FENCE_ALARM));
    assertThat(server.audit().read(r -> r.action().equals("incident.declare")))
        .anySatisfy(r -> assertThat(r.user()).isEqualTo("src-cmd"));

    // a second one while it is open: 409, nothing changed
    HttpResponse<String> again = fromAlarm(commander, FENCE_ALARM);
    assertThat(again.statusCode()).as(again.body()).isEqualTo(409);
    assertThat(server.emergency().current().orElseThrow().id()).isEqualTo(incident.getString("id"));

    // back in its store: the alarm clears
    monitor.restore();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> !server.alarms().alarm(FENCE_ALARM).orElseThrow().state().isActive());
  }

  @Test
  void aRisingContainerReadingAlarmsAndOpensAnIncident() throws Exception {
    monitor.containerReading(3000);
    await()
        .atMost(Duration.ofSeconds(40))
        .until(() -> server.alarms().alarm(CONTAINER_ALARM).orElseThrow().state().isActive());
    HttpResponse<String> opened =
        send(
            "POST",
            "/api/incidents/from-alarm",
            commander,
            new JsonObject().put("alarm", CONTAINER_ALARM).put("class", "plant"));
    assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
    JsonObject incident = new JsonObject(opened.body());
    assertThat(incident.getBoolean("drill")).isFalse();
    assertThat(incident.getString("class")).isEqualTo("plant");
    // the source did not move: its registered place
    assertThat(incident.getDouble("latitude"))
        .isCloseTo(38.412, org.assertj.core.data.Offset.offset(0.001));
  }

  @Test
  void aSourceAlarmWhileAnIncidentIsOpenGoesOnItsTimeline() throws Exception {
    SourceMonitor gauge = server.simulators().orElseThrow().sourceMonitor(GAUGE_MONITOR);
    try {
      HttpResponse<String> declared =
          send(
              "POST",
              "/api/incidents",
              commander,
              new JsonObject()
                  .put("drill", true)
                  .put("type", "radioactive-source")
                  .put("class", "plant")
                  .put("latitude", 38.47)
                  .put("longitude", 106.27)
                  .put("note", "an incident in Yinchuan while a gauge in Ningdong alarms"));
      assertThat(declared.statusCode()).as(declared.body()).isEqualTo(201);
      String id = new JsonObject(declared.body()).getString("id");

      // the Ningdong gauge's container reading rises, 90 km from the incident
      gauge.containerReading(3000);
      await()
          .atMost(Duration.ofSeconds(40))
          .untilAsserted(
              () ->
                  assertThat(timelineAlarms(id))
                      .anySatisfy(
                          e -> {
                            assertThat(e.getString("text"))
                                .contains(GAUGE_ALARM, "UNACKNOWLEDGED_ACTIVE")
                                .contains("of source 煤化工气化炉钴-60料位计源 (nd-co60-liaowei)");
                            assertThat(e.getJsonObject("detail").getString("source"))
                                .isEqualTo("nd-co60-liaowei");
                            assertThat(e.getJsonObject("detail").getString("state"))
                                .isEqualTo("UNACKNOWLEDGED_ACTIVE");
                          }));

      // back to its shielded reading: the alarm's return is on the timeline too
      gauge.restore();
      await()
          .atMost(Duration.ofSeconds(40))
          .untilAsserted(
              () ->
                  assertThat(timelineAlarms(id))
                      .anySatisfy(
                          e -> {
                            assertThat(e.getJsonObject("detail").getString("alarm"))
                                .isEqualTo(GAUGE_ALARM);
                            assertThat(e.getJsonObject("detail").getString("state"))
                                .isEqualTo("RETURNED_UNACKNOWLEDGED");
                          }));
    } finally {
      gauge.restore();
    }
  }

  /** The ALARM events of the incident's timeline, as the emergency display reads them. */
  private static List<JsonObject> timelineAlarms(String incident) throws Exception {
    HttpResponse<String> response =
        send("GET", "/api/incidents/" + incident + "/timeline", operator, null);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonArray events = new JsonArray(response.body());
    List<JsonObject> alarms = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      if (events.getJsonObject(i).getString("kind").equals("ALARM")) {
        alarms.add(events.getJsonObject(i));
      }
    }
    return alarms;
  }

  private static HttpResponse<String> fromAlarm(String token, String alarm) throws Exception {
    return send(
        "POST",
        "/api/incidents/from-alarm",
        token,
        new JsonObject().put("alarm", alarm).put("drill", true));
  }

  private static String alarmState(String id) {
    return server.alarms().alarm(id).orElseThrow().state().name();
  }

  private static String login(String user) throws Exception {
    return SourcesApi.login(server.httpPort(), user, PASSWORD);
  }

  private static HttpResponse<String> send(
      String method, String path, String token, JsonObject body) throws Exception {
    return SourcesApi.send(server.httpPort(), method, path, token, body);
  }
}
