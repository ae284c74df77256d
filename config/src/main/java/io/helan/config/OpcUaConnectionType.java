package io.helan.config;

import java.util.Optional;

/** OPC UA servers in the site file: endpoint URL, sampling and publishing intervals, timeout. */
public final class OpcUaConnectionType implements ConnectionType {
  static final int DEFAULT_SAMPLING_INTERVAL_MS = 500;
  static final int DEFAULT_PUBLISHING_INTERVAL_MS = 1000;

  @Override
  public String protocol() {
    return OpcUaConnection.PROTOCOL;
  }

  @Override
  public DataType defaultDataType() {
    return DataType.FLOAT64;
  }

  @Override
  public Connection read(ConnectionSettings settings) {
    Optional<String> url = settings.requiredText("endpointUrl");
    url.flatMap(AddressSyntax::checkOpcUaEndpoint)
        .ifPresent(message -> settings.report("endpointUrl", message));
    int samplingMs = settings.positive("samplingIntervalMs", DEFAULT_SAMPLING_INTERVAL_MS);
    int publishingMs = settings.positive("publishingIntervalMs", DEFAULT_PUBLISHING_INTERVAL_MS);
    int timeoutMs = settings.positive("timeoutMs", SiteDefaults.TIMEOUT_MS);
    settings.rejectUnread();
    return settings.failed()
        ? null
        : new OpcUaConnection(url.get(), samplingMs, publishingMs, timeoutMs);
  }

  @Override
  public Optional<String> checkPointAddress(String address) {
    return AddressSyntax.checkNodeId(address);
  }

  @Override
  public ParameterPlacement parameterPlacement() {
    return ParameterPlacement.METHOD_ARGUMENTS;
  }
}
