package io.helan.historian;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;

/**
 * A client of a QuestDB server's HTTP {@code /exec} endpoint: runs one SQL statement and returns
 * the result rows. The endpoint takes no bind variables, so values go in as quoted literals. A
 * {@code user:password@} in the server's URL signs every request in (HTTP basic authentication); it
 * never appears in messages.
 */
final class QuestDbHttp {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  private final URI baseUrl;
  private final String authorization;
  private final HttpClient client;

  QuestDbHttp(URI url) {
    this.baseUrl = withoutCredentials(url);
    this.authorization =
        url.getUserInfo() == null
            ? null
            : "Basic "
                + Base64.getEncoder()
                    .encodeToString(url.getUserInfo().getBytes(StandardCharsets.UTF_8));
    this.client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
  }

  /** The server's address without the credentials, to show and log. */
  static URI withoutCredentials(URI url) {
    try {
      return new URI(
          url.getScheme(), null, url.getHost(), url.getPort(), url.getPath(), null, null);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a QuestDB address: " + url.getHost(), e);
    }
  }

  /**
   * Runs the statement and returns the rows of its result ({@code dataset}); empty for DDL.
   *
   * @throws UncheckedIOException when the server cannot be reached
   * @throws IllegalStateException when the server refuses the statement
   */
  JsonArray exec(String sql) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(
                baseUrl.resolve("/exec?query=" + URLEncoder.encode(sql, StandardCharsets.UTF_8)))
            .timeout(REQUEST_TIMEOUT)
            .GET();
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    HttpRequest request = builder.build();
    HttpResponse<String> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException("QuestDB " + baseUrl + " unreachable: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while querying QuestDB", e);
    }
    JsonObject body;
    try {
      body = new JsonObject(response.body());
    } catch (DecodeException e) {
      throw new IllegalStateException(
          "QuestDB " + baseUrl + " answered " + response.statusCode() + " without JSON");
    }
    if (response.statusCode() != 200 || body.containsKey("error")) {
      throw new IllegalStateException(
          "QuestDB refused the query (" + response.statusCode() + "): " + body.getString("error"));
    }
    JsonArray rows = body.getJsonArray("dataset");
    return rows == null ? new JsonArray() : rows;
  }

  /** A SQL string literal. */
  static String quote(String text) {
    return "'" + text.replace("'", "''") + "'";
  }

  /** A SQL timestamp literal with QuestDB's microsecond resolution. */
  static String timestamp(Instant time) {
    return quote(TIMESTAMP.format(time));
  }
}
