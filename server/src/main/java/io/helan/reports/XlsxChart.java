package io.helan.reports;

import java.awt.Color;
import java.util.List;
import javax.xml.namespace.QName;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xddf.usermodel.PresetColor;
import org.apache.poi.xddf.usermodel.XDDFColor;
import org.apache.poi.xddf.usermodel.XDDFLineProperties;
import org.apache.poi.xddf.usermodel.XDDFShapeProperties;
import org.apache.poi.xddf.usermodel.XDDFSolidFillProperties;
import org.apache.poi.xddf.usermodel.chart.AxisCrosses;
import org.apache.poi.xddf.usermodel.chart.AxisOrientation;
import org.apache.poi.xddf.usermodel.chart.AxisPosition;
import org.apache.poi.xddf.usermodel.chart.BarDirection;
import org.apache.poi.xddf.usermodel.chart.BarGrouping;
import org.apache.poi.xddf.usermodel.chart.ChartTypes;
import org.apache.poi.xddf.usermodel.chart.LegendPosition;
import org.apache.poi.xddf.usermodel.chart.MarkerStyle;
import org.apache.poi.xddf.usermodel.chart.XDDFBarChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFCategoryAxis;
import org.apache.poi.xddf.usermodel.chart.XDDFChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFDataSource;
import org.apache.poi.xddf.usermodel.chart.XDDFDataSourcesFactory;
import org.apache.poi.xddf.usermodel.chart.XDDFLineChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFNumericalDataSource;
import org.apache.poi.xddf.usermodel.chart.XDDFValueAxis;
import org.apache.poi.xssf.usermodel.XSSFChart;
import org.apache.poi.xssf.usermodel.XSSFClientAnchor;
import org.apache.poi.xssf.usermodel.XSSFDrawing;
import org.apache.poi.xssf.usermodel.XSSFRelation;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.xmlbeans.XmlCursor;
import org.openxmlformats.schemas.drawingml.x2006.chart.CTBarChart;

/**
 * A {@link ReportChart} as a native Excel chart (Apache POI XDDF) beside its table on the table's
 * sheet: its categories and series are references to the table's cells (with their values cached in
 * the chart, as Excel does), its series titles the column headers, its colours the PDF's.
 */
final class XlsxChart {
  private static final int COLUMNS = 14;
  private static final int MIN_ROWS = 20;
  private static final int BAR_ROWS_PER_ROW = 1;

  private XlsxChart() {}

  /**
   * Draws the chart to the right of the table.
   *
   * @param headerRow the sheet row of the table's headers; its rows follow from the next one
   * @param topRow the sheet row the chart's top is anchored to
   * @return the sheet row under the chart, where a next chart may start
   */
  static int draw(
      XSSFSheet sheet, ReportTable table, ReportChart chart, int headerRow, int topRow) {
    int firstRow = headerRow + 1;
    int lastRow = headerRow + table.rows().size();
    int leftColumn = table.headers().size() + 1;
    int height =
        chart.kind() == ReportChart.Kind.BARS
            ? Math.max(MIN_ROWS, table.rows().size() * BAR_ROWS_PER_ROW + 6)
            : MIN_ROWS;
    XSSFDrawing drawing = sheet.createDrawingPatriarch();
    XSSFClientAnchor anchor =
        drawing.createAnchor(0, 0, 0, 0, leftColumn, topRow, leftColumn + COLUMNS, topRow + height);
    XSSFChart xlsx = drawing.createChart(anchor);
    xlsx.setTitleText(table.title());
    xlsx.setTitleOverlay(false);
    xlsx.getOrAddLegend().setPosition(LegendPosition.BOTTOM);
    XDDFCategoryAxis categories = xlsx.createCategoryAxis(AxisPosition.BOTTOM);
    XDDFValueAxis values = xlsx.createValueAxis(AxisPosition.LEFT);
    values.setCrosses(AxisCrosses.AUTO_ZERO);
    values.setMinimum(0);
    if (Double.isFinite(chart.top())) {
      values.setMaximum(chart.top());
    }
    values.setTitle(chart.unit());
    XDDFDataSource<String> labels =
        XDDFDataSourcesFactory.fromStringCellRange(
            sheet,
            new CellRangeAddress(firstRow, lastRow, chart.labelColumn(), chart.labelColumn()));
    XDDFChartData data;
    if (chart.kind() == ReportChart.Kind.BARS) {
      XDDFBarChartData bars =
          (XDDFBarChartData) xlsx.createData(ChartTypes.BAR, categories, values);
      bars.setBarDirection(BarDirection.BAR);
      bars.setBarGrouping(BarGrouping.STACKED);
      // the first row at the top, as in the table and the PDF
      categories.setOrientation(AxisOrientation.MAX_MIN);
      data = bars;
    } else {
      data = xlsx.createData(ChartTypes.LINE, categories, values);
    }
    data.setVaryColors(false);
    List<Integer> columns = chart.valueColumns();
    for (int i = 0; i < columns.size(); i++) {
      int column = columns.get(i);
      XDDFNumericalDataSource<Double> numbers =
          XDDFDataSourcesFactory.fromNumericCellRange(
              sheet, new CellRangeAddress(firstRow, lastRow, column, column));
      XDDFChartData.Series series = data.addSeries(labels, numbers);
      series.setTitle(
          table.headers().get(column),
          new CellReference(sheet.getSheetName(), headerRow, column, true, true));
      XDDFSolidFillProperties fill = new XDDFSolidFillProperties(colour(chart.colours().get(i)));
      XDDFShapeProperties shape = new XDDFShapeProperties();
      if (series instanceof XDDFLineChartData.Series line) {
        line.setSmooth(false);
        line.setMarkerStyle(MarkerStyle.NONE);
        XDDFLineProperties stroke = new XDDFLineProperties(fill);
        shape.setLineProperties(stroke);
      } else {
        shape.setFillProperties(fill);
      }
      series.setShapeProperties(shape);
    }
    xlsx.plot(data);
    if (chart.kind() == ReportChart.Kind.BARS) {
      overlapFully(xlsx);
    }
    return topRow + height + 1;
  }

  /**
   * Sets the bars' overlap to 100 %, without which Excel draws a bar's parts beside one another
   * instead of end to end. Written through an XML cursor: the poi-ooxml-lite schemas lack the
   * compiled type that {@code XDDFBarChartData.setOverlap} needs. The element goes where the schema
   * wants it, just before the axis ids.
   */
  private static void overlapFully(XSSFChart chart) {
    CTBarChart bars = chart.getCTChart().getPlotArea().getBarChartArray(0);
    try (XmlCursor cursor = bars.getAxIdArray(0).newCursor()) {
      cursor.beginElement(new QName(XSSFRelation.NS_CHART, "overlap"));
      cursor.insertAttributeWithValue("val", "100");
    }
  }

  private static XDDFColor colour(Color colour) {
    return colour == null
        ? XDDFColor.from(PresetColor.GRAY)
        : XDDFColor.from(
            new byte[] {(byte) colour.getRed(), (byte) colour.getGreen(), (byte) colour.getBlue()});
  }
}
