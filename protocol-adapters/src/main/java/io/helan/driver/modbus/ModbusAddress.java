package io.helan.driver.modbus;

/**
 * A point or command address on a Modbus device: a table and a 0-based register or bit number,
 * written {@code hr:20}, {@code ir:0}, {@code coil:1} or {@code di:3}.
 */
public record ModbusAddress(ModbusTable table, int number) {

  public ModbusAddress {
    if (number < 0 || number > 0xFFFF) {
      throw new IllegalArgumentException("Modbus register number out of range: " + number);
    }
  }

  /** Parses {@code <table>:<number>}; anything else is an error. */
  public static ModbusAddress parse(String address) {
    int colon = address == null ? -1 : address.indexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("not a Modbus address: '" + address + "'");
    }
    ModbusTable table = ModbusTable.ofPrefix(address.substring(0, colon));
    try {
      return new ModbusAddress(table, Integer.parseInt(address.substring(colon + 1)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a Modbus address: '" + address + "'", e);
    }
  }

  @Override
  public String toString() {
    return table.prefix() + ":" + number;
  }
}
