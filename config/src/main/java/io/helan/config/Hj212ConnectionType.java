package io.helan.config;

import java.util.Optional;

/** HJ 212 data loggers: they dial in, so the connection block is optional (only a timeout). */
public final class Hj212ConnectionType implements ConnectionType {

  @Override
  public String protocol() {
    return Hj212Connection.PROTOCOL;
  }

  /** Data segments carry decimal numbers. */
  @Override
  public DataType defaultDataType() {
    return DataType.FLOAT64;
  }

  @Override
  public boolean connectionRequired() {
    return false;
  }

  @Override
  public Connection read(ConnectionSettings settings) {
    int timeoutMs = settings.positive("timeoutMs", SiteDefaults.TIMEOUT_MS);
    settings.rejectUnread();
    return settings.failed() ? null : new Hj212Connection(timeoutMs);
  }

  /** A pollutant code such as {@code w01018}. */
  @Override
  public Optional<String> checkPointAddress(String address) {
    return AddressSyntax.checkNotBlank(address);
  }

  @Override
  public ParameterPlacement parameterPlacement() {
    return ParameterPlacement.FIELDS;
  }
}
