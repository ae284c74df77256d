package io.helan.driver.modbus;

import io.helan.config.DataType;
import io.helan.config.WordOrder;

/**
 * Turns Modbus register words into the raw value of a point, by its {@link DataType} and the
 * device's {@link WordOrder}. The word order applies to values that span several registers; a
 * single register is always big-endian, as the protocol defines it. For 64-bit values the order
 * extends naturally: CDAB reverses the four words, BADC swaps the bytes within each word, DCBA does
 * both.
 */
public final class RegisterDecoder {

  private RegisterDecoder() {}

  /**
   * Decodes the value whose first register is {@code words[offset]}.
   *
   * @param words register values as read, each 0..65535
   */
  public static double decode(int[] words, int offset, DataType type, WordOrder order) {
    return switch (type) {
      case BOOL -> words[offset] != 0 ? 1 : 0;
      case INT16 -> (short) words[offset];
      case UINT16 -> words[offset] & 0xFFFF;
      case INT32 -> (int) join(words, offset, 2, order);
      case UINT32 -> join(words, offset, 2, order) & 0xFFFF_FFFFL;
      case FLOAT32 -> Float.intBitsToFloat((int) join(words, offset, 2, order));
      case FLOAT64 -> Double.longBitsToDouble(join(words, offset, 4, order));
    };
  }

  /** Joins {@code count} words laid out in the device's order into one big-endian bit pattern. */
  private static long join(int[] words, int offset, int count, WordOrder order) {
    long bits = 0;
    for (int i = 0; i < count; i++) {
      int word = words[offset + (reversesWords(order) ? count - 1 - i : i)] & 0xFFFF;
      bits = (bits << 16) | (swapsBytes(order) ? swapBytes(word) : word);
    }
    return bits;
  }

  /** Whether the device puts the least significant word first. */
  static boolean reversesWords(WordOrder order) {
    return order == WordOrder.CDAB || order == WordOrder.DCBA;
  }

  /** Whether the device puts the low byte of each word first. */
  static boolean swapsBytes(WordOrder order) {
    return order == WordOrder.BADC || order == WordOrder.DCBA;
  }

  static int swapBytes(int word) {
    return ((word & 0xFF) << 8) | ((word >> 8) & 0xFF);
  }
}
