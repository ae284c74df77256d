package io.helan.commands;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every state change of every command, one JSON line each, in {@code <data>/commands/}. The last
 * line of a command is its state.
 *
 * <p>A file, not a QuestDB table: a state change must be on disk (fsync) before the device is told,
 * which QuestDB's default commit mode does not promise; the journal must be readable at start
 * before anything is sent, whether the historian is embedded or external; and it holds a few
 * hundred lines a day.
 */
public final class CommandJournal implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CommandJournal.class);
  public static final String DIRECTORY = "commands";
  public static final String FILE_NAME = "commands.jsonl";

  private final Path file;
  private FileChannel channel;

  public CommandJournal(Path dataDir) {
    this.file = dataDir.resolve(DIRECTORY).resolve(FILE_NAME);
  }

  /**
   * Opens the journal and returns the latest state of every command, in the order they were
   * requested. A line torn by a crash, or otherwise unreadable, is skipped with a warning.
   */
  public synchronized List<CommandRecord> open() throws IOException {
    Files.createDirectories(file.getParent());
    Map<String, CommandRecord> latest = new LinkedHashMap<>();
    if (Files.exists(file)) {
      int lineNumber = 0;
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        lineNumber++;
        if (line.isBlank()) {
          continue;
        }
        try {
          CommandRecord record = CommandJson.fromJson(new JsonObject(line));
          latest.put(record.id(), record);
        } catch (RuntimeException e) {
          LOG.warn(
              "{}:{}: skipping unreadable command record: {}", file, lineNumber, e.getMessage());
        }
      }
    }
    channel =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    if (channel.size() > 0 && !endsWithNewline()) {
      // A torn last line: start the next record on a line of its own.
      write("\n");
    }
    return new ArrayList<>(latest.values());
  }

  /** Appends the command's new state and returns once it is on disk. */
  public synchronized void append(CommandRecord record) {
    if (channel == null) {
      throw new IllegalStateException("command journal " + file + " is not open");
    }
    try {
      write(CommandJson.toJson(record).encode() + "\n");
      channel.force(false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the command journal " + file, e);
    }
  }

  public Path file() {
    return file;
  }

  @Override
  public synchronized void close() {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        LOG.warn("Closing the command journal failed", e);
      }
      channel = null;
    }
  }

  private void write(String text) throws IOException {
    ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    while (bytes.hasRemaining()) {
      channel.write(bytes);
    }
  }

  private boolean endsWithNewline() throws IOException {
    try (FileChannel reader = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer last = ByteBuffer.allocate(1);
      reader.read(last, reader.size() - 1);
      return last.get(0) == '\n';
    }
  }
}
