package io.helan.publication;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * The public page (zh-CN): plain HTML rendered on the server from the public API's answers, so it
 * shows exactly what was released — the latest released hourly AQI of the site, each city and each
 * city station, the water sections' classes of the latest released day and the gamma dose rates —
 * and works without scripts or a login.
 */
final class PublicPage {
  private static final DateTimeFormatter LOCAL_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private PublicPage() {}

  /**
   * @param siteName the network's name
   * @param aqi the answer of the latest AQI ({@code rows}: one per area, with {@code name})
   * @param water the answer of {@code /api/public/water}
   * @param doseRate the answer of {@code /api/public/dose-rate}
   */
  static String render(
      String siteName,
      Instant releasedUntil,
      ZoneId zone,
      JsonObject aqi,
      JsonObject water,
      JsonObject doseRate) {
    StringBuilder html = new StringBuilder(8192);
    html.append("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>")
        .append(escape(siteName))
        .append(" 环境质量信息发布</title>\n<style>")
        .append("body{font-family:sans-serif;margin:1.5em;color:#222}")
        .append("table{border-collapse:collapse;margin-bottom:1.5em}")
        .append("th,td{border:1px solid #ccc;padding:.3em .6em;text-align:left}")
        .append(".swatch{display:inline-block;width:1em;height:1em;margin-right:.4em;")
        .append("vertical-align:middle;border:1px solid #888}")
        .append("</style>\n</head>\n<body>\n<h1>")
        .append(escape(siteName))
        .append(" 环境质量信息发布</h1>\n<p>数据经审核后延迟发布，仅含有效数据。发布截至 ")
        .append(LOCAL_TIME.format(releasedUntil.atZone(zone)))
        .append("（北京时间）。</p>\n");

    html.append(
        "<h2>空气质量指数（小时）</h2>\n<table id=\"aqi\">\n<tr><th>区域/站点</th><th>时段</th>"
            + "<th>AQI</th><th>首要污染物</th><th>类别</th><th>缺测</th></tr>\n");
    for (Object item : aqi.getJsonArray("rows", new JsonArray())) {
      JsonObject row = (JsonObject) item;
      html.append("<tr><td>").append(escape(row.getString("name"))).append("</td><td>");
      html.append(escape(hour(row.getString("start"), zone))).append("</td>");
      if (row.getValue("aqi") == null) {
        html.append("<td>—</td><td></td><td>无有效数据</td><td></td></tr>\n");
        continue;
      }
      html.append("<td>")
          .append(row.getInteger("aqi"))
          .append("</td><td>")
          .append(escape(join(row.getJsonArray("primary"))))
          .append("</td><td><span class=\"swatch\" style=\"background:")
          .append(escape(row.getString("colour")))
          .append("\"></span>")
          .append(escape(row.getString("category")))
          .append("</td><td>")
          .append(escape(join(row.getJsonArray("missing"))))
          .append("</td></tr>\n");
    }
    html.append("</table>\n");

    html.append("<h2>地表水水质类别（")
        .append(escape(water.getString("day")))
        .append("）</h2>\n<table id=\"water\">\n<tr><th>断面</th><th>类别</th><th>定类因子</th></tr>\n");
    for (Object item : water.getJsonArray("sections", new JsonArray())) {
      JsonObject section = (JsonObject) item;
      html.append("<tr><td>")
          .append(escape(section.getString("name", section.getString("station"))))
          .append("</td><td>")
          .append(escape(section.getString("class")))
          .append("</td><td>")
          .append(escape(join(section.getJsonArray("determining"))))
          .append("</td></tr>\n");
    }
    html.append("</table>\n");

    html.append(
        "<h2>环境γ辐射空气吸收剂量率（nGy/h）</h2>\n<table id=\"dose-rate\">\n<tr><th>站点</th>"
            + "<th>最新小时</th><th>小时值</th><th>24小时均值</th><th>24小时范围</th></tr>\n");
    for (Object item : doseRate.getJsonArray("stations", new JsonArray())) {
      JsonObject station = (JsonObject) item;
      html.append("<tr><td>")
          .append(escape(station.getString("name", station.getString("station"))))
          .append("</td>");
      if (station.getValue("value") == null) {
        html.append("<td>—</td><td>无有效数据</td><td></td><td></td></tr>\n");
        continue;
      }
      html.append("<td>")
          .append(escape(hour(station.getString("hour"), zone)))
          .append("</td><td>")
          .append(number(station.getDouble("value")))
          .append("</td><td>")
          .append(number(station.getDouble("mean")))
          .append("</td><td>")
          .append(number(station.getDouble("min")))
          .append(" – ")
          .append(number(station.getDouble("max")))
          .append("</td></tr>\n");
    }
    html.append("</table>\n<p>机读数据：<a href=\"/api/public/stations\">/api/public/</a></p>\n")
        .append("</body>\n</html>\n");
    return html.toString();
  }

  private static String hour(String start, ZoneId zone) {
    return start == null ? "" : LOCAL_TIME.format(Instant.parse(start).atZone(zone));
  }

  private static String join(JsonArray values) {
    if (values == null) {
      return "";
    }
    StringBuilder text = new StringBuilder();
    for (Object value : values) {
      text.append(text.length() == 0 ? "" : "、").append(value);
    }
    return text.toString();
  }

  private static String number(Double value) {
    return value == null ? "—" : String.format("%.1f", value);
  }

  /** HTML-escapes text from the site file and the data. */
  static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder escaped = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        case '&' -> escaped.append("&amp;");
        case '"' -> escaped.append("&quot;");
        case '\'' -> escaped.append("&#39;");
        default -> escaped.append(c);
      }
    }
    return escaped.toString();
  }
}
