package io.helan.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import io.helan.aggregates.SampleOverlay;
import io.helan.aggregates.ValidatedAverages;
import io.helan.config.Site;
import io.helan.config.SiteLoader;
import io.helan.products.DataProducts;
import io.helan.quality.QualityRuleSet;
import io.helan.testing.IngestRig;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A simulated day through ingest, validated means and the report service: the scheduled daily
 * report is generated, opened (XLSX and PDF) and checked against values computed by hand; a late
 * packet makes revision 2 with its reason while revision 1 stays; empty and unfinished periods are
 * refused.
 */
class ReportServiceTest {
  static final Site SITE = SiteLoader.load(Path.of("src/test/resources/sites/products.yaml"));
  static final LocalDate DAY = LocalDate.of(2026, 7, 15);
  static final ZonedDateTime MIDNIGHT = DAY.atStartOfDay(ValidatedAverages.NETWORK_ZONE);
  static final Clock NEXT_MORNING =
      Clock.fixed(MIDNIGHT.plusDays(1).plusHours(10).toInstant(), ZoneOffset.UTC);
  static final int LATE_HOUR = 14;

  @Test
  void aSimulatedDaysReportIsGeneratedOpenedAndRevisedByLateData(@TempDir Path dir)
      throws Exception {
    try (IngestRig rig =
            new IngestRig(
                SITE, dir, QualityRuleSet.builder(SITE).build(), NEXT_MORNING, SampleOverlay.NONE);
        ReportService reports = reportService(rig, dir)) {
      rig.recomputation.addListener(reports);
      for (int hour = 0; hour < 24; hour++) {
        ingestHour(rig, hour, true, hour != LATE_HOUR);
      }
      rig.recomputation.runOnce();

      List<ReportRevision> scheduled = reports.runOnce();
      // the region and each city on schedule; stations only on demand
      assertThat(scheduled)
          .extracting(ReportRevision::id)
          .containsExactly(
              "daily-2026-07-15",
              "daily-2026-07-15.city-yinchuan",
              "daily-2026-07-15.city-shizuishan");
      ReportRevision first = scheduled.get(0);
      assertThat(first.revision()).isEqualTo(1);
      assertThat(first.reason()).isEqualTo(ReportService.SCHEDULED);

      try (XSSFWorkbook workbook = workbook(reports.file(first.id(), 0, "xlsx"))) {
        // yc-a daily means: SO2 100 → IAQI 75, NO2 60 → 75, CO 2 → 50, O3 8-h max 160 → 100,
        // PM10 120 → 85, PM2.5 50 → 68.75 → 69: AQI 100, primary O3, 良
        Row station = row(workbook.getSheetAt(1), "station:yc-a");
        assertThat(station.getCell(3).getNumericCellValue()).isEqualTo(100);
        assertThat(station.getCell(4).getStringCellValue()).isEqualTo("O3");
        assertThat(station.getCell(5).getStringCellValue()).startsWith("良");
        // the city of yc-a and yc-b (same values) and the days per category
        assertThat(row(workbook.getSheetAt(2), "region:yinchuan").getCell(3).getNumericCellValue())
            .as("days 良")
            .isEqualTo(1);
        Row pm25 = row(workbook.getSheetAt(3), "yc-a", "yc-a.aqm.pm25");
        assertThat(pm25.getCell(4).getNumericCellValue()).isEqualTo(50.0);
        assertThat(pm25.getCell(9).getNumericCellValue()).as("capture %").isEqualTo(100.0);
        // DO 6.5 is class II, NH3-N 0.8 class III: the section is III, by NH3-N
        Row river = row(workbook.getSheetAt(5), "yc-river");
        assertThat(river.getCell(3).getStringCellValue()).isEqualTo("Ⅲ");
        assertThat(river.getCell(4).getStringCellValue()).isEqualTo("w21003");
        // SO2 20 mg/m³ at O2 9 % is 25 at 6 %; hour 10 has 40 → 50 above 35; hour 14 missing
        Row so2 = row(workbook.getSheetAt(6), "yc-plant", "yc-plant.cems.so2");
        assertThat(so2.getCell(6).getNumericCellValue()).as("valid hours").isEqualTo(23);
        assertThat(so2.getCell(9).getNumericCellValue()).as("max").isCloseTo(50, within(1e-9));
        assertThat(so2.getCell(10).getNumericCellValue()).as("exceeding hours").isEqualTo(1);
      }
      String pdf = pdfText(reports.file(first.id(), 0, "pdf"));
      assertThat(pdf)
          .contains("daily-2026-07-15", "Revision: 1", "station:yc-a", "yc-plant.cems.so2");

      // nothing changed: no revision
      rig.recomputation.runOnce();
      assertThat(reports.runOnce()).isEmpty();

      // the plant's logger sends hour 14 the next morning: SO2 32 → 40 at 6 %, above the limit
      ingestHour(rig, LATE_HOUR, false, true);
      rig.recomputation.runOnce();
      List<ReportRevision> revised = reports.runOnce();
      // the plant is in Yinchuan: the region's and Yinchuan's reports change, Shizuishan's does not
      assertThat(revised)
          .extracting(ReportRevision::id)
          .containsExactlyInAnyOrder("daily-2026-07-15", "daily-2026-07-15.city-yinchuan");
      assertThat(revised.get(0).revision()).isEqualTo(2);
      assertThat(revised.get(0).reason()).isEqualTo(ReportService.DATA_CHANGED);
      try (XSSFWorkbook workbook = workbook(reports.file(first.id(), 2, "xlsx"));
          XSSFWorkbook old = workbook(reports.file(first.id(), 1, "xlsx"))) {
        Row so2 = row(workbook.getSheetAt(6), "yc-plant", "yc-plant.cems.so2");
        assertThat(so2.getCell(6).getNumericCellValue()).isEqualTo(24);
        assertThat(so2.getCell(10).getNumericCellValue()).isEqualTo(2);
        assertThat(
                row(old.getSheetAt(6), "yc-plant", "yc-plant.cems.so2")
                    .getCell(10)
                    .getNumericCellValue())
            .as("revision 1 kept as it was")
            .isEqualTo(1);
        assertThat(workbook.getSheetAt(0).getRow(2).getCell(0).getStringCellValue())
            .contains("Revision: 2 (validated data changed)");
      }
      assertThat(reports.list()).extracting(ReportRevision::revision).containsExactly(2, 1, 2);
      assertThat(reports.revisions(first.id())).hasSize(2);

      // bad input: nothing stored
      assertThatThrownBy(
              () ->
                  reports.generate(
                      ReportKey.region(ReportPeriod.daily(DAY.minusDays(3))), "tester"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("no validated data");
      assertThatThrownBy(
              () ->
                  reports.generate(ReportKey.region(ReportPeriod.daily(DAY.plusDays(1))), "tester"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("has not ended");
      assertThatThrownBy(
              () ->
                  reports.generate(
                      ReportKey.region(ReportPeriod.daily(LocalDate.of(1900, 1, 1))), "x"))
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(reports.list()).hasSize(3);
      // on demand for a day already reported: the same revision
      assertThat(reports.generate(ReportKey.region(ReportPeriod.daily(DAY)), "tester").revision())
          .isEqualTo(2);
    }
  }

  /** A report service on the rig's means, storing under {@code dir}, on the next morning. */
  static ReportService reportService(IngestRig rig, Path dir) {
    return new ReportService(
        new ReportBuilder(
            new DataProducts(SITE, rig.means, ValidatedAverages.NETWORK_ZONE),
            rig.means,
            ValidatedAverages.NETWORK_ZONE),
        dir.resolve("reports"),
        ValidatedAverages.NETWORK_ZONE,
        NEXT_MORNING);
  }

  /** One hour of minute samples of the air and water points, the plant's or both. */
  static void ingestHour(IngestRig rig, int hour, boolean airAndWater, boolean plant) {
    Instant start = MIDNIGHT.plusHours(hour).toInstant();
    for (int minute = 0; minute < 60; minute++) {
      Map<String, Double> values = new HashMap<>();
      for (String station : airAndWater ? List.of("yc-a", "yc-b", "szs-a") : List.<String>of()) {
        values.put(station + ".aqm.so2", 100.0);
        values.put(station + ".aqm.no2", 60.0);
        values.put(station + ".aqm.co", 2.0);
        values.put(station + ".aqm.o3", 160.0);
        values.put(station + ".aqm.pm10", 120.0);
        values.put(station + ".aqm.pm25", 50.0);
      }
      if (airAndWater) {
        values.put("yc-river.wqm.ph", 7.5);
        values.put("yc-river.wqm.do", 6.5);
        values.put("yc-river.wqm.nh3n", 0.8);
      }
      if (plant) {
        // hour 10 exceeds as sent; the late hour exceeds too
        values.put("yc-plant.cems.so2", hour == 10 ? 40.0 : hour == LATE_HOUR ? 32.0 : 20.0);
        values.put("yc-plant.cems.o2", 9.0);
      }
      rig.ingest(start.plus(minute, ChronoUnit.MINUTES), values);
    }
  }

  static XSSFWorkbook workbook(byte[] bytes) throws Exception {
    return new XSSFWorkbook(new ByteArrayInputStream(bytes));
  }

  /** The first data row whose leading cells are the given texts. */
  static Row row(Sheet sheet, String... leading) {
    for (Row row : sheet) {
      boolean matches = row.getRowNum() >= 2;
      for (int c = 0; c < leading.length && matches; c++) {
        matches = row.getCell(c) != null && leading[c].equals(row.getCell(c).getStringCellValue());
      }
      if (matches) {
        return row;
      }
    }
    throw new AssertionError(
        "no row " + String.join(", ", leading) + " in " + sheet.getSheetName());
  }

  static String pdfText(byte[] bytes) throws Exception {
    PdfReader reader = new PdfReader(bytes);
    try {
      PdfTextExtractor extractor = new PdfTextExtractor(reader);
      StringBuilder text = new StringBuilder();
      for (int page = 1; page <= reader.getNumberOfPages(); page++) {
        text.append(extractor.getTextFromPage(page)).append('\n');
      }
      return text.toString();
    } finally {
      reader.close();
    }
  }
}
