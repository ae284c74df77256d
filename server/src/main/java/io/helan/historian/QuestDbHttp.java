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
public final class QuestDbHttp {
  /** Visibility is polled: QuestDB applies WAL transactions a few milliseconds after commit. */
  private static final long POLL_MILLIS = 10;

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  private final URI baseUrl;
  private final String authorization;
  private final HttpClient client;

  public QuestDbHttp(URI url) {
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
  public static URI withoutCredentials(URI url) {
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
  public JsonArray exec(String sql) {
    JsonArray rows = result(sql).getJsonArray("dataset");
    return rows == null ? new JsonArray() : rows;
  }

  /**
   * Runs the statement and returns QuestDB's whole answer: {@code columns} (each with its {@code
   * name} and {@code type}) and {@code dataset} (the rows).
   *
   * @throws UncheckedIOException when the server cannot be reached
   * @throws IllegalStateException when the server refuses the statement
   */
  public JsonObject result(String sql) {
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
    return body;
  }

  /** Waits until QuestDB has applied the last transaction committed to the WAL table so far. */
  public void awaitApplied(String table, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    long target = -1;
    while (true) {
      JsonArray rows =
          exec("SELECT writerTxn, sequencerTxn FROM wal_tables() WHERE name = " + quote(table));
      if (rows.isEmpty()) {
        return;
      }
      JsonArray txns = rows.getJsonArray(0);
      if (target < 0) {
        target = txns.getLong(1);
      }
      if (txns.getLong(0) >= target) {
        return;
      }
      if (System.nanoTime() - deadline >= 0) {
        throw new IllegalStateException(
            "QuestDB did not apply transaction "
                + target
                + " of table "
                + table
                + " within "
                + timeout);
      }
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for QuestDB", e);
      }
    }
  }

  /**
   * The configuration of a line-protocol sender over HTTP to the server at {@code url} (its {@code
   * user:password@} included) that commits only when flushed.
   */
  public static String senderConfig(URI url) {
    int port = url.getPort() < 0 ? 9000 : url.getPort();
    // auto_flush=off: the writer commits; retry_timeout bounds how long a failing commit blocks
    String config =
        url.getScheme()
            + "::addr="
            + url.getHost()
            + ":"
            + port
            + ";auto_flush=off;retry_timeout=2000;request_timeout=30000;";
    String credentials = url.getUserInfo();
    if (credentials != null) {
      int colon = credentials.indexOf(':');
      config +=
          "username="
              + escape(colon < 0 ? credentials : credentials.substring(0, colon))
              + ";password="
              + escape(colon < 0 ? "" : credentials.substring(colon + 1))
              + ";";
    }
    return config;
  }

  /** A value in a sender's configuration string, where ';' is written twice. */
  private static String escape(String value) {
    return value.replace(";", ";;");
  }

  /** A SQL string literal. */
  public static String quote(String text) {
    return "'" + text.replace("'", "''") + "'";
  }

  /** A SQL timestamp literal with QuestDB's microsecond resolution. */
  public static String timestamp(Instant time) {
    return quote(TIMESTAMP.format(time));
  }
}
