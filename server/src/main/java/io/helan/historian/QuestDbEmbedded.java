package io.helan.historian;

import io.questdb.Bootstrap;
import io.questdb.PropBootstrapConfiguration;
import io.questdb.ServerMain;
import io.questdb.cairo.CairoEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * QuestDB running inside this process ({@link ServerMain}, which also runs the WAL apply jobs):
 * every listener off or bound to 127.0.0.1, telemetry off, and QuestDB's own log limited to errors
 * and advisories.
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

  private final ServerMain server;
  private final Path root;
  private volatile boolean closed;

  private QuestDbEmbedded(ServerMain server, Path root) {
    this.server = server;
    this.root = root;
  }

  /**
   * Starts QuestDB in {@code root} and waits until it is up.
   *
   * @param httpPort HTTP REST endpoint on 127.0.0.1, 0 for a free port, or {@link
   *     HistorianSettings#OFF}
   * @param pgPort PostgreSQL wire endpoint on 127.0.0.1, 0 for a free port, or {@link
   *     HistorianSettings#OFF}
   * @param ilpOverHttp whether the HTTP endpoint accepts InfluxDB line protocol writes
   */
  public static QuestDbEmbedded start(Path root, int httpPort, int pgPort, boolean ilpOverHttp) {
    long started = System.nanoTime();
    writeLogConfIfAbsent(root);
    Map<String, String> env = new HashMap<>(System.getenv());
    listener(env, "QDB_HTTP", httpPort);
    env.put(
        "QDB_LINE_HTTP_ENABLED",
        Boolean.toString(httpPort != HistorianSettings.OFF && ilpOverHttp));
    listener(env, "QDB_PG", pgPort);
    env.put("QDB_HTTP_MIN_ENABLED", "false");
    env.put("QDB_LINE_TCP_ENABLED", "false");
    env.put("QDB_LINE_UDP_ENABLED", "false");
    env.put("QDB_TELEMETRY_ENABLED", "false");
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
        "QuestDB {} started in {} ms (HTTP {}, PG wire {})",
        root,
        (System.nanoTime() - started) / 1_000_000,
        httpPort == HistorianSettings.OFF ? "off" : "127.0.0.1:" + db.httpPort(),
        pgPort == HistorianSettings.OFF ? "off" : "127.0.0.1:" + server.getPgWireServerPort());
    return db;
  }

  /** The engine, for SQL and table writers. */
  public CairoEngine engine() {
    if (closed) {
      throw new IllegalStateException("QuestDB " + root + " is stopped");
    }
    return server.getEngine();
  }

  /** The port the HTTP endpoint listens on (useful after asking for port 0). */
  public int httpPort() {
    return server.getHttpServerPort();
  }

  public Path root() {
    return root;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      server.close();
      LOG.info("QuestDB {} stopped", root);
    } catch (RuntimeException e) {
      // QuestDB reports writers or readers still in use; it has freed the rest
      LOG.warn("QuestDB {} stopped with: {}", root, e.getMessage());
    }
  }

  private static void listener(Map<String, String> env, String prefix, int port) {
    if (port == HistorianSettings.OFF) {
      env.put(prefix + "_ENABLED", "false");
    } else {
      env.put(prefix + "_ENABLED", "true");
      env.put(prefix + "_NET_BIND_TO", "127.0.0.1:" + port);
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
