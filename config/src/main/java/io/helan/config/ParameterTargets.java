package io.helan.config;

import io.helan.config.SiteDocument.ParameterEntry;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The {@code parameters} of a command in a site file: for each parameter the kind takes, where it
 * goes on a device of the given protocol. Checks the entries (reporting each problem with its key
 * path) and, once the file is valid, builds the {@link ParameterTarget}s.
 */
final class ParameterTargets {

  /** HJ 212 field names: letters and digits, with '-' between parts ({@code SamplingTime}). */
  private static final Pattern HJ212_FIELD =
      Pattern.compile("[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*");

  /** More input arguments than any instrument method has: a typo, most likely. */
  private static final int MAX_ARGUMENT = 255;

  private final ConnectionType protocol;
  private final CommandKind kind;
  private final String path;
  private final BiConsumer<String, String> report;

  /**
   * @param path key path of the command's {@code parameters}
   * @param report takes a key path and what is wrong there
   */
  ParameterTargets(
      ConnectionType protocol, CommandKind kind, String path, BiConsumer<String, String> report) {
    this.protocol = protocol;
    this.kind = kind;
    this.path = path;
    this.report = report;
  }

  void check(Map<String, ParameterEntry> entries) {
    Map<String, String> places = new HashMap<>();
    entries.forEach(
        (name, entry) -> {
          String at = path + "." + name;
          if (!kind.parameters().contains(name)) {
            report.accept(
                at,
                kind.key()
                    + " takes no parameter '"
                    + name
                    + "'"
                    + (kind.parameters().isEmpty()
                        ? " (it takes none)"
                        : " (it takes: " + String.join(", ", kind.parameters()) + ")"));
          } else if (entry == null) {
            report.accept(at, "empty entry: say where " + name + " goes on the device");
          } else {
            check(at, entry, places);
          }
        });
  }

  /** The targets of a checked command, in file order. */
  static List<ParameterTarget> build(Map<String, ParameterEntry> entries) {
    return entries.entrySet().stream().map(e -> build(e.getKey(), e.getValue())).toList();
  }

  private static ParameterTarget build(String name, ParameterEntry entry) {
    if (entry.argument() != null) {
      return new ParameterTarget.MethodArgument(name, entry.argument());
    }
    if (entry.field() != null) {
      return new ParameterTarget.Hj212Field(name, entry.field());
    }
    ModbusAddress address = ModbusAddress.parse(entry.address());
    if (address.table() == ModbusAddress.Table.COIL) {
      return new ParameterTarget.Coil(name, address.number());
    }
    return new ParameterTarget.HoldingRegister(
        name,
        address.number(),
        DataType.fromKey(entry.dataType()),
        entry.scale() == null ? 1 : entry.scale());
  }

  /** {@code places} maps each register, coil, argument or field taken so far to its parameter. */
  private void check(String at, ParameterEntry entry, Map<String, String> places) {
    switch (protocol.parameterPlacement()) {
      case REGISTERS -> {
        rejectIfSet(at, "argument", entry.argument());
        rejectIfSet(at, "field", entry.field());
        checkModbus(at, entry, places);
      }
      case METHOD_ARGUMENTS -> {
        rejectIfSet(at, "address", entry.address());
        rejectIfSet(at, "dataType", entry.dataType());
        rejectIfSet(at, "scale", entry.scale());
        rejectIfSet(at, "field", entry.field());
        if (entry.argument() == null) {
          report.accept(at + ".argument", "required: the 0-based position of the method argument");
        } else if (entry.argument() < 0 || entry.argument() > MAX_ARGUMENT) {
          report.accept(
              at + ".argument",
              "argument position " + entry.argument() + " out of range 0.." + MAX_ARGUMENT);
        } else {
          claim(at + ".argument", "argument " + entry.argument(), places);
        }
      }
      case FIELDS -> {
        rejectIfSet(at, "address", entry.address());
        rejectIfSet(at, "dataType", entry.dataType());
        rejectIfSet(at, "scale", entry.scale());
        rejectIfSet(at, "argument", entry.argument());
        if (entry.field() == null || entry.field().isBlank()) {
          report.accept(at + ".field", "required: the HJ 212 field name, e.g. SamplingTime");
        } else if (!HJ212_FIELD.matcher(entry.field()).matches()) {
          report.accept(
              at + ".field",
              "'"
                  + entry.field()
                  + "' is not an HJ 212 field name (letters and digits, e.g. Ctime)");
        } else {
          claim(at + ".field", "field " + entry.field(), places);
        }
      }
      case NONE ->
          report.accept(
              at,
              "command parameters are not supported on " + protocol.protocol() + " devices yet");
    }
  }

  private void checkModbus(String at, ParameterEntry entry, Map<String, String> places) {
    if (entry.address() == null || entry.address().isBlank()) {
      report.accept(at + ".address", "required: hr:<n> (holding register) or coil:<n>");
      return;
    }
    ModbusAddress address;
    try {
      address = ModbusAddress.parse(entry.address());
    } catch (IllegalArgumentException e) {
      report.accept(at + ".address", e.getMessage());
      return;
    }
    switch (address.table()) {
      case COIL -> {
        rejectIfSet(at, "scale", entry.scale());
        if (entry.dataType() != null && !"bool".equals(entry.dataType())) {
          report.accept(at + ".dataType", "a coil holds a single bit: dataType must be bool");
        }
        claim(at + ".address", address.toString(), places);
      }
      case HOLDING_REGISTER -> checkRegister(at, entry, address, places);
      default ->
          report.accept(
              at + ".address",
              address + " is read-only: parameters go to holding registers (hr:N) or coils");
    }
  }

  private void checkRegister(
      String at, ParameterEntry entry, ModbusAddress address, Map<String, String> places) {
    if (entry.scale() != null && (entry.scale() == 0 || !Double.isFinite(entry.scale()))) {
      report.accept(at + ".scale", "scale must be a finite number other than 0");
    }
    if (entry.dataType() == null) {
      report.accept(
          at + ".dataType", "required for a holding register: the type the device expects");
      return;
    }
    DataType type;
    try {
      type = DataType.fromKey(entry.dataType());
    } catch (IllegalArgumentException e) {
      report.accept(
          at + ".dataType",
          "unknown data type '"
              + entry.dataType()
              + "' (expected one of: "
              + Arrays.stream(DataType.values())
                  .map(DataType::key)
                  .collect(Collectors.joining(", "))
              + ")");
      return;
    }
    int last = address.number() + type.registers() - 1;
    if (last > ModbusAddress.MAX_NUMBER) {
      report.accept(
          at + ".address",
          address + " with " + type.registers() + " registers runs past register 65535");
      return;
    }
    for (int n = address.number(); n <= last; n++) {
      if (!claim(at + ".address", "hr:" + n, places)) {
        return;
      }
    }
  }

  /** Takes a place for the parameter at {@code at}; reports it if another parameter has it. */
  private boolean claim(String at, String place, Map<String, String> places) {
    String parameter = at.substring(path.length() + 1, at.lastIndexOf('.'));
    String other = places.putIfAbsent(place, parameter);
    if (other != null) {
      report.accept(at, place + " already takes parameter '" + other + "'");
      return false;
    }
    return true;
  }

  private void rejectIfSet(String at, String key, Object value) {
    if (value != null) {
      report.accept(at + "." + key, key + " does not apply to " + protocol.protocol() + " devices");
    }
  }
}
