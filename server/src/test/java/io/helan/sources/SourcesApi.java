package io.helan.sources;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The REST calls of the sources tests: JSON bodies, a bearer token, up to 60 s for an answer. */
final class SourcesApi {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private SourcesApi() {}

  /** Logs {@code user} in on the server at {@code port} and returns the session token. */
  static String login(int port, String user, String password) throws Exception {
    HttpResponse<String> answer =
        send(
            port,
            "POST",
            "/api/login",
            null,
            new JsonObject().put("user", user).put("password", password));
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    return new JsonObject(answer.body()).getString("token");
  }

  static HttpResponse<String> send(
      int port, String method, String path, String token, JsonObject body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body.encode()));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
