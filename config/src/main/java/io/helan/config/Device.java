package io.helan.config;

import java.util.List;

/**
 * A field device (analyser rack, gauge, data logger) reached over one connection.
 *
 * @param id site-wide id, {@code station.device}
 * @param stationId owning station
 * @param name display name
 * @param type the device type it was built from ({@code air-analyser-rack})
 * @param connection how to reach it
 * @param points its points, in configuration order
 * @param commands the commands it accepts
 */
public record Device(
    String id,
    String stationId,
    String name,
    String type,
    Connection connection,
    List<Point> points,
    List<CommandDefinition> commands) {

  public Device {
    points = List.copyOf(points);
    commands = List.copyOf(commands);
  }

  /** The same device with other points (the same, indexed anew). */
  public Device withPoints(List<Point> newPoints) {
    return new Device(id, stationId, name, type, connection, newPoints, commands);
  }

  /** The same device, reached over another connection. */
  public Device withConnection(Connection newConnection) {
    return new Device(id, stationId, name, type, newConnection, points, commands);
  }
}
