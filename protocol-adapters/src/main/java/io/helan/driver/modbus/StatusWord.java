package io.helan.driver.modbus;

import io.helan.driver.DataFlag;

/**
 * The status register of the analyser racks (contracts.md: bit 0 zero calibration, bit 1 span
 * calibration, bit 2 maintenance mode, bit 3 instrument fault) and the HJ 212 flag it gives the
 * rack's measurements. A fault outranks calibration, and calibration outranks maintenance: the flag
 * names the strongest reason the values are not normal.
 */
public final class StatusWord {
  public static final int ZERO_CALIBRATION = 1;
  public static final int SPAN_CALIBRATION = 1 << 1;
  public static final int MAINTENANCE = 1 << 2;
  public static final int FAULT = 1 << 3;

  private StatusWord() {}

  /** The flag for the measurements of a device whose status register reads {@code word}. */
  public static DataFlag flagOf(int word) {
    if ((word & FAULT) != 0) {
      return DataFlag.D;
    }
    if ((word & (ZERO_CALIBRATION | SPAN_CALIBRATION)) != 0) {
      return DataFlag.C;
    }
    if ((word & MAINTENANCE) != 0) {
      return DataFlag.M;
    }
    return DataFlag.N;
  }
}
