package io.helan.reports;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A report as a PDF (OpenPDF): the title and revision, then each table. Chinese text needs a CJK
 * font: the first of the usual Noto Sans CJK SC and WenQuanYi files found on the machine is
 * embedded; without one the PDF is written in Helvetica, where only the English half of each label
 * shows.
 */
public final class PdfReport {
  private static final Logger LOG = LoggerFactory.getLogger(PdfReport.class);

  /** Font files tried in order; a ".ttc,N" names the N-th font of a collection (2: SC). */
  private static final List<String> CJK_FONTS =
      List.of(
          "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc,2",
          "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc,2",
          "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc,0",
          "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc,0");

  private static volatile BaseFont font;

  private PdfReport() {}

  public static byte[] render(ReportContent content, ReportRevision revision) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Document document = new Document(PageSize.A4.rotate(), 24, 24, 24, 24);
    try {
      PdfWriter.getInstance(document, out);
      document.addTitle(content.title());
      document.open();
      Font title = new Font(font(), 14, Font.BOLD);
      Font heading = new Font(font(), 11, Font.BOLD);
      Font body = new Font(font(), 8);
      List<String> lines = revision.describe(content.title());
      document.add(new Paragraph(lines.get(0), title));
      for (String line : lines.subList(1, lines.size())) {
        document.add(new Paragraph(line, body));
      }
      for (ReportTable table : content.tables()) {
        Paragraph name = new Paragraph(table.title(), heading);
        name.setSpacingBefore(12);
        name.setSpacingAfter(4);
        document.add(name);
        if (table.rows().isEmpty()) {
          document.add(new Paragraph("无 None", body));
          continue;
        }
        PdfPTable pdf = new PdfPTable(table.headers().size());
        pdf.setWidthPercentage(100);
        pdf.setHeaderRows(1);
        for (String header : table.headers()) {
          pdf.addCell(new PdfPCell(new Phrase(header, heading)));
        }
        for (List<Object> row : table.rows()) {
          for (Object cell : row) {
            pdf.addCell(new PdfPCell(new Phrase(ReportTable.text(cell), body)));
          }
        }
        document.add(pdf);
      }
    } catch (DocumentException e) {
      throw new IllegalStateException("could not write the PDF", e);
    } finally {
      document.close();
    }
    return out.toByteArray();
  }

  private static BaseFont font() {
    if (font == null) {
      font = findFont();
    }
    return font;
  }

  private static BaseFont findFont() {
    for (String candidate : CJK_FONTS) {
      String file =
          candidate.contains(",") ? candidate.substring(0, candidate.indexOf(',')) : candidate;
      if (Files.isReadable(Path.of(file))) {
        try {
          return BaseFont.createFont(candidate, BaseFont.IDENTITY_H, BaseFont.EMBEDDED);
        } catch (Exception e) {
          LOG.warn("Font {} unusable for reports: {}", candidate, e.getMessage());
        }
      }
    }
    LOG.warn("No CJK font found for PDF reports: Chinese text will not show");
    try {
      return BaseFont.createFont(BaseFont.HELVETICA, BaseFont.WINANSI, BaseFont.NOT_EMBEDDED);
    } catch (Exception e) {
      throw new IllegalStateException("Helvetica missing from OpenPDF", e);
    }
  }
}
