package io.helan.driver.hj212;

/** Why input was refused: the codec never throws on bad input, it names one of these. */
public enum Hj212Rejection {
  /** Bytes outside any frame (before a {@code ##}). */
  GARBAGE("bytes outside a frame"),
  /** The four length digits are not digits, or the frame does not end where they say. */
  BAD_LENGTH("length field wrong or frame not ending where it says"),
  /** The data segment is longer than the driver accepts. */
  OVERSIZE("data segment longer than accepted"),
  /** The checksum is not four hex digits or does not match the data segment. */
  BAD_CRC("checksum does not match"),
  /** A frame stayed incomplete too long (slow-drip input). */
  INCOMPLETE("frame not completed in time"),
  /** The data segment does not hold a readable header (CN, MN) and data area. */
  MALFORMED("data segment not readable");

  private final String description;

  Hj212Rejection(String description) {
    this.description = description;
  }

  public String description() {
    return description;
  }
}
