package io.helan.driver.hj212;

import io.helan.config.CommandDefinition;
import io.helan.config.CommandKind;
import io.helan.config.ParameterTarget;
import io.helan.driver.DeviceCommand;
import java.time.Instant;
import java.time.ZoneOffset;

/** The data areas of the platform's requests: a command's, and the backfill requests. */
final class Hj212Requests {
  private Hj212Requests() {}

  /** A request: its CN and data area. */
  record Request(int cn, String data) {}

  /**
   * The request for a command: its target's CN and fixed fields ({@code 3011;PolId=a21026}), each
   * parameter in the field the site file names, and for a clock setting (1012) the time now.
   */
  static Request of(DeviceCommand command, Instant now, ZoneOffset zone) {
    CommandDefinition definition = command.definition();
    String[] parts = definition.target().split(";");
    int cn = Integer.parseInt(parts[0].trim());
    StringBuilder data = new StringBuilder();
    for (int i = 1; i < parts.length; i++) {
      append(data, parts[i].trim());
    }
    for (ParameterTarget target : definition.parameters()) {
      if (target instanceof ParameterTarget.Hj212Field field
          && command.parameters().containsKey(field.parameter())) {
        append(data, field.field() + "=" + number(command.parameters().get(field.parameter())));
      }
    }
    if (cn == 1012 || definition.kind() == CommandKind.TIME_SYNC) {
      append(data, "SystemTime=" + Hj212Frames.time(now, zone));
    }
    return new Request(cn, data.toString());
  }

  /** Asks for the minute (2051) or hourly (2061) data of {@code [begin, end]}. */
  static Request history(int cn, Instant begin, Instant end, ZoneOffset zone) {
    return new Request(
        cn,
        "BeginTime=" + Hj212Frames.time(begin, zone) + ";EndTime=" + Hj212Frames.time(end, zone));
  }

  private static void append(StringBuilder data, String field) {
    if (!field.isEmpty()) {
      data.append(data.length() == 0 ? "" : ";").append(field);
    }
  }

  private static String number(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15
        ? Long.toString((long) value)
        : Double.toString(value);
  }
}
