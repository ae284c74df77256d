package io.helan.config;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The syntax of host names, ports, NodeIds and endpoint URLs that connection types share. Each
 * check returns what is wrong, or empty if the text is fine.
 */
final class AddressSyntax {

  /**
   * {@code ns=<index>;} or {@code nsu=<uri>;}, then {@code s=}, {@code i=}, {@code g=} or {@code
   * b=}.
   */
  private static final Pattern NODE_ID =
      Pattern.compile(
          "(?:ns=(\\d{1,5});|nsu=[^;\\s]+;)?"
              + "(?:s=.+|i=\\d{1,10}|g=\\p{XDigit}{8}(?:-\\p{XDigit}{4}){3}-\\p{XDigit}{12}|b=[A-Za-z0-9+/=]+)");

  private static final Pattern OPC_TCP_URL =
      Pattern.compile("opc\\.tcp://([^:/\\s]+):(\\d{1,9})(/\\S*)?");

  private static final Pattern OPTION = Pattern.compile("[A-Za-z0-9_.-]+=[^=&]*");

  private static final Pattern PORT_SUFFIX = Pattern.compile(":(\\d+)$");

  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]+|\\[[0-9A-Fa-f:.]+\\]");

  private AddressSyntax() {}

  /** Checks that an address the loader cannot judge further is at least not empty. */
  static Optional<String> checkNotBlank(String address) {
    return address.isBlank() ? Optional.of("address must not be empty") : Optional.empty();
  }

  /** Checks an OPC UA endpoint URL, {@code opc.tcp://host:port/path}. */
  static Optional<String> checkOpcUaEndpoint(String url) {
    Matcher matcher = OPC_TCP_URL.matcher(url);
    if (!matcher.matches()) {
      return Optional.of("endpointUrl '" + url + "' is not of the form opc.tcp://host:port/path");
    }
    return checkPort(Long.parseLong(matcher.group(2)));
  }

  /**
   * Checks a PLC4X connection string, {@code <driver>[:<transport>]://<address>[?<options>]}: the
   * options {@code key=value} joined by {@code &}, a port in range where the address has one.
   */
  static Optional<String> checkConnectionString(String url) {
    Matcher parts = Plc4xConnection.CONNECTION_STRING.matcher(url);
    if (!parts.matches()) {
      return Optional.of(
          "endpointUrl '"
              + url
              + "' is not a PLC4X connection string (driver://address?options, e.g."
              + " modbus-tcp://10.0.0.5:502?default-unit-identifier=1)");
    }
    if (parts.group("address").isEmpty()) {
      return Optional.of("endpointUrl '" + url + "' names no address after //");
    }
    String options = parts.group("options");
    if (options != null) {
      for (String option : options.split("&", -1)) {
        if (!OPTION.matcher(option).matches()) {
          return Optional.of(
              "endpointUrl option '"
                  + option
                  + "' is not of the form key=value (options: "
                  + options
                  + ")");
        }
      }
    }
    Matcher hostPort = PORT_SUFFIX.matcher(parts.group("address"));
    return hostPort.find() ? checkPort(Long.parseLong(hostPort.group(1))) : Optional.empty();
  }

  static Optional<String> checkHost(String host) {
    if (host.isBlank()) {
      return Optional.of("host must not be empty");
    }
    return HOST.matcher(host).matches()
        ? Optional.empty()
        : Optional.of("host '" + host + "' is not a host name or IP address");
  }

  static Optional<String> checkPort(long port) {
    return port >= 1 && port <= 65535
        ? Optional.empty()
        : Optional.of("port " + port + " out of range 1..65535");
  }

  /** Checks an OPC UA NodeId in its string form. */
  static Optional<String> checkNodeId(String address) {
    Matcher matcher = NODE_ID.matcher(address);
    if (!matcher.matches()) {
      return Optional.of(
          "'"
              + address
              + "' is not an OPC UA NodeId (ns=<n>;s=<id>, ns=<n>;i=<n> or nsu=<uri>;s=<id>)");
    }
    if (matcher.group(1) != null && Integer.parseInt(matcher.group(1)) > 65535) {
      return Optional.of("namespace index " + matcher.group(1) + " out of range 0..65535");
    }
    return Optional.empty();
  }
}
