package io.helan.simulator.hj212;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The logger's side of HJ 212 framing, written apart from the server's codec so that each checks
 * the other: {@code ##}, four-digit length of the data segment, the segment, its CRC as four hex
 * digits, CR LF.
 */
final class Hj212Wire {
  private Hj212Wire() {}

  /**
   * The standard's checksum: register 0xFFFF; per byte {@code reg = (reg >> 8) ^ byte}, then eight
   * shifts right, XOR 0xA001 after each that shifts out a 1.
   */
  static int crc(byte[] data) {
    int reg = 0xFFFF;
    for (byte b : data) {
      reg = (reg >>> 8) ^ (b & 0xFF);
      for (int bit = 0; bit < 8; bit++) {
        boolean carry = (reg & 1) != 0;
        reg >>>= 1;
        if (carry) {
          reg ^= 0xA001;
        }
      }
    }
    return reg;
  }

  static byte[] frame(String segment) {
    byte[] data = segment.getBytes(StandardCharsets.UTF_8);
    String frame = String.format("##%04d%s%04X\r\n", data.length, segment, crc(data));
    return frame.getBytes(StandardCharsets.UTF_8);
  }

  /** The data segment of one received line (a frame without its CR LF), if length and CRC hold. */
  static Optional<String> segmentOf(String line) {
    int start = line.indexOf("##");
    if (start < 0 || line.length() < start + 10) {
      return Optional.empty();
    }
    String body = line.substring(start + 6, line.length() - 4);
    byte[] data = body.getBytes(StandardCharsets.UTF_8);
    try {
      int length = Integer.parseInt(line.substring(start + 2, start + 6));
      int crc = Integer.parseInt(line.substring(line.length() - 4), 16);
      return length == data.length && crc == crc(data) ? Optional.of(body) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** The header fields and the data-area fields of a segment, in one map. */
  static Map<String, String> fields(String segment) {
    Map<String, String> fields = new LinkedHashMap<>();
    int cp = segment.indexOf("CP=&&");
    String header = cp < 0 ? segment : segment.substring(0, cp);
    String data =
        cp < 0 ? "" : segment.substring(cp + 5, Math.max(cp + 5, segment.lastIndexOf("&&")));
    for (String part : (header + ";" + data).split("[;,]")) {
      int equals = part.indexOf('=');
      if (equals > 0) {
        fields.put(part.substring(0, equals).trim(), part.substring(equals + 1).trim());
      }
    }
    return fields;
  }
}
