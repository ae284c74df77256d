package io.helan.emergency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.helan.alarms.AlarmKind;
import io.helan.alarms.AlarmRecord;
import io.helan.audit.AuditRecord;
import io.helan.auth.Role;
import io.helan.config.Point;
import io.helan.driver.DataFlag;
import io.helan.driver.Quality;
import io.helan.ingest.PointValue;
import io.helan.server.HelanServer;
import io.helan.simulator.SimulatedNetwork;
import io.helan.testing.DefaultSiteServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A drill on the default site's radiation network, end to end: a simulated release 16 km south of
 * the Yinchuan radiation station with a southerly wind, declared as a drill; the stations in range
 * go to high-frequency measurement, the downwind ones alarm and the upwind ones do not, the plume
 * estimate covers the alarming stations, the one-action sampler order runs at the downwind
 * stations, the timeline holds every step, the EURDEP export validates, and ending the drill
 * returns the stations to routine measurement. The waits are long: on a machine shared by several
 * builds a device link may drop and come back, and orders are tried again until it does.
 */
class EmergencyDrillEndToEndTest {
  private static final double SOURCE_LAT = 38.33;
  private static final double SOURCE_LON = 106.275;
  private static final List<String> IN_RANGE =
      List.of("yc-yongning-fushe", "yc-fushe", "yc-xixia-fushe", "yc-helan-fushe");
  private static final List<String> DOWNWIND = List.of("yc-fushe", "yc-helan-fushe");
  private static final List<String> NOT_DOWNWIND = List.of("yc-yongning-fushe", "yc-xixia-fushe");
  private static final List<String> OUT_OF_RANGE = List.of("zw-fushe", "gy-fushe", "nd-fushe");
  private static final String VEHICLE = "yc-jiance-che";
  // on the plume's axis, 10 km downwind of the release; the vehicle's base is 5 km west of it
  private static final double AXIS_LAT = 38.42;
  private static final double AXIS_LON = 106.275;
  private static final String PASSWORD = "emergency-drill-password";

  @TempDir static Path dataDir;
  static HelanServer server;
  static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    server =
        new HelanServer(
                SimulatedNetwork.atFreePorts(DefaultSiteServer.radiationNetwork()),
                DefaultSiteServer.settings(dataDir, false))
            .start();
    server.users().add("cmd", PASSWORD, Set.of(Role.COMMANDER));
    server.users().add("op", PASSWORD, Set.of(Role.OPERATOR));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void aDrillReleaseUpwindOfYinchuanRunsFromDeclarationToEnd() throws Exception {
    String commander = login("cmd");
    String operator = login("op");
    // every radiation station reports a normal reading before the drill: its lowest is its
    // background (a lost link also writes a value, bad, which is not a report)
    await()
        .atMost(Duration.ofSeconds(180))
        .until(
            () ->
                allRadiation().stream().allMatch(id -> reportsNormally(id))
                    && reportsNormally(VEHICLE, "vehicle"));

    JsonObject release =
        new JsonObject()
            .put("latitude", SOURCE_LAT)
            .put("longitude", SOURCE_LON)
            .put("releaseRate", 1e10)
            .put("minutes", 30)
            .put("windSpeed", 3)
            .put("windFrom", 180)
            .put("stability", "D");
    assertThat(post("/api/drills/release", operator, release).statusCode()).isEqualTo(403);
    assertThat(
            post("/api/drills/release", commander, release.copy().put("releaseRate", -1))
                .statusCode())
        .isEqualTo(400);
    assertThat(
            post("/api/drills/release", commander, release.copy().put("releaseRate", 1e30))
                .statusCode())
        .as("an absurd release rate")
        .isEqualTo(400);
    assertThat(post("/api/drills/release", commander, release).statusCode()).isEqualTo(201);

    JsonObject declaration =
        new JsonObject()
            .put("drill", true)
            .put("type", "nuclear-facility")
            .put("class", "standby")
            .put("latitude", SOURCE_LAT)
            .put("longitude", SOURCE_LON)
            .put("note", "drill: release south of Yinchuan")
            .put(
                "weather",
                new JsonObject().put("windSpeed", 3).put("windFrom", 180).put("cloudCover", 1.0));
    // bad input changes nothing
    HttpResponse<String> outside =
        post("/api/incidents", commander, declaration.copy().put("latitude", 30.0));
    assertThat(outside.statusCode()).isEqualTo(400);
    assertThat(outside.body()).contains("outside the site");
    assertThat(post("/api/incidents/current/end", commander, new JsonObject()).statusCode())
        .isEqualTo(409);
    assertThat(post("/api/incidents", operator, declaration).statusCode()).isEqualTo(403);
    for (double rate : new double[] {-1, 1e30}) {
      HttpResponse<String> absurd =
          post("/api/incidents", commander, declaration.copy().put("releaseRate", rate));
      assertThat(absurd.statusCode()).as(absurd.body()).isEqualTo(400);
      assertThat(absurd.body()).contains("release rate");
    }
    assertThat(get("/api/incidents/current", commander).statusCode())
        .as("nothing opened by the refused declarations")
        .isEqualTo(404);

    HttpResponse<String> declared = post("/api/incidents", commander, declaration);
    assertThat(declared.statusCode()).as(declared.body()).isEqualTo(201);
    String id = new JsonObject(declared.body()).getString("id");
    assertThat(id).startsWith("DRILL-");
    HttpResponse<String> second = post("/api/incidents", commander, declaration);
    assertThat(second.statusCode()).isEqualTo(409);
    assertThat(second.body()).contains(id, "is open");
    assertThat(server.emergency().siteChangeRefusal()).isPresent();

    // in range: high-frequency measurement (the stations report emergency mode 2); others not
    JsonObject current = new JsonObject(get("/api/incidents/current", commander).body());
    assertThat(strings(current.getJsonArray("stationsInRange")))
        .containsExactlyInAnyOrderElementsOf(IN_RANGE);
    await()
        .atMost(Duration.ofSeconds(180))
        .untilAsserted(
            () -> {
              for (String station : IN_RANGE) {
                assertThat(value(station, "mode").value()).as(station).isEqualTo(2);
              }
            });
    for (String station : OUT_OF_RANGE) {
      assertThat(value(station, "mode").value()).as(station).isZero();
    }

    // downwind stations alarm, upwind and crosswind ones do not; drill data is flagged X
    await()
        .atMost(Duration.ofSeconds(180))
        .untilAsserted(
            () -> {
              for (String station : DOWNWIND) {
                assertThat(doseRateAlarms(station)).as(station).isNotEmpty();
              }
            });
    for (String station : NOT_DOWNWIND) {
      assertThat(doseRateAlarms(station)).as(station).isEmpty();
      assertThat(value(station, "dose-rate").value()).as(station).isLessThan(150);
    }
    assertThat(value("yc-fushe", "dose-rate").flag()).isEqualTo(DataFlag.X);

    // the plume estimate covers the alarming stations; the fitted rate is the drill's
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              HttpResponse<String> answer = get("/api/incidents/current/plume", commander);
              assertThat(answer.statusCode()).isEqualTo(200);
              JsonObject plume = new JsonObject(answer.body());
              assertThat(plume.getString("stability")).isEqualTo("D");
              assertThat(plume.getDouble("releaseRate"))
                  .as(plume.getJsonArray("stations").encode())
                  .isBetween(6e9, 1.5e10);
              for (Object item : plume.getJsonArray("stations")) {
                JsonObject station = (JsonObject) item;
                if (DOWNWIND.contains(station.getString("station"))) {
                  assertThat(station.getDouble("estimatedIncrease"))
                      .as(station.encode())
                      .isGreaterThan(PlumeEstimator.CONTOUR_LEVELS[0]);
                }
                if (NOT_DOWNWIND.contains(station.getString("station"))) {
                  assertThat(station.getDouble("estimatedIncrease")).isLessThan(1);
                }
              }
              assertThat(plume.getJsonArray("contours").getJsonObject(0).getJsonArray("segments"))
                  .isNotEmpty();
            });
    // a negative release rate for the estimate is refused: the estimate keeps fitting its rate
    HttpResponse<String> negative =
        post(
            "/api/incidents/current/plume",
            commander,
            new JsonObject()
                .put("weather", new JsonObject().put("windSpeed", 3).put("windFrom", 180))
                .put("releaseRate", -5));
    assertThat(negative.statusCode()).as(negative.body()).isEqualTo(400);
    assertThat(negative.body()).contains("release rate");
    assertThat(
            new JsonObject(get("/api/incidents/current/plume", commander).body())
                .getDouble("releaseRate"))
        .isBetween(6e9, 1.5e10);

    // a monitoring vehicle sent onto the plume's axis reads the plume there, as the estimate says
    JsonObject toAxis =
        new JsonObject()
            .put("vehicle", VEHICLE)
            .put("latitude", AXIS_LAT)
            .put("longitude", AXIS_LON);
    assertThat(post("/api/incidents/current/dispatch", operator, toAxis).statusCode())
        .isEqualTo(403);
    assertThat(
            post(
                    "/api/incidents/current/dispatch",
                    commander,
                    toAxis.copy().put("vehicle", "no-such-vehicle"))
                .statusCode())
        .isEqualTo(404);
    assertThat(
            post("/api/incidents/current/dispatch", commander, toAxis.copy().put("latitude", 20.0))
                .statusCode())
        .isEqualTo(400);
    double atBase = value(VEHICLE, "vehicle", "dose-rate").value();
    Instant dispatchedAt = Instant.now();
    // a dispatch played faster than life: 5 km in a few seconds
    server.simulators().orElseThrow().vehicleSpeed(1000);
    HttpResponse<String> dispatched = post("/api/incidents/current/dispatch", commander, toAxis);
    assertThat(dispatched.statusCode()).as(dispatched.body()).isEqualTo(202);
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              List<JsonObject> moves = events(id, commander, "VEHICLE");
              assertThat(moves)
                  .anySatisfy(e -> assertThat(e.getString("text")).contains("sent to"));
              assertThat(moves)
                  .anySatisfy(
                      e -> {
                        assertThat(e.getString("text")).contains("arrived");
                        assertThat(e.getJsonObject("detail").getDouble("doseRate"))
                            .isGreaterThan(atBase + 100);
                      });
            });
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              JsonObject plume =
                  new JsonObject(get("/api/incidents/current/plume", commander).body());
              JsonObject vehicle = plume.getJsonArray("vehicles").getJsonObject(0);
              assertThat(vehicle.getString("station")).isEqualTo(VEHICLE);
              assertThat(vehicle.getDouble("latitude")).isCloseTo(AXIS_LAT, within(0.001));
              assertThat(vehicle.getDouble("estimatedIncrease"))
                  .isGreaterThan(PlumeEstimator.CONTOUR_LEVELS[0]);
              assertThat(vehicle.getDouble("measured")).isGreaterThan(atBase + 100);
            });
    // its track, from the historian: the dose rate rose as it drove onto the axis
    server.historian().flush().get();
    JsonArray fixes =
        new JsonObject(
                get(
                        "/api/vehicles/" + VEHICLE + "/track?from=" + dispatchedAt.minusSeconds(5),
                        commander)
                    .body())
            .getJsonArray("fixes");
    assertThat(fixes.size()).isGreaterThan(2);
    JsonObject last = fixes.getJsonObject(fixes.size() - 1);
    assertThat(last.getDouble("latitude")).isCloseTo(AXIS_LAT, within(0.001));
    assertThat(last.getDouble("doseRate"))
        .isGreaterThan(fixes.getJsonObject(0).getDouble("doseRate") + 100);
    assertThat(last.getString("flag")).isEqualTo("X");
    JsonObject listed = new JsonArray(get("/api/vehicles", operator).body()).getJsonObject(0);
    assertThat(listed.getString("id")).isEqualTo(VEHICLE);
    assertThat(listed.getDouble("latitude")).isCloseTo(AXIS_LAT, within(0.001));
    assertThat(listed.containsKey("dispatch")).as("arrived: no dispatch under way").isFalse();

    HttpResponse<String> escalated =
        post("/api/incidents/current/class", commander, new JsonObject().put("class", "plant"));
    assertThat(escalated.statusCode()).as(escalated.body()).isEqualTo(200);
    assertThat(
            post("/api/incidents/current/class", commander, new JsonObject().put("class", "plant"))
                .statusCode())
        .isEqualTo(409);

    // one action: aerosol and iodine samplers at every downwind station
    HttpResponse<String> ordered =
        post("/api/incidents/current/orders/downwind-samplers", commander, new JsonObject());
    assertThat(ordered.statusCode()).as(ordered.body()).isEqualTo(202);
    assertThat(strings(new JsonObject(ordered.body()).getJsonArray("stations")))
        .containsExactlyInAnyOrderElementsOf(DOWNWIND);
    await()
        .atMost(Duration.ofSeconds(180))
        .untilAsserted(
            () -> {
              for (String station : DOWNWIND) {
                assertThat(value(station, "sampler-flow").value()).as(station).isGreaterThan(10);
                assertThat(value(station, "iodine-sampler-flow").value())
                    .as(station)
                    .isGreaterThan(1);
              }
              assertThat(
                      events(id, commander, "ORDER_RESULT").stream()
                          .filter(e -> e.getString("text").contains("ACKNOWLEDGED"))
                          .count())
                  .isEqualTo(4);
            });

    assertThat(
            post(
                    "/api/incidents/current/notes",
                    commander,
                    new JsonObject().put("text", "wind steady from the south"))
                .statusCode())
        .isEqualTo(201);
    String notify = "plant.notify.0";
    assertThat(
            post("/api/incidents/current/checklist/" + notify, commander, new JsonObject())
                .statusCode())
        .isEqualTo(200);
    assertThat(
            post("/api/incidents/current/checklist/" + notify, commander, new JsonObject())
                .statusCode())
        .isEqualTo(409);
    assertThat(
            post("/api/incidents/current/checklist/no-such-step", commander, new JsonObject())
                .statusCode())
        .isEqualTo(404);

    // EURDEP: valid against the schema, the downwind station's nSv/h well above background
    server.historian().flush().get();
    HttpResponse<String> eurdep = get("/api/incidents/" + id + "/eurdep?minutes=1", commander);
    assertThat(eurdep.statusCode()).as(eurdep.body()).isEqualTo(200);
    assertThat(EurdepSchema.load().problems(eurdep.body())).isEmpty();
    assertThat(eurdep.body())
        .contains("\\MESSAGE_ID " + id, "Yinchuan Radiation Station", ",T-GAMMA,A5,NSV/H,");

    HttpResponse<String> ended =
        post("/api/incidents/current/end", commander, new JsonObject().put("note", "drill over"));
    assertThat(ended.statusCode()).as(ended.body()).isEqualTo(200);
    assertThat(get("/api/incidents/current", commander).statusCode()).isEqualTo(404);
    assertThat(server.emergency().siteChangeRefusal()).isEmpty();
    await()
        .atMost(Duration.ofSeconds(180))
        .untilAsserted(
            () -> {
              for (String station : IN_RANGE) {
                assertThat(value(station, "mode").value()).as(station).isZero();
              }
            });
    assertThat(post("/api/drills/release/stop", commander, new JsonObject()).statusCode())
        .isEqualTo(204);

    // the timeline holds every step, in time order
    JsonArray timeline = new JsonArray(get("/api/incidents/" + id + "/timeline", commander).body());
    List<String> kinds = new ArrayList<>();
    Instant previous = Instant.EPOCH;
    for (int i = 0; i < timeline.size(); i++) {
      JsonObject event = timeline.getJsonObject(i);
      kinds.add(event.getString("kind"));
      assertThat(event.getLong("seq")).isEqualTo(i + 1L);
      Instant time = Instant.parse(event.getString("time"));
      assertThat(time).isAfterOrEqualTo(previous.minusMillis(1));
      previous = time;
    }
    assertThat(kinds)
        .contains(
            "DECLARED",
            "ORDER",
            "ORDER_RESULT",
            "ALARM",
            "PLUME",
            "ESCALATED",
            "NOTE",
            "STEP",
            "ENDED");
    assertThat(kinds.get(0)).isEqualTo("DECLARED");
    assertThat(kinds).contains("VEHICLE", "SOURCES");

    // the report: declaration, checklist with who and when, peaks, orders; drill marked as drill
    HttpResponse<String> report = get("/api/incidents/" + id + "/report", operator);
    assertThat(report.statusCode()).as(report.body()).isEqualTo(200);
    assertThat(report.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
    assertThat(report.body())
        .contains(
            "Drill report " + id,
            "DRILL",
            "Checklist",
            "plant.notify.0",
            "银川辐射环境自动监测站",
            "nGy/h",
            "sampler",
            "arrived",
            "drill over",
            "<h2>地图 Map</h2>",
            "data:image/png;base64,");
    HttpResponse<byte[]> pdf =
        http.send(
            request("/api/incidents/" + id + "/report.pdf", operator).GET().build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(pdf.statusCode()).isEqualTo(200);
    assertThat(pdf.headers().firstValue("Content-Type").orElseThrow()).isEqualTo("application/pdf");
    try (PDDocument document = Loader.loadPDF(pdf.body())) {
      String text = new PDFTextStripper().getText(document);
      assertThat(text).contains("Drill report " + id, "Checklist", "plant.notify.0");
      // the map and the dose-rate trends, as images
      List<String> images = new ArrayList<>();
      for (var page : document.getPages()) {
        for (var name : page.getResources().getXObjectNames()) {
          if (page.getResources().getXObject(name)
              instanceof org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject image) {
            images.add(image.getWidth() + "x" + image.getHeight());
          }
        }
      }
      assertThat(images).contains("640x640", "800x320");
    }
    // the declaration and the end are audited with the commander's name
    List<AuditRecord> audited =
        server.audit().read(r -> r.action().startsWith("incident.") && r.user().equals("cmd"));
    assertThat(audited)
        .extracting(AuditRecord::action)
        .contains(
            "incident.declare", "incident.escalate", "incident.order-samplers", "incident.end");
  }

  private static List<String> strings(JsonArray array) {
    List<String> strings = new ArrayList<>();
    array.forEach(item -> strings.add((String) item));
    return strings;
  }

  private static List<String> allRadiation() {
    List<String> all = new ArrayList<>(IN_RANGE);
    all.addAll(OUT_OF_RANGE);
    return all;
  }

  private static boolean reportsNormally(String station) {
    return reportsNormally(station, "gamma");
  }

  private static boolean reportsNormally(String station, String device) {
    PointValue doseRate = value(station, device, "dose-rate");
    return doseRate.quality() == Quality.GOOD && doseRate.flag() == DataFlag.N;
  }

  private static PointValue value(String station, String point) {
    return value(station, "gamma", point);
  }

  private static PointValue value(String station, String device, String point) {
    Point p = server.site().point(station + "." + device + "." + point).orElseThrow();
    PointValue value = new PointValue();
    server.ingest().currentValues().read(p.index(), value);
    return value;
  }

  private static List<AlarmRecord> doseRateAlarms(String station) {
    return server.alarms().current().stream()
        .filter(a -> a.stationId().equals(station))
        .filter(a -> a.state().isActive())
        .filter(
            a ->
                a.kind() == AlarmKind.HI
                    || a.kind() == AlarmKind.HIHI
                    || a.kind() == AlarmKind.DOSE_RATE_INVESTIGATION
                    || a.kind() == AlarmKind.DOSE_RATE_ALARM)
        .toList();
  }

  private static List<JsonObject> events(String id, String token, String kind) throws Exception {
    JsonArray timeline = new JsonArray(get("/api/incidents/" + id + "/timeline", token).body());
    List<JsonObject> found = new ArrayList<>();
    for (int i = 0; i < timeline.size(); i++) {
      if (timeline.getJsonObject(i).getString("kind").equals(kind)) {
        found.add(timeline.getJsonObject(i));
      }
    }
    return found;
  }

  private static String login(String user) throws Exception {
    HttpResponse<String> answer =
        post("/api/login", null, new JsonObject().put("user", user).put("password", PASSWORD));
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    return new JsonObject(answer.body()).getString("token");
  }

  private static HttpResponse<String> get(String path, String token) throws Exception {
    return http.send(request(path, token).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> post(String path, String token, JsonObject body)
      throws Exception {
    return http.send(
        request(path, token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.encode()))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest.Builder request(String path, String token) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + path))
            .timeout(Duration.ofSeconds(180));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return request;
  }
}
