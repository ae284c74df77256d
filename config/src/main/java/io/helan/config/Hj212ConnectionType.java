package io.helan.config;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * HJ 212 data loggers: they dial in, so the connection block names the logger (MN) and its
 * password, not an address.
 *
 * <p>A point's address is a field of the data area, {@code <code>-<kind>} as {@code w01018-Rtd} (a
 * bare code means its {@code Rtd}), optionally prefixed by the upload it comes from: {@code
 * minute:} (2051), {@code hour:} (2061) or {@code day:} (2031); without a prefix real-time and
 * state uploads (2011, 2021, 2041, 2081, 3020). So the minute and hourly averages of a pollutant
 * are points of their own, and each keeps its own history. A command's target is its CN, optionally
 * with fixed fields: {@code 3011;PolId=a21026}.
 */
public final class Hj212ConnectionType implements ConnectionType {
  static final Pattern STATION_CODE = Pattern.compile("[0-9A-Za-z]{1,24}");
  static final Pattern PASSWORD = Pattern.compile("[^;,=&\\s]{1,16}");
  private static final Pattern POINT_ADDRESS =
      Pattern.compile("((minute|hour|day):)?[A-Za-z0-9]+(-[A-Za-z]+)?");
  private static final Pattern COMMAND_TARGET =
      Pattern.compile("\\d{4}(;[A-Za-z][A-Za-z0-9]*=[^;,=&\\s]+)*");

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
  public Connection read(ConnectionSettings settings) {
    Optional<String> mn = settings.requiredText("mn");
    mn.filter(code -> !STATION_CODE.matcher(code).matches())
        .ifPresent(
            code -> settings.report("mn", "MN '" + code + "' is not 1 to 24 letters or digits"));
    Optional<String> password = settings.requiredText("password");
    password
        .filter(text -> !PASSWORD.matcher(text).matches())
        .ifPresent(
            text ->
                settings.report(
                    "password", "password must be 1 to 16 characters without ; , = & or spaces"));
    int timeoutMs = settings.positive("timeoutMs", Hj212Connection.DEFAULT_TIMEOUT_MS);
    int retries = settings.positive("retries", Hj212Connection.DEFAULT_RETRIES);
    int utcOffsetMinutes =
        settings.integer("utcOffsetMinutes").orElse(Hj212Connection.CHINA_UTC_OFFSET_MINUTES);
    if (Math.abs(utcOffsetMinutes) > 14 * 60) {
      settings.report("utcOffsetMinutes", "must be within ±840 minutes");
    }
    settings.rejectUnread();
    return settings.failed()
        ? null
        : new Hj212Connection(mn.get(), password.get(), timeoutMs, retries, utcOffsetMinutes);
  }

  @Override
  public Optional<String> checkPointAddress(String address) {
    return POINT_ADDRESS.matcher(address).matches()
        ? Optional.empty()
        : Optional.of(
            "address '"
                + address
                + "' is not an HJ 212 field such as w01018, a21026-ZsRtd or hour:a21026-Avg");
  }

  @Override
  public Optional<String> checkCommandTarget(String target) {
    return COMMAND_TARGET.matcher(target).matches()
        ? Optional.empty()
        : Optional.of(
            "target '" + target + "' is not an HJ 212 command such as 3012 or 3011;PolId=a21026");
  }

  @Override
  public ParameterPlacement parameterPlacement() {
    return ParameterPlacement.FIELDS;
  }
}
