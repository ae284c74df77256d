package io.helan.reports;

import com.lowagie.text.pdf.BaseFont;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The font of every PDF the server writes (OpenPDF). Chinese text needs a CJK font: the first of
 * the usual Noto Sans CJK SC (Debian {@code fonts-noto-cjk}) and WenQuanYi files found on the
 * machine is embedded (Identity-H, only the glyphs used); without one a warning is logged once and
 * the PDFs are written in Helvetica, where only Latin text shows.
 */
public final class ReportFonts {
  private static final Logger LOG = LoggerFactory.getLogger(ReportFonts.class);

  /** Font files tried in order; a ".ttc,N" names the N-th font of a collection (2: SC). */
  private static final List<String> CJK_FONTS =
      List.of(
          "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc,2",
          "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc,2",
          "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc,0",
          "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc,0");

  private static volatile BaseFont font;

  private ReportFonts() {}

  /** The CJK font found on the machine, else Helvetica. Looked up once. */
  public static BaseFont font() {
    if (font == null) {
      font = find(CJK_FONTS);
    }
    return font;
  }

  /** The first usable font of the candidates, else Helvetica with a warning. */
  static BaseFont find(List<String> candidates) {
    for (String candidate : candidates) {
      String file =
          candidate.contains(",") ? candidate.substring(0, candidate.indexOf(',')) : candidate;
      if (Files.isReadable(Path.of(file))) {
        try {
          return BaseFont.createFont(candidate, BaseFont.IDENTITY_H, BaseFont.EMBEDDED);
        } catch (Exception e) {
          LOG.warn("Font {} unusable for PDF reports: {}", candidate, e.getMessage());
        }
      }
    }
    LOG.warn(
        "No CJK font found for PDF reports (tried {}): Chinese text will not show", candidates);
    try {
      return BaseFont.createFont(BaseFont.HELVETICA, BaseFont.WINANSI, BaseFont.NOT_EMBEDDED);
    } catch (Exception e) {
      throw new IllegalStateException("Helvetica missing from OpenPDF", e);
    }
  }
}
