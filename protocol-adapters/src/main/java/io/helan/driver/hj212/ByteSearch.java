package io.helan.driver.hj212;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Reads up to eight bytes as one {@code long}, to compare and hash short names at once. */
final class ByteSearch {
  private static final VarHandle WORDS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private ByteSearch() {}

  /**
   * The {@code length} (at most 8) bytes from {@code at} as a little-endian number, the others 0:
   * two names of the same length are equal when their words are.
   */
  static long word(byte[] bytes, int at, int length) {
    if (at + Long.BYTES <= bytes.length) {
      long word = (long) WORDS.get(bytes, at);
      return length >= Long.BYTES ? word : word & ((1L << (length << 3)) - 1);
    }
    long word = 0;
    for (int k = Math.min(length, Long.BYTES) - 1; k >= 0; k--) {
      word = word << 8 | (bytes[at + k] & 0xFF);
    }
    return word;
  }

  /** A hash of the bytes {@code [from, to)}, eight at a time: equal bytes have equal hashes. */
  static long hash(byte[] bytes, int from, int to) {
    long hash = to - from;
    for (int at = from; at < to; at += Long.BYTES) {
      hash = (hash ^ word(bytes, at, Math.min(Long.BYTES, to - at))) * 0x9E3779B97F4A7C15L;
    }
    return hash ^ hash >>> 32;
  }
}
