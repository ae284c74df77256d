package io.helan.reports;

import io.helan.aggregates.Mean;
import io.helan.aggregates.MeanPeriod;
import io.helan.aggregates.MeanStore;
import io.helan.airquality.Aqi;
import io.helan.airquality.AqiCategory;
import io.helan.airquality.Pollutant;
import io.helan.alarms.AlarmRecord;
import io.helan.charts.Palette;
import io.helan.commands.CommandRecord;
import io.helan.config.CommandKind;
import io.helan.config.Device;
import io.helan.config.Point;
import io.helan.config.Region;
import io.helan.config.Site;
import io.helan.config.Station;
import io.helan.config.StationKind;
import io.helan.emissions.EmissionHour;
import io.helan.products.AqiRow;
import io.helan.products.DataProducts;
import io.helan.waterquality.SectionClass;
import io.helan.waterquality.WaterParameter;
import java.awt.Color;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Puts a report together from the validated means: the daily AQI of every city station, city and
 * the region with the days per category (charted as a bar per area in the HJ 633 colours); every
 * air point's mean of its valid daily means with the capture rate of its hours, and each air
 * station's capture rate (charted); every water section's daily class; every source pollutant's
 * hourly averages at reference O2 and the hours above its permit limit; the alarms raised, the
 * calibrations and the other commands of the stations' devices; last, the hourly (daily report) or
 * daily (monthly report) mean trend of each AQI pollutant per city and the region (charted as
 * lines). A city's or a station's report holds the same tables for its stations alone ({@link
 * ReportScope}).
 */
public final class ReportBuilder {
  private static final Color NO_AQI = new Color(0xc8c8c8);
  private static final Set<CommandKind> CALIBRATIONS =
      EnumSet.of(
          CommandKind.ZERO_CALIBRATION,
          CommandKind.SPAN_CALIBRATION,
          CommandKind.CALIBRATION_CHECK);
  private final Site site;
  private final DataProducts products;
  private final MeanStore means;
  private final ZoneId zone;
  private final ReportScopes scopes;
  private final ReportActivity activity;

  /** A builder of reports on the data alone, without alarms and commands. */
  public ReportBuilder(DataProducts products, MeanStore means, ZoneId zone) {
    this(products, means, zone, ReportActivity.NONE);
  }

  public ReportBuilder(
      DataProducts products, MeanStore means, ZoneId zone, ReportActivity activity) {
    this.site = products.site();
    this.scopes = new ReportScopes(site);
    this.activity = activity;
    this.products = products;
    this.means = means;
    this.zone = zone;
  }

  /**
   * Whether {@link #build} may find data for the period: false only when no mean at all starts
   * within a day of it, which a query of one row tells where building reads the whole site's means.
   */
  public boolean mayHaveData(ReportPeriod period) {
    return means.anyMean(
        period.first().minusDays(1).atStartOfDay(zone).toInstant(),
        period.last().plusDays(2).atStartOfDay(zone).toInstant());
  }

  /** The scopes of this site's reports. */
  public ReportScopes scopes() {
    return scopes;
  }

  /**
   * The report's content: the figures of the scope's stations only, with the AQI of its city
   * stations and cities (a city: its city stations and the city; a station: itself, when it
   * measures air).
   *
   * @throws java.util.NoSuchElementException for a city or station the site file does not have
   * @throws IllegalArgumentException for a station of a kind reports do not cover
   */
  public ReportContent build(ReportKey key) {
    ReportPeriod period = key.period();
    List<Station> inScope = scopes.stations(key.scope());
    List<String[]> areaMeans = areas(key.scope(), inScope);
    List<String[]> areas = new ArrayList<>();
    if (key.scope().kind() != ReportScope.Kind.STATION) {
      for (Station station : stations(inScope, StationKind.AIR_CITY)) {
        areas.add(new String[] {"station:" + station.id(), station.name()});
      }
    }
    areas.addAll(areaMeans);
    List<List<Object>> aqiRows = new ArrayList<>();
    List<List<Object>> categoryRows = new ArrayList<>();
    boolean hasData = false;
    for (String[] area : areas) {
      Map<AqiCategory, Integer> days = new EnumMap<>(AqiCategory.class);
      int noAqi = 0;
      for (AqiRow row : products.dailyAqi(area[0], period.first(), period.last())) {
        LocalDate day = row.start().atZone(zone).toLocalDate();
        if (row.aqi().isEmpty()) {
          noAqi++;
          aqiRows.add(List.of(area[0], area[1], day.toString(), "—", "", "", ""));
          continue;
        }
        hasData = true;
        Aqi aqi = row.aqi().get();
        days.merge(aqi.category(), 1, Integer::sum);
        aqiRows.add(
            List.of(
                area[0],
                area[1],
                day.toString(),
                aqi.value(),
                labels(aqi.primary()),
                aqi.category().displayName() + " " + aqi.category().displayNameEn(),
                labels(aqi.missing())));
      }
      List<Object> counts = new ArrayList<>(List.of(area[0], area[1]));
      for (AqiCategory category : AqiCategory.values()) {
        counts.add(days.getOrDefault(category, 0));
      }
      counts.add(noAqi);
      categoryRows.add(counts);
    }
    List<String> categoryHeaders = new ArrayList<>(List.of("区域 Area", "名称 Name"));
    for (AqiCategory category : AqiCategory.values()) {
      categoryHeaders.add(category.displayName() + " " + category.displayNameEn());
    }
    categoryHeaders.add("无AQI No AQI");

    List<List<Object>> meanRows = new ArrayList<>();
    Instant from = period.first().atStartOfDay(zone).toInstant();
    Instant to = period.last().plusDays(1).atStartOfDay(zone).toInstant();
    for (Station station : inScope) {
      if (!ReportScopes.measuresAir(station.kind())) {
        continue;
      }
      for (Device device : station.devices()) {
        for (Point point : device.points()) {
          List<Mean> days = means.means(point.id(), MeanPeriod.DAY, from, to);
          double sum = 0;
          int validDays = 0;
          int validHours = 0;
          for (Mean day : days) {
            validHours += day.validCount();
            if (day.isValid()) {
              sum += day.value();
              validDays++;
            }
          }
          int dayCount = dayCount(period);
          hasData |= validHours > 0;
          meanRows.add(
              List.of(
                  station.id(),
                  point.id(),
                  point.name(),
                  point.unit(),
                  validDays == 0 ? Double.NaN : sum / validDays,
                  validDays,
                  dayCount,
                  validHours,
                  dayCount * 24,
                  100.0 * validHours / (dayCount * 24)));
        }
      }
    }

    List<List<Object>> waterRows = new ArrayList<>();
    for (Station station : stations(inScope, StationKind.WATER_SECTION)) {
      for (LocalDate day = period.first(); !day.isAfter(period.last()); day = day.plusDays(1)) {
        Optional<SectionClass> section = products.waterClass(station, day);
        hasData |= section.isPresent();
        waterRows.add(
            List.of(
                station.id(),
                station.name(),
                day.toString(),
                section.map(s -> s.waterClass().label()).orElse("—"),
                section.map(s -> codes(s.determining())).orElse(""),
                section.map(s -> codes(s.missing())).orElse("")));
      }
    }

    List<List<Object>> sourceRows = new ArrayList<>();
    List<List<Object>> exceedanceRows = new ArrayList<>();
    for (Station station : stations(inScope, StationKind.POLLUTION_SOURCE)) {
      for (Map.Entry<Point, List<EmissionHour>> entry :
          products.emissionHours(station, from, to).entrySet()) {
        Point point = entry.getKey();
        double sum = 0;
        double max = Double.NaN;
        int valid = 0;
        int exceeding = 0;
        for (EmissionHour hour : entry.getValue()) {
          if (!hour.isValid()) {
            continue;
          }
          valid++;
          sum += hour.converted();
          max = Double.isNaN(max) ? hour.converted() : Math.max(max, hour.converted());
          if (hour.isExceedance()) {
            exceeding++;
            exceedanceRows.add(
                List.of(
                    station.id(),
                    point.id(),
                    hour.measured().start().atZone(zone).toLocalDateTime().toString(),
                    hour.measured().value(),
                    hour.o2() == null ? Double.NaN : hour.o2().value(),
                    hour.converted(),
                    hour.limit()));
          }
        }
        hasData |= valid > 0;
        sourceRows.add(
            List.of(
                station.id(),
                point.id(),
                point.name(),
                point.unit(),
                point.limits().emission().limit(),
                point.limits().emission().referenceO2(),
                valid,
                dayCount(period) * 24,
                valid == 0 ? Double.NaN : sum / valid,
                max,
                exceeding));
      }
    }
    sourceRows.sort((a, b) -> (a.get(0) + "." + a.get(1)).compareTo(b.get(0) + "." + b.get(1)));
    exceedanceRows.sort(
        (a, b) ->
            (a.get(0) + "." + a.get(1) + a.get(2)).compareTo(b.get(0) + "." + b.get(1) + b.get(2)));

    List<ReportTable> tables = new ArrayList<>();
    tables.addAll(
        List.of(
            new ReportTable(
                "日空气质量指数 Daily AQI",
                List.of(
                    "区域 Area",
                    "名称 Name",
                    "日期 Day",
                    "AQI",
                    "首要污染物 Primary",
                    "类别 Category",
                    "缺测 Missing"),
                aqiRows),
            new ReportTable(
                "各级别天数 Days per AQI category",
                categoryHeaders,
                categoryRows,
                List.of(categoryChart(categoryHeaders.size()))),
            new ReportTable(
                "空气有效均值与数据获取率 Validated means and capture",
                List.of(
                    "站点 Station",
                    "测点 Point",
                    "名称 Name",
                    "单位 Unit",
                    "均值 Mean",
                    "有效日 Valid days",
                    "日数 Days",
                    "有效小时 Valid hours",
                    "小时数 Hours",
                    "获取率 Capture %"),
                meanRows),
            captureByStation(meanRows),
            new ReportTable(
                "水质断面类别 Water section class",
                List.of(
                    "断面 Section",
                    "名称 Name",
                    "日期 Day",
                    "类别 Class",
                    "定类因子 Determining",
                    "缺测 Missing"),
                waterRows),
            new ReportTable(
                "污染源小时均值（基准氧含量）Source hourly averages at reference O2",
                List.of(
                    "站点 Station",
                    "测点 Point",
                    "名称 Name",
                    "单位 Unit",
                    "限值 Limit",
                    "基准氧 Ref O2 %",
                    "有效小时 Valid hours",
                    "小时数 Hours",
                    "均值 Mean",
                    "最大值 Max",
                    "超标小时 Exceeding hours"),
                sourceRows),
            new ReportTable(
                "超标时段 Exceedances",
                List.of(
                    "站点 Station",
                    "测点 Point",
                    "小时 Hour",
                    "实测 Measured",
                    "氧含量 O2 %",
                    "折算 At ref O2",
                    "限值 Limit"),
                exceedanceRows)));
    Set<String> stationIds = inScope.stream().map(Station::id).collect(Collectors.toSet());
    tables.add(alarms(stationIds, from, to));
    tables.addAll(commands(stationIds, from, to));
    tables.addAll(trends(period, from, to, areaMeans));
    String title =
        (key.scope().kind() == ReportScope.Kind.REGION
                ? site.name()
                : site.name() + " " + scopes.name(key.scope()))
            + (period.monthly() ? " 环境监测月报 Monthly report " : " 环境监测日报 Daily report ")
            + (period.monthly() ? period.id().substring("monthly-".length()) : period.first());
    return new ReportContent(key, title, tables, hasData);
  }

  /**
   * The alarms raised at the stations in [from, to): one row per alarm with the times it was
   * raised, the first and last time and its last message.
   */
  private ReportTable alarms(Set<String> stationIds, Instant from, Instant to) {
    Map<String, List<AlarmRecord>> byAlarm = new TreeMap<>();
    for (AlarmRecord alarm : activity.alarmsRaised(from, to)) {
      if (stationIds.contains(alarm.stationId())) {
        byAlarm.computeIfAbsent(alarm.id(), id -> new ArrayList<>()).add(alarm);
      }
    }
    List<List<Object>> rows = new ArrayList<>();
    for (List<AlarmRecord> raised : byAlarm.values()) {
      AlarmRecord first = raised.get(0);
      AlarmRecord last = raised.get(raised.size() - 1);
      rows.add(
          List.of(
              first.stationId(),
              first.id(),
              first.kind().name(),
              first.priority(),
              raised.size(),
              local(first.activeSince() == null ? first.changed() : first.activeSince()),
              local(last.activeSince() == null ? last.changed() : last.activeSince()),
              last.message()));
    }
    rows.sort((a, b) -> (a.get(0) + "/" + a.get(1)).compareTo(b.get(0) + "/" + b.get(1)));
    return new ReportTable(
        "告警 Alarms raised",
        List.of(
            "站点 Station",
            "告警 Alarm",
            "类型 Kind",
            "优先级 Priority",
            "次数 Times raised",
            "首次 First",
            "末次 Last",
            "最近信息 Last message"),
        rows);
  }

  /**
   * The commands requested for the stations' devices in [from, to), oldest first: the calibrations
   * (zero, span, check) in a table of their own, then every other command.
   */
  private List<ReportTable> commands(Set<String> stationIds, Instant from, Instant to) {
    List<List<Object>> calibrations = new ArrayList<>();
    List<List<Object>> others = new ArrayList<>();
    List<CommandRecord> commands = new ArrayList<>(activity.commands());
    commands.sort(Comparator.comparing(CommandRecord::requested).thenComparing(CommandRecord::id));
    for (CommandRecord command : commands) {
      Optional<Device> device = site.device(command.deviceId());
      if (device.isEmpty()
          || !stationIds.contains(device.get().stationId())
          || command.requested().isBefore(from)
          || !command.requested().isBefore(to)) {
        continue;
      }
      boolean calibration = CALIBRATIONS.contains(command.kind());
      (calibration ? calibrations : others)
          .add(
              List.of(
                  local(command.requested()),
                  device.get().stationId(),
                  command.deviceId(),
                  command.kind() == null ? command.commandId() : command.kind().key(),
                  command.user(),
                  command.state().name(),
                  command.detail() == null ? "" : command.detail()));
    }
    List<String> headers =
        List.of(
            "请求时间 Requested",
            "站点 Station",
            "设备 Device",
            "命令 Command",
            "用户 User",
            "状态 State",
            "说明 Detail");
    return List.of(
        new ReportTable("校准 Calibrations", headers, calibrations),
        new ReportTable("其他命令 Other commands", headers, others));
  }

  private String local(Instant time) {
    return time.atZone(zone).toLocalDateTime().toString();
  }

  /** The days per category as a bar per area, the categories in their HJ 633 colours. */
  private static ReportChart categoryChart(int columns) {
    List<Integer> counted = new ArrayList<>();
    List<Color> colours = new ArrayList<>();
    for (AqiCategory category : AqiCategory.values()) {
      counted.add(2 + category.ordinal());
      colours.add(Palette.of(category.colour()));
    }
    counted.add(columns - 1);
    colours.add(NO_AQI);
    return new ReportChart(
        ReportChart.Kind.BARS,
        "各区域按AQI类别的天数（HJ 633 类别颜色，灰色：无AQI）。"
            + " Days per AQI category of each area, in the HJ 633 category colours (grey: no AQI).",
        "天 days",
        1,
        counted,
        colours,
        Double.NaN);
  }

  /** The capture rate of each air station: its points' valid hours over their hours. */
  private ReportTable captureByStation(List<List<Object>> meanRows) {
    Map<String, int[]> byStation = new LinkedHashMap<>();
    for (List<Object> row : meanRows) {
      int[] counts = byStation.computeIfAbsent((String) row.get(0), id -> new int[3]);
      counts[0]++;
      counts[1] += (Integer) row.get(7);
      counts[2] += (Integer) row.get(8);
    }
    List<List<Object>> rows = new ArrayList<>();
    byStation.forEach(
        (id, counts) ->
            rows.add(
                List.of(
                    id,
                    site.station(id).map(Station::name).orElse(id),
                    counts[0],
                    counts[1],
                    counts[2],
                    counts[2] == 0 ? Double.NaN : 100.0 * counts[1] / counts[2])));
    return new ReportTable(
        "各站数据获取率 Capture rate per station",
        List.of(
            "站点 Station",
            "名称 Name",
            "测点数 Points",
            "有效小时 Valid hours",
            "小时数 Hours",
            "获取率 Capture %"),
        rows,
        List.of(
            new ReportChart(
                ReportChart.Kind.BARS,
                "各空气站全部测点的有效小时占应有小时的百分比。"
                    + " Each air station's valid hours of all its points as a share of their"
                    + " hours.",
                "%",
                1,
                List.of(5),
                List.of(Palette.series(0)),
                100)));
  }

  /**
   * The trend of each AQI pollutant in each city and the region: hourly means for a daily report,
   * daily means for a monthly one; an area's value is the mean of its city stations' valid means (a
   * station without one is left out, an area without any has none).
   */
  private List<ReportTable> trends(
      ReportPeriod period, Instant from, Instant to, List<String[]> areas) {
    MeanPeriod step = period.monthly() ? MeanPeriod.DAY : MeanPeriod.HOUR;
    List<Instant> starts = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    for (LocalDate day = period.first(); !day.isAfter(period.last()); day = day.plusDays(1)) {
      if (period.monthly()) {
        starts.add(day.atStartOfDay(zone).toInstant());
        labels.add(day.toString());
      } else {
        for (int hour = 0; hour < 24; hour++) {
          starts.add(day.atStartOfDay(zone).plusHours(hour).toInstant());
          labels.add(String.format("%02d:00", hour));
        }
      }
    }
    if (areas.isEmpty()) {
      return List.of();
    }
    // one read of every point's means of the period, not one per area and pollutant
    Map<String, List<Mean>> all = means.means(step, from, to);
    List<ReportTable> tables = new ArrayList<>();
    for (Pollutant pollutant : Pollutant.values()) {
      String unit = "";
      List<Map<Instant, double[]>> sums = new ArrayList<>();
      for (String[] area : areas) {
        Map<Instant, double[]> sum = new HashMap<>();
        for (Station station : products.stationsOf(area[0])) {
          Optional<Point> point = DataProducts.pointOf(station, pollutant.code());
          if (point.isEmpty()) {
            continue;
          }
          unit = point.get().unit();
          for (Mean mean : all.getOrDefault(point.get().id(), List.of())) {
            if (mean.isValid() && mean.value() >= 0) {
              double[] s = sum.computeIfAbsent(mean.start(), t -> new double[2]);
              s[0] += mean.value();
              s[1]++;
            }
          }
        }
        sums.add(sum);
      }
      List<List<Object>> rows = new ArrayList<>();
      for (int i = 0; i < starts.size(); i++) {
        List<Object> row = new ArrayList<>(List.of(labels.get(i)));
        for (Map<Instant, double[]> sum : sums) {
          double[] s = sum.get(starts.get(i));
          row.add(s == null ? Double.NaN : s[0] / s[1]);
        }
        rows.add(row);
      }
      List<String> headers = new ArrayList<>(List.of(period.monthly() ? "日期 Day" : "小时 Hour"));
      List<Integer> columns = new ArrayList<>();
      List<Color> colours = new ArrayList<>();
      for (String[] area : areas) {
        columns.add(headers.size());
        colours.add(Palette.series(colours.size()));
        headers.add(area[1]);
      }
      String kind = period.monthly() ? "日均值 daily means" : "小时均值 hourly means";
      tables.add(
          new ReportTable(
              pollutant.label() + " " + kind + " (" + unit + ")",
              headers,
              rows,
              List.of(
                  new ReportChart(
                      ReportChart.Kind.LINES,
                      pollutant.label()
                          + " "
                          + kind
                          + "：各城市及全区城市站有效均值的平均，缺测处断开。 Each city's and the"
                          + " region's mean of its city stations' valid means; a gap where none"
                          + " was valid.",
                      unit,
                      0,
                      columns,
                      colours,
                      Double.NaN))));
    }
    return tables;
  }

  /**
   * The areas whose AQI and pollutant trends the report shows beside its stations' (area and name):
   * for the region each city with city stations and the region; for a city itself (when it has city
   * stations); for a station itself when it measures air.
   */
  private List<String[]> areas(ReportScope scope, List<Station> inScope) {
    return switch (scope.kind()) {
      case REGION -> cities();
      case CITY ->
          products.stationsOf("region:" + scope.id()).isEmpty()
              ? List.of()
              : List.<String[]>of(new String[] {"region:" + scope.id(), scopes.name(scope)});
      case STATION ->
          ReportScopes.measuresAir(inScope.get(0).kind())
              ? List.<String[]>of(new String[] {"station:" + scope.id(), inScope.get(0).name()})
              : List.of();
    };
  }

  /** Each city with city stations, then the region ({@code site}): area and name. */
  private List<String[]> cities() {
    List<String[]> areas = new ArrayList<>();
    for (Region region : site.regions()) {
      if (!products.stationsOf("region:" + region.id()).isEmpty()) {
        areas.add(new String[] {"region:" + region.id(), region.name()});
      }
    }
    if (!products.stationsOf("site").isEmpty()) {
      areas.add(new String[] {"site", site.name()});
    }
    return areas;
  }

  private static int dayCount(ReportPeriod period) {
    return (int) (period.last().toEpochDay() - period.first().toEpochDay()) + 1;
  }

  private static List<Station> stations(List<Station> stations, StationKind kind) {
    return stations.stream().filter(s -> s.kind() == kind).toList();
  }

  private static String labels(Collection<Pollutant> pollutants) {
    return pollutants.stream().map(Pollutant::label).collect(Collectors.joining(", "));
  }

  private static String codes(Collection<WaterParameter> parameters) {
    return parameters.stream().map(WaterParameter::code).collect(Collectors.joining(", "));
  }
}
