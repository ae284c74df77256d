package io.helan.emergency;

import io.helan.charts.Line;
import io.helan.charts.LineChart;
import io.helan.charts.Palette;
import io.helan.charts.Scale;
import io.helan.config.Point;
import io.helan.config.Site;
import io.helan.config.Station;
import io.helan.dispersion.LocalFrame;
import io.helan.historian.Historian;
import io.helan.historian.HistoryRow;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The report of an incident or a drill, built once as a {@link ReportDocument} and rendered as an
 * XHTML page ({@link ReportHtml}) and as a PDF ({@link ReportPdf}): the declaration, the class
 * changes, the checklist with who did each step and when, the radiation stations in range with
 * their peak dose rate over the incident, a map and the dose-rate trends, the registered
 * radioactive sources in range, the plume estimates, the orders and their results, and the whole
 * timeline. A drill says so in its title and at the top. Everything but the stations' peaks comes
 * from the incident's timeline, so the report of an ended incident is the same after a restart.
 */
public final class IncidentReport {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
  private static final Duration PEAK_STEP = Duration.ofMinutes(1);
  private static final long QUERY_TIMEOUT_SECONDS = 60;
  private static final List<Double> RINGS_KM = List.of(3.0, 5.0, 10.0, 30.0);
  private static final Set<EventKind> ORDERS = Set.of(EventKind.ORDER, EventKind.ORDER_RESULT);
  private static final List<String> EVENT_HEADERS =
      List.of("序号 #", "时间 Time", "类型 Kind", "操作人 By", "内容 What");

  private final Site site;
  private final Historian historian;

  public IncidentReport(Site site, Historian historian) {
    this.site = site;
    this.historian = historian;
  }

  /** The report as an XHTML page. Blocks while the historian answers. */
  public String html(
      Incident incident, List<TimelineEvent> timeline, List<String> stations, Instant now)
      throws Exception {
    return ReportHtml.render(document(incident, timeline, stations, now));
  }

  /** The report as a PDF. Blocks while the historian answers. */
  public byte[] pdf(
      Incident incident, List<TimelineEvent> timeline, List<String> stations, Instant now)
      throws Exception {
    return ReportPdf.render(document(incident, timeline, stations, now));
  }

  /**
   * What the report says.
   *
   * @param stations the radiation stations to show with their peaks, nearest first
   */
  ReportDocument document(
      Incident incident, List<TimelineEvent> timeline, List<String> stations, Instant now)
      throws Exception {
    List<ReportDocument.Section> sections = new ArrayList<>();
    sections.add(declaration(incident, now));
    sections.add(
        events(
            "应急等级 Emergency class",
            timeline,
            Set.of(EventKind.DECLARED, EventKind.ESCALATED, EventKind.DE_ESCALATED)));
    sections.add(checklist(timeline));
    stations(sections, incident, timeline, stations, now);
    sections.add(sources(timeline));
    sections.add(events("烟羽估算 Plume estimates", timeline, Set.of(EventKind.PLUME)));
    sections.add(events("指令及结果 Orders and their results", timeline, ORDERS));
    sections.add(events("时间线 Timeline", timeline, Set.of(EventKind.values())));
    return new ReportDocument(
        (incident.drill() ? "演练报告 Drill report " : "事件报告 Incident report ") + incident.id(),
        incident.drill() ? "演练 DRILL: an exercise. Its data is drill data, never real." : "",
        sections);
  }

  private static ReportDocument.Table declaration(Incident incident, Instant now) {
    List<List<ReportDocument.Cell>> rows = new ArrayList<>();
    rows.add(fact("类别 Kind", incident.drill() ? "演练 drill" : "事件 incident"));
    rows.add(fact("类型 Type", incident.type().key()));
    rows.add(fact("应急等级 Emergency class", incident.emergencyClass().displayName()));
    rows.add(
        fact(
            "位置 Location",
            String.format(Locale.ROOT, "%.4f, %.4f", incident.latitude(), incident.longitude())));
    rows.add(fact("发生 Occurred", TIME.format(incident.occurredAt())));
    rows.add(
        fact("宣布 Declared", TIME.format(incident.declaredAt()) + " by " + incident.declaredBy()));
    rows.add(fact("说明 Note", incident.note()));
    rows.add(
        fact(
            "结束 Ended",
            incident.open()
                ? "open at " + TIME.format(now)
                : TIME.format(incident.endedAt()) + " by " + incident.endedBy()));
    return new ReportDocument.Table("宣布 Declaration", List.of("项目 Item", "内容 Value"), rows);
  }

  private static List<ReportDocument.Cell> fact(String key, String value) {
    return List.of(ReportDocument.Cell.of(key), ReportDocument.Cell.of(value));
  }

  /** The checklist as the timeline leaves it: each plan's steps, then what became of each. */
  private static ReportDocument.Table checklist(List<TimelineEvent> timeline) {
    Map<String, PlanStep> steps = new LinkedHashMap<>();
    for (TimelineEvent event : timeline) {
      JsonObject detail = new JsonObject(event.detail());
      JsonArray planned = detail.getJsonArray("steps");
      if (planned != null) {
        for (int i = 0; i < planned.size(); i++) {
          PlanStep step = EmergencyJson.step(planned.getJsonObject(i));
          steps.put(step.id(), step);
        }
      }
      if (event.kind() == EventKind.STEP && detail.getJsonObject("step") != null) {
        PlanStep step = EmergencyJson.step(detail.getJsonObject("step"));
        steps.put(step.id(), step);
      }
    }
    List<List<ReportDocument.Cell>> rows = new ArrayList<>();
    for (PlanStep step : steps.values()) {
      rows.add(
          cells(
              step.id(),
              step.description(),
              step.state().name(),
              step.doneBy(),
              step.doneAt() == null ? "" : TIME.format(step.doneAt()),
              step.detail()));
    }
    return new ReportDocument.Table(
        "检查清单 Checklist",
        List.of("步骤 Step", "内容 What", "状态 State", "操作人 By", "时间 When", "结果 Result"),
        rows);
  }

  private void stations(
      List<ReportDocument.Section> sections,
      Incident incident,
      List<TimelineEvent> timeline,
      List<String> stations,
      Instant now)
      throws Exception {
    Instant from =
        incident.occurredAt().isBefore(incident.declaredAt())
            ? incident.occurredAt()
            : incident.declaredAt();
    Instant to = incident.open() ? now : incident.endedAt();
    LocalFrame frame = new LocalFrame(incident.latitude(), incident.longitude());
    List<IncidentMap.Dot> dots = new ArrayList<>();
    List<Line> trends = new ArrayList<>();
    List<List<ReportDocument.Cell>> rows = new ArrayList<>();
    for (String stationId : stations) {
      Optional<Station> station = site.station(stationId);
      Optional<Point> doseRate = station.flatMap(EmergencyService::doseRatePoint);
      if (doseRate.isEmpty()) {
        continue;
      }
      List<HistoryRow> history =
          historian
              .history(doseRate.get(), from, to.plusSeconds(1), PEAK_STEP)
              .get(QUERY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      HistoryRow peak = null;
      double sum = 0;
      long count = 0;
      double[] times = new double[history.size()];
      double[] values = new double[history.size()];
      for (int i = 0; i < history.size(); i++) {
        HistoryRow row = history.get(i);
        if (peak == null || row.max() > peak.max()) {
          peak = row;
        }
        sum += row.avg() * row.count();
        count += row.count();
        times[i] = row.time().toEpochMilli();
        values[i] = row.avg();
      }
      Band band = band(doseRate.get(), peak == null ? Double.NaN : peak.max());
      java.awt.Color line = Palette.series(trends.size());
      trends.add(new Line(line, times, values));
      dots.add(
          new IncidentMap.Dot(station.get().latitude(), station.get().longitude(), band.colour()));
      rows.add(
          List.of(
              ReportDocument.Cell.swatch(line),
              ReportDocument.Cell.of(station.get().name() + " (" + stationId + ")"),
              ReportDocument.Cell.of(
                  String.format(
                      Locale.ROOT,
                      "%.1f km",
                      frame.distance(station.get().latitude(), station.get().longitude()) / 1000)),
              ReportDocument.Cell.of(
                  peak == null
                      ? "无数据 no data"
                      : String.format(Locale.ROOT, "%.1f nGy/h", peak.max())),
              ReportDocument.Cell.of(peak == null ? "" : TIME.format(peak.time())),
              ReportDocument.Cell.of(
                  count == 0 ? "" : String.format(Locale.ROOT, "%.1f nGy/h", sum / count)),
              ReportDocument.Cell.marked(band.label(), band.colour())));
    }
    sections.add(
        new ReportDocument.Table(
            "范围内辐射站 Radiation stations in range",
            List.of(
                "曲线 Line",
                "站点 Station",
                "距离 Distance",
                "峰值剂量率 Peak dose rate",
                "时间 At",
                "均值 Mean",
                "分级 Band"),
            rows));
    sections.add(
        new ReportDocument.Picture(
            "地图 Map",
            "释放点（粉色点）周围 "
                + RINGS_KM
                + " km 圆环；粉色线：最近一次烟羽估算的等值线；圆点：辐射站按峰值分级着色；蓝色三角：车辆最后位置。"
                + " Rings at "
                + RINGS_KM
                + " km around the release point (pink dot); pink lines: the last plume"
                + " estimate's contours; circles: radiation stations by their peak's band"
                + " (red at or above the point's high-high limit, orange at or above its high"
                + " limit, grey below, dark without data); blue triangles: vehicles where they"
                + " last reported.",
            "map",
            IncidentMap.png(
                incident.latitude(),
                incident.longitude(),
                site.emergency().radiusKm() * 1.15,
                RINGS_KM,
                lastContours(timeline),
                dots,
                lastVehicles(timeline))));
    Scale scale = Scale.upTo(Scale.highest(trends.stream().map(Line::y).toArray(double[][]::new)));
    sections.add(
        new ReportDocument.Picture(
            "剂量率趋势 Dose-rate trends",
            "各站 1 分钟平均剂量率，"
                + TIME.format(from)
                + " 至 "
                + TIME.format(to)
                + "，底部为 0，网格线间隔 "
                + scale.stepText()
                + " nGy/h，曲线颜色同上表。 Each station's 1-minute mean dose rate from "
                + TIME.format(from)
                + " to "
                + TIME.format(to)
                + ", 0 at the bottom, grid lines every "
                + scale.stepText()
                + " nGy/h; line colours as in the table above.",
            "dose-rate trends",
            LineChart.png(trends, from.toEpochMilli(), to.toEpochMilli(), scale)));
  }

  /** A station's band by its peak against its dose-rate point's high and high-high limits. */
  private static Band band(Point point, double peak) {
    if (Double.isNaN(peak)) {
      return new Band("无数据 no data", IncidentMap.NO_DATA);
    }
    if (!Double.isNaN(point.limits().hihi()) && peak >= point.limits().hihi()) {
      return new Band("高高限以上 above high-high", IncidentMap.ALARM);
    }
    if (!Double.isNaN(point.limits().hi()) && peak >= point.limits().hi()) {
      return new Band("高限以上 above high", IncidentMap.INVESTIGATION);
    }
    return new Band("正常 normal", IncidentMap.NORMAL);
  }

  private record Band(String label, java.awt.Color colour) {}

  /** The contour segments of the last plume estimate on the timeline. */
  private static List<double[]> lastContours(List<TimelineEvent> timeline) {
    List<double[]> segments = new ArrayList<>();
    for (int e = timeline.size() - 1; e >= 0; e--) {
      JsonArray contours = new JsonObject(timeline.get(e).detail()).getJsonArray("contours");
      if (timeline.get(e).kind() != EventKind.PLUME || contours == null) {
        continue;
      }
      for (int c = 0; c < contours.size(); c++) {
        JsonArray list = contours.getJsonObject(c).getJsonArray("segments", new JsonArray());
        for (int i = 0; i < list.size(); i++) {
          JsonArray s = list.getJsonArray(i);
          segments.add(
              new double[] {s.getDouble(0), s.getDouble(1), s.getDouble(2), s.getDouble(3)});
        }
      }
      break;
    }
    return segments;
  }

  /** Where each vehicle last reported, by the timeline's vehicle events. */
  private static List<IncidentMap.Dot> lastVehicles(List<TimelineEvent> timeline) {
    Map<String, IncidentMap.Dot> last = new LinkedHashMap<>();
    for (TimelineEvent event : timeline) {
      JsonObject detail = new JsonObject(event.detail());
      if (event.kind() == EventKind.VEHICLE
          && detail.getValue("latitude") instanceof Number latitude
          && detail.getValue("longitude") instanceof Number longitude) {
        last.put(
            detail.getString("vehicle"),
            new IncidentMap.Dot(
                latitude.doubleValue(), longitude.doubleValue(), IncidentMap.VEHICLE));
      }
    }
    return List.copyOf(last.values());
  }

  private static ReportDocument.Table sources(List<TimelineEvent> timeline) {
    List<List<ReportDocument.Cell>> rows = new ArrayList<>();
    for (TimelineEvent event : timeline) {
      if (event.kind() != EventKind.SOURCES) {
        continue;
      }
      JsonArray listed = new JsonObject(event.detail()).getJsonArray("sources", new JsonArray());
      for (int i = 0; i < listed.size(); i++) {
        JsonObject source = listed.getJsonObject(i);
        rows.add(
            cells(
                source.getString("name") + " (" + source.getString("id") + ")",
                source.getString("class"),
                source.getString("nuclide"),
                String.format(Locale.ROOT, "%.3g Bq", source.getDouble("activityBq")),
                source.getString("holder")));
      }
    }
    return new ReportDocument.Table(
        "范围内登记放射源 Registered radioactive sources in range",
        List.of("放射源 Source", "类别 Class", "核素 Nuclide", "活度 Activity", "持有单位 Holder"),
        rows);
  }

  /** A table of the timeline's events of the given kinds. */
  private static ReportDocument.Table events(
      String heading, List<TimelineEvent> timeline, Set<EventKind> kinds) {
    List<List<ReportDocument.Cell>> rows = new ArrayList<>();
    for (TimelineEvent event : timeline) {
      if (kinds.contains(event.kind())) {
        rows.add(
            cells(
                String.valueOf(event.seq()),
                TIME.format(event.time()),
                event.kind().name(),
                event.user(),
                event.text()));
      }
    }
    return new ReportDocument.Table(heading, EVENT_HEADERS, rows);
  }

  private static List<ReportDocument.Cell> cells(String... texts) {
    List<ReportDocument.Cell> cells = new ArrayList<>(texts.length);
    for (String text : texts) {
      cells.add(ReportDocument.Cell.of(text));
    }
    return cells;
  }
}
