package io.helan.historian;

import java.net.URI;
import java.nio.file.Path;

/**
 * Where and how the historian stores samples: in QuestDB embedded in this process (the default) or
 * in an external QuestDB server.
 *
 * @param mode embedded or external
 * @param dataDir the server's data directory: embedded QuestDB in {@code questdb/}, the spool in
 *     {@code spool/}
 * @param httpPort embedded QuestDB's HTTP REST endpoint on 127.0.0.1 (for operators), or {@link
 *     #OFF}; 0 picks a free port
 * @param pgPort embedded QuestDB's PostgreSQL wire endpoint on 127.0.0.1, or {@link #OFF}
 * @param externalUrl the external server's HTTP address ({@code http://db:9000}); null when
 *     embedded
 */
public record HistorianSettings(
    Mode mode, Path dataDir, int httpPort, int pgPort, URI externalUrl) {

  /** A listener port value that switches the listener off. */
  public static final int OFF = -1;

  /** Where QuestDB runs. */
  public enum Mode {
    EMBEDDED,
    EXTERNAL
  }

  public HistorianSettings {
    checkPort(httpPort);
    checkPort(pgPort);
    if (mode == Mode.EXTERNAL && externalUrl == null) {
      throw new IllegalArgumentException("an external QuestDB needs its URL");
    }
  }

  /** Embedded QuestDB with its HTTP endpoint on 127.0.0.1:9000 and PG wire on 127.0.0.1:8812. */
  public static HistorianSettings defaults(Path dataDir) {
    return new HistorianSettings(Mode.EMBEDDED, dataDir, 9000, 8812, null);
  }

  /** Embedded QuestDB without any network listener, for tests. */
  public static HistorianSettings forTests(Path dataDir) {
    return defaults(dataDir).withPorts(OFF, OFF);
  }

  /** An external QuestDB server at {@code url}, e.g. {@code http://db:9000}. */
  public static HistorianSettings external(Path dataDir, String url) {
    URI uri = URI.create(url);
    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())
        || uri.getHost() == null) {
      throw new IllegalArgumentException("QuestDB URL must be http(s)://host:port, not " + url);
    }
    return new HistorianSettings(Mode.EXTERNAL, dataDir, OFF, OFF, uri);
  }

  /** The same settings with other embedded listener ports ({@link #OFF} for none). */
  public HistorianSettings withPorts(int http, int pg) {
    return new HistorianSettings(mode, dataDir, http, pg, externalUrl);
  }

  /** Parses a port option: a number, or {@code off}. */
  public static int parsePort(String text) {
    if ("off".equalsIgnoreCase(text.trim())) {
      return OFF;
    }
    int port = Integer.parseInt(text.trim());
    checkPort(port);
    return port;
  }

  /** Where the embedded QuestDB keeps its files. */
  public Path questDbDir() {
    return dataDir.resolve("questdb");
  }

  /** Where samples wait while they cannot be written. */
  public Path spoolDir() {
    return dataDir.resolve("spool");
  }

  private static void checkPort(int port) {
    if (port != OFF && (port < 0 || port > 65_535)) {
      throw new IllegalArgumentException("port must be 0..65535 or off, not " + port);
    }
  }
}
