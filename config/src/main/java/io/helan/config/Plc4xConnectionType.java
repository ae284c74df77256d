package io.helan.config;

import java.util.Optional;

/** Devices reached through PLC4X: connection string (key {@code endpointUrl}), poll, timeout. */
public final class Plc4xConnectionType implements ConnectionType {

  @Override
  public String protocol() {
    return Plc4xConnection.PROTOCOL;
  }

  @Override
  public DataType defaultDataType() {
    return DataType.FLOAT32;
  }

  @Override
  public Connection read(ConnectionSettings settings) {
    Optional<String> url = settings.requiredText("endpointUrl");
    url.flatMap(AddressSyntax::checkConnectionString)
        .ifPresent(message -> settings.report("endpointUrl", message));
    int pollIntervalMs = settings.positive("pollIntervalMs", SiteDefaults.POLL_INTERVAL_MS);
    int timeoutMs = settings.positive("timeoutMs", SiteDefaults.TIMEOUT_MS);
    settings.rejectUnread();
    return settings.failed() ? null : new Plc4xConnection(url.get(), pollIntervalMs, timeoutMs);
  }

  /** PLC4X tag syntax belongs to each PLC4X driver: only emptiness is checked here. */
  @Override
  public Optional<String> checkPointAddress(String address) {
    return AddressSyntax.checkNotBlank(address);
  }

  @Override
  public ParameterPlacement parameterPlacement() {
    return ParameterPlacement.NONE;
  }
}
