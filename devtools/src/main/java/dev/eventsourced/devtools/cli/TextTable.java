package dev.eventsourced.devtools.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows of text printed in aligned columns, two spaces apart, the header first (none when every
 * header cell is empty).
 */
final class TextTable {

  private final List<String[]> rows = new ArrayList<>();
  private final int width;

  TextTable(String... header) {
    this.width = header.length;
    rows.add(header);
  }

  TextTable row(Object... cells) {
    String[] texts = new String[width];
    for (int i = 0; i < width; i++) {
      Object cell = i < cells.length ? cells[i] : null;
      texts[i] = cell == null ? "-" : oneLine(cell.toString());
    }
    rows.add(texts);
    return this;
  }

  boolean isEmpty() {
    return rows.size() == 1;
  }

  void print(PrintStream out, String indent) {
    int[] widths = new int[width];
    for (String[] row : rows) {
      for (int i = 0; i < width; i++) widths[i] = Math.max(widths[i], row[i].length());
    }
    boolean headed = !String.join("", rows.get(0)).isEmpty();
    for (String[] row : headed ? rows : rows.subList(1, rows.size())) {
      StringBuilder line = new StringBuilder(indent);
      for (int i = 0; i < width; i++) {
        line.append(row[i]);
        if (i < width - 1) line.append(" ".repeat(widths[i] - row[i].length() + 2));
      }
      out.println(line.toString().stripTrailing());
    }
  }

  /** Line breaks and tabs shown as spaces, so that one row stays one line. */
  static String oneLine(String text) {
    return text.replace('\n', ' ').replace('\r', ' ').replace('\t', ' ');
  }

  /** {@code text} cut to {@code max} characters, with an ellipsis when cut. */
  static String abbreviate(String text, int max) {
    if (text == null) return null;
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }
}
