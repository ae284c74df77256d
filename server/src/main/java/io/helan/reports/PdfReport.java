package io.helan.reports;

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
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;

/**
 * A report as a PDF (OpenPDF): the title and revision, then each table under its heading: first its
 * charts as pictures with their captions, then its rows, the header of each charted column
 * underlined in its line's or bar part's colour (the legend). In the {@link ReportFonts} font
 * (without a CJK font on the machine only the English half of each label shows).
 */
public final class PdfReport {
  private static final float MARGIN = 24;
  private static final float LEGEND_WIDTH = 3;

  private PdfReport() {}

  public static byte[] render(ReportContent content, ReportRevision revision) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Document document = new Document(PageSize.A4.rotate(), MARGIN, MARGIN, MARGIN, MARGIN);
    try {
      PdfWriter.getInstance(document, out).setStrictImageSequence(true);
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
        for (ReportChart chart : table.charts()) {
          document.add(new Paragraph(chart.captionWithScale(table), body));
          Image image = Image.getInstance(chart.png(table));
          image.setAlt(chart.caption());
          image.scaleToFit(
              document.getPageSize().getWidth() - 2 * MARGIN,
              document.getPageSize().getHeight() - 2 * MARGIN - 40);
          document.add(image);
        }
        PdfPTable pdf = new PdfPTable(table.headers().size());
        pdf.setWidthPercentage(100);
        pdf.setHeaderRows(1);
        for (int c = 0; c < table.headers().size(); c++) {
          PdfPCell cell = new PdfPCell(new Phrase(table.headers().get(c), heading));
          for (ReportChart chart : table.charts()) {
            int drawn = chart.valueColumns().indexOf(c);
            if (drawn >= 0) {
              cell.setBorderColorBottom(chart.colours().get(drawn));
              cell.setBorderWidthBottom(LEGEND_WIDTH);
            }
          }
          pdf.addCell(cell);
        }
        for (List<Object> row : table.rows()) {
          for (Object cell : row) {
            pdf.addCell(new PdfPCell(new Phrase(ReportTable.text(cell), body)));
          }
        }
        document.add(pdf);
      }
    } catch (DocumentException | IOException e) {
      throw new IllegalStateException("could not write the PDF", e);
    } finally {
      document.close();
    }
    return out.toByteArray();
  }
}
