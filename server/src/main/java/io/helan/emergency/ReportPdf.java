package io.helan.emergency;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Font;
import com.lowagie.text.Image;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import io.helan.reports.ReportFonts;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;

/**
 * An incident report as a PDF (OpenPDF, A4 portrait) in the {@link ReportFonts} font: the title,
 * the drill banner, then each section under its heading, tables as tables and pictures as PNG
 * images scaled to the page width with their caption above.
 */
final class ReportPdf {
  private static final float MARGIN = 28;
  private static final Color DRILL = new Color(0xffd54f);
  private static final float MIN_COLUMN = 3;
  private static final float MAX_COLUMN = 60;
  private static final int CJK = 0x2e80;

  private ReportPdf() {}

  static byte[] render(ReportDocument report) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Document document = new Document(PageSize.A4, MARGIN, MARGIN, MARGIN, MARGIN);
    try {
      PdfWriter writer = PdfWriter.getInstance(document, out);
      writer.setStrictImageSequence(true);
      document.addTitle(report.title());
      document.open();
      Font title = new Font(ReportFonts.font(), 14, Font.BOLD);
      Font heading = new Font(ReportFonts.font(), 11, Font.BOLD);
      Font header = new Font(ReportFonts.font(), 8, Font.BOLD);
      Font body = new Font(ReportFonts.font(), 8);
      document.add(new Paragraph(report.title(), title));
      if (!report.drillBanner().isEmpty()) {
        PdfPTable banner = new PdfPTable(1);
        banner.setWidthPercentage(100);
        banner.setSpacingBefore(6);
        PdfPCell cell = new PdfPCell(new Phrase(report.drillBanner(), heading));
        cell.setBackgroundColor(DRILL);
        cell.setPadding(4);
        banner.addCell(cell);
        document.add(banner);
      }
      for (ReportDocument.Section section : report.sections()) {
        Paragraph name = new Paragraph(section.heading(), heading);
        name.setSpacingBefore(12);
        name.setSpacingAfter(4);
        document.add(name);
        if (section instanceof ReportDocument.Table table) {
          document.add(table(table, header, body));
        } else if (section instanceof ReportDocument.Picture picture) {
          document.add(new Paragraph(picture.caption(), body));
          Image image = Image.getInstance(picture.png());
          image.setAlt(picture.alt());
          float width = document.getPageSize().getWidth() - 2 * MARGIN;
          image.scaleToFit(width, width);
          document.add(image);
        }
      }
    } catch (DocumentException | IOException e) {
      throw new IllegalStateException("could not write the PDF", e);
    } finally {
      document.close();
    }
    return out.toByteArray();
  }

  private static PdfPTable table(ReportDocument.Table table, Font header, Font body)
      throws DocumentException {
    PdfPTable pdf = new PdfPTable(table.headers().size());
    pdf.setWidths(widths(table));
    pdf.setWidthPercentage(100);
    pdf.setHeaderRows(1);
    for (String text : table.headers()) {
      pdf.addCell(new PdfPCell(new Phrase(text, header)));
    }
    for (List<ReportDocument.Cell> row : table.rows()) {
      for (ReportDocument.Cell cell : row) {
        Font font = body;
        if (cell.ink() != null) {
          font = new Font(body.getBaseFont(), body.getSize(), Font.BOLD, cell.ink());
        }
        PdfPCell pdfCell = new PdfPCell(new Phrase(cell.text(), font));
        if (cell.fill() != null) {
          pdfCell.setBackgroundColor(cell.fill());
        }
        pdf.addCell(pdfCell);
      }
    }
    return pdf;
  }

  /**
   * Relative column widths by the longest text in each column (a header counts half, a CJK
   * character twice, between 3 and 60), so short columns stay narrow and names fit on one line.
   */
  private static float[] widths(ReportDocument.Table table) {
    float[] widths = new float[table.headers().size()];
    for (int c = 0; c < widths.length; c++) {
      widths[c] = Math.max(MIN_COLUMN, length(table.headers().get(c)) / 2f);
    }
    for (List<ReportDocument.Cell> row : table.rows()) {
      for (int c = 0; c < widths.length; c++) {
        widths[c] = Math.max(widths[c], length(row.get(c).text()));
      }
    }
    for (int c = 0; c < widths.length; c++) {
      widths[c] = Math.min(widths[c], MAX_COLUMN);
    }
    return widths;
  }

  private static int length(String text) {
    return text.codePoints().map(c -> c >= CJK ? 2 : 1).sum();
  }
}
