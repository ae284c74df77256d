package io.helan.reports;

import io.helan.config.Region;
import io.helan.config.Site;
import io.helan.config.Station;
import io.helan.config.StationKind;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The scopes a site's reports may have, read from the site file: the region; each city (a region of
 * the site file) with a station the reports cover; each such station. Reports cover air stations,
 * water sections and pollution sources; other stations (radiation, water sources) have no report.
 */
public final class ReportScopes {
  private final Site site;

  public ReportScopes(Site site) {
    this.site = site;
  }

  /** Whether stations of this kind measure air (their means, AQI and trends are reported). */
  static boolean measuresAir(StationKind kind) {
    return kind.name().startsWith("AIR_");
  }

  /** Whether reports cover stations of this kind. */
  static boolean covered(StationKind kind) {
    return measuresAir(kind)
        || kind == StationKind.WATER_SECTION
        || kind == StationKind.POLLUTION_SOURCE;
  }

  /**
   * The covered stations of a scope, in site-file order.
   *
   * @throws NoSuchElementException for a city or station the site file does not have
   * @throws IllegalArgumentException for a station of a kind reports do not cover
   */
  public List<Station> stations(ReportScope scope) {
    return switch (scope.kind()) {
      case REGION -> site.stations().stream().filter(s -> covered(s.kind())).toList();
      case CITY -> {
        city(scope.id());
        yield site.stations().stream()
            .filter(s -> covered(s.kind()) && s.regionId().equals(scope.id()))
            .toList();
      }
      case STATION -> {
        Station station =
            site.station(scope.id())
                .orElseThrow(() -> new NoSuchElementException("no station '" + scope.id() + "'"));
        if (!covered(station.kind())) {
          throw new IllegalArgumentException(
              "reports cover air stations, water sections and pollution sources; station '"
                  + scope.id()
                  + "' is "
                  + station.kind().key());
        }
        yield List.of(station);
      }
    };
  }

  /**
   * The scope's name as the report's title shows it: the site's, the city's, or the station's with
   * its id.
   *
   * @throws NoSuchElementException for a city or station the site file does not have
   */
  public String name(ReportScope scope) {
    return switch (scope.kind()) {
      case REGION -> site.name();
      case CITY -> city(scope.id()).name();
      case STATION ->
          site.station(scope.id())
                  .orElseThrow(() -> new NoSuchElementException("no station '" + scope.id() + "'"))
                  .name()
              + " ("
              + scope.id()
              + ")";
    };
  }

  /**
   * @throws NoSuchElementException when the site file has no such city
   */
  Region city(String id) {
    return site.regions().stream()
        .filter(r -> r.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new NoSuchElementException("no city '" + id + "'"));
  }

  /** The region, then each city with a covered station: what is generated on schedule. */
  public List<ReportScope> scheduled() {
    List<ReportScope> scopes = new ArrayList<>(List.of(ReportScope.REGION));
    for (Region city : site.regions()) {
      ReportScope scope = ReportScope.city(city.id());
      if (!stations(scope).isEmpty()) {
        scopes.add(scope);
      }
    }
    return scopes;
  }

  /**
   * Every scope a report may have, for a picker: the region, the cities with covered stations, and
   * each covered station with its kind and city; each with its name and whether it is generated on
   * schedule.
   */
  public JsonObject toJson() {
    JsonArray scopes = new JsonArray();
    for (ReportScope scope : scheduled()) {
      scopes.add(scope.toJson().put("name", name(scope)).put("scheduled", true));
    }
    for (Station station : stations(ReportScope.REGION)) {
      scopes.add(
          ReportScope.station(station.id())
              .toJson()
              .put("name", station.name())
              .put("stationKind", station.kind().key())
              .put("city", station.regionId())
              .put("scheduled", false));
    }
    return new JsonObject().put("scopes", scopes);
  }
}
