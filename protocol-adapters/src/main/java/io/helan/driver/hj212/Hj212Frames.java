package io.helan.driver.hj212;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Writes HJ 212 frames and the data segments the platform sends. */
public final class Hj212Frames {
  /** System code of the platform's answers (9011..9014). */
  public static final int ST_SYSTEM = 91;

  /** Flag of a 2017 answer: version bits 000001, no split, no answer wanted. */
  public static final int FLAG_ANSWER = 4;

  /** Flag of a 2017 request or upload that wants an answer. */
  public static final int FLAG_REQUEST = 5;

  private static final DateTimeFormatter QN_FORMAT =
      DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS");
  private static final DateTimeFormatter TIME_FORMAT =
      DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

  private Hj212Frames() {}

  /** The whole frame of a data segment: {@code ##}, length, segment, checksum, CR LF. */
  public static byte[] frame(String dataSegment) {
    byte[] data = dataSegment.getBytes(StandardCharsets.UTF_8);
    if (data.length > 9999) {
      throw new IllegalArgumentException("data segment longer than 9999 bytes");
    }
    byte[] frame = new byte[data.length + 12];
    System.arraycopy(data, 0, frame, 6, data.length);
    return enclose(frame, data.length);
  }

  /**
   * Writes the header ({@code ##} and length) and the trailer (checksum, CR LF) around the data
   * segment of {@code length} bytes that lies at offset 6 of {@code frame}; returns {@code frame}.
   */
  public static byte[] enclose(byte[] frame, int length) {
    frame[0] = '#';
    frame[1] = '#';
    for (int i = 5, rest = length; i >= 2; i--, rest /= 10) {
      frame[i] = (byte) ('0' + rest % 10);
    }
    int crc = Hj212Crc.of(frame, 6, length);
    for (int i = 3, end = 6 + length; i >= 0; i--, crc >>>= 4) {
      frame[end + i] = HEX[crc & 0xF];
    }
    frame[length + 10] = '\r';
    frame[length + 11] = '\n';
    return frame;
  }

  private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

  /**
   * A data segment: {@code QN=..;ST=..;CN=..;PW=..;MN=..;Flag=..;CP=&&data&&}; QN is left out when
   * null (2005).
   */
  public static String segment(
      String qn, int st, int cn, String password, String mn, int flag, String data) {
    StringBuilder segment = new StringBuilder(64 + data.length());
    if (qn != null) {
      segment.append("QN=").append(qn).append(';');
    }
    return segment
        .append("ST=")
        .append(st)
        .append(";CN=")
        .append(cn)
        .append(";PW=")
        .append(password)
        .append(";MN=")
        .append(mn)
        .append(";Flag=")
        .append(flag)
        .append(";CP=&&")
        .append(data)
        .append("&&")
        .toString();
  }

  /** The answer to a packet: 9011, 9012, 9013 or 9014 with the packet's QN and its data. */
  public static byte[] answer(Hj212Packet packet, int cn, String data) {
    return frame(
        segment(packet.qn(), ST_SYSTEM, cn, packet.password(), packet.mn(), FLAG_ANSWER, data));
  }

  /** A request id for {@code time} in the zone of the device: {@code yyyyMMddHHmmssSSS}. */
  public static String qn(java.time.Instant time, ZoneOffset zone) {
    return QN_FORMAT.format(LocalDateTime.ofInstant(time, zone));
  }

  /** A time as HJ 212 writes it in the device's zone: {@code yyyyMMddHHmmss}. */
  public static String time(java.time.Instant time, ZoneOffset zone) {
    return TIME_FORMAT.format(LocalDateTime.ofInstant(time, zone));
  }
}
