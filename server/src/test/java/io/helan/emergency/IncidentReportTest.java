package io.helan.emergency;

import static org.assertj.core.api.Assertions.assertThat;

import io.helan.config.EmergencyClass;
import io.helan.config.Point;
import io.helan.config.Site;
import io.helan.config.SiteLoader;
import io.helan.config.Station;
import io.helan.driver.DataFlag;
import io.helan.driver.Quality;
import io.helan.driver.SampleBatch;
import io.helan.historian.CommitCadence;
import io.helan.historian.QuestDbEmbedded;
import io.helan.historian.QuestDbHistorian;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The incident report of a small drill on the default site, one station with ten minutes of dose
 * rates in the embedded historian: the PDF (OpenPDF with the machine's CJK font) opens in PDFBox,
 * its text holds the Chinese station name and headings, and it carries the map and the trends.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class IncidentReportTest {
  static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");
  static final String STATION_NAME = "银川辐射环境自动监测站";

  @TempDir static Path questDbDir;
  @TempDir static Path spoolDir;
  static QuestDbEmbedded questDb;
  static QuestDbHistorian historian;
  static Site site;
  static Station station;

  @BeforeAll
  static void startHistorian() throws Exception {
    site = SiteLoader.loadDefault();
    station =
        site.stations().stream()
            .filter(s -> s.name().equals(STATION_NAME))
            .findFirst()
            .orElseThrow();
    questDb = QuestDbEmbedded.start(questDbDir);
    historian =
        new QuestDbHistorian(
            site, () -> questDb, CommitCadence.DEFAULT, new SimpleMeterRegistry(), spoolDir);
    historian.start();
    Point doseRate = EmergencyService.doseRatePoint(station).orElseThrow();
    SampleBatch batch = new SampleBatch(600);
    for (int i = 0; i < 600; i++) {
      long micros = T0.plusSeconds(i).toEpochMilli() * 1000;
      batch.add(doseRate.index(), micros, 80 + i / 10.0, Quality.GOOD, DataFlag.N);
    }
    historian.append(batch);
    historian.flush().get(60, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() {
    historian.close();
    questDb.close();
  }

  @Test
  void thePdfShowsChineseTextAndBothPictures() throws Exception {
    Incident drill =
        new Incident(
            "DRILL-1",
            true,
            IncidentType.RADIOACTIVE_SOURCE,
            EmergencyClass.PLANT,
            station.latitude() + 0.02,
            station.longitude(),
            T0,
            "放射源丢失演练",
            T0,
            "指挥员",
            T0.plusSeconds(600),
            "指挥员");
    List<TimelineEvent> timeline =
        List.of(
            new TimelineEvent(1, T0, "DRILL-1", EventKind.DECLARED, "指挥员", "宣布演练：厂房应急", "{}"),
            new TimelineEvent(
                2, T0.plusSeconds(600), "DRILL-1", EventKind.ENDED, "指挥员", "演练结束", "{}"));

    byte[] pdf = report().pdf(drill, timeline, List.of(station.id()), T0.plusSeconds(700));

    try (PDDocument document = Loader.loadPDF(pdf)) {
      String text = new PDFTextStripper().getText(document);
      assertThat(text)
          .contains(
              "演练报告 Drill report DRILL-1",
              "演练 DRILL",
              "宣布 Declaration",
              "检查清单 Checklist",
              "范围内辐射站 Radiation stations in range",
              STATION_NAME + " (" + station.id() + ")",
              "地图 Map",
              "剂量率趋势 Dose-rate trends",
              "宣布演练：厂房应急",
              "139.9 nGy/h");
      List<String> images = new ArrayList<>();
      for (PDPage page : document.getPages()) {
        for (var name : page.getResources().getXObjectNames()) {
          if (page.getResources().getXObject(name) instanceof PDImageXObject image) {
            images.add(image.getWidth() + "x" + image.getHeight());
          }
        }
      }
      assertThat(images).containsExactlyInAnyOrder("640x640", "800x320");
    }
  }

  @Test
  void thePageSaysTheSameWithThePicturesInline() throws Exception {
    Incident drill =
        new Incident(
            "DRILL-2",
            true,
            IncidentType.UNKNOWN_ORIGIN,
            EmergencyClass.STANDBY,
            station.latitude(),
            station.longitude(),
            T0,
            "",
            T0,
            "指挥员",
            null,
            null);

    String html = report().html(drill, List.of(), List.of(station.id()), T0.plusSeconds(700));

    assertThat(html)
        .contains(
            "<h1>演练报告 Drill report DRILL-2</h1>",
            "<h2>检查清单 Checklist</h2>",
            "<td>" + STATION_NAME + " (" + station.id() + ")</td>",
            "<h2>地图 Map</h2>",
            "alt=\"dose-rate trends\" src=\"data:image/png;base64,");
  }

  private static IncidentReport report() {
    return new IncidentReport(site, historian);
  }
}
