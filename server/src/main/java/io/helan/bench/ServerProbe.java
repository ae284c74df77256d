package io.helan.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

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
      long compilerCpuNanos) {}

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
        now, cpu, rss, threads, heap, ingested, commits, rows, backlog, compilerCpuNanos());
  }

  /**
   * CPU time of the JVM's JIT compiler threads ("C1 CompilerThre…", "C2 CompilerThre…"): the
   * warm-up cost a freshly started server pays for minutes on a loaded machine, apart from its
   * steady work. Read from {@code /proc/<pid>/task/<tid>/stat} (utime + stime, in the kernel's 100
   * Hz user-visible clock ticks); 0 where there is no such file.
   */
  long compilerCpuNanos() {
    Path tasks = Path.of("/proc", Long.toString(process.pid()), "task");
    long ticks = 0;
    try (var threads = Files.list(tasks)) {
      for (Path task : (Iterable<Path>) threads::iterator) {
        try {
          if (!Files.readString(task.resolve("comm")).contains("CompilerThre")) {
            continue;
          }
          String stat = Files.readString(task.resolve("stat"));
          // the fields after the command name's closing parenthesis: state is the 1st, utime the
          // 12th, stime the 13th
          String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
          // the thread ended between the listing and the read
        }
      }
    } catch (IOException e) {
      return 0;
    }
    return ticks * 10_000_000L;
  }

  private static double value(String line) {
    return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
  }
}
