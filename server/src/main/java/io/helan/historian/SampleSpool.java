package io.helan.historian;

import io.helan.driver.DataFlag;
import io.helan.driver.Quality;
import io.helan.driver.SampleBatch;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples that cannot be written now, kept on disk until the writer replays them: append-only
 * segment files, replayed oldest first and deleted only after their rows are committed. Replaying a
 * segment twice (a crash between commit and delete) is harmless because the samples table
 * deduplicates on (ts, point).
 *
 * <p>A segment starts with a header (magic, version, fingerprint of the site's point list) and
 * holds blocks, one per spooled batch, each a sample count followed by the columns: points (int),
 * times (long, µs), values (double), qualities and flags (byte, enum ordinals). Points are stored
 * by index; the fingerprint names a {@code points-<fingerprint>.txt} file beside the segments
 * listing the point ids, so a segment written under another version of the site is replayed under
 * the right ids. A block cut short by a crash is ignored. Segments are not forced to disk: the
 * spool bridges a database outage, and samples still in memory are lost in a crash anyway.
 */
final class SampleSpool implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(SampleSpool.class);
  private static final int MAGIC = 0x484C5350; // "HLSP"
  private static final int VERSION = 1;
  private static final int HEADER_BYTES = 16;
  private static final int BYTES_PER_SAMPLE = 4 + 8 + 8 + 1 + 1;
  private static final String SEGMENT_SUFFIX = ".spool";
  private static final int QUALITIES = Quality.values().length;
  private static final int FLAGS = DataFlag.values().length;

  private final Path dir;
  private final List<String> pointIds;
  private final long fingerprint;
  private final int segmentSamples;

  /** Rows of every segment on disk, the active one included, by segment id. */
  private final TreeMap<Long, Long> segmentRows = new TreeMap<>();

  private long nextSegment;

  /** Written under the lock; read without it by {@link #isEmpty()} on the append path. */
  private volatile long rows;

  private FileChannel active;
  private long activeSegment = -1;
  private ByteBuffer writeBuffer = ByteBuffer.allocate(64 * 1024);

  /** Used by the writer thread only (reads happen outside the lock). */
  private ByteBuffer readBuffer = ByteBuffer.allocate(64 * 1024);

  /**
   * Opens the spool in {@code dir}, counting the samples of segments left by an earlier run.
   *
   * @param pointIds the site's point ids by point index
   * @param segmentSamples a segment is closed and a new one started after this many samples
   */
  SampleSpool(Path dir, List<String> pointIds, int segmentSamples) throws IOException {
    this.dir = dir;
    this.pointIds = List.copyOf(pointIds);
    this.fingerprint = fingerprint(this.pointIds);
    this.segmentSamples = segmentSamples;
    Files.createDirectories(dir);
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SEGMENT_SUFFIX)) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        long id = Long.parseLong(name.substring(0, name.length() - SEGMENT_SUFFIX.length()));
        long segmentRowCount = countRows(file);
        segmentRows.put(id, segmentRowCount);
        rows += segmentRowCount;
      }
    }
    nextSegment = segmentRows.isEmpty() ? 1 : segmentRows.lastKey() + 1;
    if (rows > 0) {
      LOG.info(
          "Spool {} holds {} samples in {} segments from an earlier run; replaying",
          dir,
          rows,
          segmentRows.size());
    }
  }

  /** Appends the batch to the active segment. */
  synchronized void append(SampleBatch batch) throws IOException {
    if (batch.isEmpty()) {
      return;
    }
    if (active == null) {
      openSegment();
    }
    int size = batch.size();
    int bytes = 4 + size * BYTES_PER_SAMPLE;
    if (writeBuffer.capacity() < bytes) {
      writeBuffer = ByteBuffer.allocate(bytes);
    }
    ByteBuffer buffer = writeBuffer.clear();
    buffer.putInt(size);
    for (int i = 0; i < size; i++) {
      buffer.putInt(batch.point(i));
    }
    for (int i = 0; i < size; i++) {
      buffer.putLong(batch.timeMicros(i));
    }
    for (int i = 0; i < size; i++) {
      buffer.putDouble(batch.value(i));
    }
    for (int i = 0; i < size; i++) {
      buffer.put((byte) batch.quality(i).ordinal());
    }
    for (int i = 0; i < size; i++) {
      buffer.put((byte) batch.flag(i).ordinal());
    }
    try {
      writeFully(active, buffer.flip());
    } catch (IOException e) {
      // the block may be cut short: start a new segment so later blocks stay readable
      try {
        closeActive();
      } catch (IOException closing) {
        e.addSuppressed(closing);
      }
      throw e;
    }
    rows += size;
    long activeRows = segmentRows.merge(activeSegment, (long) size, Long::sum);
    if (activeRows >= segmentSamples) {
      closeActive();
    }
  }

  /** Samples held in all segments. */
  long rows() {
    return rows;
  }

  boolean isEmpty() {
    return rows == 0;
  }

  /** The newest segment id handed out so far (0 before the first); ids only grow. */
  synchronized long newestSegment() {
    return nextSegment - 1;
  }

  /** The oldest segment on disk, or {@link Long#MAX_VALUE} when the spool is empty. */
  synchronized long oldestSegment() {
    return segmentRows.isEmpty() ? Long.MAX_VALUE : segmentRows.firstKey();
  }

  /**
   * Closes the oldest segment for appends (if it is the active one) so it can be replayed.
   *
   * @return its id, or -1 when the spool is empty
   */
  synchronized long sealOldest() throws IOException {
    if (segmentRows.isEmpty()) {
      return -1;
    }
    long oldest = segmentRows.firstKey();
    if (oldest == activeSegment) {
      closeActive();
    }
    return oldest;
  }

  /**
   * Reads a sealed segment into {@code into} (cleared first). Samples of points that the current
   * site no longer has are dropped and logged.
   *
   * @throws IOException if the segment cannot be read or its point list is unknown
   */
  void read(long segment, SampleBatch into) throws IOException {
    into.clear();
    Path file = segmentFile(segment);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      if (size > Integer.MAX_VALUE) {
        throw new IOException("spool segment too large: " + file);
      }
      if (readBuffer.capacity() < size) {
        readBuffer = ByteBuffer.allocate((int) size);
      }
      ByteBuffer buffer = readBuffer.clear().limit((int) size);
      while (buffer.hasRemaining()) {
        if (channel.read(buffer) < 0) {
          break;
        }
      }
      buffer.flip();
      if (buffer.remaining() < HEADER_BYTES
          || buffer.getInt() != MAGIC
          || buffer.getInt() != VERSION) {
        throw new IOException("not a spool segment: " + file);
      }
      int[] pointMap = pointMap(buffer.getLong());
      int dropped = decodeBlocks(buffer, pointMap, into);
      if (dropped > 0) {
        LOG.warn(
            "Spool segment {}: dropped {} samples of points the site no longer has", file, dropped);
      }
    }
  }

  /** Deletes a segment whose rows are committed. */
  synchronized void delete(long segment) throws IOException {
    Files.deleteIfExists(segmentFile(segment));
    Long segmentRowCount = segmentRows.remove(segment);
    if (segmentRowCount != null) {
      rows -= segmentRowCount;
    }
  }

  /** Moves an unreadable segment to {@code unreadable/} for an operator to inspect. */
  synchronized void setAside(long segment) throws IOException {
    Path unreadable = Files.createDirectories(dir.resolve("unreadable"));
    Path file = segmentFile(segment);
    Files.move(file, unreadable.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
    Long segmentRowCount = segmentRows.remove(segment);
    if (segmentRowCount != null) {
      rows -= segmentRowCount;
    }
  }

  @Override
  public synchronized void close() throws IOException {
    closeActive();
  }

  private void openSegment() throws IOException {
    Path points = pointsFile(fingerprint);
    if (!Files.exists(points)) {
      Files.write(points, pointIds, StandardCharsets.UTF_8);
    }
    activeSegment = nextSegment++;
    active =
        FileChannel.open(
            segmentFile(activeSegment), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
    header.putInt(MAGIC).putInt(VERSION).putLong(fingerprint).flip();
    writeFully(active, header);
    segmentRows.put(activeSegment, 0L);
  }

  private void closeActive() throws IOException {
    if (active != null) {
      FileChannel channel = active;
      active = null;
      activeSegment = -1;
      channel.close();
    }
  }

  /** Maps the point indexes of a segment written under {@code segmentFingerprint} to ours. */
  private int[] pointMap(long segmentFingerprint) throws IOException {
    if (segmentFingerprint == fingerprint) {
      return null;
    }
    Path points = pointsFile(segmentFingerprint);
    if (!Files.exists(points)) {
      throw new IOException("spool segment refers to an unknown point list " + points);
    }
    Map<String, Integer> current = new HashMap<>();
    for (int i = 0; i < pointIds.size(); i++) {
      current.put(pointIds.get(i), i);
    }
    List<String> old = Files.readAllLines(points, StandardCharsets.UTF_8);
    int[] map = new int[old.size()];
    for (int i = 0; i < map.length; i++) {
      map[i] = current.getOrDefault(old.get(i), -1);
    }
    return map;
  }

  /** Decodes blocks until the end or a block cut short; returns the samples dropped. */
  private int decodeBlocks(ByteBuffer buffer, int[] pointMap, SampleBatch into) {
    int dropped = 0;
    int pointCount = pointMap == null ? pointIds.size() : pointMap.length;
    while (buffer.remaining() >= 4) {
      int start = buffer.position();
      int size = buffer.getInt();
      if (size < 0 || (long) size * BYTES_PER_SAMPLE > buffer.remaining()) {
        LOG.warn("Spool block cut short at byte {} (crash while spooling?); ignored", start);
        break;
      }
      int times = start + 4 + size * 4;
      int values = times + size * 8;
      int qualities = values + size * 8;
      int flags = qualities + size;
      for (int i = 0; i < size; i++) {
        int point = buffer.getInt(start + 4 + i * 4);
        int quality = buffer.get(qualities + i);
        int flag = buffer.get(flags + i);
        if (point < 0 || point >= pointCount || quality >= QUALITIES || flag >= FLAGS) {
          dropped++;
          continue;
        }
        int mapped = pointMap == null ? point : pointMap[point];
        if (mapped < 0) {
          dropped++;
          continue;
        }
        into.add(
            mapped,
            buffer.getLong(times + i * 8),
            buffer.getDouble(values + i * 8),
            Quality.ofOrdinal(quality),
            DataFlag.ofOrdinal(flag));
      }
      buffer.position(flags + size);
    }
    return dropped;
  }

  /** Counts the samples of a segment from its block headers, ignoring a block cut short. */
  private static long countRows(Path file) throws IOException {
    long count = 0;
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      long position = HEADER_BYTES;
      ByteBuffer blockSize = ByteBuffer.allocate(4);
      while (position + 4 <= size) {
        blockSize.clear();
        channel.read(blockSize, position);
        int samples = blockSize.flip().getInt();
        long end = position + 4 + (long) samples * BYTES_PER_SAMPLE;
        if (samples < 0 || end > size) {
          break;
        }
        count += samples;
        position = end;
      }
    }
    return count;
  }

  private static void writeFully(FileChannel channel, ByteBuffer buffer) throws IOException {
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
  }

  private Path segmentFile(long segment) {
    return dir.resolve(String.format("%016d%s", segment, SEGMENT_SUFFIX));
  }

  private Path pointsFile(long pointsFingerprint) {
    return dir.resolve(String.format("points-%016x.txt", pointsFingerprint));
  }

  private static long fingerprint(List<String> pointIds) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (String id : pointIds) {
        digest.update(id.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) '\n');
      }
      return ByteBuffer.wrap(digest.digest()).getLong();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
