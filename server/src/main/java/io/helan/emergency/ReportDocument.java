package io.helan.emergency;

import java.awt.Color;
import java.util.List;

/**
 * What an incident report says, once, for both its renderings ({@link ReportHtml}, {@link
 * ReportPdf}): a title, the drill banner (empty for a real incident), then sections in order, each
 * a table or a picture. Headings and labels are Chinese first, then English.
 */
record ReportDocument(String title, String drillBanner, List<Section> sections) {
  ReportDocument {
    sections = List.copyOf(sections);
  }

  /** One section under its heading. */
  sealed interface Section permits Table, Picture {
    String heading();
  }

  /** A table: a header row, then rows of cells. */
  record Table(String heading, List<String> headers, List<List<Cell>> rows) implements Section {
    Table {
      headers = List.copyOf(headers);
      rows = rows.stream().map(List::copyOf).toList();
    }
  }

  /** A PNG image with its caption (the legend, as text). */
  record Picture(String heading, String caption, String alt, byte[] png) implements Section {}

  /**
   * A table cell.
   *
   * @param fill the cell's background (a line's colour in a legend), null for none
   * @param ink the text's colour, bold (a band), null for plain
   */
  record Cell(String text, Color fill, Color ink) {
    static Cell of(String text) {
      return new Cell(text == null ? "" : text, null, null);
    }

    static Cell swatch(Color fill) {
      return new Cell("", fill, null);
    }

    static Cell marked(String text, Color ink) {
      return new Cell(text, null, ink);
    }
  }
}
