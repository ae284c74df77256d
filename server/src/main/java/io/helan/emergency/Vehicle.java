package io.helan.emergency;

import io.helan.config.CommandDefinition;
import io.helan.config.CommandKind;
import io.helan.config.Device;
import io.helan.config.Point;
import io.helan.config.Site;
import io.helan.config.Station;
import io.helan.config.StationKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An emergency monitoring vehicle of the site: a station of kind {@code radiation-vehicle} whose
 * instrument reports its position (points {@code latitude}, {@code longitude}) and dose rate
 * ({@code dose-rate}) and takes a {@code dispatch} command. Its station's location is its base.
 *
 * @param id the station's id
 * @param deviceId the instrument reporting position and dose rate
 * @param dispatchCommand the id of the instrument's dispatch command
 */
public record Vehicle(
    String id,
    String name,
    String nameEn,
    double baseLatitude,
    double baseLongitude,
    String deviceId,
    String dispatchCommand,
    Point latitude,
    Point longitude,
    Point doseRate) {
  private static final Logger LOG = LoggerFactory.getLogger(Vehicle.class);

  /** The site's vehicles, in site order; a vehicle station lacking what one needs is left out. */
  public static List<Vehicle> of(Site site) {
    List<Vehicle> vehicles = new ArrayList<>();
    for (Station station : site.stations()) {
      if (station.kind() != StationKind.RADIATION_VEHICLE) {
        continue;
      }
      Optional<Vehicle> vehicle =
          station.devices().stream().flatMap(d -> of(station, d).stream()).findFirst();
      if (vehicle.isPresent()) {
        vehicles.add(vehicle.get());
      } else {
        LOG.warn(
            "Station {} is a radiation vehicle but no device of it reports latitude, longitude"
                + " and dose-rate and takes a dispatch command: it is not shown as a vehicle",
            station.id());
      }
    }
    return vehicles;
  }

  private static Optional<Vehicle> of(Station station, Device device) {
    Optional<Point> latitude = point(device, "latitude");
    Optional<Point> longitude = point(device, "longitude");
    Optional<Point> doseRate = point(device, "dose-rate");
    Optional<CommandDefinition> dispatch =
        device.commands().stream().filter(c -> c.kind() == CommandKind.DISPATCH).findFirst();
    if (latitude.isEmpty() || longitude.isEmpty() || doseRate.isEmpty() || dispatch.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new Vehicle(
            station.id(),
            station.name(),
            station.nameEn(),
            station.latitude(),
            station.longitude(),
            device.id(),
            dispatch.get().id(),
            latitude.get(),
            longitude.get(),
            doseRate.get()));
  }

  private static Optional<Point> point(Device device, String name) {
    return device.points().stream()
        .filter(p -> p.id().equals(device.id() + "." + name))
        .findFirst();
  }
}
