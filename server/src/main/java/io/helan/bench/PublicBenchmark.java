package io.helan.bench;

import com.sun.management.OperatingSystemMXBean;
import io.helan.aggregates.AveragingRules;
import io.helan.aggregates.MeanRecomputation;
import io.helan.aggregates.SampleOverlay;
import io.helan.aggregates.ValidatedAverages;
import io.helan.config.Site;
import io.helan.config.SiteLoader;
import io.helan.config.StationKind;
import io.helan.config.TcpConnection;
import io.helan.historian.HistorianSettings;
import io.helan.publication.PublicationSettings;
import io.helan.server.HelanServer;
import io.helan.server.ServerSettings;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Requests per second of the public release API ({@code /api/public/...} and the {@code /public}
 * page) answered from its cache. A server of the default site (no field network, every TCP device
 * at a port nothing listens on) is started in this process on 127.0.0.1 with validated means of
 * yesterday and today from {@link GeneratedHourlyMeans}; its rate limit per client address is
 * raised above the load (all clients share 127.0.0.1), everything else is the default publication.
 * Each URL is asked once (filling the cache), then {@code clients} connections each keep one
 * request in flight (Vert.x HTTP client, keep-alive, on one event-loop thread) for the warm-up and
 * then the measured seconds, going round the URLs.
 */
public final class PublicBenchmark {
  private final int clients;
  private final int warmupSeconds;
  private final int seconds;
  private final Path workDir;
  private final OperatingSystemMXBean os =
      (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  public PublicBenchmark(int clients, int warmupSeconds, int seconds, Path workDir) {
    this.clients = clients;
    this.warmupSeconds = warmupSeconds;
    this.seconds = seconds;
    this.workDir = workDir;
  }

  /** What the clients counted, on the event loop only; read after they stopped. */
  private static final class Tally {
    long[] latencyNanos = new long[1 << 16];
    int answers;
    long errors;
    volatile boolean counting;
    volatile boolean stopping;

    void answered(long nanos) {
      if (answers == latencyNanos.length) {
        latencyNanos = Arrays.copyOf(latencyNanos, answers * 2);
      }
      latencyNanos[answers++] = nanos;
    }

    /** The latency below which the given share of answers came, in ms. */
    double percentileMillis(double share) {
      long[] sorted = Arrays.copyOf(latencyNanos, answers);
      Arrays.sort(sorted);
      return sorted.length == 0
          ? Double.NaN
          : sorted[Math.min(sorted.length - 1, (int) Math.ceil(share * sorted.length) - 1)] / 1e6;
    }
  }

  public void run(PrintStream out) throws Exception {
    // every TCP device at port 1, where nothing listens: no field network is polled
    Site site =
        SiteLoader.loadDefault()
            .withDeviceConnections(
                device ->
                    device.connection() instanceof TcpConnection tcp
                        ? tcp.atPort(1)
                        : device.connection());
    Path dataDir = Files.createTempDirectory(workDir, "helan-bench-public-");
    HelanServer server = null;
    Vertx vertx = null;
    try {
      server =
          new HelanServer(
                  site,
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
                      HistorianSettings.defaults(dataDir)))
              .publication(
                  new PublicationSettings(
                      PublicationSettings.defaults().delay(),
                      PublicationSettings.defaults().cacheFor(),
                      Integer.MAX_VALUE))
              .start();
      LocalDate today = LocalDate.now(ValidatedAverages.NETWORK_ZONE);
      try (MeanRecomputation generated =
          new MeanRecomputation(
              site,
              new GeneratedHourlyMeans(),
              server.means(),
              new ValidatedAverages(AveragingRules.DEFAULT, ValidatedAverages.NETWORK_ZONE),
              SampleOverlay.NONE,
              Clock.systemUTC())) {
        generated.recompute(site.points(), today.minusDays(1), today);
      }
      List<String> urls = urls(site);
      int port = server.httpPort();
      vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
      HttpClientAgent client =
          vertx.createHttpClient(
              new HttpClientOptions()
                  .setDefaultHost("127.0.0.1")
                  .setDefaultPort(port)
                  .setKeepAlive(true),
              new PoolOptions().setHttp1MaxSize(clients));
      out.printf(
          "Public API benchmark: default site (%,d points, %d stations), server on 127.0.0.1:%d,"
              + " %d clients, %d URLs%n",
          site.points().size(), site.stations().size(), port, clients, urls.size());
      for (String url : urls) {
        long start = System.nanoTime();
        int[] answer = get(client, url);
        out.printf(
            "  first (uncached) answer %3d, %,7d bytes, %6.1f ms  %s%n",
            answer[0], answer[1], (System.nanoTime() - start) / 1e6, url);
      }

      Tally tally = new Tally();
      CountDownLatch done = new CountDownLatch(clients);
      for (int c = 0; c < clients; c++) {
        int first = c;
        vertx.runOnContext(v -> loop(client, urls, first, tally, done));
      }
      TimeUnit.SECONDS.sleep(warmupSeconds);
      tally.counting = true;
      long cpu = os.getProcessCpuTime();
      long start = System.nanoTime();
      TimeUnit.SECONDS.sleep(seconds);
      tally.counting = false;
      tally.stopping = true;
      double elapsed = (System.nanoTime() - start) / 1e9;
      double cpuSeconds = (os.getProcessCpuTime() - cpu) / 1e9;
      done.await(30, TimeUnit.SECONDS);
      long ok = tally.answers;
      out.printf(
          "  %,d answers in %.1f s, %,d errors; process CPU %.1f s (server and clients, %.0f %% of"
              + " %d cores)%n",
          ok,
          elapsed,
          tally.errors,
          cpuSeconds,
          100 * cpuSeconds / elapsed / Runtime.getRuntime().availableProcessors(),
          Runtime.getRuntime().availableProcessors());
      out.println();
      out.printf(
          "public API from cache: %,.0f requests/s, latency p50 %.2f ms, p99 %.2f ms, %,d errors"
              + " (%d clients, %d s); goal >= 2,000 requests/s%n",
          ok / elapsed,
          tally.percentileMillis(0.50),
          tally.percentileMillis(0.99),
          tally.errors,
          clients,
          seconds);
    } finally {
      if (vertx != null) {
        vertx.close().await(10, TimeUnit.SECONDS);
      }
      if (server != null) {
        server.close();
      }
      IngestBenchmark.deleteRecursively(dataDir);
    }
  }

  /** One client: a request, and when it is answered the next one, until the run stops. */
  private static void loop(
      HttpClientAgent client, List<String> urls, int next, Tally tally, CountDownLatch done) {
    if (tally.stopping) {
      done.countDown();
      return;
    }
    String url = urls.get(next % urls.size());
    long start = System.nanoTime();
    client
        .request(HttpMethod.GET, url)
        .compose(request -> request.send())
        .compose(response -> response.body().map(body -> response.statusCode()))
        .onComplete(
            result -> {
              if (tally.counting) {
                if (result.succeeded() && result.result() == 200) {
                  tally.answered(System.nanoTime() - start);
                } else {
                  tally.errors++;
                }
              }
              loop(client, urls, next + 1, tally, done);
            });
  }

  /** One request, waited for: status and body length. */
  private static int[] get(HttpClientAgent client, String url) throws Exception {
    return client
        .request(HttpMethod.GET, url)
        .compose(request -> request.send())
        .compose(
            response ->
                response.body().map(body -> new int[] {response.statusCode(), body.length()}))
        .await(60, TimeUnit.SECONDS);
  }

  /** The public page and the API's answers for the site, its first region and first stations. */
  private static List<String> urls(Site site) {
    List<String> urls = new ArrayList<>();
    urls.add("/public");
    urls.add("/api/public/stations");
    urls.add("/api/public/aqi/hourly?area=site&hours=24");
    urls.add("/api/public/aqi/hourly?area=region:" + site.regions().get(0).id() + "&hours=24");
    site.stations().stream()
        .filter(s -> s.kind() == StationKind.AIR_CITY)
        .limit(4)
        .forEach(s -> urls.add("/api/public/aqi/hourly?area=station:" + s.id() + "&hours=24"));
    urls.add("/api/public/water");
    urls.add("/api/public/dose-rate");
    return urls;
  }
}
