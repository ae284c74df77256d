package io.helan.reports;

import java.util.List;

/**
 * One table of a report, rendered alike in the workbook (one sheet) and the PDF.
 *
 * @param title the title, in Chinese and English
 * @param headers the column headers
 * @param rows the cells: {@link String}, {@link Integer} or {@link Double} (NaN: no value)
 */
public record ReportTable(String title, List<String> headers, List<List<Object>> rows) {
  public ReportTable {
    headers = List.copyOf(headers);
    rows = rows.stream().map(List::copyOf).toList();
  }

  /** A cell as text: numbers with up to three decimals, a missing value as a dash. */
  public static String text(Object cell) {
    if (cell instanceof Double value) {
      return Double.isFinite(value) ? String.format("%.3f", value).replaceAll("\\.?0+$", "") : "—";
    }
    return String.valueOf(cell);
  }
}
