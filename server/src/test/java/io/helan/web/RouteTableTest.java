package io.helan.web;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.helan.auth.Role;
import io.helan.config.Device;
import io.helan.config.Site;
import io.helan.config.SiteLoader;
import io.helan.config.Station;
import io.helan.config.TcpConnection;
import io.helan.historian.HistorianSettings;
import io.helan.http.Route;
import io.helan.server.HelanServer;
import io.helan.server.ServerSettings;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Walks every HTTP route of a running server as every kind of caller and compares the answers with
 * the table below: who gets in, who is refused (401 no or unknown token, 403 not allowed), and what
 * an admitted caller gets for the probe request. The table must name every route the server has, so
 * a new route cannot go live without its row.
 */
class RouteTableTest {
  /** The callers, in the column order of {@link #EXPECTED}. */
  enum Caller {
    NOBODY,
    FORGED,
    SCRAPER,
    DISPLAY,
    VIEWER,
    OPERATOR,
    MAINTAINER,
    COMMANDER,
    REVIEWER,
    ADMIN
  }

  static final String STATION = "yc-xinghuayuan";

  /**
   * One probe per route: its route-table key, the request (method, path, body), and the status each
   * caller gets. The commands probe asks for an out-of-range duration: refused for the role first
   * (403), else for the value (400). Ids that do not exist answer 404 to whoever may ask.
   */
  static final String EXPECTED =
      """
      route                                        | probe                                                    | NOBODY FORGED SCRAPER DISPLAY VIEWER OPERATOR MAINTAINER COMMANDER REVIEWER ADMIN
      ANY /ws                                      | GET /ws                                                  | 401 401 401 400 400 400 400 400 400 400
      GET /api/health                              | GET /api/health                                          | 200 200 200 200 200 200 200 200 200 200
      GET /api/stations                            | GET /api/stations                                        | 401 401 401 200 200 200 200 200 200 200
      GET /api/stations/:id                        | GET /api/stations/yc-xinghuayuan                         | 401 401 401 200 200 200 200 200 200 200
      GET /api/points/:id/history                  | GET /api/points/yc-xinghuayuan.aqm.so2/history           | 401 401 401 200 200 200 200 200 200 200
      GET /metrics                                 | GET /metrics                                             | 401 401 200 401 401 401 401 401 401 401
      POST /api/login                              | POST /api/login {}                                       | 400 400 400 400 400 400 400 400 400 400
      POST /api/logout                             | POST /api/logout                                         | 401 401 401 403 204 204 204 204 204 204
      GET /api/me                                  | GET /api/me                                              | 401 401 401 200 200 200 200 200 200 200
      GET /api/displays                            | GET /api/displays                                        | 401 401 401 403 403 403 403 403 403 200
      POST /api/displays                           | POST /api/displays {}                                    | 401 401 401 403 403 403 403 403 403 400
      POST /api/displays/:name/revoke              | POST /api/displays/no-such-display/revoke                | 401 401 401 403 403 403 403 403 403 404
      POST /api/commands                           | POST /api/commands {"device": "yc-xinghuayuan.aqm", "command": "zero-calibration", "parameters": {"durationSeconds": 1e9}} | 401 401 401 403 403 403 400 403 403 400
      POST /api/commands/:id/operate               | POST /api/commands/no-such-command/operate               | 401 401 401 403 404 404 404 404 404 404
      POST /api/commands/:id/cancel                | POST /api/commands/no-such-command/cancel                | 401 401 401 403 404 404 404 404 404 404
      GET /api/commands                            | GET /api/commands                                        | 401 401 401 200 200 200 200 200 200 200
      GET /api/commands/:id                        | GET /api/commands/no-such-command                        | 401 401 401 404 404 404 404 404 404 404
      GET /api/devices/:id/commands                | GET /api/devices/yc-xinghuayuan.aqm/commands             | 401 401 401 200 200 200 200 200 200 200
      GET /api/alarms                              | GET /api/alarms                                          | 401 401 401 200 200 200 200 200 200 200
      GET /api/alarms/history                      | GET /api/alarms/history                                  | 401 401 401 200 200 200 200 200 200 200
      GET /api/alarms/counts                       | GET /api/alarms/counts                                   | 401 401 401 200 200 200 200 200 200 200
      GET /api/alarms/kpi                          | GET /api/alarms/kpi                                      | 401 401 401 200 200 200 200 200 200 200
      GET /api/alarms/backgrounds                  | GET /api/alarms/backgrounds                              | 401 401 401 200 200 200 200 200 200 200
      POST /api/alarms/(?<id>.+)/acknowledge       | POST /api/alarms/no.such/HIHI/acknowledge {}             | 401 401 401 403 404 404 404 404 404 404
      POST /api/alarms/(?<id>.+)/shelve            | POST /api/alarms/no.such/HIHI/shelve {}                  | 401 401 401 403 404 404 404 404 404 404
      POST /api/alarms/(?<id>.+)/unshelve          | POST /api/alarms/no.such/HIHI/unshelve {}                | 401 401 401 403 404 404 404 404 404 404
      POST /api/alarms/(?<id>.+)/out-of-service    | POST /api/alarms/no.such/HIHI/out-of-service {}          | 401 401 401 403 404 404 404 404 404 404
      POST /api/alarms/(?<id>.+)/return-to-service | POST /api/alarms/no.such/HIHI/return-to-service {}       | 401 401 401 403 404 404 404 404 404 404
      GET /api/alarms/(?<id>.+)                    | GET /api/alarms/no.such/HIHI                             | 401 401 401 404 404 404 404 404 404 404
      GET /api/enforcement-notices                 | GET /api/enforcement-notices                             | 401 401 401 200 200 200 200 200 200 200
      GET /api/enforcement-notices/:id             | GET /api/enforcement-notices/no-such-notice              | 401 401 401 404 404 404 404 404 404 404
      POST /api/enforcement-notices/:id/close      | POST /api/enforcement-notices/no-such-notice/close {}    | 401 401 401 403 404 404 404 404 404 404
      POST /api/validations                        | POST /api/validations {}                                 | 401 401 401 403 403 403 403 403 400 400
      GET /api/validations                         | GET /api/validations?point=yc-xinghuayuan.aqm.so2        | 401 401 401 200 200 200 200 200 200 200
      GET /api/points/:id/raw                      | GET /api/points/yc-xinghuayuan.aqm.so2/raw               | 401 401 401 200 200 200 200 200 200 200
      GET /api/points/:id/validated                | GET /api/points/yc-xinghuayuan.aqm.so2/validated         | 401 401 401 200 200 200 200 200 200 200
      GET /api/aqi/hourly                          | GET /api/aqi/hourly?area=station:yc-xinghuayuan          | 401 401 401 200 200 200 200 200 200 200
      GET /api/aqi/daily                           | GET /api/aqi/daily?area=region:yinchuan                  | 401 401 401 200 200 200 200 200 200 200
      GET /api/aqi/stations                        | GET /api/aqi/stations                                    | 401 401 401 200 200 200 200 200 200 200
      GET /api/water/:station/class                | GET /api/water/no-such-station/class                     | 401 401 401 404 404 404 404 404 404 404
      GET /api/emissions/:station/hourly           | GET /api/emissions/yc-xinghuayuan/hourly                 | 401 401 401 200 200 200 200 200 200 200
      GET /api/reports                             | GET /api/reports                                         | 401 401 401 200 200 200 200 200 200 200
      GET /api/report-scopes                       | GET /api/report-scopes                                   | 401 401 401 200 200 200 200 200 200 200
      POST /api/reports                            | POST /api/reports {}                                     | 401 401 401 403 400 400 400 400 400 400
      GET /api/reports/:id                         | GET /api/reports/daily-2000-01-01                        | 401 401 401 404 404 404 404 404 404 404
      GET /api/reports/:id/xlsx                    | GET /api/reports/daily-2000-01-01/xlsx                   | 401 401 401 404 404 404 404 404 404 404
      GET /api/reports/:id/pdf                     | GET /api/reports/monthly-2000-01/pdf                     | 401 401 401 404 404 404 404 404 404 404
      POST /api/report-jobs                        | POST /api/report-jobs {"day": "1999-12-31"}              | 401 401 401 403 400 400 400 400 400 400
      GET /api/report-jobs/:id                     | GET /api/report-jobs/no-such-job                         | 401 401 401 404 404 404 404 404 404 404
      GET /api/public/stations                     | GET /api/public/stations                                 | 200 200 200 200 200 200 200 200 200 200
      GET /api/public/aqi/hourly                   | GET /api/public/aqi/hourly?area=region:yinchuan          | 200 200 200 200 200 200 200 200 200 200
      GET /api/public/water                        | GET /api/public/water                                    | 200 200 200 200 200 200 200 200 200 200
      GET /api/public/dose-rate                    | GET /api/public/dose-rate                                | 200 200 200 200 200 200 200 200 200 200
      GET /public                                  | GET /public                                              | 200 200 200 200 200 200 200 200 200 200
      GET /api/mimics/:name                        | GET /api/mimics/air                                      | 401 401 401 200 200 200 200 200 200 200
      GET /api/incidents                           | GET /api/incidents                                       | 401 401 401 200 200 200 200 200 200 200
      GET /api/incidents/current                   | GET /api/incidents/current                               | 401 401 401 404 404 404 404 404 404 404
      POST /api/incidents                          | POST /api/incidents {}                                   | 401 401 401 403 403 403 403 400 403 400
      POST /api/incidents/from-alarm               | POST /api/incidents/from-alarm {"alarm": "no-such-alarm"} | 401 401 401 403 403 403 403 404 403 404
      POST /api/incidents/current/class            | POST /api/incidents/current/class {"class": "plant"}     | 401 401 401 403 403 403 403 409 403 409
      POST /api/incidents/current/end              | POST /api/incidents/current/end {}                       | 401 401 401 403 403 403 403 409 403 409
      POST /api/incidents/current/notes            | POST /api/incidents/current/notes {"text": "wind turning"} | 401 401 401 403 403 403 403 409 403 409
      POST /api/incidents/current/checklist/:step  | POST /api/incidents/current/checklist/no-such-step {}    | 401 401 401 403 403 403 403 409 403 409
      POST /api/incidents/current/plume            | POST /api/incidents/current/plume {"weather": {"windSpeed": 3, "windFrom": 180}} | 401 401 401 403 403 403 403 409 403 409
      GET /api/incidents/current/plume             | GET /api/incidents/current/plume                         | 401 401 401 404 404 404 404 404 404 404
      POST /api/incidents/current/orders/downwind-samplers | POST /api/incidents/current/orders/downwind-samplers     | 401 401 401 403 403 403 403 409 403 409
      POST /api/incidents/current/dispatch         | POST /api/incidents/current/dispatch {"vehicle": "x", "latitude": 38, "longitude": 106} | 401 401 401 403 403 403 403 409 403 409
      GET /api/vehicles                            | GET /api/vehicles                                        | 401 401 401 200 200 200 200 200 200 200
      GET /api/vehicles/:id/track                  | GET /api/vehicles/no-such-vehicle/track                  | 401 401 401 404 404 404 404 404 404 404
      GET /api/incidents/:id/report                | GET /api/incidents/no-such-incident/report               | 401 401 401 404 404 404 404 404 404 404
      GET /api/incidents/:id/report.pdf            | GET /api/incidents/no-such-incident/report.pdf           | 401 401 401 404 404 404 404 404 404 404
      GET /api/sources                             | GET /api/sources                                         | 401 401 401 200 200 200 200 200 200 200
      GET /api/sources/:id                         | GET /api/sources/no-such-source                          | 401 401 401 404 404 404 404 404 404 404
      POST /api/sources                            | POST /api/sources {}                                     | 401 401 401 403 403 403 403 400 403 400
      PUT /api/sources/:id                         | PUT /api/sources/no-such-source {}                       | 401 401 401 403 403 403 403 400 403 400
      DELETE /api/sources/:id                      | DELETE /api/sources/no-such-source                       | 401 401 401 403 403 403 403 404 403 404
      GET /api/incidents/:id/timeline              | GET /api/incidents/no-such-incident/timeline             | 401 401 401 404 404 404 404 404 404 404
      GET /api/incidents/:id/eurdep                | GET /api/incidents/no-such-incident/eurdep               | 401 401 401 404 404 404 404 404 404 404
      POST /api/drills/release                     | POST /api/drills/release {}                              | 401 401 401 403 403 403 403 409 403 409
      POST /api/drills/release/stop                | POST /api/drills/release/stop                            | 401 401 401 403 403 403 403 409 403 409
      GET /assets/*                                | GET /assets/no-such-asset.js                             | 404 404 404 404 404 404 404 404 404 404
      GET /                                        | GET /                                                    | 200 200 200 200 200 200 200 200 200 200
      GET /login                                   | GET /login                                               | 200 200 200 200 200 200 200 200 200 200
      GET /wall                                    | GET /wall                                                | 200 200 200 200 200 200 200 200 200 200
      GET /overview                                | GET /overview                                            | 200 200 200 200 200 200 200 200 200 200
      GET /regions/:id                             | GET /regions/yinchuan                                    | 200 200 200 200 200 200 200 200 200 200
      GET /stations/:id                            | GET /stations/yc-xinghuayuan                             | 200 200 200 200 200 200 200 200 200 200
      GET /radiation                               | GET /radiation                                           | 200 200 200 200 200 200 200 200 200 200
      GET /alarms                                  | GET /alarms                                              | 200 200 200 200 200 200 200 200 200 200
      GET /trends                                  | GET /trends                                              | 200 200 200 200 200 200 200 200 200 200
      GET /commands                                | GET /commands                                            | 200 200 200 200 200 200 200 200 200 200
      GET /emergency                               | GET /emergency                                           | 200 200 200 200 200 200 200 200 200 200
      GET /reports                                 | GET /reports                                             | 200 200 200 200 200 200 200 200 200 200
      GET /validation                              | GET /validation                                          | 200 200 200 200 200 200 200 200 200 200
      ANY /api/*                                   | GET /api/no-such-resource                                | 404 404 404 404 404 404 404 404 404 404
      ANY /*                                       | GET /index.html                                          | 200 200 200 200 200 200 200 200 200 200
      """;

  /**
   * The WebSocket upgrade on {@code /ws}, token in the query as a browser sends it: the status each
   * caller gets, in the column order of {@link #EXPECTED} (101: the socket opens).
   */
  static final int[] WEBSOCKET_UPGRADE = {401, 401, 401, 101, 101, 101, 101, 101, 101, 101};

  static List<Probe> probes() {
    List<String> lines = EXPECTED.lines().toList();
    assertThat(lines.get(0).split("\\|")[2].trim().split(" +"))
        .containsExactly(Arrays.stream(Caller.values()).map(Enum::name).toArray(String[]::new));
    List<Probe> probes = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split("\\|");
      int[] statuses =
          Arrays.stream(cells[2].trim().split(" +")).mapToInt(Integer::parseInt).toArray();
      assertThat(statuses).as(line).hasSize(Caller.values().length);
      probes.add(new Probe(cells[0].trim(), cells[1].trim(), statuses));
    }
    return probes;
  }

  @TempDir static Path dataDir;
  static HelanServer server;
  static HttpClient http = HttpClient.newHttpClient();
  static final Map<Caller, String> tokens = new LinkedHashMap<>();

  @BeforeAll
  static void start() throws Exception {
    ServerSettings settings =
        new ServerSettings(
            dataDir,
            "127.0.0.1",
            0,
            0,
            false,
            false,
            0,
            false,
            false,
            HistorianSettings.forTests(dataDir));
    server = new HelanServer(oneUnreachableStation(), settings).start();
    tokens.put(Caller.FORGED, "forged-token-0123456789abcdefghijklmnopqrstuvwx");
    tokens.put(Caller.SCRAPER, Files.readString(dataDir.resolve("metrics-token")).trim());
    tokens.put(Caller.DISPLAY, server.users().addDisplay("route-wall"));
    for (Role role : Role.values()) {
      if (role != Role.ADMIN) {
        server.users().add(role.name().toLowerCase(), "route-table-password", Set.of(role));
      }
    }
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void theTableNamesEveryRouteTheServerHas() {
    List<String> table = server.web().routeTable().routes().stream().map(Route::key).toList();
    assertThat(server.web().registeredRoutes()).isEqualTo(table);
    assertThat(probes().stream().map(Probe::route).toList())
        .containsExactlyInAnyOrderElementsOf(table);
  }

  @Test
  void everyRouteAnswersEveryCallerAsTheTableSays() throws Exception {
    loginEveryRole();
    List<String> wrong = new ArrayList<>();
    List<Probe> probes = new ArrayList<>(probes());
    // Logging out ends the session the other probes use: last.
    probes.sort((a, b) -> Boolean.compare(a.endsSession(), b.endsSession()));
    for (Probe probe : probes) {
      for (Caller caller : Caller.values()) {
        HttpResponse<String> answer = send(probe, tokens.get(caller));
        int expected = probe.statuses()[caller.ordinal()];
        if (answer.statusCode() != expected) {
          wrong.add(
              probe.request()
                  + " as "
                  + caller
                  + ": "
                  + answer.statusCode()
                  + ", expected "
                  + expected
                  + " "
                  + answer.body());
        }
        if (answer.headers().firstValue("Content-Security-Policy").isEmpty()
            || !answer.headers().firstValue("X-Frame-Options").orElse("").equals("DENY")) {
          wrong.add(probe.request() + " as " + caller + ": security headers missing");
        }
      }
    }
    assertThat(wrong).isEmpty();
  }

  @Test
  void theWebSocketUpgradeAnswersEveryCallerAsTheTableSays() throws Exception {
    loginEveryRole();
    for (Caller caller : Caller.values()) {
      String token = tokens.get(caller);
      URI uri =
          URI.create(
              "ws://127.0.0.1:"
                  + server.httpPort()
                  + "/ws"
                  + (token == null ? "" : "?token=" + token));
      int status;
      try {
        http.newWebSocketBuilder()
            .buildAsync(uri, new WebSocket.Listener() {})
            .get(10, TimeUnit.SECONDS)
            .abort();
        status = 101;
      } catch (ExecutionException e) {
        assertThat(e.getCause()).as(caller.name()).isInstanceOf(WebSocketHandshakeException.class);
        status = ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode();
      }
      assertThat(status).as(caller.name()).isEqualTo(WEBSOCKET_UPGRADE[caller.ordinal()]);
    }
  }

  @Test
  void clientMistakesGetClearFourHundredsAndLeaveNoErrorOrStackTraceInTheLog() throws Exception {
    String display = tokens.get(Caller.DISPLAY);
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    log.start();
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.addAppender(log);
    try {
      HttpResponse<String> overflow =
          send(
              "GET /api/points/"
                  + STATION
                  + ".aqm.so2/history?from=0000-01-01T00:00:00Z&to=9999-01-01T00:00:00Z"
                  + "&step=99999d",
              display);
      assertThat(overflow.statusCode()).isEqualTo(400);
      assertThat(new JsonObject(overflow.body()).getString("error")).contains("1970");
      assertThat(send("POST /api/login " + "x".repeat(100_000), null).statusCode()).isEqualTo(413);
      assertThat(send("POST /api/login {not json", null).statusCode()).isEqualTo(400);
      assertThat(
              send("POST /api/alarms/x/HIHI/acknowledge " + "x".repeat(100_000), display)
                  .statusCode())
          .isEqualTo(413);
      assertThat(send("GET /api/points/no.such.point/history", display).statusCode())
          .isEqualTo(404);
    } finally {
      root.detachAppender(log);
    }
    assertThat(log.list)
        .filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.WARN) || e.getThrowableProxy() != null)
        .extracting(ILoggingEvent::getFormattedMessage)
        .isEmpty();
  }

  record Probe(String route, String request, int[] statuses) {
    boolean endsSession() {
      return route.equals("POST /api/logout");
    }
  }

  /** Fresh sessions for every role (a probe may log one out). */
  static void loginEveryRole() throws Exception {
    for (Role role : Role.values()) {
      if (role != Role.ADMIN) {
        tokens.put(Caller.valueOf(role.name()), login(role.name().toLowerCase()));
      }
    }
    tokens.put(Caller.ADMIN, adminToken());
  }

  static HttpResponse<String> send(Probe probe, String token) throws Exception {
    return send(probe.request(), token);
  }

  /** Sends "METHOD path [body]". */
  static HttpResponse<String> send(String line, String token) throws Exception {
    String[] parts = line.split(" ", 3);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + parts[1]))
            .timeout(Duration.ofSeconds(10));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    request.method(
        parts[0],
        parts.length == 3
            ? HttpRequest.BodyPublishers.ofString(parts[2])
            : HttpRequest.BodyPublishers.noBody());
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  static String login(String user) throws Exception {
    return login(user, "route-table-password");
  }

  static String login(String user, String password) throws Exception {
    HttpResponse<String> answer =
        send(
            "POST /api/login "
                + new JsonObject().put("user", user).put("password", password).encode(),
            null);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    return new JsonObject(answer.body()).getString("token");
  }

  /** The admin's password is printed once at first start; set a known one instead. */
  static String adminToken() throws Exception {
    server.users().setPassword("admin", "route-table-password");
    return login("admin");
  }

  /**
   * The first station of the default site (an air analyser rack, points from index 0) with its
   * device pointed at a port nothing listens on: the server runs without a field network.
   */
  static Site oneUnreachableStation() throws Exception {
    Site full = SiteLoader.loadDefault();
    Station station = full.stations().get(0);
    assertThat(station.id()).isEqualTo(STATION);
    Device device = station.devices().get(0);
    Station alone =
        station.withDevices(
            List.of(device.withConnection(((TcpConnection) device.connection()).atPort(1))));
    return new Site(
        "route-table",
        "route table test site",
        full.regions().stream().filter(r -> r.id().equals(station.regionId())).toList(),
        List.of(alone));
  }
}
