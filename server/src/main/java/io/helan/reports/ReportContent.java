package io.helan.reports;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * What a report says: its tables, and whether any validated value stood behind them.
 *
 * @param key the report: its period and scope
 * @param title the report's title
 * @param tables its tables, in order
 * @param hasData whether any valid mean was found in the period
 */
public record ReportContent(
    ReportKey key, String title, List<ReportTable> tables, boolean hasData) {
  public ReportContent {
    tables = List.copyOf(tables);
  }

  /**
   * SHA-256 of every cell as shown: equal when the report would say the same, so a recomputation
   * that changed nothing makes no new revision.
   */
  public String fingerprint() {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (ReportTable table : tables) {
        digest.update((table.title() + "\n").getBytes(StandardCharsets.UTF_8));
        for (List<Object> row : table.rows()) {
          for (Object cell : row) {
            digest.update((ReportTable.text(cell) + "\t").getBytes(StandardCharsets.UTF_8));
          }
          digest.update((byte) '\n');
        }
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
  }
}
