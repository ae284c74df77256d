package io.helan.reports;

import static io.helan.reports.ReportServiceTest.DAY;
import static io.helan.reports.ReportServiceTest.MIDNIGHT;
import static io.helan.reports.ReportServiceTest.NEXT_MORNING;
import static io.helan.reports.ReportServiceTest.SITE;
import static io.helan.reports.ReportServiceTest.pdfText;
import static io.helan.reports.ReportServiceTest.row;
import static io.helan.reports.ReportServiceTest.workbook;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.helan.aggregates.SampleOverlay;
import io.helan.aggregates.ValidatedAverages;
import io.helan.alarms.AlarmJournal;
import io.helan.alarms.AlarmKind;
import io.helan.alarms.AlarmRecord;
import io.helan.alarms.AlarmState;
import io.helan.alarms.AlarmTransition;
import io.helan.audit.Origin;
import io.helan.commands.CommandJournal;
import io.helan.commands.CommandRecord;
import io.helan.commands.CommandState;
import io.helan.config.CommandKind;
import io.helan.products.DataProducts;
import io.helan.quality.QualityRuleSet;
import io.helan.testing.IngestRig;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reports of one station and of one city for a simulated day, generated, opened (XLSX cells and PDF
 * text read back) and checked to hold only their scope's stations with the hand-computed figures,
 * alarms, calibrations and commands; bad scopes and empty periods are refused and store nothing.
 */
class ReportScopeTest {
  static final ReportPeriod PERIOD = ReportPeriod.daily(DAY);
  static Path dir;
  static IngestRig rig;
  static AlarmJournal alarms;
  static ReportService reports;

  /**
   * The day's data as in {@link ReportServiceTest}; yc-a's PM2.5 high alarm raised twice and
   * szs-a's once, in the real alarm journal; a zero calibration of yc-a's analyser, a maintenance
   * of szs-a's and a time sync of the plant's logger, in the real command journal.
   */
  @BeforeAll
  static void simulateADay() throws Exception {
    dir = Files.createTempDirectory("report-scope");
    rig =
        new IngestRig(
            SITE, dir, QualityRuleSet.builder(SITE).build(), NEXT_MORNING, SampleOverlay.NONE);
    alarms = new AlarmJournal(rig.questDb.engine());
    alarms.start();
    alarms.append(raised("yc-a.aqm.pm25", "yc-a", 3, "PM2.5 高限 first"));
    alarms.append(raised("yc-a.aqm.pm25", "yc-a", 9, "PM2.5 高限 second"));
    alarms.append(raised("szs-a.aqm.pm25", "szs-a", 5, "PM2.5 高限"));
    alarms.flush().get();
    try (CommandJournal journal = new CommandJournal(dir)) {
      journal.open();
      journal.append(command("c1", "yc-a.aqm", CommandKind.ZERO_CALIBRATION, 8));
      journal.append(command("c2", "szs-a.aqm", CommandKind.MAINTENANCE_ON, 8));
      journal.append(command("c3", "yc-plant.cems", CommandKind.TIME_SYNC, 11));
    }
    List<CommandRecord> commands = new CommandJournal(dir).open();
    ReportActivity activity =
        new ReportActivity() {
          @Override
          public List<AlarmRecord> alarmsRaised(Instant from, Instant to) {
            return alarms.raised(from, to);
          }

          @Override
          public List<CommandRecord> commands() {
            return commands;
          }
        };
    reports =
        new ReportService(
            new ReportBuilder(
                new DataProducts(SITE, rig.means, ValidatedAverages.NETWORK_ZONE),
                rig.means,
                ValidatedAverages.NETWORK_ZONE,
                activity),
            dir.resolve("reports"),
            ValidatedAverages.NETWORK_ZONE,
            NEXT_MORNING);
    for (int hour = 0; hour < 24; hour++) {
      ReportServiceTest.ingestHour(rig, hour, true, true);
    }
    rig.recomputation.runOnce();
  }

  static AlarmTransition raised(String point, String station, int hour, String message) {
    Instant time = MIDNIGHT.plusHours(hour).toInstant();
    AlarmRecord alarm =
        new AlarmRecord(
            point + "/HI",
            point,
            station,
            AlarmKind.HI,
            3,
            AlarmState.UNACKNOWLEDGED_ACTIVE,
            80,
            75,
            message,
            time,
            time,
            null,
            null);
    return new AlarmTransition(time, alarm, true, false, false, "system", null, null);
  }

  static CommandRecord command(String id, String device, CommandKind kind, int hour) {
    Instant time = MIDNIGHT.plusHours(hour).toInstant();
    return new CommandRecord(
        id,
        device,
        kind.key(),
        kind,
        Map.of(),
        "operator",
        Origin.rest("127.0.0.1:5000"),
        CommandState.COMPLETED,
        null,
        "done",
        time,
        time.plusSeconds(60),
        null);
  }

  @AfterAll
  static void close() throws Exception {
    reports.close();
    alarms.close();
    rig.close();
  }

  @Test
  void aStationsReportHoldsThatStationAlone() throws Exception {
    ReportRevision revision =
        reports.generate(new ReportKey(PERIOD, ReportScope.station("yc-a")), "tester");
    assertThat(revision.id()).isEqualTo("daily-2026-07-15.station-yc-a");
    assertThat(revision.toJson().getJsonObject("scope"))
        .isEqualTo(new JsonObject().put("kind", "station").put("id", "yc-a"));
    try (XSSFWorkbook workbook = workbook(reports.file(revision.id(), 0, "xlsx"))) {
      assertThat(workbook.getSheetAt(0).getRow(0).getCell(0).getStringCellValue())
          .contains("银川甲站 (yc-a)");
      // AQI 100 by O3 (良), as in ReportServiceTest, of the station alone
      assertThat(firstCells(workbook.getSheetAt(1))).containsOnly("station:yc-a");
      Row aqi = row(workbook.getSheetAt(1), "station:yc-a");
      assertThat(aqi.getCell(3).getNumericCellValue()).isEqualTo(100);
      assertThat(aqi.getCell(4).getStringCellValue()).isEqualTo("O3");
      assertThat(row(workbook.getSheetAt(2), "station:yc-a").getCell(3).getNumericCellValue())
          .as("days 良")
          .isEqualTo(1);
      assertThat(firstCells(workbook.getSheetAt(2))).containsExactly("station:yc-a");
      assertThat(firstCells(workbook.getSheetAt(3))).hasSize(6).containsOnly("yc-a");
      Row pm25 = row(workbook.getSheetAt(3), "yc-a", "yc-a.aqm.pm25");
      assertThat(pm25.getCell(4).getNumericCellValue()).isEqualTo(50.0);
      assertThat(firstCells(workbook.getSheetAt(4))).containsExactly("yc-a");
      assertThat(row(workbook.getSheetAt(4), "yc-a").getCell(5).getNumericCellValue())
          .as("capture %")
          .isEqualTo(100.0);
      assertThat(firstCells(workbook.getSheetAt(5))).as("water").isEmpty();
      assertThat(firstCells(workbook.getSheetAt(6))).as("sources").isEmpty();
      // its alarm, raised twice; its calibration; no other command
      assertThat(firstCells(workbook.getSheetAt(8))).containsExactly("yc-a");
      Row alarm = row(workbook.getSheetAt(8), "yc-a", "yc-a.aqm.pm25/HI");
      assertThat(alarm.getCell(4).getNumericCellValue()).as("times raised").isEqualTo(2);
      assertThat(alarm.getCell(5).getStringCellValue()).isEqualTo("2026-07-15T03:00");
      assertThat(alarm.getCell(7).getStringCellValue()).isEqualTo("PM2.5 高限 second");
      assertThat(firstCells(workbook.getSheetAt(9))).containsExactly("2026-07-15T08:00");
      assertThat(row(workbook.getSheetAt(9), "2026-07-15T08:00").getCell(3).getStringCellValue())
          .isEqualTo("zero-calibration");
      assertThat(firstCells(workbook.getSheetAt(10))).isEmpty();
      // the PM2.5 trend: the station's own line
      assertThat(headers(workbook.getSheetAt(workbook.getNumberOfSheets() - 1)))
          .containsExactly("小时 Hour", "银川甲站");
    }
    String pdf = pdfText(reports.file(revision.id(), 0, "pdf"));
    assertThat(pdf).contains("daily-2026-07-15.station-yc-a", "station:yc-a", "yc-a.aqm.pm25");
    assertThat(pdf).doesNotContain("yc-b", "szs-a", "yc-river", "yc-plant", "region:");
  }

  @Test
  void aSourcesReportHoldsItsHourlyAveragesAndExceedances() throws Exception {
    ReportRevision revision =
        reports.generate(new ReportKey(PERIOD, ReportScope.station("yc-plant")), "tester");
    try (XSSFWorkbook workbook = workbook(reports.file(revision.id(), 0, "xlsx"))) {
      assertThat(firstCells(workbook.getSheetAt(1))).as("no AQI for a source").isEmpty();
      assertThat(firstCells(workbook.getSheetAt(3))).as("no air means").isEmpty();
      // SO2 20 mg/m³ at O2 9 % is 25 at 6 %; hour 10 has 40 → 50 above 35
      Row so2 = row(workbook.getSheetAt(6), "yc-plant", "yc-plant.cems.so2");
      assertThat(so2.getCell(6).getNumericCellValue()).as("valid hours").isEqualTo(24);
      assertThat(so2.getCell(9).getNumericCellValue()).as("max").isCloseTo(50, within(1e-9));
      assertThat(so2.getCell(10).getNumericCellValue()).as("exceeding hours").isEqualTo(2);
      assertThat(firstCells(workbook.getSheetAt(7))).hasSize(2).containsOnly("yc-plant");
    }
  }

  @Test
  void aCitysReportHoldsItsStationsAndTheCityAqi() throws Exception {
    ReportRevision revision =
        reports.generate(new ReportKey(PERIOD, ReportScope.city("yinchuan")), "tester");
    assertThat(revision.id()).isEqualTo("daily-2026-07-15.city-yinchuan");
    try (XSSFWorkbook workbook = workbook(reports.file(revision.id(), 0, "xlsx"))) {
      assertThat(firstCells(workbook.getSheetAt(1)))
          .containsExactly("station:yc-a", "station:yc-b", "region:yinchuan");
      Row city = row(workbook.getSheetAt(1), "region:yinchuan");
      assertThat(city.getCell(3).getNumericCellValue()).isEqualTo(100);
      assertThat(firstCells(workbook.getSheetAt(3))).hasSize(12).containsOnly("yc-a", "yc-b");
      assertThat(firstCells(workbook.getSheetAt(4))).containsExactly("yc-a", "yc-b");
      Row river = row(workbook.getSheetAt(5), "yc-river");
      assertThat(river.getCell(3).getStringCellValue()).isEqualTo("Ⅲ");
      assertThat(firstCells(workbook.getSheetAt(6))).containsOnly("yc-plant");
      assertThat(headers(workbook.getSheetAt(workbook.getNumberOfSheets() - 1)))
          .containsExactly("小时 Hour", "银川市");
      // Yinchuan's alarm and commands, not Shizuishan's
      assertThat(firstCells(workbook.getSheetAt(8))).containsExactly("yc-a");
      assertThat(row(workbook.getSheetAt(9), "2026-07-15T08:00").getCell(1).getStringCellValue())
          .isEqualTo("yc-a");
      assertThat(firstCells(workbook.getSheetAt(10))).containsExactly("2026-07-15T11:00");
      assertThat(row(workbook.getSheetAt(10), "2026-07-15T11:00").getCell(2).getStringCellValue())
          .isEqualTo("yc-plant.cems");
    }
    String pdf = pdfText(reports.file(revision.id(), 0, "pdf"));
    assertThat(pdf).contains("daily-2026-07-15.city-yinchuan", "region:yinchuan", "yc-plant");
    assertThat(pdf).doesNotContain("szs-a", "shizuishan");
  }

  @Test
  void badScopesAndEmptyPeriodsAreRefusedAndStoreNothing() {
    List<String> before = reports.list().stream().map(ReportRevision::id).toList();
    assertThatThrownBy(
            () -> reports.generate(new ReportKey(PERIOD, ReportScope.station("nowhere")), "t"))
        .isInstanceOf(NoSuchElementException.class)
        .hasMessage("no station 'nowhere'");
    assertThatThrownBy(
            () -> reports.generate(new ReportKey(PERIOD, ReportScope.city("atlantis")), "t"))
        .isInstanceOf(NoSuchElementException.class)
        .hasMessage("no city 'atlantis'");
    assertThatThrownBy(
            () -> reports.generate(new ReportKey(PERIOD, ReportScope.station("yc-gamma")), "t"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("station 'yc-gamma' is radiation-gamma");
    assertThatThrownBy(
            () ->
                reports.generate(
                    new ReportKey(
                        ReportPeriod.daily(DAY.minusDays(3)), ReportScope.station("yc-a")),
                    "t"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "no validated data for station 银川甲站 (yc-a) from 2026-07-12 to 2026-07-12: no report");
    assertThatThrownBy(
            () ->
                reports.generate(
                    new ReportKey(
                        ReportPeriod.daily(DAY.plusDays(1)), ReportScope.city("yinchuan")),
                    "t"))
        .hasMessageContaining("has not ended");
    assertThatThrownBy(
            () ->
                reports.generate(
                    new ReportKey(
                        ReportPeriod.daily(LocalDate.of(1900, 1, 1)), ReportScope.station("yc-a")),
                    "t"))
        .hasMessageContaining("reports start at 2000-01-01");
    for (String body :
        List.of(
            "{\"kind\": \"county\", \"id\": \"yc-a\"}",
            "{\"kind\": \"station\"}",
            "{\"kind\": \"region\", \"id\": \"yinchuan\"}",
            "{\"kind\": \"station\", \"id\": \"../etc\"}",
            "{\"kind\": \"station\", \"id\": 7}")) {
      assertThatThrownBy(() -> ReportScope.fromJson(new JsonObject(body)))
          .as(body)
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> ReportScope.fromJson("station:yc-a"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(reports.list().stream().map(ReportRevision::id).toList())
        .containsExactlyInAnyOrderElementsOf(before);
  }

  @Test
  void reportIdsOfDifferentScopesNeverCollide() {
    List<ReportKey> keys =
        List.of(
            ReportKey.region(PERIOD),
            new ReportKey(PERIOD, ReportScope.city("yc-a")),
            new ReportKey(PERIOD, ReportScope.station("yc-a")),
            new ReportKey(
                ReportPeriod.monthly(java.time.YearMonth.of(2026, 7)), ReportScope.city("yc-a")));
    assertThat(keys.stream().map(ReportKey::id).distinct()).hasSize(keys.size());
    for (ReportKey key : keys) {
      assertThat(ReportKey.of(key.id())).isEqualTo(key);
    }
    assertThatThrownBy(() -> ReportKey.of("daily-2026-07-15.county-x"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** The first cell of each data row. */
  static List<String> firstCells(Sheet sheet) {
    List<String> cells = new ArrayList<>();
    for (Row row : sheet) {
      if (row.getRowNum() >= 2 && row.getCell(0) != null) {
        cells.add(row.getCell(0).getStringCellValue());
      }
    }
    return cells;
  }

  static List<String> headers(Sheet sheet) {
    List<String> headers = new ArrayList<>();
    sheet.getRow(1).forEach(cell -> headers.add(cell.getStringCellValue()));
    return headers;
  }
}
