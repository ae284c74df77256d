package io.helan.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Modbus data address as written in site files: {@code hr:<n>}, {@code ir:<n>}, {@code coil:<n>}
 * or {@code di:<n>}, n the 0-based register or bit number.
 *
 * @param table which of the four Modbus tables
 * @param number 0-based register or bit number, 0..65535
 */
public record ModbusAddress(Table table, int number) {

  /** The four Modbus data tables. */
  public enum Table {
    HOLDING_REGISTER("hr", false, true),
    INPUT_REGISTER("ir", false, false),
    COIL("coil", true, true),
    DISCRETE_INPUT("di", true, false);

    private final String prefix;
    private final boolean bits;
    private final boolean writable;

    Table(String prefix, boolean bits, boolean writable) {
      this.prefix = prefix;
      this.bits = bits;
      this.writable = writable;
    }

    /** The address prefix, e.g. {@code hr}. */
    public String prefix() {
      return prefix;
    }

    /** Whether the table holds single bits (coils, discrete inputs) rather than registers. */
    public boolean isBits() {
      return bits;
    }

    /** Whether a master may write the table (coils, holding registers). */
    public boolean isWritable() {
      return writable;
    }

    static Table fromPrefix(String prefix) {
      for (Table table : values()) {
        if (table.prefix.equals(prefix)) {
          return table;
        }
      }
      throw new IllegalArgumentException("unknown Modbus table '" + prefix + "'");
    }
  }

  public static final int MAX_NUMBER = 65535;

  private static final Pattern SYNTAX = Pattern.compile("(hr|ir|coil|di):(\\d{1,9})");

  public ModbusAddress {
    if (number < 0 || number > MAX_NUMBER) {
      throw new IllegalArgumentException(
          "Modbus address " + table.prefix + ":" + number + " out of range, 0.." + MAX_NUMBER);
    }
  }

  /**
   * Parses {@code hr:100} and the like.
   *
   * @throws IllegalArgumentException if the text is not a Modbus address
   */
  public static ModbusAddress parse(String text) {
    Matcher matcher = SYNTAX.matcher(text == null ? "" : text);
    if (!matcher.matches()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a Modbus address (hr:N, ir:N, coil:N or di:N)");
    }
    return new ModbusAddress(
        Table.fromPrefix(matcher.group(1)), Integer.parseInt(matcher.group(2)));
  }

  @Override
  public String toString() {
    return table.prefix + ":" + number;
  }
}
