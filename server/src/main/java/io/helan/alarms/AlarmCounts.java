package io.helan.alarms;

import io.helan.config.Region;
import io.helan.config.Site;
import io.helan.config.Station;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How many alarms stand in each state, for the whole site, per region and per station: what the
 * overview shows next to each name.
 *
 * @param total the whole site
 * @param regions every region of the site, in site order
 * @param stations the stations that have any alarm not in NORMAL state, in site order
 */
public record AlarmCounts(Tally total, List<Tally> regions, List<Tally> stations) {

  /**
   * The counts of one place.
   *
   * @param id region or station id ("" for the site)
   * @param name its display name
   * @param unacknowledged unacknowledged active or returned to normal
   * @param active active, acknowledged or not
   * @param shelved shelved
   * @param suppressed suppressed by design
   * @param outOfService out of service
   * @param highestPriority the most urgent priority among active alarms, 0 when none is active
   */
  public record Tally(
      String id,
      String name,
      long unacknowledged,
      long active,
      long shelved,
      long suppressed,
      long outOfService,
      int highestPriority) {

    static Tally empty(String id, String name) {
      return new Tally(id, name, 0, 0, 0, 0, 0, 0);
    }

    Tally plus(AlarmRecord alarm) {
      AlarmState state = alarm.state();
      boolean active = state.isActive();
      int priority =
          active && (highestPriority == 0 || alarm.priority() < highestPriority)
              ? alarm.priority()
              : highestPriority;
      return new Tally(
          id,
          name,
          unacknowledged + (state.needsAcknowledge() ? 1 : 0),
          this.active + (active ? 1 : 0),
          shelved + (state == AlarmState.SHELVED ? 1 : 0),
          suppressed + (state == AlarmState.SUPPRESSED_BY_DESIGN ? 1 : 0),
          outOfService + (state == AlarmState.OUT_OF_SERVICE ? 1 : 0),
          priority);
    }
  }

  static AlarmCounts of(Site site, List<AlarmRecord> current) {
    Tally total = Tally.empty("", site.name());
    Map<String, Tally> regions = new LinkedHashMap<>();
    for (Region region : site.regions()) {
      regions.put(region.id(), Tally.empty(region.id(), region.name()));
    }
    Map<String, Tally> stations = new LinkedHashMap<>();
    for (Station station : site.stations()) {
      stations.put(station.id(), null);
    }
    for (AlarmRecord alarm : current) {
      total = total.plus(alarm);
      Station station = site.station(alarm.stationId()).orElse(null);
      if (station == null) {
        continue;
      }
      regions.computeIfPresent(station.regionId(), (id, tally) -> tally.plus(alarm));
      Tally tally = stations.get(station.id());
      stations.put(
          station.id(),
          (tally == null ? Tally.empty(station.id(), station.name()) : tally).plus(alarm));
    }
    List<Tally> stationTallies = new ArrayList<>();
    stations
        .values()
        .forEach(
            tally -> {
              if (tally != null) {
                stationTallies.add(tally);
              }
            });
    return new AlarmCounts(total, List.copyOf(regions.values()), stationTallies);
  }
}
