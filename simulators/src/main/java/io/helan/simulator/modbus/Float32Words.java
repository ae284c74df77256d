package io.helan.simulator.modbus;

import io.helan.config.WordOrder;

/** Lays a float32 over two 16-bit registers in a device's word order, and reads it back. */
final class Float32Words {

  private Float32Words() {}

  /** The two register values, first register first. */
  static int[] toRegisters(float value, WordOrder order) {
    int bits = Float.floatToIntBits(value);
    int high = bits >>> 16;
    int low = bits & 0xFFFF;
    return switch (order) {
      case ABCD -> new int[] {high, low};
      case CDAB -> new int[] {low, high};
      case BADC -> new int[] {swapBytes(high), swapBytes(low)};
      case DCBA -> new int[] {swapBytes(low), swapBytes(high)};
    };
  }

  static float fromRegisters(int first, int second, WordOrder order) {
    int[] highThenLow =
        switch (order) {
          case ABCD -> new int[] {first, second};
          case CDAB -> new int[] {second, first};
          case BADC -> new int[] {swapBytes(first), swapBytes(second)};
          case DCBA -> new int[] {swapBytes(second), swapBytes(first)};
        };
    return Float.intBitsToFloat((highThenLow[0] & 0xFFFF) << 16 | (highThenLow[1] & 0xFFFF));
  }

  private static int swapBytes(int word) {
    return (word & 0xFF) << 8 | (word >>> 8) & 0xFF;
  }
}
