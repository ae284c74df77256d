package io.helan.driver.hj212;

/**
 * The HJ 212 checksum of a data segment: register 0xFFFF; for each byte {@code reg = (reg >> 8) ^
 * byte}, then eight times shift right and XOR 0xA001 when the bit shifted out was 1. It is not
 * CRC-16/MODBUS, which XORs the byte into the low end of the register instead.
 *
 * <p>How it is computed fast: the first step of each byte shifts the register's low byte out, so
 * all that one byte passes on to the next is the register's high byte, {@code carry}. The step
 * {@code carry -> high byte of SHIFTED[carry ^ byte]} is linear over GF(2) (shifts and XORs only),
 * so the carry after eight bytes is the XOR of each byte's contribution, looked up independently
 * ({@code AHEAD[k]} = the step applied {@code k} times): the eight lookups do not wait on each
 * other as the byte-at-a-time loop does ("slicing by 8"). The last byte gives the full 16-bit
 * register.
 */
public final class Hj212Crc {
  /** The register after the eight shifts of a low byte {@code x} (the high byte being 0). */
  private static final int[] SHIFTED = new int[256];

  /**
   * {@code AHEAD[(k - 1) * 256 + x]}: in bits 0-7, the carry after {@code k} bytes when {@code x}
   * entered the first of them and zeros the others. For {@code k < 8}, bit {@code 16 - k} is set
   * when {@code x} is a delimiter: in a group of eight bytes, byte {@code 8 - k} (of 0-7) is looked
   * up there, so the XOR of the group's lookups also says which of its bytes 1-7 are delimiters.
   */
  private static final int[] AHEAD = new int[8 * 256];

  /** 1 for the bytes {@link Delimiters} marks, else 0. */
  private static final int[] DELIMITER = new int[256];

  static {
    for (int low = 0; low < 256; low++) {
      int reg = low;
      for (int bit = 0; bit < 8; bit++) {
        reg = (reg & 1) != 0 ? (reg >>> 1) ^ 0xA001 : reg >>> 1;
      }
      SHIFTED[low] = reg;
    }
    for (int x = 0; x < 256; x++) {
      int carry = x;
      for (int k = 1; k <= 8; k++) {
        carry = SHIFTED[carry] >>> 8;
        AHEAD[(k - 1) * 256 + x] = carry;
      }
    }
    DELIMITER['='] = DELIMITER[';'] = DELIMITER[','] = 1;
    for (int k = 0; k < 7; k++) {
      for (int x = 0; x < 256; x++) {
        AHEAD[k * 256 + x] |= DELIMITER[x] << (15 - k);
      }
    }
  }

  private Hj212Crc() {}

  /** The checksum of {@code length} bytes from {@code offset}. */
  public static int of(byte[] bytes, int offset, int length) {
    if (length == 0) {
      return 0xFFFF;
    }
    int carry = 0xFF;
    int i = offset;
    int last = offset + length - 1;
    for (; i + 8 <= last; i += 8) {
      carry = eightBytes(carry, bytes, i) & 0xFF;
    }
    for (; i < last; i++) {
      carry = AHEAD[(carry ^ bytes[i]) & 0xFF] & 0xFF;
    }
    return SHIFTED[(carry ^ bytes[last]) & 0xFF];
  }

  /**
   * Eight bytes from {@code i} into the carry: the new carry in bits 0-7, and in bits 9-15 which of
   * the bytes after the first are delimiters.
   */
  private static int eightBytes(int carry, byte[] bytes, int i) {
    return AHEAD[7 * 256 + ((carry ^ bytes[i]) & 0xFF)]
        ^ AHEAD[6 * 256 + (bytes[i + 1] & 0xFF)]
        ^ AHEAD[5 * 256 + (bytes[i + 2] & 0xFF)]
        ^ AHEAD[4 * 256 + (bytes[i + 3] & 0xFF)]
        ^ AHEAD[3 * 256 + (bytes[i + 4] & 0xFF)]
        ^ AHEAD[2 * 256 + (bytes[i + 5] & 0xFF)]
        ^ AHEAD[256 + (bytes[i + 6] & 0xFF)]
        ^ AHEAD[bytes[i + 7] & 0xFF];
  }

  /**
   * The checksum of {@code length} bytes from {@code offset}, marking the delimiters among them on
   * the way: one pass over the bytes for both.
   */
  static int of(byte[] bytes, int offset, int length, Delimiters delimiters) {
    delimiters.start(offset, offset + length);
    if (length == 0) {
      return 0xFFFF;
    }
    int carry = 0xFF;
    int i = offset;
    int last = offset + length - 1;
    long found = 0;
    int shift = 0;
    for (; i + 8 <= last; i += 8) {
      int step = eightBytes(carry, bytes, i);
      carry = step & 0xFF;
      found |= (long) ((step >>> 8 & 0xFE) | DELIMITER[bytes[i] & 0xFF]) << shift;
      shift += 8;
      if (shift == 64) {
        delimiters.add(found);
        found = 0;
        shift = 0;
      }
    }
    for (; i <= last; i++) {
      int b = bytes[i] & 0xFF;
      found |= (long) DELIMITER[b] << shift++;
      if (shift == 64) {
        delimiters.add(found);
        found = 0;
        shift = 0;
      }
      if (i < last) {
        carry = AHEAD[(carry ^ b) & 0xFF] & 0xFF;
      }
    }
    delimiters.add(found);
    return SHIFTED[(carry ^ bytes[last]) & 0xFF];
  }
}
