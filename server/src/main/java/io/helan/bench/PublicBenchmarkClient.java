package io.helan.bench;

import com.sun.management.OperatingSystemMXBean;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The load side of {@link PublicBenchmark}, run in its own JVM so that the server's CPU is measured
 * alone: {@code clients} keep-alive connections of a Vert.x HTTP client (one event-loop thread)
 * each keep one request in flight, going round the URLs. After the warm-up it prints {@code START},
 * at the end one line {@code RESULT <answers> <errors> <seconds> <p50 ms> <p99 ms> <client CPU s>}.
 *
 * <p>Arguments: port (on 127.0.0.1), clients, warm-up seconds, measured seconds, then the URLs.
 */
public final class PublicBenchmarkClient {
  private PublicBenchmarkClient() {}

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

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    int clients = Integer.parseInt(args[1]);
    int warmupSeconds = Integer.parseInt(args[2]);
    int seconds = Integer.parseInt(args[3]);
    List<String> urls = List.of(args).subList(4, args.length);
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    try {
      HttpClientAgent client =
          vertx.createHttpClient(
              new HttpClientOptions()
                  .setDefaultHost("127.0.0.1")
                  .setDefaultPort(port)
                  .setKeepAlive(true),
              new PoolOptions().setHttp1MaxSize(clients));
      Tally tally = new Tally();
      CountDownLatch done = new CountDownLatch(clients);
      for (int c = 0; c < clients; c++) {
        int first = c;
        vertx.runOnContext(v -> loop(client, urls, first, tally, done));
      }
      TimeUnit.SECONDS.sleep(warmupSeconds);
      tally.counting = true;
      System.out.println("START");
      System.out.flush();
      long cpu = os.getProcessCpuTime();
      long start = System.nanoTime();
      TimeUnit.SECONDS.sleep(seconds);
      tally.counting = false;
      double elapsed = (System.nanoTime() - start) / 1e9;
      double cpuSeconds = (os.getProcessCpuTime() - cpu) / 1e9;
      tally.stopping = true;
      done.await(30, TimeUnit.SECONDS);
      System.out.printf(
          "RESULT %d %d %.3f %.3f %.3f %.3f%n",
          tally.answers,
          tally.errors,
          elapsed,
          tally.percentileMillis(0.50),
          tally.percentileMillis(0.99),
          cpuSeconds);
      System.out.flush();
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
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
}
