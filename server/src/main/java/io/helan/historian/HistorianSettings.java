package io.helan.historian;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Where and how the historian stores samples: in QuestDB embedded in this process (the default) or
 * in an external QuestDB server.
 *
 * @param mode embedded or external
 * @param dataDir the server's data directory: embedded QuestDB in {@code questdb/}, the spool in
 *     {@code spool/}
 * @param commits how often the historian commits (default: every two seconds or 100,000 rows)
 * @param console the embedded QuestDB's operator console, or null (the default) for no network
 *     listener; the embedded QuestDB runs in both modes (it keeps the alarm journal)
 * @param externalUrl the external server's HTTP address ({@code http://db:9000}, with {@code
 *     user:password@} when it asks for them); null when embedded
 */
public record HistorianSettings(
    Mode mode, Path dataDir, CommitCadence commits, QuestDbConsole console, URI externalUrl) {

  /** Where QuestDB runs. */
  public enum Mode {
    EMBEDDED,
    EXTERNAL
  }

  public HistorianSettings {
    if (commits == null) {
      throw new IllegalArgumentException("the historian needs a commit cadence");
    }
    if (mode == Mode.EXTERNAL && externalUrl == null) {
      throw new IllegalArgumentException("an external QuestDB needs its URL");
    }
  }

  /** Embedded QuestDB without any network listener. */
  public static HistorianSettings defaults(Path dataDir) {
    return new HistorianSettings(Mode.EMBEDDED, dataDir, CommitCadence.DEFAULT, null, null);
  }

  /** Embedded QuestDB without any network listener, for tests. */
  public static HistorianSettings forTests(Path dataDir) {
    return defaults(dataDir);
  }

  /** An external QuestDB server at {@code url}, e.g. {@code http://db:9000}. */
  public static HistorianSettings external(Path dataDir, String url) {
    URI uri = URI.create(url);
    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())
        || uri.getHost() == null) {
      throw new IllegalArgumentException("QuestDB URL must be http(s)://host:port, not " + url);
    }
    return new HistorianSettings(Mode.EXTERNAL, dataDir, CommitCadence.DEFAULT, null, uri);
  }

  /** The same settings with the embedded QuestDB's operator console (null for none). */
  public HistorianSettings withConsole(QuestDbConsole console) {
    return new HistorianSettings(mode, dataDir, commits, console, externalUrl);
  }

  /** The same settings with another commit cadence. */
  public HistorianSettings withCommits(Duration interval, int rows) {
    return new HistorianSettings(
        mode, dataDir, new CommitCadence(interval, rows), console, externalUrl);
  }

  /** Where the embedded QuestDB keeps its files. */
  public Path questDbDir() {
    return dataDir.resolve("questdb");
  }

  /** Where samples wait while they cannot be written. */
  public Path spoolDir() {
    return dataDir.resolve("spool");
  }
}
