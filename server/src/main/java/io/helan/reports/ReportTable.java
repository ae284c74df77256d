package io.helan.reports;

import java.util.List;

/**
 * One table of a report, rendered alike in the workbook (one sheet) and the PDF, with the charts
 * drawn from its cells.
 *
 * @param title the title, in Chinese and English
 * @param headers the column headers
 * @param rows the cells: {@link String}, {@link Integer} or {@link Double} (NaN: no value)
 * @param charts the charts of the table's values (none for most tables)
 */
public record ReportTable(
    String title, List<String> headers, List<List<Object>> rows, List<ReportChart> charts) {
  public ReportTable {
    headers = List.copyOf(headers);
    rows = rows.stream().map(List::copyOf).toList();
    charts = List.copyOf(charts);
  }

  /** A table without a chart. */
  public ReportTable(String title, List<String> headers, List<List<Object>> rows) {
    this(title, headers, rows, List.of());
  }

  /** A cell as text: numbers with up to three decimals, a missing value as a dash. */
  public static String text(Object cell) {
    if (cell instanceof Double value) {
      return Double.isFinite(value) ? String.format("%.3f", value).replaceAll("\\.?0+$", "") : "—";
    }
    return String.valueOf(cell);
  }
}
