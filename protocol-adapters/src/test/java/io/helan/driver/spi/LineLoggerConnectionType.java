package io.helan.driver.spi;

import io.helan.config.Connection;
import io.helan.config.ConnectionSettings;
import io.helan.config.ConnectionType;
import io.helan.config.DataType;
import java.util.Optional;

/** The site-file part of the line logger: a station code of eight digits and a timeout. */
public final class LineLoggerConnectionType implements ConnectionType {

  @Override
  public String protocol() {
    return LineLoggerConnection.PROTOCOL;
  }

  @Override
  public DataType defaultDataType() {
    return DataType.FLOAT64;
  }

  @Override
  public Connection read(ConnectionSettings settings) {
    Optional<String> code = settings.requiredText("stationCode");
    if (code.isPresent() && !code.get().matches("\\d{8}")) {
      settings.report("stationCode", "station code '" + code.get() + "' is not eight digits");
    }
    int timeoutMs = settings.positive("timeoutMs", 1000);
    settings.rejectUnread();
    return settings.failed() ? null : new LineLoggerConnection(code.get(), timeoutMs);
  }

  @Override
  public Optional<String> checkPointAddress(String address) {
    return address.matches("[a-z0-9-]+")
        ? Optional.empty()
        : Optional.of("'" + address + "' is not a line-logger point name");
  }

  @Override
  public ParameterPlacement parameterPlacement() {
    return ParameterPlacement.NONE;
  }
}
