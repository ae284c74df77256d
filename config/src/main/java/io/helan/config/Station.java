package io.helan.config;

import java.util.List;

/** A monitoring station at a fixed place, with the field devices it houses. */
public record Station(
    String id,
    String name,
    String nameEn,
    StationKind kind,
    String regionId,
    double latitude,
    double longitude,
    List<Device> devices) {

  public Station {
    devices = List.copyOf(devices);
  }

  /** The same station, housing other devices. */
  public Station withDevices(List<Device> newDevices) {
    return new Station(id, name, nameEn, kind, regionId, latitude, longitude, newDevices);
  }
}
