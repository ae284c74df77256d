package io.helan.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.lowagie.text.pdf.BaseFont;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The PDF font: the first readable candidate, else Helvetica (Latin text only), never a failure.
 */
class ReportFontsTest {

  @Test
  void withoutACjkFontThePdfsFallBackToHelvetica() {
    BaseFont font =
        ReportFonts.find(List.of("/nonexistent/NotoSansCJK-Regular.ttc,2", "/nonexistent/x.ttf"));

    assertThat(font.getPostscriptFontName()).isEqualTo("Helvetica");
    assertThat(font.charExists('银')).isFalse();
  }

  @Test
  void aFontThatCannotBeReadIsPassedOver() throws Exception {
    Path notAFont = Files.createTempFile("not-a-font", ".ttf");
    try {
      BaseFont font = ReportFonts.find(List.of(notAFont.toString()));

      assertThat(font.getPostscriptFontName()).isEqualTo("Helvetica");
    } finally {
      Files.delete(notAFont);
    }
  }
}
