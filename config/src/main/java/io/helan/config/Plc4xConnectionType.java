package io.helan.config;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.plc4x.java.DefaultPlcDriverManager;
import org.apache.plc4x.java.api.PlcDriver;
import org.apache.plc4x.java.api.PlcDriverManager;
import org.apache.plc4x.java.api.exceptions.PlcConnectionException;

/**
 * Devices reached through PLC4X: connection string (key {@code endpointUrl}), poll, timeout.
 *
 * <p>The connection string names a PLC4X driver, and the tags of the device's points and command
 * targets are that driver's syntax. Both are checked with PLC4X's own drivers, found on the class
 * path as PLC4X finds them: the driver must be one of them and must read every tag. Where no PLC4X
 * driver is on the class path at all (a simulator process), only the syntax is checked.
 */
public final class Plc4xConnectionType implements ConnectionType {

  /** Found on first use: constructing a connection type must stay cheap. */
  private PlcDriverManager drivers;

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
    if (settings.failed()) {
      return null;
    }
    Plc4xConnection connection = new Plc4xConnection(url.get(), pollIntervalMs, timeoutMs);
    Set<String> installed = installedDrivers();
    if (!installed.isEmpty() && !installed.contains(connection.driver())) {
      settings.report(
          "endpointUrl",
          "no PLC4X driver '"
              + connection.driver()
              + "' is installed (installed: "
              + String.join(", ", installed)
              + ")");
      return null;
    }
    return connection;
  }

  /** A PLC4X tag's syntax belongs to the driver: here only that it is not empty. */
  @Override
  public Optional<String> checkPointAddress(String address) {
    return AddressSyntax.checkNotBlank(address);
  }

  /** Every tag must be one the device's PLC4X driver reads, if that driver is installed. */
  @Override
  public void checkDeviceAddresses(
      Connection connection, Map<String, String> addresses, Problems problems) {
    Optional<PlcDriver> driver = driver(((Plc4xConnection) connection).driver());
    if (driver.isEmpty()) {
      return;
    }
    addresses.forEach(
        (path, tag) -> {
          try {
            driver.get().prepareTag(tag);
          } catch (UnsupportedOperationException e) {
            // this driver cannot judge a tag before it connects
          } catch (RuntimeException e) {
            problems.report(
                path,
                "'"
                    + tag
                    + "' is not a tag of the PLC4X "
                    + driver.get().getProtocolCode()
                    + " driver: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
          }
        });
  }

  @Override
  public ParameterPlacement parameterPlacement() {
    return ParameterPlacement.NONE;
  }

  private Set<String> installedDrivers() {
    return new TreeSet<>(drivers().getProtocolCodes());
  }

  private Optional<PlcDriver> driver(String code) {
    PlcDriverManager drivers = drivers();
    if (!drivers.getProtocolCodes().contains(code)) {
      return Optional.empty();
    }
    try {
      return Optional.of(drivers.getDriver(code));
    } catch (PlcConnectionException e) {
      return Optional.empty();
    }
  }

  private synchronized PlcDriverManager drivers() {
    if (drivers == null) {
      drivers = new DefaultPlcDriverManager(Plc4xConnectionType.class.getClassLoader());
    }
    return drivers;
  }
}
