package io.helan.audit;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The append-only, hash-chained audit trail in {@code <data>/audit/}.
 *
 * <p>It is a plain file rather than a QuestDB table on purpose: {@code helan audit verify} must be
 * able to check it from the data directory alone, with the server stopped and without starting a
 * database; each record is on disk (fsync) before the action it records goes on; and a line-based
 * file can be copied to write-once media as it stands. Each append also rewrites {@code audit.head}
 * (record count and last hash, replaced atomically) so that cutting records off the end is detected
 * too.
 */
public final class AuditTrail implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AuditTrail.class);
  public static final String DIRECTORY = "audit";
  public static final String LOG_FILE = "audit.jsonl";
  public static final String HEAD_FILE = "audit.head";

  /** Held while a process appends, so a second writer cannot fork the chain. */
  public static final String LOCK_FILE = "audit.lock";

  private final Path log;
  private final Path head;
  private final FileChannel channel;
  private final FileLock lock;
  private long lastSeq;
  private String lastHash;

  private AuditTrail(
      Path log, Path head, FileChannel channel, FileLock lock, long lastSeq, String lastHash) {
    this.log = log;
    this.head = head;
    this.channel = channel;
    this.lock = lock;
    this.lastSeq = lastSeq;
    this.lastHash = lastHash;
  }

  /**
   * Opens (or creates) the trail of a data directory and continues its chain. A broken chain is
   * reported as an error in the log but does not stop the server: the evidence stays as it is.
   *
   * @throws IOException also when another process (a running server) holds the trail open
   */
  public static AuditTrail open(Path dataDir) throws IOException {
    Path directory = dataDir.resolve(DIRECTORY);
    Files.createDirectories(directory);
    FileLock lock = lock(directory.resolve(LOCK_FILE));
    try {
      return open(dataDir, directory, lock);
    } catch (IOException | RuntimeException e) {
      lock.channel().close();
      throw e;
    }
  }

  private static AuditTrail open(Path dataDir, Path directory, FileLock lock) throws IOException {
    Path log = directory.resolve(LOG_FILE);
    Path head = directory.resolve(HEAD_FILE);
    cutTornLastLine(log);
    long lastSeq = 0;
    String lastHash = AuditRecord.GENESIS;
    AuditRecord last = null;
    if (Files.exists(log)) {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      if (!lines.isEmpty()) {
        try {
          last = AuditRecord.parse(lines.get(lines.size() - 1));
        } catch (IllegalArgumentException e) {
          throw new IOException(
              "the last record of the audit trail "
                  + log
                  + " is unreadable ("
                  + e.getMessage()
                  + "): the chain cannot be continued. Check it with 'helan audit verify',"
                  + " keep the file as evidence and move it aside to start a new trail.",
              e);
        }
        lastSeq = last.seq();
        lastHash = last.hash();
      }
    }
    if (last != null) {
      repairLaggingHead(head, last);
    } else if (!Files.exists(head)) {
      writeHead(head, 0, AuditRecord.GENESIS);
    }
    FileChannel channel =
        FileChannel.open(
            log, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    AuditTrail trail = new AuditTrail(log, head, channel, lock, lastSeq, lastHash);
    AuditVerification verification = AuditVerifier.verify(dataDir);
    if (!verification.intact()) {
      LOG.error("Audit trail {} fails verification: {}", log, verification.problem());
    } else {
      LOG.info("Audit trail {}: {} records", log, lastSeq);
    }
    return trail;
  }

  /**
   * Appends one record and returns it once it is on disk.
   *
   * @throws UncheckedIOException if it cannot be written; the caller must then not go on with the
   *     action, which would otherwise go unrecorded
   */
  public synchronized AuditRecord append(
      String user, Origin origin, String action, String target, String detail, String result) {
    AuditRecord record =
        AuditRecord.chained(
            lastSeq + 1,
            Instant.now().truncatedTo(ChronoUnit.MICROS),
            user,
            origin.channel(),
            origin.address(),
            action,
            target,
            detail,
            result,
            lastHash);
    try {
      ByteBuffer line =
          ByteBuffer.wrap((record.toJsonLine() + "\n").getBytes(StandardCharsets.UTF_8));
      while (line.hasRemaining()) {
        channel.write(line);
      }
      channel.force(false);
      writeHead(head, record.seq(), record.hash());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to the audit trail " + log, e);
    }
    lastSeq = record.seq();
    lastHash = record.hash();
    return record;
  }

  /**
   * The records {@code wanted} picks, oldest first, among those that verify: a record that was
   * altered, and every record after it, is left out, as are records beyond the head anchor
   * (appended outside the server). What is left out is logged.
   */
  public synchronized List<AuditRecord> read(Predicate<AuditRecord> wanted) throws IOException {
    List<AuditRecord> picked = new ArrayList<>();
    AuditVerification verification =
        AuditVerifier.verify(
            log.getParent().getParent(),
            record -> {
              if (wanted.test(record)) {
                picked.add(record);
              }
            });
    if (verification.intact() || verification.firstBrokenSeq() == 0) {
      return picked;
    }
    LOG.error(
        "Audit trail {}: records from {} on are not trusted: {}",
        log,
        verification.firstBrokenSeq(),
        verification.problem());
    return picked.stream().filter(r -> r.seq() < verification.firstBrokenSeq()).toList();
  }

  /** Records appended so far (the last sequence number). */
  public synchronized long size() {
    return lastSeq;
  }

  public Path file() {
    return log;
  }

  @Override
  public synchronized void close() {
    try {
      channel.close();
      lock.channel().close();
    } catch (IOException e) {
      LOG.warn("Closing the audit trail failed", e);
    }
  }

  private static FileLock lock(Path lockFile) throws IOException {
    FileChannel channel =
        FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      channel.close();
      throw new IOException(
          "the audit trail in " + lockFile.getParent() + " is open in another server or tool");
    }
    return lock;
  }

  static void writeHead(Path head, long records, String hash) throws IOException {
    Path temp = head.resolveSibling(HEAD_FILE + ".tmp");
    byte[] content =
        new JsonObject()
            .put("records", records)
            .put("hash", hash)
            .encode()
            .getBytes(StandardCharsets.UTF_8);
    try (FileChannel out =
        FileChannel.open(
            temp,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      out.write(ByteBuffer.wrap(content));
      out.force(false);
    }
    Files.move(temp, head, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** A crash in the middle of a write leaves a line without its newline: that record never was. */
  private static void cutTornLastLine(Path log) throws IOException {
    if (!Files.exists(log) || Files.size(log) == 0) {
      return;
    }
    byte[] bytes = Files.readAllBytes(log);
    if (bytes[bytes.length - 1] == '\n') {
      return;
    }
    int keep = bytes.length;
    while (keep > 0 && bytes[keep - 1] != '\n') {
      keep--;
    }
    LOG.warn(
        "Audit trail {} ends in a torn record (crash during a write): cutting {} bytes: {}",
        log,
        bytes.length - keep,
        new String(bytes, keep, bytes.length - keep, StandardCharsets.UTF_8));
    try (FileChannel channel = FileChannel.open(log, StandardOpenOption.WRITE)) {
      channel.truncate(keep);
      channel.force(true);
    }
  }

  /**
   * A crash between writing a record and anchoring it leaves the head one record behind; the record
   * then chains onto the anchored hash, so anchoring it is safe.
   */
  private static void repairLaggingHead(Path head, AuditRecord last) throws IOException {
    if (!Files.exists(head)) {
      return;
    }
    JsonObject anchored = new JsonObject(Files.readString(head, StandardCharsets.UTF_8));
    if (anchored.getLong("records", -1L) == last.seq() - 1
        && last.prevHash().equals(anchored.getString("hash"))) {
      LOG.warn(
          "Audit head was one record behind (crash after a write): anchoring record {}",
          last.seq());
      writeHead(head, last.seq(), last.hash());
    }
  }
}
