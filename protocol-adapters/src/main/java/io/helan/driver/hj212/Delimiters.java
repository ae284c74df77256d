package io.helan.driver.hj212;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Where the delimiters {@code =}, {@code ;} and {@code ,} stand in a data segment: one bit per
 * byte, found in a single forward pass eight bytes at a time. Reading a packet then takes them in
 * order, one count of zero bits each, instead of testing bytes again for each of its some fifty
 * short names and values. One instance per packet reader, reused.
 */
final class Delimiters {
  private static final VarHandle WORDS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long LOW_SEVEN_BITS = 0x7F7F7F7F7F7F7F7FL;
  private static final long EQUALS = 0x3D3D3D3D3D3D3D3DL;
  private static final long SEMICOLONS = 0x3B3B3B3B3B3B3B3BL;
  private static final long COMMAS = 0x2C2C2C2C2C2C2C2CL;

  /** Multiplying the eight bits at 0, 8, ..., 56 by this gathers them into the top byte. */
  private static final long GATHER = 0x0102040810204080L;

  /** Bit {@code k % 64} of {@code bits[k / 64]}: byte {@code base + k} is a delimiter. */
  private final long[] bits;

  private int base;
  private int end;
  private int words;

  /** The word of {@link #bits} being read, and what is left of it. */
  private int w;

  private long word;

  /** For segments of up to {@code maxLength} bytes. */
  Delimiters(int maxLength) {
    bits = new long[maxLength / 64 + 1];
  }

  /** Marks the delimiters of {@code [from, to)}; forgets those of the last segment. */
  void index(byte[] bytes, int from, int to) {
    start(from, to);
    int i = from;
    while (i + 64 <= to) {
      long found = 0;
      for (int shift = 0; shift < 64; shift += 8, i += 8) {
        found |= eightBits((long) WORDS.get(bytes, i)) << shift;
      }
      add(found);
    }
    long found = 0;
    for (int shift = 0; i < to; shift++, i++) {
      byte b = bytes[i];
      if (b == '=' || b == ';' || b == ',') {
        found |= 1L << shift;
      }
    }
    add(found);
  }

  /**
   * Forgets the last segment's delimiters to take those of {@code [from, to)} from {@link #add}, 64
   * bytes a call.
   */
  void start(int from, int to) {
    base = from;
    end = to;
    words = 0;
    w = 0;
    word = 0;
  }

  /** The delimiters of the next 64 bytes (of the last ones, fewer), first byte lowest. */
  void add(long found) {
    if (words == 0) {
      word = found;
    }
    bits[words++] = found;
  }

  /** One bit for each of the eight bytes of {@code word} that is a delimiter, first byte lowest. */
  private static long eightBits(long word) {
    long found =
        ~(nonZeroBytes(word ^ EQUALS)
                & nonZeroBytes(word ^ SEMICOLONS)
                & nonZeroBytes(word ^ COMMAS))
            & ~LOW_SEVEN_BITS;
    return ((found >>> 7) * GATHER) >>> 56;
  }

  /** The high bit of each byte of {@code word} that is not zero (exactly: no borrow between). */
  private static long nonZeroBytes(long word) {
    return ((word & LOW_SEVEN_BITS) + LOW_SEVEN_BITS) | word;
  }

  /**
   * The next delimiter of the segment after the last one this returned (the first after {@link
   * #index}), or the segment's end if there is none left.
   */
  int next() {
    while (word == 0) {
      if (++w >= words) {
        w = words;
        return end;
      }
      word = bits[w];
    }
    int at = base + (w << 6) + Long.numberOfTrailingZeros(word);
    word &= word - 1;
    return at;
  }
}
