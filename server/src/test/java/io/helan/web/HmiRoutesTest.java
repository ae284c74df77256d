package io.helan.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.helan.auth.BearerAuth;
import io.helan.auth.ScrapeToken;
import io.helan.auth.Sessions;
import io.helan.auth.UserDirectory;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HMI's routes on a real HTTP server: every client route answers with the page (deep links
 * survive a reload) and answers HEAD with its headers, mimics come from the site's folder before
 * the built-in set and only with a login (a wall display's token is enough).
 */
class HmiRoutesTest {
  @TempDir Path mimics;
  @TempDir Path dataDir;
  private String token;
  private Vertx vertx;
  private HttpServer server;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    UserDirectory users =
        UserDirectory.open(
            dataDir,
            io.helan.auth.PasswordHasher.DEFAULT,
            new PrintStream(OutputStream.nullOutputStream()));
    token = "Bearer " + users.addDisplay("wall");
    BearerAuth auth =
        new BearerAuth(
            new Sessions(users, Duration.ofMinutes(5)),
            users,
            ScrapeToken.open(dataDir, new PrintStream(OutputStream.nullOutputStream())));
    var router = new RouteTable(new HmiRoutes(mimics).routes()).router(vertx, auth);
    server =
        vertx
            .createHttpServer()
            .requestHandler(router)
            .listen(0, "127.0.0.1")
            .await(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void everyClientRouteAnswersWithThePageNeverCachedAndToHead() throws Exception {
    for (String path : new String[] {"/wall", "/stations/yc-xinghuayuan", "/regions/guyuan"}) {
      HttpResponse<String> page = get(path, null);
      assertThat(page.statusCode()).as(path).isEqualTo(200);
      assertThat(page.body()).contains("<div id=\"app\">");
      assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-cache");

      HttpResponse<String> head = head(path);
      assertThat(head.statusCode()).as("HEAD " + path).isEqualTo(200);
      assertThat(head.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
      assertThat(head.body()).isEmpty();
    }
  }

  @Test
  void hashedAssetsAreCachedForAYear() throws Exception {
    java.util.regex.Matcher script =
        java.util.regex.Pattern.compile("src=\"(/assets/[^\"]+\\.js)\"")
            .matcher(get("/", null).body());
    assertThat(script.find()).as("the page loads a hashed script from /assets/").isTrue();
    HttpResponse<String> asset = get(script.group(1), null);
    assertThat(asset.statusCode()).isEqualTo(200);
    assertThat(asset.headers().firstValue("Cache-Control"))
        .hasValueSatisfying(c -> assertThat(c).contains("max-age=31536000"));
  }

  @Test
  void mimicsNeedALoginAndComeFromTheSiteBeforeTheBuiltInSet() throws Exception {
    assertThat(get("/api/mimics/air", null).statusCode()).isEqualTo(401);

    HttpResponse<String> builtIn = get("/api/mimics/air?station=yc-xinghuayuan", token);
    assertThat(builtIn.statusCode()).isEqualTo(200);
    assertThat(builtIn.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("image/svg+xml"));
    assertThat(builtIn.body()).contains("data-point=\"pm25\"");
    // The pollution-source stack with its CEMS, bound by HJ 212 codes (SO2, NOx, O2, flow, dust,
    // temperature).
    assertThat(get("/api/mimics/stack?station=nd-plant", token).body())
        .contains(
            "data-point=\"a21026\"",
            "data-point=\"a21002\"",
            "data-point=\"a19001\"",
            "data-point=\"a00000\"",
            "data-point=\"a34013\"",
            "data-point=\"a01012\"");

    Files.writeString(mimics.resolve("air.svg"), "<svg id=\"site\"/>", StandardCharsets.UTF_8);
    assertThat(get("/api/mimics/air?station=yc-xinghuayuan", token).body()).contains("site");
    Files.writeString(
        mimics.resolve("yc-xinghuayuan.svg"), "<svg id=\"own\"/>", StandardCharsets.UTF_8);
    assertThat(get("/api/mimics/air?station=yc-xinghuayuan", token).body()).contains("own");
    assertThat(get("/api/mimics/air?station=yc-helan", token).body()).contains("site");

    assertThat(get("/api/mimics/no-such-kind", token).statusCode()).isEqualTo(404);
    assertThat(get("/api/mimics/air?station=..%2Fetc", token).statusCode()).isEqualTo(400);
  }

  /**
   * HEAD over HTTP/1.1, as link checkers and kiosk watchdogs send it (over an h2c upgrade, which
   * this client would otherwise attempt, Vert.x sends the body along).
   */
  private HttpResponse<String> head(String path) throws Exception {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .build()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + path))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path, String authorization) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + path));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
