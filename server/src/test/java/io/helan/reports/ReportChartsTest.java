package io.helan.reports;

import static io.helan.reports.ReportServiceTest.MIDNIGHT;
import static io.helan.reports.ReportServiceTest.NEXT_MORNING;
import static io.helan.reports.ReportServiceTest.SITE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.helan.aggregates.SampleOverlay;
import io.helan.aggregates.ValidatedAverages;
import io.helan.products.DataProducts;
import io.helan.quality.QualityRuleSet;
import io.helan.testing.IngestRig;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xddf.usermodel.XDDFColorRgbBinary;
import org.apache.poi.xddf.usermodel.XDDFSolidFillProperties;
import org.apache.poi.xddf.usermodel.chart.XDDFBarChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFLineChartData;
import org.apache.poi.xssf.usermodel.XSSFChart;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openxmlformats.schemas.drawingml.x2006.chart.CTNumRef;
import org.openxmlformats.schemas.drawingml.x2006.chart.CTNumVal;
import org.openxmlformats.schemas.drawingml.x2006.chart.CTPlotArea;
import org.openxmlformats.schemas.drawingml.x2006.chart.CTSerTx;

/**
 * The charts of a simulated day's report, opened in the files the server writes: the workbook's
 * native charts read the very cells of their tables (the cached values Excel shows equal the cells)
 * and carry the HJ 633 category colours; the PDF carries one picture per chart, the AQI-days bars
 * in the colour of the day's category; the pollutant trends hold the hand-computed city means and a
 * gap where a city had no valid hour.
 */
class ReportChartsTest {
  static final String PM25_TREND = "PM2.5 小时均值 hourly means (µg/m³)";
  static final String DAYS = "各级别天数 Days per AQI category";
  static final String CAPTURE = "各站数据获取率 Capture rate per station";
  static final int CHARTS = 1 + 1 + 6;

  /** The hour szs-a sent nothing. */
  static final int SILENT_HOUR = 14;

  static ReportContent content;
  static byte[] xlsx;
  static byte[] pdf;

  @BeforeAll
  static void generate(@TempDir Path dir) throws Exception {
    try (IngestRig rig =
        new IngestRig(
            SITE, dir, QualityRuleSet.builder(SITE).build(), NEXT_MORNING, SampleOverlay.NONE)) {
      for (int hour = 0; hour < 24; hour++) {
        ingestHour(rig, hour);
      }
      rig.recomputation.runOnce();
      ReportBuilder builder =
          new ReportBuilder(
              new DataProducts(SITE, rig.means, ValidatedAverages.NETWORK_ZONE),
              rig.means,
              ValidatedAverages.NETWORK_ZONE);
      ReportPeriod period = ReportPeriod.daily(ReportServiceTest.DAY);
      content = builder.build(ReportKey.region(period));
      ReportRevision revision =
          new ReportRevision(period.id(), 1, NEXT_MORNING.instant(), "test", content.fingerprint());
      xlsx = XlsxReport.render(content, revision);
      pdf = PdfReport.render(content, revision);
    }
  }

  /**
   * One hour of minutes: the six pollutants as in {@link ReportServiceTest} (a 良 day, AQI 100 by
   * O3), but PM2.5 at yc-a rising 2 µg/m³ an hour from 20, at yc-b 40 and at szs-a 30; szs-a sends
   * nothing in {@link #SILENT_HOUR}.
   */
  static void ingestHour(IngestRig rig, int hour) {
    Instant start = MIDNIGHT.plusHours(hour).toInstant();
    Map<String, Double> pm25 = Map.of("yc-a", 20.0 + 2 * hour, "yc-b", 40.0, "szs-a", 30.0);
    for (int minute = 0; minute < 60; minute++) {
      Map<String, Double> values = new HashMap<>();
      for (String station : List.of("yc-a", "yc-b", "szs-a")) {
        if (station.equals("szs-a") && hour == SILENT_HOUR) {
          continue;
        }
        values.put(station + ".aqm.so2", 100.0);
        values.put(station + ".aqm.no2", 60.0);
        values.put(station + ".aqm.co", 2.0);
        values.put(station + ".aqm.o3", 160.0);
        values.put(station + ".aqm.pm10", 120.0);
        values.put(station + ".aqm.pm25", pm25.get(station));
      }
      rig.ingest(start.plus(minute, ChronoUnit.MINUTES), values);
    }
  }

  @Test
  void theTrendTableHoldsTheCityMeansWithAGap() {
    ReportTable trend = table(PM25_TREND);
    assertThat(trend.headers()).containsExactly("小时 Hour", "银川市", "石嘴山市", "数据产品测试");
    assertThat(trend.rows()).hasSize(24);
    // Yinchuan at 05:00: (30 + 40) / 2; the region (30 + 40 + 30) / 3
    assertThat(trend.rows().get(5)).containsExactly("05:00", 35.0, 30.0, 100.0 / 3);
    // szs-a silent at 14:00: Shizuishan has no value, the region the mean of the other two
    assertThat(trend.rows().get(SILENT_HOUR).get(0)).isEqualTo("14:00");
    assertThat((Double) trend.rows().get(SILENT_HOUR).get(2)).isNaN();
    assertThat((Double) trend.rows().get(SILENT_HOUR).get(3)).isEqualTo((48.0 + 40) / 2);
    // szs-a's six points missed one hour of 24
    List<Object> szs =
        table(CAPTURE).rows().stream().filter(r -> r.get(0).equals("szs-a")).findFirst().get();
    assertThat((Double) szs.get(5)).isCloseTo(100.0 * 23 / 24, within(1e-9));
  }

  @Test
  void theWorkbookChartsReadTheirTablesCells() throws Exception {
    try (XSSFWorkbook workbook = ReportServiceTest.workbook(xlsx)) {
      int charts = 0;
      for (ReportTable table : content.tables()) {
        XSSFSheet sheet = sheet(workbook, table.title());
        List<XSSFChart> drawn =
            sheet.getDrawingPatriarch() == null
                ? List.of()
                : sheet.getDrawingPatriarch().getCharts();
        assertThat(drawn).as(table.title()).hasSize(table.charts().size());
        for (int c = 0; c < drawn.size(); c++) {
          ReportChart chart = table.charts().get(c);
          XDDFChartData data = drawn.get(c).getChartSeries().get(0);
          assertThat(data)
              .isInstanceOf(
                  chart.kind() == ReportChart.Kind.BARS
                      ? XDDFBarChartData.class
                      : XDDFLineChartData.class);
          assertThat(data.getSeriesCount()).isEqualTo(chart.valueColumns().size());
          for (int s = 0; s < data.getSeriesCount(); s++) {
            int column = chart.valueColumns().get(s);
            CTNumRef values = values(drawn.get(c), s);
            assertThat(title(drawn.get(c), s)).isEqualTo(table.headers().get(column));
            assertThat(values.getF())
                .isEqualTo(
                    new CellRangeAddress(2, 1 + table.rows().size(), column, column)
                        .formatAsString(sheet.getSheetName(), true));
            Map<Long, Double> cached = new HashMap<>();
            values
                .getNumCache()
                .getPtList()
                .forEach(p -> cached.put(p.getIdx(), Double.valueOf(p.getV())));
            for (int r = 0; r < table.rows().size(); r++) {
              Row row = sheet.getRow(2 + r);
              assertThat(data.getSeries(s).getCategoryData().getPointAt(r))
                  .isEqualTo(row.getCell(chart.labelColumn()).getStringCellValue());
              Cell cell = row.getCell(column);
              assertThat(cached.get((long) r))
                  .as(table.title() + " row " + r + " column " + column)
                  .isEqualTo(cell == null ? null : cell.getNumericCellValue());
            }
          }
          charts++;
        }
      }
      assertThat(charts).isEqualTo(CHARTS);

      // the days per category in the HJ 633 colours: 良 yellow, one day in each area
      XSSFChart daysChart = sheet(workbook, DAYS).getDrawingPatriarch().getCharts().get(0);
      XDDFChartData days =
          sheet(workbook, DAYS).getDrawingPatriarch().getCharts().get(0).getChartSeries().get(0);
      XDDFChartData.Series good = days.getSeries(1);
      assertThat(title(daysChart, 1)).isEqualTo("良 Good");
      assertThat(
              ((XDDFColorRgbBinary)
                      ((XDDFSolidFillProperties) good.getShapeProperties().getFillProperties())
                          .getColor())
                  .getValue())
          .containsExactly(0xff, 0xff, 0x00);
      assertThat(values(daysChart, 1).getNumCache().getPtArray(0).getV()).isEqualTo("1.0");
      // the PM2.5 trend: Yinchuan's 05:00, and Shizuishan's silent hour left out of the cache
      XSSFChart pm25 = sheet(workbook, PM25_TREND).getDrawingPatriarch().getCharts().get(0);
      assertThat(values(pm25, 0).getNumCache().getPtArray(5).getV()).isEqualTo("35.0");
      assertThat(values(pm25, 1).getNumCache().getPtList())
          .extracting(CTNumVal::getIdx)
          .hasSize(23)
          .doesNotContain((long) SILENT_HOUR);
    }
  }

  @Test
  void thePdfHasAPicturePerChartAndTheDaysBarsAreTheDaysCategoryColour() throws Exception {
    List<BufferedImage> images = new ArrayList<>();
    try (PDDocument document = Loader.loadPDF(pdf)) {
      for (PDPage page : document.getPages()) {
        PDResources resources = page.getResources();
        for (COSName name : resources.getXObjectNames()) {
          if (resources.getXObject(name) instanceof PDImageXObject image) {
            images.add(image.getImage());
          }
        }
      }
    }
    assertThat(images).hasSize(CHARTS);
    // the first chart is the days per category: a 良 day everywhere, no 优 day
    assertThat(count(images.get(0), new Color(0xffff00))).isGreaterThan(100);
    assertThat(count(images.get(0), new Color(0x00e400))).isZero();
    assertThat(ReportServiceTest.pdfText(pdf))
        .contains("Days per AQI category of each area", "grid lines every", "PM2.5");
  }

  /** A series' title as cached in the chart (the header cell it refers to). */
  private static String title(XSSFChart chart, int series) {
    CTPlotArea plot = chart.getCTChart().getPlotArea();
    CTSerTx text =
        plot.sizeOfBarChartArray() > 0
            ? plot.getBarChartArray(0).getSerArray(series).getTx()
            : plot.getLineChartArray(0).getSerArray(series).getTx();
    return text.getStrRef().getStrCache().getPtArray(0).getV();
  }

  /** A series' values: the reference to the table's cells and the values cached beside it. */
  private static CTNumRef values(XSSFChart chart, int series) {
    CTPlotArea plot = chart.getCTChart().getPlotArea();
    return (plot.sizeOfBarChartArray() > 0
            ? plot.getBarChartArray(0).getSerArray(series).getVal()
            : plot.getLineChartArray(0).getSerArray(series).getVal())
        .getNumRef();
  }

  private static int count(BufferedImage image, Color colour) {
    int n = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        if ((image.getRGB(x, y) & 0xffffff) == (colour.getRGB() & 0xffffff)) {
          n++;
        }
      }
    }
    return n;
  }

  private static ReportTable table(String title) {
    return content.tables().stream()
        .filter(t -> t.title().equals(title))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no table " + title));
  }

  /** The sheet whose first cell is the table's title. */
  private static XSSFSheet sheet(XSSFWorkbook workbook, String title) {
    for (int i = 1; i < workbook.getNumberOfSheets(); i++) {
      XSSFSheet sheet = workbook.getSheetAt(i);
      if (sheet.getRow(0).getCell(0).getStringCellValue().equals(title)) {
        return sheet;
      }
    }
    throw new AssertionError("no sheet " + title);
  }
}
