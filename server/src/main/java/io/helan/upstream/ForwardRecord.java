package io.helan.upstream;

import io.helan.driver.hj212.Hj212Frames;

/**
 * One upload waiting to go upstream: its QN (given when queued, so a resend keeps it and the
 * upstream can recognise a repeat), system code, CN, the MN it goes under and its data area ({@code
 * DataTime=...;a21026-Rtd=...,a21026-Flag=N}). The password is added when sent, so a changed
 * password applies to what is already queued.
 */
record ForwardRecord(String qn, int st, int cn, String mn, String data) {

  /** One line of the queue file: the fields separated by tabs (data areas hold none). */
  String toLine() {
    return qn + '\t' + st + '\t' + cn + '\t' + mn + '\t' + data;
  }

  /**
   * Reads a line written by {@link #toLine()}.
   *
   * @throws IllegalArgumentException if it is not one
   */
  static ForwardRecord parse(String line) {
    String[] parts = line.split("\t", 5);
    if (parts.length != 5) {
      throw new IllegalArgumentException("not a queued record: " + line);
    }
    return new ForwardRecord(
        parts[0], Integer.parseInt(parts[1]), Integer.parseInt(parts[2]), parts[3], parts[4]);
  }

  /**
   * The frame sent upstream: {@link Hj212Frames#FLAG_REQUEST} for an upload that asks for its 9014
   * answer, {@link Hj212Frames#FLAG_ANSWER} for a data packet answering a request.
   */
  byte[] frame(String password, int flag) {
    return Hj212Frames.frame(Hj212Frames.segment(qn, st, cn, password, mn, flag, data));
  }
}
