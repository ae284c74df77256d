package io.helan.driver.modbus;

import io.helan.config.DataType;
import io.helan.config.WordOrder;

/**
 * Turns a value into the register words a device expects, the reverse of {@link RegisterDecoder}.
 */
public final class RegisterEncoder {

  private RegisterEncoder() {}

  /**
   * Encodes {@code value} as {@code type} in the device's word order.
   *
   * @throws IllegalArgumentException if an integer type cannot hold the value exactly
   */
  public static int[] encode(double value, DataType type, WordOrder order) {
    return switch (type) {
      case BOOL -> new int[] {value != 0 ? 1 : 0};
      case INT16 -> new int[] {(int) whole(value, Short.MIN_VALUE, Short.MAX_VALUE, type) & 0xFFFF};
      case UINT16 -> new int[] {(int) whole(value, 0, 0xFFFF, type)};
      case INT32 -> split(whole(value, Integer.MIN_VALUE, Integer.MAX_VALUE, type), 2, order);
      case UINT32 -> split(whole(value, 0, 0xFFFF_FFFFL, type), 2, order);
      case FLOAT32 -> split(Float.floatToIntBits((float) value), 2, order);
      case FLOAT64 -> split(Double.doubleToLongBits(value), 4, order);
    };
  }

  /** Splits the low {@code count} words of a big-endian bit pattern into the device's order. */
  private static int[] split(long bits, int count, WordOrder order) {
    int[] words = new int[count];
    for (int i = 0; i < count; i++) {
      int word = (int) (bits >>> (16 * (count - 1 - i))) & 0xFFFF;
      int position = RegisterDecoder.reversesWords(order) ? count - 1 - i : i;
      words[position] = RegisterDecoder.swapsBytes(order) ? RegisterDecoder.swapBytes(word) : word;
    }
    return words;
  }

  private static long whole(double value, long min, long max, DataType type) {
    if (value != Math.rint(value) || value < min || value > max) {
      throw new IllegalArgumentException(value + " does not fit " + type);
    }
    return (long) value;
  }
}
