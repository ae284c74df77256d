package io.helan.config;

import java.util.Locale;

/** The raw type of a point's value on the wire, before scaling. */
public enum DataType {
  BOOL(1),
  INT16(1),
  UINT16(1),
  INT32(2),
  UINT32(2),
  FLOAT32(2),
  FLOAT64(4);

  private final int registers;

  DataType(int registers) {
    this.registers = registers;
  }

  /** How many 16-bit Modbus registers one value occupies. */
  public int registers() {
    return registers;
  }

  /** The spelling used in site files, e.g. {@code float32}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static DataType fromKey(String key) {
    for (DataType type : values()) {
      if (type.key().equals(key)) {
        return type;
      }
    }
    throw new IllegalArgumentException("unknown data type '" + key + "'");
  }
}
