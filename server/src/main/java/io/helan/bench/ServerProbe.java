package io.helan.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a running server process from outside: CPU time, resident memory and threads from the
 * operating system, heap, samples ingested and historian commits from its {@code /metrics}.
 */
final class ServerProbe {
  private final ProcessHandle process;
  private final URI metrics;
  private final String scrapeToken;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** One reading. */
  record Reading(
      long nanos,
      long cpuNanos,
      long rssBytes,
      int threads,
      double heapBytes,
      double samplesIngested,
      double commits,
      double rowsCommitted,
      double backlog,
      Map<String, Long> threadCpuNanos) {}

  /** Linux's clock ticks per second in /proc (USER_HZ, 100 on every platform Java runs on). */
  private static final long TICK_NANOS = 10_000_000;

  ServerProbe(ProcessHandle process, int httpPort, Path dataDir) throws IOException {
    this.process = process;
    this.metrics = URI.create("http://127.0.0.1:" + httpPort + "/metrics");
    this.scrapeToken = Files.readString(dataDir.resolve("metrics-token")).trim();
  }

  /**
   * Reads the process; a server too busy to answer {@code /metrics} within 30 s is asked again,
   * three times in all.
   */
  Reading read() throws IOException, InterruptedException {
    for (int attempt = 1; ; attempt++) {
      try {
        return readOnce();
      } catch (HttpTimeoutException e) {
        if (attempt == 3) {
          throw e;
        }
      }
    }
  }

  private Reading readOnce() throws IOException, InterruptedException {
    long now = System.nanoTime();
    long cpu = process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    long rss = 0;
    int threads = 0;
    for (String line :
        Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
      if (line.startsWith("VmRSS:")) {
        rss = Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
      } else if (line.startsWith("Threads:")) {
        threads = Integer.parseInt(line.replaceAll("[^0-9]", ""));
      }
    }
    String text =
        http.send(
                HttpRequest.newBuilder(metrics)
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + scrapeToken)
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    double heap = 0;
    double ingested = 0;
    double commits = 0;
    double rows = 0;
    double backlog = 0;
    for (String line : text.split("\n")) {
      if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
        heap += value(line);
      } else if (line.startsWith("helan_samples_ingested_total")) {
        ingested += value(line);
      } else if (line.startsWith("helan_historian_commit_rows_count")) {
        commits += value(line);
      } else if (line.startsWith("helan_historian_commit_rows_sum")) {
        rows += value(line);
      } else if (line.startsWith("helan_historian_backlog")) {
        backlog += value(line);
      }
    }
    return new Reading(
        now, cpu, rss, threads, heap, ingested, commits, rows, backlog, threadCpuNanos());
  }

  /**
   * CPU time (user and system) of the process's live threads, summed per thread group: the name the
   * kernel knows a thread by (its first 15 characters) with its numbers taken out, so the 16
   * threads {@code helan-link-1} … {@code helan-link-16} are one group {@code helan-link-#}.
   */
  Map<String, Long> threadCpuNanos() throws IOException {
    Map<String, Long> groups = new TreeMap<>();
    Path tasks = Path.of("/proc", Long.toString(process.pid()), "task");
    try (DirectoryStream<Path> threads = Files.newDirectoryStream(tasks)) {
      for (Path thread : threads) {
        String stat;
        try {
          stat = Files.readString(thread.resolve("stat"));
        } catch (IOException e) {
          continue; // the thread ended
        }
        // pid (comm) state ppid ... utime stime: fields 14 and 15, comm may hold spaces
        int open = stat.indexOf('(');
        int close = stat.lastIndexOf(')');
        String[] fields = stat.substring(close + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        groups.merge(group(stat.substring(open + 1, close)), ticks * TICK_NANOS, Long::sum);
      }
    }
    return groups;
  }

  /** A thread's group: its name with each run of digits replaced by {@code #}. */
  static String group(String threadName) {
    return threadName.replaceAll("[0-9]+", "#");
  }

  private static double value(String line) {
    return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
  }
}
