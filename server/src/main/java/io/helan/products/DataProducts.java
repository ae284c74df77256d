package io.helan.products;

import io.helan.aggregates.Mean;
import io.helan.aggregates.MeanPeriod;
import io.helan.aggregates.MeanStore;
import io.helan.airquality.AqiCalculator;
import io.helan.airquality.AqiReport;
import io.helan.airquality.Concentrations;
import io.helan.airquality.Indicator;
import io.helan.config.Device;
import io.helan.config.EmissionLimit;
import io.helan.config.Point;
import io.helan.config.Site;
import io.helan.config.Station;
import io.helan.config.StationKind;
import io.helan.emissions.EmissionAverages;
import io.helan.emissions.EmissionHour;
import io.helan.waterquality.SectionClass;
import io.helan.waterquality.WaterBody;
import io.helan.waterquality.WaterParameter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The figures the province publishes, computed from the stored validated means: hourly and daily
 * AQI of a station, a city or the region (HJ 633-2012; an area's AQI from the mean of its city
 * stations' concentrations), the GB 3838-2002 class of a river section per parameter and as a
 * whole, and a source's hourly averages at reference O2 judged against its permit limit. Only valid
 * means count; a pollutant without one is listed as missing.
 */
public final class DataProducts {
  private final Site site;
  private final MeanStore means;
  private final ZoneId zone;
  private final AqiCalculator calculator = new AqiCalculator();

  public DataProducts(Site site, MeanStore means, ZoneId zone) {
    this.site = site;
    this.means = means;
    this.zone = zone;
  }

  public Site site() {
    return site;
  }

  /**
   * The stations an area's AQI is computed from: one station, the city stations of a region, or all
   * city stations.
   *
   * @param area {@code station:<id>}, {@code region:<id>} or {@code site}
   * @throws IllegalArgumentException for an unknown area
   */
  public List<Station> stationsOf(String area) {
    if (area.startsWith("station:")) {
      String id = area.substring("station:".length());
      return List.of(
          site.station(id)
              .orElseThrow(() -> new IllegalArgumentException("no station '" + id + "'")));
    }
    if (area.startsWith("region:")) {
      String id = area.substring("region:".length());
      if (site.regions().stream().noneMatch(r -> r.id().equals(id))) {
        throw new IllegalArgumentException("no region '" + id + "'");
      }
      return site.stations().stream()
          .filter(s -> s.kind() == StationKind.AIR_CITY && s.regionId().equals(id))
          .toList();
    }
    if (area.equals("site")) {
      return site.stations().stream().filter(s -> s.kind() == StationKind.AIR_CITY).toList();
    }
    throw new IllegalArgumentException(
        "area must be station:<id>, region:<id> or site, not '" + area + "'");
  }

  /** The hourly (real-time) AQI of the area for every clock hour starting in [from, to). */
  public List<AqiRow> hourlyAqi(String area, Instant from, Instant to) {
    return hourlyAqi(List.of(area), from, to).get(area);
  }

  /**
   * The hourly (real-time) AQI of each area for every clock hour starting in [from, to), from one
   * read of the stored hourly and 24-hour means: a station in several areas (itself, its region,
   * the site) is looked up once.
   */
  public Map<String, List<AqiRow>> hourlyAqi(Collection<String> areas, Instant from, Instant to) {
    Instant first = from.truncatedTo(ChronoUnit.HOURS);
    Map<String, List<Mean>> hourly = means.means(MeanPeriod.HOUR, first, to);
    Map<String, List<Mean>> twentyFourHours = means.means(MeanPeriod.TWENTY_FOUR_HOURS, first, to);
    Map<Station, Map<Indicator, Map<Instant, Double>>> values = new HashMap<>();
    Map<String, List<AqiRow>> byArea = new LinkedHashMap<>();
    for (String area : areas) {
      List<Station> stations = stationsOf(area);
      for (Station station : stations) {
        values.computeIfAbsent(
            station,
            s -> {
              Map<Indicator, Map<Instant, Double>> byIndicator = new EnumMap<>(Indicator.class);
              put(byIndicator, s, Indicator.SO2_1H, hourly);
              put(byIndicator, s, Indicator.SO2_24H, twentyFourHours);
              put(byIndicator, s, Indicator.NO2_1H, hourly);
              put(byIndicator, s, Indicator.CO_1H, hourly);
              put(byIndicator, s, Indicator.O3_1H, hourly);
              put(byIndicator, s, Indicator.PM10_24H, twentyFourHours);
              put(byIndicator, s, Indicator.PM2_5_24H, twentyFourHours);
              return byIndicator;
            });
      }
      List<AqiRow> rows = new ArrayList<>();
      for (Instant hour = first; hour.isBefore(to); hour = hour.plus(1, ChronoUnit.HOURS)) {
        rows.add(
            row(area, stations, values, hour, hour.plus(1, ChronoUnit.HOURS), AqiReport.HOURLY));
      }
      byArea.put(area, rows);
    }
    return byArea;
  }

  /** The daily AQI of the area for every local day from {@code first} to {@code last}. */
  public List<AqiRow> dailyAqi(String area, LocalDate first, LocalDate last) {
    List<Station> stations = stationsOf(area);
    Instant from = first.atStartOfDay(zone).toInstant();
    Instant to = last.plusDays(1).atStartOfDay(zone).toInstant();
    Map<Station, Map<Indicator, Map<Instant, Double>>> values = new HashMap<>();
    for (Station station : stations) {
      Map<Indicator, Map<Instant, Double>> byIndicator = new EnumMap<>(Indicator.class);
      put(byIndicator, station, Indicator.SO2_24H, MeanPeriod.DAY, from, to);
      put(byIndicator, station, Indicator.NO2_24H, MeanPeriod.DAY, from, to);
      put(byIndicator, station, Indicator.CO_24H, MeanPeriod.DAY, from, to);
      put(byIndicator, station, Indicator.O3_8H, MeanPeriod.DAY_MAX_EIGHT_HOURS, from, to);
      put(byIndicator, station, Indicator.PM10_24H, MeanPeriod.DAY, from, to);
      put(byIndicator, station, Indicator.PM2_5_24H, MeanPeriod.DAY, from, to);
      values.put(station, byIndicator);
      // the daily maximum 1-h O3 replaces an 8-h maximum above its table
      Map<Instant, Double> o3Max = new HashMap<>();
      pointOf(station, Indicator.O3_1H.pollutant().code())
          .ifPresent(
              o3 -> {
                for (Mean hour : means.means(o3.id(), MeanPeriod.HOUR, from, to)) {
                  if (hour.isValid()) {
                    Instant day =
                        hour.start().atZone(zone).toLocalDate().atStartOfDay(zone).toInstant();
                    o3Max.merge(day, hour.value(), Math::max);
                  }
                }
              });
      byIndicator.put(Indicator.O3_1H, o3Max);
    }
    List<AqiRow> rows = new ArrayList<>();
    for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
      rows.add(
          row(
              area,
              stations,
              values,
              day.atStartOfDay(zone).toInstant(),
              day.plusDays(1).atStartOfDay(zone).toInstant(),
              AqiReport.DAILY));
    }
    return rows;
  }

  private AqiRow row(
      String area,
      List<Station> stations,
      Map<Station, Map<Indicator, Map<Instant, Double>>> values,
      Instant start,
      Instant end,
      AqiReport report) {
    List<Concentrations> ofStations = new ArrayList<>();
    for (Station station : stations) {
      Concentrations concentrations = Concentrations.none();
      for (Map.Entry<Indicator, Map<Instant, Double>> entry : values.get(station).entrySet()) {
        Double value = entry.getValue().get(start);
        if (value != null) {
          concentrations = concentrations.with(entry.getKey(), value);
        }
      }
      ofStations.add(concentrations);
    }
    Concentrations area_ =
        ofStations.size() == 1 ? ofStations.get(0) : Concentrations.meanOf(ofStations);
    return new AqiRow(
        start,
        end,
        area,
        stations.stream().map(Station::id).toList(),
        area_,
        calculator.compute(report, area_));
  }

  /** The valid means of the station's point for the indicator's pollutant, by start. */
  private void put(
      Map<Indicator, Map<Instant, Double>> byIndicator,
      Station station,
      Indicator indicator,
      MeanPeriod period,
      Instant from,
      Instant to) {
    byIndicator.put(
        indicator,
        pointOf(station, indicator.pollutant().code())
            .map(point -> validByStart(means.means(point.id(), period, from, to)))
            .orElseGet(HashMap::new));
  }

  /** The same from means already read, by point. */
  private static void put(
      Map<Indicator, Map<Instant, Double>> byIndicator,
      Station station,
      Indicator indicator,
      Map<String, List<Mean>> meansByPoint) {
    byIndicator.put(
        indicator,
        pointOf(station, indicator.pollutant().code())
            .map(point -> validByStart(meansByPoint.getOrDefault(point.id(), List.of())))
            .orElseGet(HashMap::new));
  }

  /** The valid, non-negative means by start. */
  private static Map<Instant, Double> validByStart(List<Mean> means) {
    Map<Instant, Double> byStart = new HashMap<>();
    for (Mean mean : means) {
      if (mean.isValid() && mean.value() >= 0) {
        byStart.put(mean.start(), mean.value());
      }
    }
    return byStart;
  }

  /**
   * The GB 3838-2002 class of a river section's parameters and of the section, from the valid daily
   * means of the local day; empty when no parameter had one.
   */
  public Optional<SectionClass> waterClass(Station station, LocalDate day) {
    Instant from = day.atStartOfDay(zone).toInstant();
    Instant to = day.plusDays(1).atStartOfDay(zone).toInstant();
    Map<WaterParameter, Double> values = new EnumMap<>(WaterParameter.class);
    for (WaterParameter parameter : WaterParameter.values()) {
      pointOf(station, parameter.code())
          .ifPresent(
              point ->
                  means.means(point.id(), MeanPeriod.DAY, from, to).stream()
                      .filter(Mean::isValid)
                      .findFirst()
                      .ifPresent(mean -> values.put(parameter, mean.value())));
    }
    return SectionClass.assess(values, WaterBody.RIVER);
  }

  /**
   * The hourly averages of every pollutant of the station that has a permit limit, converted to the
   * limit's reference O2 with the same hour's O2 mean, and judged against the limit.
   */
  public Map<Point, List<EmissionHour>> emissionHours(Station station, Instant from, Instant to) {
    Map<Point, List<EmissionHour>> hours = new HashMap<>();
    for (Device device : station.devices()) {
      for (Point point : device.points()) {
        EmissionLimit limit = point.limits().emission();
        if (limit == null) {
          continue;
        }
        Map<Instant, Mean> o2 = new HashMap<>();
        if (limit.convertsToReferenceO2()) {
          for (Mean mean :
              means.means(device.id() + "." + limit.o2Point(), MeanPeriod.HOUR, from, to)) {
            o2.put(mean.start(), mean);
          }
        }
        List<EmissionHour> ofPoint = new ArrayList<>();
        for (Mean hour : means.means(point.id(), MeanPeriod.HOUR, from, to)) {
          // an hour without O2 data is not judged
          Mean o2Hour =
              limit.convertsToReferenceO2()
                  ? o2.getOrDefault(
                      hour.start(), new Mean(hour.start(), hour.end(), Double.NaN, 0, 60, 60))
                  : null;
          ofPoint.add(
              new EmissionHour(
                  hour, o2Hour, EmissionAverages.converted(hour, o2Hour, limit), limit.limit()));
        }
        hours.put(point, ofPoint);
      }
    }
    return hours;
  }

  /** The first point of the station with the HJ 212 code. */
  public static Optional<Point> pointOf(Station station, String code) {
    if (code == null) {
      return Optional.empty();
    }
    for (Device device : station.devices()) {
      for (Point point : device.points()) {
        if (code.equals(point.code())) {
          return Optional.of(point);
        }
      }
    }
    return Optional.empty();
  }
}
