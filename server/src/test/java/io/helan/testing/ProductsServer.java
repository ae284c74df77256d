package io.helan.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.helan.auth.Role;
import io.helan.config.Device;
import io.helan.config.Site;
import io.helan.config.SiteLoader;
import io.helan.config.Station;
import io.helan.config.TcpConnection;
import io.helan.historian.HistorianSettings;
import io.helan.publication.PublicationSettings;
import io.helan.server.HelanServer;
import io.helan.server.ServerSettings;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * A running server on the data-product test site (two cities of air stations, a river section, a
 * gamma station and a power plant) without a field network: every device points at a port nothing
 * listens on, and tests ingest samples themselves. Users of every role have one password; OPC UA
 * takes anonymous clients on the None endpoint.
 */
public final class ProductsServer implements AutoCloseable {
  public static final Site SITE =
      SiteLoader.load(Path.of("src/test/resources/sites/products.yaml"));
  public static final String PASSWORD = "products-password";

  public final HelanServer server;
  public final Path dataDir;
  private final HttpClient http = HttpClient.newHttpClient();

  public ProductsServer(Path dataDir) throws Exception {
    this(dataDir, PublicationSettings.defaults());
  }

  public ProductsServer(Path dataDir, PublicationSettings publication) throws Exception {
    this.dataDir = dataDir;
    server =
        new HelanServer(
                unreachable(SITE),
                new ServerSettings(
                    dataDir,
                    "127.0.0.1",
                    0,
                    0,
                    true,
                    true,
                    0,
                    false,
                    false,
                    HistorianSettings.forTests(dataDir)))
            .publication(publication)
            .start();
    for (Role role : Role.values()) {
      if (role != Role.ADMIN) {
        server.users().add(role.name().toLowerCase(), PASSWORD, Set.of(role));
      }
    }
  }

  /** The site with every TCP device at port 1, where nothing listens. */
  static Site unreachable(Site site) {
    List<Station> stations =
        site.stations().stream()
            .map(
                station ->
                    station.withDevices(
                        station.devices().stream().map(ProductsServer::unreachable).toList()))
            .toList();
    return new Site(site.id(), site.name(), site.regions(), stations);
  }

  private static Device unreachable(Device device) {
    return device.connection() instanceof TcpConnection tcp
        ? device.withConnection(tcp.atPort(1))
        : device;
  }

  /** A session token of the user. */
  public String login(String user) throws Exception {
    HttpResponse<String> answer =
        send(
            "POST",
            "/api/login",
            new JsonObject().put("user", user).put("password", PASSWORD).encode(),
            null);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    return new JsonObject(answer.body()).getString("token");
  }

  public HttpResponse<String> send(String method, String path, String body, String token)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + path))
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  public HttpResponse<String> get(String path, String token) throws Exception {
    return send("GET", path, null, token);
  }

  @Override
  public void close() {
    server.close();
  }
}
