package io.helan.config;

/**
 * How a device lays a 32-bit value over two 16-bit Modbus registers. Letters name the bytes of the
 * big-endian value, A most significant.
 */
public enum WordOrder {
  /** Big-endian words and bytes (the Modbus convention). */
  ABCD,
  /** Low word first, bytes big-endian within each word (common on analysers and PLCs). */
  CDAB,
  /** High word first, bytes swapped within each word. */
  BADC,
  /** Fully little-endian. */
  DCBA
}
