package io.helan.emergency;

import io.helan.charts.Canvas;
import io.helan.charts.Palette;
import java.util.List;

/** An incident report as an XHTML page: the pictures inline as PNG data URIs. */
final class ReportHtml {
  private static final String STYLE =
      "body{font-family:sans-serif;font-size:10pt}table{border-collapse:collapse;width:100%}"
          + "th,td{border:1px solid #999;padding:2px 4px;text-align:left;vertical-align:top}"
          + "img.picture{width:100%}"
          + ".drill{background:#ffd54f;font-weight:bold;padding:4px;border:2px solid #c77800}"
          + "h2{font-size:12pt;margin-top:14pt}";

  private ReportHtml() {}

  static String render(ReportDocument document) {
    StringBuilder out = new StringBuilder();
    out.append("<!DOCTYPE html>\n<html lang=\"zh\"><head><meta charset=\"utf-8\"/><title>")
        .append(escape(document.title()))
        .append("</title><style>")
        .append(STYLE)
        .append("</style></head><body>\n<h1>")
        .append(escape(document.title()))
        .append("</h1>\n");
    if (!document.drillBanner().isEmpty()) {
      out.append("<p class=\"drill\">").append(escape(document.drillBanner())).append("</p>\n");
    }
    for (ReportDocument.Section section : document.sections()) {
      out.append("<h2>").append(escape(section.heading())).append("</h2>\n");
      if (section instanceof ReportDocument.Table table) {
        table(out, table);
      } else if (section instanceof ReportDocument.Picture picture) {
        picture(out, picture);
      }
    }
    out.append("</body></html>\n");
    return out.toString();
  }

  private static void table(StringBuilder out, ReportDocument.Table table) {
    out.append("<table>\n<tr>");
    for (String header : table.headers()) {
      out.append("<th>").append(escape(header)).append("</th>");
    }
    out.append("</tr>\n");
    for (List<ReportDocument.Cell> row : table.rows()) {
      out.append("<tr>");
      for (ReportDocument.Cell cell : row) {
        out.append("<td");
        if (cell.fill() != null) {
          out.append(" style=\"background:").append(Palette.hex(cell.fill())).append('"');
        } else if (cell.ink() != null) {
          out.append(" style=\"color:")
              .append(Palette.hex(cell.ink()))
              .append(";font-weight:bold\"");
        }
        out.append('>').append(cell.text().isEmpty() ? "&#160;" : escape(cell.text()));
        out.append("</td>");
      }
      out.append("</tr>\n");
    }
    out.append("</table>\n");
  }

  private static void picture(StringBuilder out, ReportDocument.Picture picture) {
    out.append("<p>")
        .append(escape(picture.caption()))
        .append("</p>\n<img class=\"picture\" alt=\"")
        .append(escape(picture.alt()))
        .append("\" src=\"")
        .append(Canvas.dataUri(picture.png()))
        .append("\"/>\n");
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
