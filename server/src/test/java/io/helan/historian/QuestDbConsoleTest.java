package io.helan.historian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.questdb.ServerConfiguration;
import io.questdb.cairo.security.AllowAllSecurityContext;
import io.questdb.griffin.SqlExecutionContextImpl;
import io.vertx.core.json.JsonArray;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded QuestDB listens on nothing unless the operator console is opened, and the console
 * takes only the password generated for it: no one else on the machine can rewrite samples or the
 * alarm journal.
 */
class QuestDbConsoleTest {
  private static final String UPDATE = "UPDATE samples SET value = -999";
  private final HttpClient client = HttpClient.newHttpClient();

  @Test
  void byDefaultQuestDbHasNoNetworkListener(@TempDir Path root) {
    try (QuestDbEmbedded questDb = QuestDbEmbedded.start(root)) {
      ServerConfiguration configuration = questDb.configuration();
      assertThat(configuration.getHttpServerConfiguration().isEnabled()).as("HTTP").isFalse();
      assertThat(configuration.getHttpMinServerConfiguration().isEnabled())
          .as("HTTP min")
          .isFalse();
      assertThat(configuration.getPGWireConfiguration().isEnabled()).as("PG wire").isFalse();
      assertThat(configuration.getLineTcpReceiverConfiguration().isEnabled())
          .as("ILP TCP")
          .isFalse();
      assertThat(configuration.getLineUdpReceiverConfiguration().isEnabled())
          .as("ILP UDP")
          .isFalse();
    }
  }

  @Test
  void theConsoleRefusesWritesWithoutItsGeneratedPassword(@TempDir Path root) throws Exception {
    QuestDbConsole console = QuestDbConsole.withGeneratedPassword(0, 0);
    try (QuestDbEmbedded questDb = QuestDbEmbedded.start(root, console)) {
      execute(questDb, SamplesTable.CREATE);
      execute(questDb, "INSERT INTO samples VALUES (now(), 'p', 42.0, 'GOOD', 'N')");
      questDb.engine().awaitTable(SamplesTable.NAME, 30, TimeUnit.SECONDS);
      String base = "http://127.0.0.1:" + questDb.httpPort();

      assertThat(exec(base, UPDATE, null).statusCode()).as("no credentials").isEqualTo(401);
      assertThat(exec(base, UPDATE, "admin:quest").statusCode())
          .as("the vendor's default")
          .isEqualTo(401);
      HttpResponse<String> ilp =
          client.send(
              HttpRequest.newBuilder(URI.create(base + "/write"))
                  .POST(HttpRequest.BodyPublishers.ofString("samples,point=p value=-1\n"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(ilp.statusCode()).as("line protocol without credentials").isEqualTo(401);
      assertThatThrownBy(() -> pg(questDb, "admin", "quest")).isInstanceOf(SQLException.class);

      QuestDbHttp signedIn = new QuestDbHttp(console.httpUrl(questDb.httpPort()));
      JsonArray rows = signedIn.exec("SELECT value FROM samples");
      assertThat(rows.getJsonArray(0).getDouble(0)).as("nothing was rewritten").isEqualTo(42.0);
      try (Connection pg = pg(questDb, console.user(), console.password());
          Statement statement = pg.createStatement();
          ResultSet result = statement.executeQuery("SELECT count() FROM samples")) {
        assertThat(result.next()).isTrue();
        assertThat(result.getLong(1)).isEqualTo(1);
      }
    }
  }

  private HttpResponse<String> exec(String base, String sql, String credentials) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(
            URI.create(base + "/exec?query=" + URLEncoder.encode(sql, StandardCharsets.UTF_8)));
    if (credentials != null) {
      request.header(
          "Authorization",
          "Basic "
              + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static Connection pg(QuestDbEmbedded questDb, String user, String password)
      throws SQLException {
    return DriverManager.getConnection(
        "jdbc:postgresql://127.0.0.1:" + questDb.pgPort() + "/qdb", user, password);
  }

  private static void execute(QuestDbEmbedded questDb, String sql) throws Exception {
    try (SqlExecutionContextImpl context =
        new SqlExecutionContextImpl(questDb.engine(), 1).with(AllowAllSecurityContext.INSTANCE)) {
      questDb.engine().execute(sql, context);
    }
  }
}
