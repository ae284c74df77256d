package io.helan.config;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Modbus TCP devices in the site file: host, port, unit id, word order, poll interval, timeout. */
public final class ModbusTcpConnectionType implements ConnectionType {
  static final int DEFAULT_UNIT_ID = 1;
  static final WordOrder DEFAULT_WORD_ORDER = WordOrder.ABCD;

  @Override
  public String protocol() {
    return ModbusTcpConnection.PROTOCOL;
  }

  /** Analysers mostly publish float32 over two registers. */
  @Override
  public DataType defaultDataType() {
    return DataType.FLOAT32;
  }

  @Override
  public Connection read(ConnectionSettings settings) {
    Optional<String> host = settings.requiredText("host");
    host.flatMap(AddressSyntax::checkHost).ifPresent(message -> settings.report("host", message));
    Optional<Integer> port = settings.integer("port");
    if (port.isEmpty()) {
      settings.report("port", "required for " + protocol() + " devices");
    }
    port.flatMap(p -> AddressSyntax.checkPort(p)).ifPresent(m -> settings.report("port", m));
    Optional<Integer> unitId = settings.integer("unitId");
    if (unitId.isPresent() && (unitId.get() < 0 || unitId.get() > 255)) {
      settings.report("unitId", "unit id " + unitId.get() + " out of range 0..255");
    }
    WordOrder wordOrder =
        settings.oneOf(
            "wordOrder",
            WordOrder::valueOf,
            "word order",
            Arrays.stream(WordOrder.values())
                .map(WordOrder::name)
                .collect(Collectors.joining(", ")),
            DEFAULT_WORD_ORDER);
    int pollIntervalMs = settings.positive("pollIntervalMs", SiteDefaults.POLL_INTERVAL_MS);
    // By default a request may take up to the poll interval: an answer that late still fits the
    // poll's slot, where a shorter timeout would throw it away and drop the link (a busy device or
    // a loaded server then loses polls); a dead link still shows within two poll periods.
    int timeoutMs = settings.positive("timeoutMs", pollIntervalMs);
    settings.rejectUnread();
    if (settings.failed()) {
      return null;
    }
    return new ModbusTcpConnection(
        host.get(),
        port.get(),
        unitId.orElse(DEFAULT_UNIT_ID),
        wordOrder,
        pollIntervalMs,
        timeoutMs);
  }

  @Override
  public Optional<String> checkPointAddress(String address) {
    try {
      ModbusAddress.parse(address);
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.of(e.getMessage());
    }
  }

  /** Commands write coils or holding registers. */
  @Override
  public Optional<String> checkCommandTarget(String target) {
    Optional<String> problem = checkPointAddress(target);
    if (problem.isPresent()) {
      return problem;
    }
    return ModbusAddress.parse(target).table().isWritable()
        ? Optional.empty()
        : Optional.of(
            "command target "
                + target
                + " is read-only: commands write coils (coil:N) or holding registers (hr:N)");
  }

  /** Bits need a bit table; registers must fit the table and not overlap another point's. */
  @Override
  public PointAddressCheck newPointAddressCheck() {
    Map<String, String> registerOwners = new HashMap<>();
    return (pointId, text, dataType, problems) -> {
      Optional<String> problem = checkPointAddress(text);
      if (problem.isPresent()) {
        problems.report("address", problem.get());
        return;
      }
      ModbusAddress address = ModbusAddress.parse(text);
      if (address.table().isBits() && dataType != DataType.BOOL) {
        problems.report(
            "dataType",
            address.table().prefix() + " addresses hold single bits: dataType must be bool");
        return;
      }
      int width = address.table().isBits() ? 1 : dataType.registers();
      int last = address.number() + width - 1;
      if (last > ModbusAddress.MAX_NUMBER) {
        problems.report(
            "address",
            text + " with " + width + " registers runs past register " + ModbusAddress.MAX_NUMBER);
        return;
      }
      for (int n = address.number(); n <= last; n++) {
        String register = address.table().prefix() + ":" + n;
        String other = registerOwners.putIfAbsent(register, pointId);
        if (other != null) {
          problems.report("address", register + " is already used by point '" + other + "'");
          return;
        }
      }
    };
  }

  @Override
  public ParameterPlacement parameterPlacement() {
    return ParameterPlacement.REGISTERS;
  }
}
