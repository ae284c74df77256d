package io.helan.spi;

import io.helan.config.Connection;
import io.helan.config.ConnectionSettings;
import io.helan.config.ConnectionType;
import io.helan.config.DataType;
import java.util.Optional;

/** The site-file part of the level gauge: its reporting period; points are named {@code level}. */
public final class LevelGaugeConnectionType implements ConnectionType {

  @Override
  public String protocol() {
    return LevelGaugeConnection.PROTOCOL;
  }

  @Override
  public DataType defaultDataType() {
    return DataType.FLOAT64;
  }

  @Override
  public Connection read(ConnectionSettings settings) {
    int periodMs = settings.positive("periodMs", 200);
    settings.rejectUnread();
    return settings.failed() ? null : new LevelGaugeConnection(periodMs);
  }

  @Override
  public Optional<String> checkPointAddress(String address) {
    return address.equals("level")
        ? Optional.empty()
        : Optional.of("'" + address + "' is not a level-gauge reading (it has: level)");
  }

  @Override
  public ParameterPlacement parameterPlacement() {
    return ParameterPlacement.NONE;
  }
}
