package io.helan.reports;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * A report as an Excel workbook (Apache POI): a cover sheet with the title and revision, then one
 * sheet per table, with the table's charts as native charts beside it ({@link XlsxChart}); numbers
 * are numeric cells, a missing value an empty cell.
 */
public final class XlsxReport {
  private XlsxReport() {}

  public static byte[] render(ReportContent content, ReportRevision revision) {
    try (XSSFWorkbook workbook = new XSSFWorkbook();
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      CellStyle bold = workbook.createCellStyle();
      Font font = workbook.createFont();
      font.setBold(true);
      bold.setFont(font);
      Sheet cover = workbook.createSheet("报告 Report");
      List<String> lines = revision.describe(content.title());
      for (int i = 0; i < lines.size(); i++) {
        cover.createRow(i).createCell(0).setCellValue(lines.get(i));
      }
      cover.getRow(0).getCell(0).setCellStyle(bold);
      int n = 1;
      for (ReportTable table : content.tables()) {
        XSSFSheet sheet =
            workbook.createSheet(WorkbookUtil.createSafeSheetName(n++ + " " + table.title()));
        Row title = sheet.createRow(0);
        title.createCell(0).setCellValue(table.title());
        title.getCell(0).setCellStyle(bold);
        Row headers = sheet.createRow(1);
        for (int c = 0; c < table.headers().size(); c++) {
          Cell cell = headers.createCell(c);
          cell.setCellValue(table.headers().get(c));
          cell.setCellStyle(bold);
        }
        int r = 2;
        for (List<Object> values : table.rows()) {
          Row row = sheet.createRow(r++);
          for (int c = 0; c < values.size(); c++) {
            Object value = values.get(c);
            if (value instanceof Number number) {
              if (Double.isFinite(number.doubleValue())) {
                row.createCell(c).setCellValue(number.doubleValue());
              }
            } else {
              row.createCell(c).setCellValue(String.valueOf(value));
            }
          }
        }
        for (int c = 0; c < table.headers().size(); c++) {
          sheet.setColumnWidth(c, 16 * 256);
        }
        if (!table.rows().isEmpty()) {
          int top = 1;
          for (ReportChart chart : table.charts()) {
            top = XlsxChart.draw(sheet, table, chart, 1, top);
          }
        }
      }
      workbook.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the workbook", e);
    }
  }
}
