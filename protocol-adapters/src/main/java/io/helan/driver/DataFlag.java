package io.helan.driver;

/**
 * The HJ 212-2017 data flag of a sample. Only {@link #N} counts as normal; the others are excluded
 * from validated averages and exceedance judgement.
 */
public enum DataFlag {
  /** Normal. */
  N,
  /** Facility stopped. */
  F,
  /** Maintenance. */
  M,
  /** Manually entered value. */
  S,
  /** Fault. */
  D,
  /** Calibrating. */
  C,
  /** Above the measuring range. */
  T,
  /** Communication error between instrument and data logger. */
  B,
  /**
   * Drill: the value belongs to an emergency drill (a simulated release adds to it). Helan's own
   * letter, not an HJ 212 flag: never read from the wire, and never counted in real statistics.
   */
  X;

  private static final DataFlag[] VALUES = values();

  public boolean isNormal() {
    return this == N;
  }

  /** Reverse of {@link #ordinal()}, without allocating. */
  public static DataFlag ofOrdinal(int ordinal) {
    return VALUES[ordinal];
  }

  /** Parses the one-letter HJ 212 flag; unknown letters (and Helan's own X) are an error. */
  public static DataFlag of(char letter) {
    for (DataFlag flag : VALUES) {
      if (flag != X && flag.name().charAt(0) == letter) {
        return flag;
      }
    }
    throw new IllegalArgumentException("unknown HJ 212 data flag '" + letter + "'");
  }
}
