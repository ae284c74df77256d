package io.helan.driver.modbus;

/** The four Modbus data tables, with the address prefix each has in point and command addresses. */
public enum ModbusTable {
  HOLDING_REGISTER("hr", false),
  INPUT_REGISTER("ir", false),
  COIL("coil", true),
  DISCRETE_INPUT("di", true);

  /** The protocol's limit on registers per read request (function codes 3 and 4). */
  public static final int MAX_REGISTERS_PER_READ = 125;

  /** The protocol's limit on bits per read request (function codes 1 and 2). */
  public static final int MAX_BITS_PER_READ = 2000;

  private final String prefix;
  private final boolean bits;

  ModbusTable(String prefix, boolean bits) {
    this.prefix = prefix;
    this.bits = bits;
  }

  /** The address prefix, e.g. {@code hr}. */
  public String prefix() {
    return prefix;
  }

  /** Whether the table holds single bits (coils, discrete inputs) rather than 16-bit registers. */
  public boolean holdsBits() {
    return bits;
  }

  /** How many registers or bits one read request may fetch from this table. */
  public int maxPerRead() {
    return bits ? MAX_BITS_PER_READ : MAX_REGISTERS_PER_READ;
  }

  public static ModbusTable ofPrefix(String prefix) {
    for (ModbusTable table : values()) {
      if (table.prefix.equals(prefix)) {
        return table;
      }
    }
    throw new IllegalArgumentException("unknown Modbus table '" + prefix + "'");
  }
}
