package io.helan.upstream;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The records waiting for one upstream, on disk: an append-only file of one record per line ({@code
 * records-<generation>.log}) and a head file holding its generation and the offset of the first
 * record not yet acknowledged. A record stays until the upstream acknowledged it, across outages
 * and restarts; each append and each acknowledgement is forced to disk before it counts. Bounded:
 * beyond {@code maxRecords} the oldest are dropped and counted. Once the acknowledged front is
 * large, what is left is copied to the next generation's file, which the head file then names (the
 * one step that commits the copy); a crash at any point leaves one consistent pair.
 */
final class ForwardQueue implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ForwardQueue.class);
  private static final String HEAD = "records.head";
  private static final int HEAD_WIDTH = 40;

  /** The acknowledged front is cut off once it is this large and over half the file. */
  private static final long COMPACT_BYTES = 4L * 1024 * 1024;

  private final Path dir;
  private final int maxRecords;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition appended = lock.newCondition();
  private FileChannel records;
  private FileChannel headFile;
  private long generation;
  private long head;
  private long count;
  private long dropped;
  private ForwardRecord first;
  private long firstLength;

  /**
   * Opens (or creates) the queue in {@code dir}. A last line cut short by a crash is dropped.
   *
   * @throws IOException if the directory or its files cannot be used
   */
  ForwardQueue(Path dir, int maxRecords) throws IOException {
    this.dir = dir;
    this.maxRecords = maxRecords;
    Files.createDirectories(dir);
    headFile =
        FileChannel.open(
            dir.resolve(HEAD),
            StandardOpenOption.CREATE,
            StandardOpenOption.READ,
            StandardOpenOption.WRITE);
    readHead();
    try (var files = Files.list(dir)) {
      for (Path file : files.toList()) {
        String name = file.getFileName().toString();
        if (name.startsWith("records-") && !file.equals(recordsFile(generation))) {
          Files.delete(file); // a copy not committed, or an old generation not yet deleted
        }
      }
    }
    records =
        FileChannel.open(
            recordsFile(generation),
            StandardOpenOption.CREATE,
            StandardOpenOption.READ,
            StandardOpenOption.WRITE);
    long end = scan();
    if (end < records.size()) {
      LOG.warn("Upstream queue {}: last record cut short, dropped", dir);
      records.truncate(end);
    }
    if (head > end) {
      LOG.warn("Upstream queue {}: head {} past the end {}, starting over", dir, head, end);
      head = end;
      writeHead();
    }
  }

  private Path recordsFile(long gen) {
    return dir.resolve("records-" + gen + ".log");
  }

  private void readHead() throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(HEAD_WIDTH);
    headFile.read(buffer, 0);
    String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII);
    if (text.isBlank()) {
      return;
    }
    try {
      String[] parts = text.trim().split(" ");
      generation = Long.parseLong(parts[0]);
      head = Long.parseLong(parts[1]);
    } catch (RuntimeException e) {
      throw new IOException("upstream queue head in " + dir + " is unreadable: " + text, e);
    }
  }

  private void writeHead() throws IOException {
    String text = String.format("%-" + HEAD_WIDTH + "s", generation + " " + head);
    headFile.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII)), 0);
    headFile.force(false);
  }

  /** Counts the whole records from the head; returns where the last whole one ends. */
  private long scan() throws IOException {
    long position = head;
    long lastEnd = head;
    ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
    count = 0;
    while (records.read(buffer.clear(), position) > 0) {
      buffer.flip();
      while (buffer.hasRemaining()) {
        position++;
        if (buffer.get() == '\n') {
          count++;
          lastEnd = position;
        }
      }
    }
    return lastEnd;
  }

  /**
   * Appends a record; when the queue is then over its bound, drops the oldest.
   *
   * @throws IOException if it cannot be written
   */
  void append(ForwardRecord record) throws IOException {
    byte[] line = (record.toLine() + '\n').getBytes(StandardCharsets.UTF_8);
    lock.lock();
    try {
      ByteBuffer buffer = ByteBuffer.wrap(line);
      long at = records.size();
      while (buffer.hasRemaining()) {
        at += records.write(buffer, at);
      }
      records.force(false);
      count++;
      while (count > maxRecords) {
        peekLocked();
        removeFirst();
        dropped++;
      }
      appended.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * The oldest record not yet acknowledged, waiting up to {@code timeoutMs} for one; null if none.
   *
   * @throws IOException if the file cannot be read
   */
  ForwardRecord peek(long timeoutMs) throws IOException, InterruptedException {
    lock.lock();
    try {
      long nanos = TimeUnit.MILLISECONDS.toNanos(timeoutMs);
      while (count == 0 && nanos > 0) {
        nanos = appended.awaitNanos(nanos);
      }
      return count == 0 ? null : peekLocked();
    } finally {
      lock.unlock();
    }
  }

  private ForwardRecord peekLocked() throws IOException {
    if (first == null) {
      ByteBuffer buffer = ByteBuffer.allocate(8 * 1024);
      java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
      long position = head;
      outer:
      while (records.read(buffer.clear(), position) > 0) {
        buffer.flip();
        while (buffer.hasRemaining()) {
          byte b = buffer.get();
          position++;
          if (b == '\n') {
            break outer;
          }
          line.write(b);
        }
      }
      firstLength = position - head;
      first = ForwardRecord.parse(line.toString(StandardCharsets.UTF_8));
    }
    return first;
  }

  /**
   * Removes the oldest record, which the upstream acknowledged; does nothing if it is no longer the
   * oldest (the bound dropped it meanwhile).
   *
   * @throws IOException if the new head cannot be written
   */
  void acknowledge(ForwardRecord record) throws IOException {
    lock.lock();
    try {
      if (count > 0 && record.equals(peekLocked())) {
        removeFirst();
      }
      if (head > COMPACT_BYTES && head > records.size() / 2) {
        compact();
      }
    } finally {
      lock.unlock();
    }
  }

  private void removeFirst() throws IOException {
    head += firstLength;
    first = null;
    count--;
    writeHead();
  }

  /** Copies what is left to the next generation's file and makes the head name it. */
  private void compact() throws IOException {
    Path old = recordsFile(generation);
    Path fresh = recordsFile(generation + 1);
    try (FileChannel out =
        FileChannel.open(
            fresh,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      long size = records.size();
      long position = head;
      while (position < size) {
        position += records.transferTo(position, size - position, out);
      }
      out.force(false);
    }
    records.close();
    generation++;
    head = 0;
    writeHead();
    records = FileChannel.open(fresh, StandardOpenOption.READ, StandardOpenOption.WRITE);
    Files.delete(old);
  }

  /** Records waiting. */
  long size() {
    lock.lock();
    try {
      return count;
    } finally {
      lock.unlock();
    }
  }

  /** Records dropped because the queue was full, since it was opened. */
  long dropped() {
    lock.lock();
    try {
      return dropped;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close() {
    lock.lock();
    try {
      records.close();
      headFile.close();
    } catch (IOException e) {
      LOG.warn("Closing upstream queue {}", dir, e);
    } finally {
      lock.unlock();
    }
  }
}
