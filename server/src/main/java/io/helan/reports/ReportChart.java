package io.helan.reports;

import io.helan.charts.Bar;
import io.helan.charts.BarChart;
import io.helan.charts.Line;
import io.helan.charts.LineChart;
import io.helan.charts.Scale;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;

/**
 * A chart of one report table, drawn from the table's own cells: in the PDF a picture under the
 * table's heading ({@link #png}), in the workbook a native chart beside the table that reads the
 * same cells ({@link XlsxChart}). So a chart can never say something its table does not.
 *
 * @param kind a line per value column over the rows in order, or a bar per row
 * @param caption what the chart shows, Chinese then English (the scale's words are added)
 * @param unit the values' unit, for the scale's words
 * @param labelColumn the column naming each row (a time, an area)
 * @param valueColumns the columns drawn: a line each, or the parts of each row's bar end to end
 * @param colours each value column's colour, in the same order
 * @param top the end of the value axis, or NaN to fit the highest value (the longest bar)
 */
public record ReportChart(
    Kind kind,
    String caption,
    String unit,
    int labelColumn,
    List<Integer> valueColumns,
    List<Color> colours,
    double top) {

  /** How the values are drawn. */
  public enum Kind {
    /** A line per value column, the rows in time order along the horizontal axis. */
    LINES,
    /** A horizontal bar per row, the value columns end to end, the first row at the top. */
    BARS
  }

  public ReportChart {
    valueColumns = List.copyOf(valueColumns);
    colours = List.copyOf(colours);
    if (valueColumns.size() != colours.size()) {
      throw new IllegalArgumentException("a chart needs a colour per value column");
    }
  }

  /** A value column of the table as numbers: a number as itself, anything else as NaN. */
  public static double[] values(ReportTable table, int column) {
    double[] values = new double[table.rows().size()];
    for (int r = 0; r < values.length; r++) {
      values[r] =
          table.rows().get(r).get(column) instanceof Number number
              ? number.doubleValue()
              : Double.NaN;
    }
    return values;
  }

  /** The value axis: to {@link #top}, else to the highest value (the longest bar). */
  public Scale scale(ReportTable table) {
    if (Double.isFinite(top)) {
      return Scale.upTo(top);
    }
    double highest = 0;
    if (kind == Kind.LINES) {
      for (int column : valueColumns) {
        highest = Math.max(highest, Scale.highest(values(table, column)));
      }
    } else {
      for (Bar bar : bars(table)) {
        highest = Math.max(highest, bar.total());
      }
    }
    return Scale.upTo(highest);
  }

  /** The caption with the scale in words. */
  public String captionWithScale(ReportTable table) {
    Scale scale = scale(table);
    return caption
        + " 坐标自 0 至 "
        + scale.topText()
        + " "
        + unit
        + "，网格线间隔 "
        + scale.stepText()
        + " "
        + unit
        + "，颜色见表头下划线。 Axis from 0 to "
        + scale.topText()
        + " "
        + unit
        + ", grid lines every "
        + scale.stepText()
        + " "
        + unit
        + "; colours as underlined in the table's header.";
  }

  /** The chart as a PNG picture (no text: its caption is {@link #captionWithScale}). */
  public byte[] png(ReportTable table) {
    Scale scale = scale(table);
    if (kind == Kind.BARS) {
      return BarChart.png(bars(table), scale);
    }
    double[] x = new double[table.rows().size()];
    for (int r = 0; r < x.length; r++) {
      x[r] = r;
    }
    List<Line> lines = new ArrayList<>();
    for (int i = 0; i < valueColumns.size(); i++) {
      lines.add(new Line(colours.get(i), x, values(table, valueColumns.get(i))));
    }
    return LineChart.png(lines, 0, Math.max(1, x.length - 1), scale);
  }

  private List<Bar> bars(ReportTable table) {
    List<double[]> columns = valueColumns.stream().map(c -> values(table, c)).toList();
    List<Bar> bars = new ArrayList<>();
    for (int r = 0; r < table.rows().size(); r++) {
      List<Bar.Part> parts = new ArrayList<>();
      for (int i = 0; i < columns.size(); i++) {
        parts.add(new Bar.Part(columns.get(i)[r], colours.get(i)));
      }
      bars.add(new Bar(parts));
    }
    return bars;
  }
}
