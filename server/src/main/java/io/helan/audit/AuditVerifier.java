package io.helan.audit;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Recomputes the hash chain of an audit trail and checks it against its head anchor. It finds a
 * record that was edited (its hash no longer matches its content, or the next record no longer
 * chains to it), removed or inserted (a gap or repeat in the sequence, or a broken link), and
 * records cut off the end (fewer records than the head anchors).
 */
public final class AuditVerifier {

  private AuditVerifier() {}

  /** Checks the trail in {@code <dataDir>/audit}. */
  public static AuditVerification verify(Path dataDir) throws IOException {
    return verify(dataDir, record -> {});
  }

  /**
   * Checks the trail in {@code <dataDir>/audit} and passes {@code each} every record whose hash and
   * link verified, oldest first, up to the first that does not. The head anchor is checked after
   * the last record: records beyond it come out of the answer ({@link
   * AuditVerification#firstBrokenSeq()}), not out of what was passed.
   */
  static AuditVerification verify(Path dataDir, Consumer<AuditRecord> each) throws IOException {
    Path directory = dataDir.resolve(AuditTrail.DIRECTORY);
    Path log = directory.resolve(AuditTrail.LOG_FILE);
    Path head = directory.resolve(AuditTrail.HEAD_FILE);
    if (!Files.exists(log)) {
      return AuditVerification.broken(0, 0, "no audit trail at " + log);
    }
    long records = 0;
    String previousHash = AuditRecord.GENESIS;
    try (BufferedReader reader = Files.newBufferedReader(log, StandardCharsets.UTF_8)) {
      String line;
      while ((line = reader.readLine()) != null) {
        long expected = records + 1;
        AuditRecord record;
        try {
          record = AuditRecord.parse(line);
        } catch (IllegalArgumentException e) {
          return AuditVerification.broken(
              records,
              expected,
              "line " + expected + " is not a valid audit record (" + e.getMessage() + ")");
        }
        if (record.seq() > expected) {
          return AuditVerification.broken(
              records,
              expected,
              "record "
                  + expected
                  + (record.seq() > expected + 1 ? " to " + (record.seq() - 1) : "")
                  + " missing: line "
                  + expected
                  + " holds record "
                  + record.seq()
                  + " (records removed)");
        }
        if (record.seq() < expected) {
          return AuditVerification.broken(
              records,
              record.seq(),
              "line "
                  + expected
                  + " holds record "
                  + record.seq()
                  + " again after record "
                  + records
                  + " (record inserted or duplicated)");
        }
        if (!record.computeHash().equals(record.hash())) {
          return AuditVerification.broken(
              records,
              record.seq(),
              "record " + record.seq() + " was altered: its content does not match its hash");
        }
        if (!record.prevHash().equals(previousHash)) {
          return AuditVerification.broken(
              records,
              record.seq(),
              "record "
                  + record.seq()
                  + " does not chain to the record before it: a record before it was altered,"
                  + " removed or inserted and the hashes recomputed");
        }
        previousHash = record.hash();
        records++;
        each.accept(record);
      }
    }
    return checkHead(head, records, previousHash);
  }

  private static AuditVerification checkHead(Path head, long records, String lastHash)
      throws IOException {
    if (!Files.exists(head)) {
      return AuditVerification.broken(records, 0, "head anchor " + head + " is missing");
    }
    long anchored;
    String anchoredHash;
    try {
      JsonObject json = new JsonObject(Files.readString(head, StandardCharsets.UTF_8));
      anchored = json.getLong("records", -1L);
      anchoredHash = json.getString("hash", "");
    } catch (DecodeException | ClassCastException e) {
      return AuditVerification.broken(records, 0, "head anchor " + head + " is unreadable");
    }
    if (anchored > records) {
      return AuditVerification.broken(
          records,
          records + 1,
          "the log ends at record "
              + records
              + " but the head anchors "
              + anchored
              + " records: records were cut off the end");
    }
    if (anchored < records) {
      return AuditVerification.broken(
          records,
          anchored + 1,
          "the head anchors "
              + anchored
              + " records but the log holds "
              + records
              + ": records after "
              + anchored
              + " were added outside the server");
    }
    if (!anchoredHash.equals(lastHash)) {
      return AuditVerification.broken(
          records,
          records,
          "the head's hash does not match record "
              + records
              + ": the chain was rewritten after it was anchored");
    }
    return AuditVerification.ok(records);
  }
}
