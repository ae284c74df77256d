package io.helan.driver.hj212;

import java.nio.ByteBuffer;

/**
 * Cuts a byte stream into HJ 212 frames: {@code ##}, four decimal digits giving the length of the
 * data segment, the data segment, four hex digits of its {@link Hj212Crc checksum} and CR LF.
 * Strict on length and checksum (lower-case hex accepted); after a refused frame or garbage it
 * resynchronises on the next {@code ##}. One reader per connection; it reuses one buffer and
 * allocates nothing per frame.
 */
public final class Hj212FrameReader {
  /** What the reader finds in the stream. Called on the reading thread. */
  public interface Handler {
    /**
     * A frame with a correct length and checksum; the data segment is {@code [offset, +length)}.
     */
    void onFrame(byte[] buffer, int offset, int length);

    void onRejected(Hj212Rejection rejection);
  }

  private static final int OVERHEAD = 12;

  private final int maxDataLength;
  private final byte[] buffer;
  private int start;
  private int end;

  /** The delimiters of the last data segment whose checksum was checked. */
  private final Delimiters delimiters;

  /** The data segment being handed to the handler, or -1 outside {@link Handler#onFrame}. */
  private int frameOffset = -1;

  private int frameLength = -1;

  /** Inside a run of bytes being skipped (garbage already reported, or a refused frame). */
  private boolean skipping;

  /**
   * @param maxDataLength the longest data segment accepted, at most 9999 (four digits)
   */
  public Hj212FrameReader(int maxDataLength) {
    if (maxDataLength < 1 || maxDataLength > 9999) {
      throw new IllegalArgumentException("max data length must be 1..9999, not " + maxDataLength);
    }
    this.maxDataLength = maxDataLength;
    this.buffer = new byte[maxDataLength + OVERHEAD];
    this.delimiters = new Delimiters(maxDataLength);
  }

  /** Whether part of a frame is waiting for more bytes. */
  public boolean hasPartialFrame() {
    return end > start;
  }

  /** Drops a partial frame (it took too long) and reports it. */
  public void dropPartialFrame(Handler handler) {
    if (end > start) {
      start = end = 0;
      skipping = false;
      handler.onRejected(Hj212Rejection.INCOMPLETE);
    }
  }

  /** Reads all of {@code input}, reporting each frame and each refusal in stream order. */
  public void feed(ByteBuffer input, Handler handler) {
    while (input.hasRemaining()) {
      if (start > 0) {
        System.arraycopy(buffer, start, buffer, 0, end - start);
        end -= start;
        start = 0;
      }
      int count = Math.min(input.remaining(), buffer.length - end);
      input.get(buffer, end, count);
      end += count;
      scan(handler);
    }
  }

  /**
   * Reads {@code length} bytes of {@code input} from {@code offset}; see {@link #feed(ByteBuffer,
   * Handler)}.
   */
  public void feed(byte[] input, int offset, int length, Handler handler) {
    feed(ByteBuffer.wrap(input, offset, length), handler);
  }

  private void scan(Handler handler) {
    while (true) {
      int marker = findMarker();
      int skipTo = marker < 0 ? end : marker;
      if (skipTo > start) {
        if (!skipping) {
          handler.onRejected(Hj212Rejection.GARBAGE);
          skipping = true;
        }
        start = skipTo;
      }
      if (marker < 0 || end - start < 6) {
        return;
      }
      skipping = false;
      int length = Hj212Text.parseSmallInt(buffer, start + 2, start + 6);
      if (length < 0) {
        refuse(Hj212Rejection.BAD_LENGTH, handler);
        continue;
      }
      if (length > maxDataLength) {
        refuse(Hj212Rejection.OVERSIZE, handler);
        continue;
      }
      int frameEnd = start + 6 + length + 6;
      if (frameEnd > end) {
        if (lineEndsBefore(end)) {
          refuse(Hj212Rejection.BAD_LENGTH, handler);
          continue;
        }
        return;
      }
      if (buffer[frameEnd - 2] != '\r' || buffer[frameEnd - 1] != '\n') {
        refuse(Hj212Rejection.BAD_LENGTH, handler);
        continue;
      }
      int crc = parseHex4(frameEnd - 6);
      if (crc < 0 || crc != Hj212Crc.of(buffer, start + 6, length, delimiters)) {
        refuse(Hj212Rejection.BAD_CRC, handler);
        continue;
      }
      frameOffset = start + 6;
      frameLength = length;
      start = frameEnd;
      try {
        handler.onFrame(buffer, frameOffset, length);
      } finally {
        frameOffset = frameLength = -1;
      }
    }
  }

  /**
   * Reads the frame being handed to the handler into {@code packet}, with the delimiters found
   * while its checksum was checked; see {@link Hj212Packet#read(byte[], int, int)}.
   *
   * @throws IllegalStateException if called outside {@link Handler#onFrame}
   */
  public boolean readPacket(Hj212Packet packet) {
    if (frameOffset < 0) {
      throw new IllegalStateException("no frame being handed over");
    }
    return packet.read(buffer, frameOffset, frameLength, delimiters);
  }

  /**
   * Index of the next {@code ##} from start; if none, of a trailing {@code #} that may begin one;
   * else -1.
   */
  private int findMarker() {
    for (int i = start; i < end - 1; i++) {
      if (buffer[i] == '#' && buffer[i + 1] == '#') {
        return i;
      }
    }
    return end > start && buffer[end - 1] == '#' ? end - 1 : -1;
  }

  /** A CR LF after the header and before {@code limit}: the frame ended before its length said. */
  private boolean lineEndsBefore(int limit) {
    for (int i = start + 6; i < limit - 1; i++) {
      if (buffer[i] == '\r' && buffer[i + 1] == '\n') {
        return true;
      }
    }
    return false;
  }

  /** Refuses the frame at start and skips, without counting it again, to the next {@code ##}. */
  private void refuse(Hj212Rejection rejection, Handler handler) {
    handler.onRejected(rejection);
    start += 2;
    skipping = true;
  }

  private int parseHex4(int from) {
    int value = 0;
    for (int i = from; i < from + 4; i++) {
      int digit = Character.digit(buffer[i], 16);
      if (digit < 0) {
        return -1;
      }
      value = value << 4 | digit;
    }
    return value;
  }
}
