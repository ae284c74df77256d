package io.helan.config;

import java.util.Map;
import java.util.Optional;

/**
 * One protocol's part of the site file: reads and checks the {@code connection} of its devices, and
 * checks the addresses of its points and command targets. Found through {@link
 * java.util.ServiceLoader} (a line in {@code META-INF/services/io.helan.config.ConnectionType}), so
 * a new protocol brings its own settings without changing the loader. The driver that connects the
 * devices is found the same way by the same {@link #protocol()} id.
 */
public interface ConnectionType {

  /** The protocol id a device type names in {@code protocol:}, e.g. {@code modbus-tcp}. */
  String protocol();

  /** The wire type of a point that names no {@code dataType}. */
  DataType defaultDataType();

  /** Whether a device must have a {@code connection} block (a device that dials in may not). */
  default boolean connectionRequired() {
    return true;
  }

  /**
   * Reads a device's {@code connection}, reporting every problem through {@code settings}; keys it
   * does not read are reported as not applying to the protocol.
   *
   * @param settings the device's connection block, empty if the file has none
   * @return the connection, or null if a problem was reported
   */
  Connection read(ConnectionSettings settings);

  /** What is wrong with a point's address, or empty if it is fine. */
  Optional<String> checkPointAddress(String address);

  /** What is wrong with a command's target, or empty; by default a point address. */
  default Optional<String> checkCommandTarget(String target) {
    return checkPointAddress(target);
  }

  /**
   * A check for the points of one device type, point by point in file order, that may remember
   * earlier points (to find overlapping registers). By default only the address syntax.
   */
  default PointAddressCheck newPointAddressCheck() {
    return (pointId, address, dataType, problems) ->
        checkPointAddress(address).ifPresent(message -> problems.report("address", message));
  }

  /**
   * Checks the addresses of one device's points and command targets against the device's
   * connection, for a protocol whose address syntax depends on it (a PLC4X tag is read by the PLC4X
   * driver the connection string names). By default nothing: {@link #checkPointAddress} and {@link
   * #checkCommandTarget} judged them already.
   *
   * @param connection the device's connection, as {@link #read} returned it
   * @param addresses each address of the device's type by the key path where the file writes it
   * @param problems takes such a key path and what is wrong there
   */
  default void checkDeviceAddresses(
      Connection connection, Map<String, String> addresses, Problems problems) {}

  /** Where this protocol's command parameters go (see {@link ParameterTarget}). */
  ParameterPlacement parameterPlacement();

  /** Checks the address of one point of a device type. */
  @FunctionalInterface
  interface PointAddressCheck {
    /**
     * @param problems takes the point's key ({@code address}, {@code dataType}) and what is wrong
     */
    void check(String pointId, String address, DataType dataType, Problems problems);
  }

  /** Where command parameters go on a device of the protocol. */
  enum ParameterPlacement {
    /** Modbus holding registers and coils ({@code address}, {@code dataType}, {@code scale}). */
    REGISTERS,
    /** Method input arguments by position ({@code argument}). */
    METHOD_ARGUMENTS,
    /** Named fields of the command's data segment ({@code field}). */
    FIELDS,
    /** The protocol takes no command parameters. */
    NONE
  }

  /** Takes the problems found in one part of the site file, by key relative to that part. */
  @FunctionalInterface
  interface Problems {
    void report(String key, String message);
  }
}
