package io.helan.audit;

/**
 * The outcome of checking an audit trail.
 *
 * @param intact whether every record is unaltered, in order, none missing or added, and the head
 *     anchor matches
 * @param records records read
 * @param firstBrokenSeq sequence number of the first record found broken, or 0 if intact or the
 *     fault is not in one record (missing head, truncated tail)
 * @param problem what is wrong, in words, or null if intact
 */
public record AuditVerification(boolean intact, long records, long firstBrokenSeq, String problem) {

  static AuditVerification ok(long records) {
    return new AuditVerification(true, records, 0, null);
  }

  static AuditVerification broken(long records, long seq, String problem) {
    return new AuditVerification(false, records, seq, problem);
  }
}
