package io.helan.historian;

import io.questdb.Bootstrap;
import io.questdb.PropBootstrapConfiguration;
import io.questdb.ServerConfiguration;
import io.questdb.ServerMain;
import io.questdb.cairo.CairoEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * QuestDB running inside this process ({@link ServerMain}, which also runs the WAL apply jobs):
 * every network listener off unless the operator console is asked for ({@link QuestDbConsole}:
 * 127.0.0.1 only, with a generated password), telemetry off, and QuestDB's own log limited to
 * errors and advisories. Settings in the environment or QuestDB's {@code server.conf} cannot open a
 * listener: these override them.
 */
public final class QuestDbEmbedded implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(QuestDbEmbedded.class);

  /**
   * QuestDB logs through its own logger (not SLF4J), about 500 INFO lines per start by default.
   * QuestDB reads this file once per JVM, at the first start; an operator may edit it afterwards.
   */
  private static final String LOG_CONF =
      """
      # Written by Helan: QuestDB errors, critical messages and advisories (such as OS limits) only.
      # Add INFO to the levels for QuestDB's full log.
      writers=stdout
      w.stdout.class=io.questdb.log.LogConsoleWriter
      w.stdout.level=ERROR,CRITICAL,ADVISORY
      """;

  /** QuestDB's worker pools, by the prefix of their settings' variables. */
  private static final List<String> WORKER_POOLS =
      List.of("SHARED", "WAL_APPLY", "MAT_VIEW_REFRESH", "VIEW_COMPILER", "EXPORT");

  /**
   * Rounds without work after which an idle QuestDB worker sleeps its pool's timeout. QuestDB's
   * default is 10,000 rounds, the last 3,000 of them naps of 1 ms: after each commit the WAL apply,
   * rollup and write workers woke about a thousand times a second for three seconds, so with a
   * commit every second they never slept (2026-12-07, BENCHMARKS.md, load). Now a worker spins
   * through a hundred rounds (microseconds) and then sleeps; a commit is applied within its pool's
   * sleep timeout.
   */
  static final long IDLE_ROUNDS_BEFORE_SLEEP = 100;

  /**
   * QuestDB's worker pools sized for one embedded node that commits every second or two: one thread
   * per pool (QuestDB's default is two each on this machine), idle workers that sleep after {@link
   * #IDLE_ROUNDS_BEFORE_SLEEP} rounds without naps of 1 ms (the nap threshold equals the sleep
   * threshold), and that sleep 50-1000 ms between polls instead of 10 ms. An idle embedded QuestDB
   * took 2.2 % of a core with 15 threads, 0.45 % with 9 (2026-12-07, BENCHMARKS.md); committed rows
   * become visible within 50 ms of an idle spell instead of 10. A variable of the same name in the
   * environment wins.
   */
  private static final Map<String, String> EMBEDDED_WORKERS = embeddedWorkers();

  private static Map<String, String> embeddedWorkers() {
    Map<String, String> workers =
        new HashMap<>(
            Map.ofEntries(
                Map.entry("QDB_SHARED_NETWORK_WORKER_COUNT", "1"),
                Map.entry("QDB_SHARED_WRITE_WORKER_COUNT", "1"),
                Map.entry("QDB_WAL_APPLY_WORKER_COUNT", "1"),
                Map.entry("QDB_MAT_VIEW_REFRESH_WORKER_COUNT", "1"),
                Map.entry("QDB_VIEW_COMPILER_WORKER_COUNT", "1"),
                Map.entry("QDB_SHARED_WORKER_SLEEP_TIMEOUT", "100"),
                Map.entry("QDB_WAL_APPLY_WORKER_SLEEP_TIMEOUT", "50"),
                Map.entry("QDB_MAT_VIEW_REFRESH_WORKER_SLEEP_TIMEOUT", "50"),
                Map.entry("QDB_VIEW_COMPILER_WORKER_SLEEP_TIMEOUT", "1000"),
                Map.entry("QDB_EXPORT_WORKER_SLEEP_TIMEOUT", "1000")));
    String rounds = Long.toString(IDLE_ROUNDS_BEFORE_SLEEP);
    for (String pool : WORKER_POOLS) {
      // spin (with a CPU pause) after 10 idle rounds, as QuestDB's shared pool does by default
      workers.put("QDB_" + pool + "_WORKER_YIELD_THRESHOLD", "10");
      workers.put("QDB_" + pool + "_WORKER_NAP_THRESHOLD", rounds);
      workers.put("QDB_" + pool + "_WORKER_SLEEP_THRESHOLD", rounds);
    }
    return Map.copyOf(workers);
  }

  private final ServerMain server;
  private final Path root;
  private volatile boolean closed;
  private final List<Runnable> stopHooks = new ArrayList<>(); // guarded by this

  private QuestDbEmbedded(ServerMain server, Path root) {
    this.server = server;
    this.root = root;
  }

  /** Starts QuestDB in {@code root} without any network listener and waits until it is up. */
  public static QuestDbEmbedded start(Path root) {
    return start(root, null);
  }

  /**
   * Starts QuestDB in {@code root} and waits until it is up.
   *
   * @param console the operator console to open, or null for no network listener at all
   */
  public static QuestDbEmbedded start(Path root, QuestDbConsole console) {
    long started = System.nanoTime();
    writeLogConfIfAbsent(root);
    Map<String, String> env = new HashMap<>(System.getenv());
    boolean open = console != null;
    env.put("QDB_HTTP_ENABLED", Boolean.toString(open));
    env.put("QDB_LINE_HTTP_ENABLED", Boolean.toString(open));
    env.put("QDB_PG_ENABLED", Boolean.toString(open));
    if (open) {
      env.put("QDB_HTTP_NET_BIND_TO", "127.0.0.1:" + console.httpPort());
      env.put("QDB_HTTP_USER", console.user());
      env.put("QDB_HTTP_PASSWORD", console.password());
      env.put("QDB_PG_NET_BIND_TO", "127.0.0.1:" + console.pgPort());
      env.put("QDB_PG_USER", console.user());
      env.put("QDB_PG_PASSWORD", console.password());
    }
    env.put("QDB_PG_READONLY_USER_ENABLED", "false");
    env.put("QDB_HTTP_MIN_ENABLED", "false");
    env.put("QDB_LINE_TCP_ENABLED", "false");
    env.put("QDB_LINE_UDP_ENABLED", "false");
    env.put("QDB_TELEMETRY_ENABLED", "false");
    EMBEDDED_WORKERS.forEach(env::putIfAbsent);
    PropBootstrapConfiguration configuration =
        new PropBootstrapConfiguration() {
          @Override
          public Map<String, String> getEnv() {
            return env;
          }
        };
    // -n: leave the process's signal handlers alone
    ServerMain server = new ServerMain(new Bootstrap(configuration, "-d", root.toString(), "-n"));
    try {
      server.start();
      server.awaitStartup();
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
    QuestDbEmbedded db = new QuestDbEmbedded(server, root);
    LOG.info(
        "QuestDB {} started in {} ms ({})",
        root,
        (System.nanoTime() - started) / 1_000_000,
        open
            ? "console: HTTP 127.0.0.1:"
                + db.httpPort()
                + ", PG wire 127.0.0.1:"
                + db.pgPort()
                + ", user "
                + console.user()
            : "no network listener");
    return db;
  }

  /** The engine, for SQL and table writers. */
  public CairoEngine engine() {
    if (closed) {
      throw new IllegalStateException("QuestDB " + root + " is stopped");
    }
    return server.getEngine();
  }

  /**
   * Runs {@code hook} when QuestDB is asked to stop, before it stops: whoever keeps a writer
   * checked out gives it back there (QuestDB cannot stop with writers in use).
   *
   * @throws IllegalStateException if QuestDB is stopped already
   */
  synchronized void beforeStop(Runnable hook) {
    if (closed) {
      throw new IllegalStateException("QuestDB " + root + " is stopped");
    }
    stopHooks.add(hook);
  }

  /** Forgets a hook given to {@link #beforeStop}. */
  synchronized void removeBeforeStop(Runnable hook) {
    stopHooks.remove(hook);
  }

  /** The port the console's HTTP endpoint listens on (useful after asking for port 0). */
  public int httpPort() {
    return server.getHttpServerPort();
  }

  /** The port the console's PostgreSQL wire endpoint listens on. */
  public int pgPort() {
    return server.getPgWireServerPort();
  }

  /** QuestDB's configuration as it took effect, for checks. */
  ServerConfiguration configuration() {
    return server.getConfiguration();
  }

  public Path root() {
    return root;
  }

  @Override
  public void close() {
    List<Runnable> hooks;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      hooks = List.copyOf(stopHooks);
      stopHooks.clear();
    }
    for (Runnable hook : hooks) {
      try {
        hook.run();
      } catch (RuntimeException e) {
        LOG.warn("A writer of QuestDB {} could not be given back before the stop", root, e);
      }
    }
    try {
      server.close();
      LOG.info("QuestDB {} stopped", root);
    } catch (RuntimeException e) {
      // QuestDB reports writers or readers still in use; it has freed the rest
      LOG.warn("QuestDB {} stopped with: {}", root, e.getMessage());
    }
  }

  private static void writeLogConfIfAbsent(Path root) {
    Path logConf = root.resolve("conf").resolve("log.conf");
    try {
      Files.createDirectories(logConf.getParent());
      if (!Files.exists(logConf)) {
        Files.writeString(logConf, LOG_CONF);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare QuestDB directory " + root, e);
    }
  }
}
