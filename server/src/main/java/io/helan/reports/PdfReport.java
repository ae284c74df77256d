package io.helan.reports;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * A report as a PDF (OpenPDF): the title and revision, then each table, in the {@link ReportFonts}
 * font (without a CJK font on the machine only the English half of each label shows).
 */
public final class PdfReport {
  private PdfReport() {}

  public static byte[] render(ReportContent content, ReportRevision revision) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Document document = new Document(PageSize.A4.rotate(), 24, 24, 24, 24);
    try {
      PdfWriter.getInstance(document, out);
      document.addTitle(content.title());
      document.open();
      Font title = new Font(ReportFonts.font(), 14, Font.BOLD);
      Font heading = new Font(ReportFonts.font(), 11, Font.BOLD);
      Font body = new Font(ReportFonts.font(), 8);
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
}
