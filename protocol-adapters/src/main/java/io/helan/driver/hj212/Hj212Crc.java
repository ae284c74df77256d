package io.helan.driver.hj212;

/**
 * The HJ 212 checksum of a data segment: register 0xFFFF; for each byte {@code reg = (reg >> 8) ^
 * byte}, then eight times shift right and XOR 0xA001 when the bit shifted out was 1. It is not
 * CRC-16/MODBUS, which XORs the byte into the low end of the register instead.
 */
public final class Hj212Crc {
  private static final int[] TABLE = new int[256];

  static {
    // The eight shifts are linear: the high byte only moves down, the low byte gives TABLE.
    for (int low = 0; low < 256; low++) {
      int reg = low;
      for (int bit = 0; bit < 8; bit++) {
        reg = (reg & 1) != 0 ? (reg >>> 1) ^ 0xA001 : reg >>> 1;
      }
      TABLE[low] = reg;
    }
  }

  private Hj212Crc() {}

  /** The checksum of {@code length} bytes from {@code offset}. */
  public static int of(byte[] bytes, int offset, int length) {
    int reg = 0xFFFF;
    for (int i = offset, end = offset + length; i < end; i++) {
      reg = (reg >>> 8) ^ (bytes[i] & 0xFF);
      reg = (reg >>> 8) ^ TABLE[reg & 0xFF];
    }
    return reg;
  }
}
