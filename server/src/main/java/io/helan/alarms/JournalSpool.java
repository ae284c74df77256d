package io.helan.alarms;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Journal entries that could not be written to the shared journal, kept on disk (one JSON line
 * each, oldest first) until the database takes them; the file is deleted only after they are
 * committed. Replaying it twice (a crash between commit and delete) writes nothing twice: the
 * shared tables deduplicate. A line cut short by a crash is skipped with a warning. The file is not
 * forced to disk: the spool bridges a database outage, and entries still in memory are lost in a
 * crash anyway. Used by the journal's writer thread only.
 */
final class JournalSpool {
  private static final Logger LOG = LoggerFactory.getLogger(JournalSpool.class);
  static final String FILE_NAME = "alarm-journal.jsonl";

  private final Path file;
  private long entries;

  /** Opens the spool in {@code dir}, counting what an earlier run left there. */
  JournalSpool(Path dir) throws IOException {
    Files.createDirectories(dir);
    this.file = dir.resolve(FILE_NAME);
    if (Files.exists(file)) {
      try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
        entries = lines.filter(line -> !line.isBlank()).count();
      }
      if (entries > 0) {
        LOG.info("Alarm journal spool {} holds {} entries from an earlier run", file, entries);
      }
    }
  }

  boolean isEmpty() {
    return entries == 0;
  }

  long entries() {
    return entries;
  }

  void append(List<Object> batch) throws IOException {
    StringBuilder lines = new StringBuilder();
    for (Object entry : batch) {
      lines.append(JournalEntryJson.entry(entry).encode()).append('\n');
    }
    Files.writeString(
        file,
        lines,
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.WRITE,
        StandardOpenOption.APPEND);
    entries += batch.size();
  }

  /** Every entry spooled, oldest first. */
  List<Object> read() throws IOException {
    List<Object> batch = new ArrayList<>();
    int line = 0;
    for (String text : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      line++;
      if (text.isBlank()) {
        continue;
      }
      try {
        batch.add(JournalEntryJson.entry(new JsonObject(text)));
      } catch (RuntimeException e) {
        LOG.warn(
            "Alarm journal spool {} line {} unreadable, skipped: {}", file, line, e.getMessage());
      }
    }
    return batch;
  }

  /** Forgets what is spooled, once committed. */
  void clear() throws IOException {
    Files.deleteIfExists(file);
    entries = 0;
  }
}
