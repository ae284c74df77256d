package io.helan.emergency;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import io.helan.config.Point;
import io.helan.config.Site;
import io.helan.config.Station;
import io.helan.dispersion.LocalFrame;
import io.helan.historian.Historian;
import io.helan.historian.HistoryRow;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
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
 * The report of an incident or a drill, as an XHTML page and as a PDF of the same page (rendered by
 * openhtmltopdf): the declaration, the class changes, the checklist with who did each step and
 * when, the radiation stations in range with their peak dose rate over the incident, the registered
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

  private final Site site;
  private final Historian historian;

  public IncidentReport(Site site, Historian historian) {
    this.site = site;
    this.historian = historian;
  }

  /**
   * The report page. Blocks while the historian answers.
   *
   * @param stations the radiation stations to show with their peaks, nearest first
   */
  public String html(
      Incident incident, List<TimelineEvent> timeline, List<String> stations, Instant now)
      throws Exception {
    StringBuilder out = new StringBuilder();
    String title = (incident.drill() ? "Drill report " : "Incident report ") + incident.id();
    out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/><title>")
        .append(escape(title))
        .append("</title><style>")
        .append(
            "body{font-family:sans-serif;font-size:10pt}table{border-collapse:collapse;width:100%}"
                + "th,td{border:1px solid #999;padding:2px 4px;text-align:left;vertical-align:top}"
                + "img.picture{width:100%}"
                + ".drill{background:#ffd54f;font-weight:bold;padding:4px;border:2px solid #c77800}"
                + "h2{font-size:12pt;margin-top:14pt}")
        .append("</style></head><body>\n<h1>")
        .append(escape(title))
        .append("</h1>\n");
    if (incident.drill()) {
      out.append(
          "<p class=\"drill\">DRILL (演练): an exercise. Its data is drill data, never real.</p>\n");
    }
    declaration(out, incident, now);
    classChanges(out, timeline);
    checklist(out, timeline);
    stations(out, incident, timeline, stations, now);
    sources(out, timeline);
    section(out, "Plume estimates", timeline, Set.of(EventKind.PLUME));
    section(out, "Orders and their results", timeline, ORDERS);
    section(out, "Timeline", timeline, Set.of(EventKind.values()));
    out.append("</body></html>\n");
    return out.toString();
  }

  /** The page as a PDF. */
  public static byte[] pdf(String html) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PdfRendererBuilder builder = new PdfRendererBuilder();
    builder.useFastMode();
    builder.withHtmlContent(html, null);
    builder.toStream(out);
    builder.run();
    return out.toByteArray();
  }

  private static void declaration(StringBuilder out, Incident incident, Instant now) {
    out.append("<h2>Declaration</h2>\n<table>\n");
    row(out, "Kind", incident.drill() ? "drill" : "incident");
    row(out, "Type", incident.type().key());
    row(out, "Emergency class", incident.emergencyClass().displayName());
    row(
        out,
        "Location",
        String.format(Locale.ROOT, "%.4f, %.4f", incident.latitude(), incident.longitude()));
    row(out, "Occurred", TIME.format(incident.occurredAt()));
    row(out, "Declared", TIME.format(incident.declaredAt()) + " by " + incident.declaredBy());
    row(out, "Note", incident.note());
    row(
        out,
        "Ended",
        incident.open()
            ? "open at " + TIME.format(now)
            : TIME.format(incident.endedAt()) + " by " + incident.endedBy());
    out.append("</table>\n");
  }

  private static void classChanges(StringBuilder out, List<TimelineEvent> timeline) {
    section(
        out,
        "Emergency class",
        timeline,
        Set.of(EventKind.DECLARED, EventKind.ESCALATED, EventKind.DE_ESCALATED));
  }

  /** The checklist as the timeline leaves it: each plan's steps, then what became of each. */
  private static void checklist(StringBuilder out, List<TimelineEvent> timeline) {
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
    out.append("<h2>Checklist</h2>\n<table>\n")
        .append("<tr><th>Step</th><th>What</th><th>State</th><th>By</th><th>When</th>")
        .append("<th>Result</th></tr>\n");
    for (PlanStep step : steps.values()) {
      out.append("<tr>");
      cell(out, step.id());
      cell(out, step.description());
      cell(out, step.state().name());
      cell(out, step.doneBy());
      cell(out, step.doneAt() == null ? "" : TIME.format(step.doneAt()));
      cell(out, step.detail());
      out.append("</tr>\n");
    }
    out.append("</table>\n");
  }

  private void stations(
      StringBuilder out,
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
    List<ReportImages.Dot> dots = new ArrayList<>();
    List<ReportImages.Series> trends = new ArrayList<>();
    out.append("<h2>Radiation stations in range</h2>\n<table>\n")
        .append("<tr><th>Line</th><th>Station</th><th>Distance</th><th>Peak dose rate</th>")
        .append("<th>At</th><th>Mean</th><th>Band</th></tr>\n");
    for (String stationId : stations) {
      Optional<Station> station = site.station(stationId);
      Optional<Point> doseRate = station.flatMap(EmergencyService::doseRatePoint);
      if (doseRate.isEmpty()) {
        continue;
      }
      List<HistoryRow> rows =
          historian
              .history(doseRate.get(), from, to.plusSeconds(1), PEAK_STEP)
              .get(QUERY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      HistoryRow peak = null;
      double sum = 0;
      long count = 0;
      long[] times = new long[rows.size()];
      double[] values = new double[rows.size()];
      for (int i = 0; i < rows.size(); i++) {
        HistoryRow row = rows.get(i);
        if (peak == null || row.max() > peak.max()) {
          peak = row;
        }
        sum += row.avg() * row.count();
        count += row.count();
        times[i] = row.time().toEpochMilli();
        values[i] = row.avg();
      }
      Band band = band(doseRate.get(), peak == null ? Double.NaN : peak.max());
      java.awt.Color line = ReportImages.SERIES.get(trends.size() % ReportImages.SERIES.size());
      trends.add(new ReportImages.Series(line, times, values));
      dots.add(
          new ReportImages.Dot(station.get().latitude(), station.get().longitude(), band.colour()));
      out.append("<tr>");
      out.append("<td style=\"background:").append(ReportImages.hex(line)).append("\">&#160;</td>");
      cell(out, station.get().name() + " (" + stationId + ")");
      cell(
          out,
          String.format(
              Locale.ROOT,
              "%.1f km",
              frame.distance(station.get().latitude(), station.get().longitude()) / 1000));
      cell(out, peak == null ? "no data" : String.format(Locale.ROOT, "%.1f nGy/h", peak.max()));
      cell(out, peak == null ? "" : TIME.format(peak.time()));
      cell(out, count == 0 ? "" : String.format(Locale.ROOT, "%.1f nGy/h", sum / count));
      out.append("<td style=\"color:")
          .append(ReportImages.hex(band.colour()))
          .append(";font-weight:bold\">")
          .append(escape(band.label()))
          .append("</td>");
      out.append("</tr>\n");
    }
    out.append("</table>\n");
    out.append("<h2>Map</h2>\n<p>")
        .append(
            escape(
                "Rings at "
                    + RINGS_KM
                    + " km around the release point (pink dot); pink lines: the last plume"
                    + " estimate's contours; circles: radiation stations by their peak's band"
                    + " (red at or above the point's high-high limit, orange at or above its high"
                    + " limit, grey below, dark without data); blue triangles: vehicles where they"
                    + " last reported."))
        .append("</p>\n<img class=\"picture\" alt=\"map\" src=\"")
        .append(
            ReportImages.dataUri(
                ReportImages.map(
                    incident.latitude(),
                    incident.longitude(),
                    site.emergency().radiusKm() * 1.15,
                    RINGS_KM,
                    lastContours(timeline),
                    dots,
                    lastVehicles(timeline))))
        .append("\"/>\n");
    out.append("<h2>Dose-rate trends</h2>\n<p>")
        .append(
            escape(
                "Each station's 1-minute mean dose rate from "
                    + TIME.format(from)
                    + " to "
                    + TIME.format(to)
                    + ", 0 at the bottom; line colours as in the table above."))
        .append("</p>\n<img class=\"picture\" alt=\"dose-rate trends\" src=\"")
        .append(
            ReportImages.dataUri(
                ReportImages.trends(trends, from.toEpochMilli(), to.toEpochMilli())))
        .append("\"/>\n");
  }

  /** A station's band by its peak against its dose-rate point's high and high-high limits. */
  private static Band band(Point point, double peak) {
    if (Double.isNaN(peak)) {
      return new Band("no data", ReportImages.NO_DATA);
    }
    if (!Double.isNaN(point.limits().hihi()) && peak >= point.limits().hihi()) {
      return new Band("above high-high", ReportImages.ALARM);
    }
    if (!Double.isNaN(point.limits().hi()) && peak >= point.limits().hi()) {
      return new Band("above high", ReportImages.INVESTIGATION);
    }
    return new Band("normal", ReportImages.NORMAL);
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
  private static List<ReportImages.Dot> lastVehicles(List<TimelineEvent> timeline) {
    Map<String, ReportImages.Dot> last = new LinkedHashMap<>();
    for (TimelineEvent event : timeline) {
      JsonObject detail = new JsonObject(event.detail());
      if (event.kind() == EventKind.VEHICLE
          && detail.getValue("latitude") instanceof Number latitude
          && detail.getValue("longitude") instanceof Number longitude) {
        last.put(
            detail.getString("vehicle"),
            new ReportImages.Dot(
                latitude.doubleValue(), longitude.doubleValue(), ReportImages.VEHICLE));
      }
    }
    return List.copyOf(last.values());
  }

  private static void sources(StringBuilder out, List<TimelineEvent> timeline) {
    out.append("<h2>Registered radioactive sources in range</h2>\n<table>\n")
        .append("<tr><th>Source</th><th>Class</th><th>Nuclide</th><th>Activity</th>")
        .append("<th>Holder</th></tr>\n");
    for (TimelineEvent event : timeline) {
      if (event.kind() != EventKind.SOURCES) {
        continue;
      }
      JsonArray listed = new JsonObject(event.detail()).getJsonArray("sources", new JsonArray());
      for (int i = 0; i < listed.size(); i++) {
        JsonObject source = listed.getJsonObject(i);
        out.append("<tr>");
        cell(out, source.getString("name") + " (" + source.getString("id") + ")");
        cell(out, source.getString("class"));
        cell(out, source.getString("nuclide"));
        cell(out, String.format(Locale.ROOT, "%.3g Bq", source.getDouble("activityBq")));
        cell(out, source.getString("holder"));
        out.append("</tr>\n");
      }
    }
    out.append("</table>\n");
  }

  /** A section listing the timeline's events of the given kinds. */
  private static void section(
      StringBuilder out, String heading, List<TimelineEvent> timeline, Set<EventKind> kinds) {
    out.append("<h2>")
        .append(escape(heading))
        .append("</h2>\n<table>\n<tr><th>#</th><th>Time</th><th>Kind</th><th>By</th>")
        .append("<th>What</th></tr>\n");
    for (TimelineEvent event : timeline) {
      if (!kinds.contains(event.kind())) {
        continue;
      }
      out.append("<tr>");
      cell(out, String.valueOf(event.seq()));
      cell(out, TIME.format(event.time()));
      cell(out, event.kind().name());
      cell(out, event.user());
      cell(out, event.text());
      out.append("</tr>\n");
    }
    out.append("</table>\n");
  }

  private static void row(StringBuilder out, String key, String value) {
    out.append("<tr><th>").append(escape(key)).append("</th>");
    cell(out, value);
    out.append("</tr>\n");
  }

  private static void cell(StringBuilder out, String value) {
    out.append("<td>").append(escape(value)).append("</td>");
  }

  /** Text for XHTML: markup characters as entities, control characters dropped. */
  static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> {
          if (c >= 0x20 || c == '\n' || c == '\t') {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }
}
