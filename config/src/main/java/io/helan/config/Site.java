package io.helan.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** A whole monitoring network as configured: its regions, stations and every point, indexed. */
public final class Site {
  private final String id;
  private final String name;
  private final List<Region> regions;
  private final List<Station> stations;
  private final List<Point> points;
  private final EmergencySettings emergency;
  private final List<Upstream> upstreams;
  private final Map<String, Station> stationsById = new LinkedHashMap<>();
  private final Map<String, Device> devicesById = new LinkedHashMap<>();
  private final Map<String, Point> pointsById = new LinkedHashMap<>();

  /**
   * Builds the index. Points must already carry their site-wide index, equal to their position in
   * {@code points}.
   */
  public Site(String id, String name, List<Region> regions, List<Station> stations) {
    this(id, name, regions, stations, EmergencySettings.defaults(stations));
  }

  /** A site with its emergency configuration. */
  public Site(
      String id,
      String name,
      List<Region> regions,
      List<Station> stations,
      EmergencySettings emergency) {
    this(id, name, regions, stations, emergency, List.of());
  }

  /** A site with its emergency configuration and the platforms it forwards data to. */
  public Site(
      String id,
      String name,
      List<Region> regions,
      List<Station> stations,
      EmergencySettings emergency,
      List<Upstream> upstreams) {
    this.id = id;
    this.upstreams = List.copyOf(upstreams);
    this.emergency = emergency;
    this.name = name;
    this.regions = List.copyOf(regions);
    this.stations = List.copyOf(stations);
    for (Station station : stations) {
      stationsById.put(station.id(), station);
      for (Device device : station.devices()) {
        devicesById.put(device.id(), device);
        for (Point point : device.points()) {
          pointsById.put(point.id(), point);
        }
      }
    }
    this.points = List.copyOf(pointsById.values());
    for (int i = 0; i < points.size(); i++) {
      if (points.get(i).index() != i) {
        throw new IllegalArgumentException(
            "point "
                + points.get(i).id()
                + " has index "
                + points.get(i).index()
                + ", expected "
                + i);
      }
    }
  }

  public String id() {
    return id;
  }

  public String name() {
    return name;
  }

  public List<Region> regions() {
    return regions;
  }

  public List<Station> stations() {
    return stations;
  }

  /** Every point of the site; a point's {@link Point#index()} is its position in this list. */
  public List<Point> points() {
    return points;
  }

  /** Emergency radius, graded plans, bounds and export settings. */
  public EmergencySettings emergency() {
    return emergency;
  }

  /** The higher platforms this node forwards data to over HJ 212. */
  public List<Upstream> upstreams() {
    return upstreams;
  }

  public Optional<Station> station(String stationId) {
    return Optional.ofNullable(stationsById.get(stationId));
  }

  public Optional<Device> device(String deviceId) {
    return Optional.ofNullable(devicesById.get(deviceId));
  }

  public Optional<Point> point(String pointId) {
    return Optional.ofNullable(pointsById.get(pointId));
  }

  public List<Device> devices() {
    return List.copyOf(devicesById.values());
  }

  /** The same site with each device reached over {@code connectionOf} the device. */
  public Site withDeviceConnections(Function<Device, Connection> connectionOf) {
    List<Station> moved =
        stations.stream()
            .map(
                station ->
                    station.withDevices(
                        station.devices().stream()
                            .map(device -> device.withConnection(connectionOf.apply(device)))
                            .toList()))
            .toList();
    return new Site(id, name, regions, moved, emergency, upstreams);
  }
}
