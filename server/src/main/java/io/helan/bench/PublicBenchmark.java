package io.helan.bench;

import com.sun.management.OperatingSystemMXBean;
import io.helan.aggregates.AveragingRules;
import io.helan.aggregates.MeanRecomputation;
import io.helan.aggregates.SampleOverlay;
import io.helan.aggregates.ValidatedAverages;
import io.helan.config.Site;
import io.helan.config.SiteLoader;
import io.helan.config.StationKind;
import io.helan.historian.HistorianSettings;
import io.helan.publication.PublicationSettings;
import io.helan.server.HelanServer;
import io.helan.server.ServerSettings;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Requests per second of the public release API ({@code /api/public/...} and the {@code /public}
 * page) answered from its cache. A server of the default site is started in this process on
 * 127.0.0.1 without field links (no device is polled or raises a link alarm: the figure is the
 * public API's) with validated means of yesterday and today from {@link GeneratedHourlyMeans}; its
 * rate limit per client address is raised above the load (all clients share 127.0.0.1), everything
 * else is the default publication. Each URL is asked once (filling the cache), then {@link
 * PublicBenchmarkClient} in its own JVM keeps {@code clients} connections busy for the warm-up and
 * the measured seconds; this process's CPU time over the measured seconds is the server's alone.
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

  public void run(PrintStream out) throws Exception {
    Site site = SiteLoader.loadDefault();
    Path dataDir = Files.createTempDirectory(workDir, "helan-bench-public-");
    HelanServer server = null;
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
              .withoutFieldLinks()
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
      out.printf(
          "Public API benchmark: default site (%,d points, %d stations, no field link),"
              + " server on 127.0.0.1:%d, %d clients in their own JVM, %d URLs%n",
          site.points().size(), site.stations().size(), port, clients, urls.size());
      firstAnswers(port, urls, out);
      List<String> args = new ArrayList<>();
      args.addAll(
          List.of(
              Integer.toString(port),
              Integer.toString(clients),
              Integer.toString(warmupSeconds),
              Integer.toString(seconds)));
      args.addAll(urls);
      Process client =
          BenchProcesses.java(
                  List.of("-Xmx512m"),
                  PublicBenchmarkClient.class.getName(),
                  args.toArray(String[]::new))
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      long cpu = 0;
      long eventLoopCpu = 0;
      long start = 0;
      String result = null;
      try (BufferedReader lines =
          new BufferedReader(
              new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = lines.readLine()) != null) {
          if (line.equals("START")) {
            cpu = os.getProcessCpuTime();
            eventLoopCpu = eventLoopCpuNanos();
            start = System.nanoTime();
          } else if (line.startsWith("RESULT ")) {
            result = line;
            break;
          }
        }
      } finally {
        if (!client.waitFor(60, TimeUnit.SECONDS)) {
          client.destroyForcibly();
        }
      }
      double serverCpu = (os.getProcessCpuTime() - cpu) / 1e9;
      double httpCpu = (eventLoopCpuNanos() - eventLoopCpu) / 1e9;
      double serverWall = (System.nanoTime() - start) / 1e9;
      if (result == null) {
        throw new IllegalStateException("the load client measured nothing");
      }
      String[] figures = result.split(" ");
      long answers = Long.parseLong(figures[1]);
      long errors = Long.parseLong(figures[2]);
      double elapsed = Double.parseDouble(figures[3]);
      double p50 = Double.parseDouble(figures[4]);
      double p99 = Double.parseDouble(figures[5]);
      double clientCpu = Double.parseDouble(figures[6]);
      int cores = Runtime.getRuntime().availableProcessors();
      out.printf(
          "  %,d answers in %.1f s, %,d errors; server CPU %.1f s (%.0f %% of %d cores, %.3f ms"
              + " per answer), of which its HTTP event loops %.1f s (%.3f ms per answer); client"
              + " CPU %.1f s%n",
          answers,
          elapsed,
          errors,
          serverCpu,
          100 * serverCpu / serverWall / cores,
          cores,
          1000 * serverCpu / Math.max(1, answers),
          httpCpu,
          1000 * httpCpu / Math.max(1, answers),
          clientCpu);
      out.println();
      out.printf(
          "public API from cache: %,.0f requests/s, latency p50 %.2f ms, p99 %.2f ms, %,d errors"
              + " (%d clients, %d s); goal >= 2,000 requests/s%n",
          answers / elapsed, p50, p99, errors, clients, seconds);
    } finally {
      if (server != null) {
        server.close();
      }
      IngestBenchmark.deleteRecursively(dataDir);
    }
  }

  /** CPU time of this process's Vert.x event-loop threads (the server's HTTP), in ns. */
  private static long eventLoopCpuNanos() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long total = 0;
    for (ThreadInfo thread : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (thread != null && thread.getThreadName().startsWith("vert.x-eventloop-thread")) {
        total += Math.max(0, threads.getThreadCpuTime(thread.getThreadId()));
      }
    }
    return total;
  }

  /** Asks each URL once (filling the cache) and prints its status, size and time. */
  private static void firstAnswers(int port, List<String> urls, PrintStream out) throws Exception {
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    try {
      HttpClientAgent client =
          vertx.createHttpClient(
              new HttpClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port));
      for (String url : urls) {
        long start = System.nanoTime();
        int[] answer = get(client, url);
        out.printf(
            "  first (uncached) answer %3d, %,7d bytes, %6.1f ms  %s%n",
            answer[0], answer[1], (System.nanoTime() - start) / 1e6, url);
      }
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
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
