package io.helan.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.helan.audit.AuditRecord;
import io.helan.auth.Role;
import io.helan.config.SiteChangeLock;
import io.helan.server.HelanServer;
import io.helan.simulator.SimulatedNetwork;
import io.helan.testing.DefaultSiteServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The radioactive-source register over REST on a running server (the default site's radiation
 * network, simulated on free ports): a commander keeps it, others read it, bad input changes
 * nothing, every change is audited and kept on disk; an incident lists the sources within its
 * radius on the incident and its timeline, and locks the register until it ends.
 */
class SourceRegisterTest {
  private static final String PASSWORD = "source-register-password";

  @TempDir static Path dataDir;
  static HelanServer server;
  static String commander;
  static String operator;

  @BeforeAll
  static void start() throws Exception {
    server =
        new HelanServer(
                SimulatedNetwork.atFreePorts(DefaultSiteServer.radiationNetwork()),
                DefaultSiteServer.settings(dataDir, false))
            .start();
    server.users().add("cmd", PASSWORD, Set.of(Role.COMMANDER));
    server.users().add("op", PASSWORD, Set.of(Role.OPERATOR));
    commander = login("cmd");
    operator = login("op");
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  static JsonObject source(String id, double latitude, double longitude) {
    return new JsonObject()
        .put("id", id)
        .put("name", "Gauge " + id)
        .put("class", "II")
        .put("nuclide", "Co-60")
        .put("activityBq", 3.7e12)
        .put("category", "level gauge")
        .put("holder", "Ningxia Steel Works")
        .put("latitude", latitude)
        .put("longitude", longitude)
        .put("points", new JsonArray().add("yc-fushe.gamma.dose-rate"));
  }

  @Test
  void aCommanderKeepsTheRegisterAndOthersReadIt() throws Exception {
    // in Shizuishan, 75 km from the incident of the other test
    JsonObject gauge = source("steel-gauge", 39.0, 106.38);
    assertThat(send("POST", "/api/sources", operator, gauge).statusCode()).isEqualTo(403);
    HttpResponse<String> created = send("POST", "/api/sources", commander, gauge);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(new JsonObject(created.body()).getBoolean("monitoredOnline")).isTrue();

    // bad input: a clear 400 or 409, nothing changed
    for (JsonObject bad :
        List.of(
            gauge.copy().put("id", "other").put("activityBq", -1),
            gauge.copy().put("id", "other").put("class", "VI"),
            gauge.copy().put("id", "other").put("latitude", 20.0),
            gauge.copy().put("id", "other").put("nuclide", "cobalt"),
            gauge.copy().put("id", "other").put("fenceMetres", 5),
            gauge.copy().put("id", "other").put("fenceMetres", "far"),
            gauge.copy().put("id", "other").put("points", new JsonArray().add("no.such.point")))) {
      HttpResponse<String> refused = send("POST", "/api/sources", commander, bad);
      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
    }
    assertThat(send("POST", "/api/sources", commander, gauge).statusCode()).isEqualTo(409);
    assertThat(server.sources().source("other")).isEmpty();

    // readers see it with the current value of its monitoring point
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              JsonObject read =
                  new JsonObject(send("GET", "/api/sources/steel-gauge", operator, null).body());
              JsonObject reading = read.getJsonArray("readings").getJsonObject(0);
              assertThat(reading.getString("unit")).isEqualTo("nGy/h");
              assertThat(reading.getString("quality")).isEqualTo("GOOD");
              assertThat(reading.getDouble("value")).isBetween(10.0, 10_000.0);
            });

    HttpResponse<String> updated =
        send("PUT", "/api/sources/steel-gauge", commander, gauge.copy().put("activityBq", 3.0e12));
    assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
    // the body names another source than the path
    assertThat(send("PUT", "/api/sources/nothing-here", commander, gauge).statusCode())
        .isEqualTo(400);
    JsonObject unknown = gauge.copy();
    unknown.remove("id");
    assertThat(send("PUT", "/api/sources/nothing-here", commander, unknown).statusCode())
        .isEqualTo(404);
    // kept on disk
    SourceRegister reopened =
        SourceRegister.open(server.site(), dataDir, server.audit(), SiteChangeLock.NONE);
    assertThat(reopened.source("steel-gauge").orElseThrow().activityBq()).isEqualTo(3.0e12);

    List<AuditRecord> audited = server.audit().read(r -> r.action().startsWith("source."));
    assertThat(audited)
        .filteredOn(r -> r.user().equals("cmd") && r.result().equals("ok"))
        .extracting(AuditRecord::action)
        .contains("source.create", "source.update");
    assertThat(audited).filteredOn(r -> r.user().equals("op")).isNotEmpty();
  }

  @Test
  void anOpenIncidentListsTheSourcesInRangeAndLocksTheRegister() throws Exception {
    // 8 km from the drill's place, and one in Guyuan, 250 km away
    assertThat(
            send("POST", "/api/sources", commander, source("near-ndt", 38.40, 106.27)).statusCode())
        .isEqualTo(201);
    assertThat(
            send("POST", "/api/sources", commander, source("far-ndt", 36.0, 106.28)).statusCode())
        .isEqualTo(201);
    JsonObject declaration =
        new JsonObject()
            .put("drill", true)
            .put("type", "radioactive-source")
            .put("class", "standby")
            .put("latitude", 38.33)
            .put("longitude", 106.275)
            .put("weather", new JsonObject().put("windSpeed", 3).put("windFrom", 180));
    HttpResponse<String> declared = send("POST", "/api/incidents", commander, declaration);
    assertThat(declared.statusCode()).as(declared.body()).isEqualTo(201);
    String id = new JsonObject(declared.body()).getString("id");
    try {
      JsonObject current =
          new JsonObject(send("GET", "/api/incidents/current", operator, null).body());
      assertThat(
              current.getJsonArray("sourcesInRange").stream()
                  .map(s -> ((JsonObject) s).getString("id")))
          .containsExactly("near-ndt");
      JsonArray timeline =
          new JsonArray(send("GET", "/api/incidents/" + id + "/timeline", operator, null).body());
      assertThat(timeline.stream().map(e -> (JsonObject) e))
          .anySatisfy(
              e -> {
                assertThat(e.getString("kind")).isEqualTo("SOURCES");
                assertThat(e.getString("text"))
                    .contains("Gauge near-ndt")
                    .doesNotContain("far-ndt");
              });

      // locked: every change refused with the reason, nothing changed
      HttpResponse<String> create =
          send("POST", "/api/sources", commander, source("new-one", 38.4, 106.2));
      assertThat(create.statusCode()).isEqualTo(409);
      assertThat(create.body()).contains("locked", id);
      assertThat(
              send("PUT", "/api/sources/near-ndt", commander, source("near-ndt", 38.5, 106.2))
                  .statusCode())
          .isEqualTo(409);
      assertThat(send("DELETE", "/api/sources/far-ndt", commander, null).statusCode())
          .isEqualTo(409);
      assertThat(server.sources().source("new-one")).isEmpty();
      assertThat(server.sources().source("near-ndt").orElseThrow().latitude()).isEqualTo(38.40);
      assertThat(server.sources().source("far-ndt")).isPresent();
    } finally {
      assertThat(
              send("POST", "/api/incidents/current/end", commander, new JsonObject()).statusCode())
          .isEqualTo(200);
    }
    HttpResponse<String> deleted = send("DELETE", "/api/sources/far-ndt", commander, null);
    assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
    assertThat(server.sources().source("far-ndt")).isEmpty();
  }

  private static String login(String user) throws Exception {
    return SourcesApi.login(server.httpPort(), user, PASSWORD);
  }

  private static HttpResponse<String> send(
      String method, String path, String token, JsonObject body) throws Exception {
    return SourcesApi.send(server.httpPort(), method, path, token, body);
  }
}
