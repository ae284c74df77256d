package io.helan.driver.hj212;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Finds the first of a few delimiter bytes eight bytes at a time, and reads up to eight bytes as
 * one {@code long} to compare short names at once. The hot loops of the packet reader spend most of
 * their time looking for {@code ;}, {@code ,} and {@code =}; testing a whole word per step instead
 * of a byte per step is what makes the codec read a million frames a second.
 */
final class ByteSearch {
  private static final VarHandle WORDS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGH_BITS = 0x8080808080808080L;

  private ByteSearch() {}

  /** The byte {@code b} in all eight places of a word, for {@link #indexOfAny}. */
  static long everyByte(char b) {
    return b * ONES;
  }

  /**
   * The index of the first byte in {@code [from, to)} that is one of the three bytes {@link
   * #everyByte} made {@code a}, {@code b} and {@code c} of, or {@code to} if there is none. Kept
   * small so that the compiler inlines it into the packet reader's loops.
   */
  static int indexOfAny(byte[] bytes, int from, int to, long a, long b, long c) {
    int i = from;
    for (; i + Long.BYTES <= to; i += Long.BYTES) {
      long word = (long) WORDS.get(bytes, i);
      long found = zeroBytes(word ^ a) | zeroBytes(word ^ b) | zeroBytes(word ^ c);
      if (found != 0) {
        // little endian: the lowest flagged byte is the first in the array
        return i + (Long.numberOfTrailingZeros(found) >>> 3);
      }
    }
    return indexOfAnyInTail(bytes, i, to, (byte) a, (byte) b, (byte) c);
  }

  private static int indexOfAnyInTail(byte[] bytes, int from, int to, byte a, byte b, byte c) {
    for (int i = from; i < to; i++) {
      byte x = bytes[i];
      if (x == a || x == b || x == c) {
        return i;
      }
    }
    return to;
  }

  /**
   * The high bit of each byte of {@code word} that is zero, and possibly of bytes above (later
   * than) one that is: the lowest flagged byte is always the first zero byte.
   */
  private static long zeroBytes(long word) {
    return (word - ONES) & ~word & HIGH_BITS;
  }

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
}
