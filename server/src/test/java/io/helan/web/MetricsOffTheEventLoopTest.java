package io.helan.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.helan.auth.ScrapeToken;
import io.micrometer.core.instrument.Gauge;
import io.vertx.core.Context;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scrape of {@code /metrics} reads every meter, a few per device: at province scale that is tens
 * of thousands of series, long enough to hold back every live frame if it ran on the event loop (a
 * 10,000-point load run logged the event loop blocked in the scrape). A gauge notes the thread it
 * is read on.
 */
class MetricsOffTheEventLoopTest {
  @TempDir Path dir;

  @Test
  void theScrapeReadsNoMeterOnAnEventLoop() throws Exception {
    ScrapeToken token = ScrapeToken.open(dir, new PrintStream(new ByteArrayOutputStream()));
    Queue<String> readOn = new ConcurrentLinkedQueue<>();
    try (PushTestServer server =
        new PushTestServer(
            PushTestServer.users(dir),
            PushSettings.defaults(),
            List.of(),
            new ConcurrentHashMap<>(),
            token)) {
      Gauge.builder(
              "helan.test.scraped",
              () -> {
                readOn.add(
                    (Context.isOnEventLoopThread() ? "event loop " : "worker ")
                        + Thread.currentThread().getName());
                return 1;
              })
          .register(server.metrics);

      HttpResponse<String> scrape =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + server.port() + "/metrics"))
                      .header(
                          "Authorization",
                          "Bearer " + Files.readString(dir.resolve(ScrapeToken.FILE_NAME)).trim())
                      .build(),
                  HttpResponse.BodyHandlers.ofString());

      assertThat(scrape.statusCode()).as(scrape.body()).isEqualTo(200);
      assertThat(scrape.body()).contains("helan_test_scraped 1.0");
      assertThat(readOn).isNotEmpty().allMatch(thread -> thread.startsWith("worker "));
    }
  }
}
