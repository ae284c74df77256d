package io.helan.alarms;

import static io.helan.alarms.TestSite.point;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.helan.auth.BearerAuth;
import io.helan.auth.PasswordHasher;
import io.helan.auth.Role;
import io.helan.auth.Sessions;
import io.helan.auth.UserDirectory;
import io.helan.config.AlarmLimits;
import io.helan.config.Site;
import io.helan.config.StationKind;
import io.helan.web.RouteTable;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The alarm REST API over real HTTP, behind the real bearer-token login. */
class AlarmApiTest {
  private static final String PM25_HI = "yc-air.aqm.pm25/HI";
  private static final Site SITE =
      new TestSite()
          .region("yc", "银川")
          .region("zw", "中卫")
          .station(
              "yc-air",
              StationKind.AIR_CITY,
              "yc",
              "aqm",
              point("pm25", "µg/m³", new AlarmLimits(115, 75, Double.NaN, Double.NaN, 3, 0, 0)),
              point(
                  "so2",
                  "µg/m³",
                  new AlarmLimits(Double.NaN, 500, Double.NaN, Double.NaN, 0, 0, 0)))
          .station(
              "nd-power",
              StationKind.POLLUTION_SOURCE,
              "zw",
              "cems",
              EmissionExceedanceTest.SITE
                  .point(EmissionExceedanceTest.SO2)
                  .map(p -> point("so2", "a21026", "mg/m³", p.limits()))
                  .orElseThrow(),
              point("o2", "a19001", "%", AlarmLimits.NONE))
          .build();

  @TempDir static Path dataDir;
  private static AlarmHarness alarms;
  private static Vertx vertx;
  private static HttpServer server;
  private static String operator;
  private static String viewer;
  private static final List<JsonObject> pushed = new CopyOnWriteArrayList<>();
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeAll
  static void start() throws Exception {
    TestQuestDb questDb = TestQuestDb.shared();
    questDb.dropAlarmTables();
    alarms = new AlarmHarness(SITE, AlarmHarness.settings(), questDb);
    AlarmJson json = new AlarmJson(SITE);
    alarms.engine.addListener(record -> pushed.add(json.pushMessage(record)));

    UserDirectory users =
        UserDirectory.open(
            dataDir, new PasswordHasher(64, 1, 1), new PrintStream(new ByteArrayOutputStream()));
    users.add("wang.operator", "operator-password", Set.of(Role.OPERATOR));
    users.add("zhao.viewer", "viewer-password", Set.of(Role.VIEWER));
    Sessions sessions = new Sessions(users, Duration.ofMinutes(5));
    operator = sessions.open(users.user("wang.operator").orElseThrow());
    viewer = sessions.open(users.user("zhao.viewer").orElseThrow());

    vertx = Vertx.vertx();
    Router router =
        new RouteTable(new AlarmApi(alarms.engine).routes())
            .router(vertx, new BearerAuth(sessions, users, null));
    server =
        vertx
            .createHttpServer()
            .requestHandler(router)
            .listen(0, "127.0.0.1")
            .await(10, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
    alarms.close();
  }

  @Test
  void currentAlarmsFilteredAcknowledgedAndPushed() throws Exception {
    alarms.sample("yc-air.aqm.pm25", 120);
    alarms.sample("yc-air.aqm.so2", 600);
    alarms.settle();

    assertThat(get("/api/alarms", null).statusCode()).isEqualTo(401);
    JsonArray all = new JsonArray(get("/api/alarms", viewer).body());
    assertThat(all.size()).isEqualTo(3);
    assertThat(all.getJsonObject(0).getString("id")).isEqualTo("yc-air.aqm.pm25/HIHI");
    assertThat(all.getJsonObject(0).getString("region")).isEqualTo("yc");
    assertThat(all.getJsonObject(0).getString("unit")).isEqualTo("µg/m³");
    JsonArray filtered = new JsonArray(get("/api/alarms?priority=3&station=yc-air", viewer).body());
    assertThat(filtered)
        .extracting(o -> ((JsonObject) o).getString("id"))
        .containsExactlyInAnyOrder(PM25_HI, "yc-air.aqm.so2/HI");
    assertThat(get("/api/alarms?state=BOGUS", viewer).statusCode()).isEqualTo(400);
    assertThat(
            new JsonObject(get("/api/alarms/" + encode(PM25_HI), viewer).body()).getString("state"))
        .isEqualTo("UNACKNOWLEDGED_ACTIVE");

    HttpResponse<String> refused = post("/api/alarms/" + PM25_HI + "/acknowledge", viewer, "{}");
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(new JsonObject(refused.body()).getString("error")).contains("zhao.viewer");

    HttpResponse<String> acknowledged =
        post("/api/alarms/" + encode(PM25_HI) + "/acknowledge", operator, "{\"comment\":\"已通知\"}");
    assertThat(acknowledged.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(acknowledged.body()).getString("state"))
        .isEqualTo("ACKNOWLEDGED_ACTIVE");
    HttpResponse<String> again = post("/api/alarms/" + PM25_HI + "/acknowledge", operator, "{}");
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(post("/api/alarms/nothing/HI/acknowledge", operator, "{}").statusCode())
        .isEqualTo(404);

    assertThat(pushed)
        .anySatisfy(
            m -> {
              assertThat(m.getString("type")).isEqualTo("alarm");
              assertThat(m.getString("id")).isEqualTo(PM25_HI);
              assertThat(m.getString("state")).isEqualTo("ACKNOWLEDGED_ACTIVE");
              assertThat(m.getString("acknowledgedBy")).isEqualTo("wang.operator");
            });

    // the journal's rows become readable once QuestDB has applied its commit, a moment later
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              JsonObject history =
                  new JsonObject(
                      get("/api/alarms/history?station=yc-air&kind=HI&limit=10", viewer).body());
              assertThat(history.getJsonArray("rows"))
                  .extracting(o -> ((JsonObject) o).getString("state"))
                  .contains("ACKNOWLEDGED_ACTIVE", "UNACKNOWLEDGED_ACTIVE");
              JsonObject newest = history.getJsonArray("rows").getJsonObject(0);
              assertThat(newest.getString("user")).isEqualTo("wang.operator");
              assertThat(newest.getString("reason")).isEqualTo("已通知");
            });
    assertThat(get("/api/alarms/history?from=yesterday", viewer).statusCode()).isEqualTo(400);
  }

  @Test
  void shelveValidatesItsRequest() throws Exception {
    alarms.sample("yc-air.aqm.so2", 700);
    alarms.settle();
    String so2 = "/api/alarms/yc-air.aqm.so2/HI";
    assertThat(post(so2 + "/shelve", operator, "{\"reason\":\"dust\"}").statusCode())
        .isEqualTo(400);
    assertThat(post(so2 + "/shelve", operator, "{\"minutes\":30}").statusCode()).isEqualTo(400);
    assertThat(post(so2 + "/shelve", operator, "not json").statusCode()).isEqualTo(400);
    HttpResponse<String> shelved =
        post(so2 + "/shelve", operator, "{\"minutes\":30,\"reason\":\"沙尘\"}");
    assertThat(shelved.statusCode()).isEqualTo(200);
    JsonObject alarm = new JsonObject(shelved.body());
    assertThat(alarm.getString("state")).isEqualTo("SHELVED");
    assertThat(alarm.getString("shelvedUntil")).isNotNull();
    assertThat(alarm.getBoolean("oneShotShelve")).isFalse();

    JsonObject kpi = new JsonObject(get("/api/alarms/kpi?hours=1", viewer).body());
    assertThat(kpi.getJsonArray("shelved"))
        .extracting(o -> ((JsonObject) o).getString("id"))
        .contains("yc-air.aqm.so2/HI");
    assertThat(kpi.getJsonArray("per10Minutes").size()).isBetween(6, 7);

    HttpResponse<String> back = post(so2 + "/unshelve", operator, "");
    assertThat(new JsonObject(back.body()).getString("state")).isEqualTo("UNACKNOWLEDGED_ACTIVE");
    assertThat(post(so2 + "/out-of-service", operator, "{\"reason\":\"x\"}").statusCode())
        .isEqualTo(403);
  }

  @Test
  void countsPerRegionAndStation() throws Exception {
    alarms.sample("yc-air.aqm.pm25", 120);
    alarms.settle();
    JsonObject counts = new JsonObject(get("/api/alarms/counts", viewer).body());
    assertThat(counts.getJsonArray("regions")).hasSize(2);
    JsonObject yinchuan = counts.getJsonArray("regions").getJsonObject(0);
    assertThat(yinchuan.getString("id")).isEqualTo("yc");
    assertThat(yinchuan.getLong("active")).isGreaterThanOrEqualTo(2);
    assertThat(yinchuan.getInteger("highestPriority")).isEqualTo(2);
    assertThat(counts.getJsonArray("regions").getJsonObject(1).getLong("active")).isZero();
    assertThat(counts.getJsonArray("stations"))
        .extracting(o -> ((JsonObject) o).getString("id"))
        .contains("yc-air");
  }

  @Test
  void enforcementNoticesListedAndClosed() throws Exception {
    // notices come from validated hourly averages: 30 mg/m³ at 9 % O2 is 37.5 at the reference 6 %
    alarms.engine.validatedHours(
        SITE.point(EmissionExceedanceTest.SO2).orElseThrow(),
        List.of(EmissionExceedanceTest.hour(0, 30, 9)));
    alarms.settle();
    JsonArray open = new JsonArray(get("/api/enforcement-notices?status=open", viewer).body());
    assertThat(open.size()).isEqualTo(1);
    JsonObject notice = open.getJsonObject(0);
    assertThat(notice.getString("station")).isEqualTo("nd-power");
    assertThat(notice.getDouble("maxValue")).isEqualTo(37.5);
    assertThat(notice.getJsonArray("readings").getJsonObject(0).getDouble("o2")).isEqualTo(9.0);

    String close = "/api/enforcement-notices/" + notice.getString("id") + "/close";
    assertThat(post(close, viewer, "{\"comment\":\"ok\"}").statusCode()).isEqualTo(403);
    assertThat(post(close, operator, "{}").statusCode()).isEqualTo(400);
    HttpResponse<String> closed = post(close, operator, "{\"comment\":\"已立案处罚\"}");
    assertThat(closed.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(closed.body()).getString("status")).isEqualTo("CLOSED");
    assertThat(new JsonArray(get("/api/enforcement-notices?status=open", viewer).body())).isEmpty();
    assertThat(get("/api/enforcement-notices/EN-none", viewer).statusCode()).isEqualTo(404);
  }

  private HttpResponse<String> get(String path, String token) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20)).GET();
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String token, String body) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(uri(path))
            .timeout(Duration.ofSeconds(20))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.actualPort() + path);
  }

  private static String encode(String id) {
    return URLEncoder.encode(id, StandardCharsets.UTF_8);
  }
}
