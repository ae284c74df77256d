package io.helan.driver.hj212;

/**
 * The edition of HJ 212 a packet follows, from bits 7..2 of its Flag (a packet without Flag is
 * 2005), and what each edition's rules accept. Behaviour is keyed on ST and CN; the edition only
 * decides what a packet may lack and which commands are known.
 */
public enum Hj212Version {
  /** HJ/T 212-2005: QN and Flag may be missing, MN is often 14 characters. */
  V2005(false),
  /** HJ 212-2017, what most devices speak. */
  V2017(true),
  /**
   * HJ 212-2025 (version bits 000010, also seen for the surface-water protocol): 2017 plus
   * heartbeat 9015, secret key 1014, raw data 2013 and 3022/3024.
   */
  V2025(true);

  private static final int[] COMMANDS_2017 = {
    1000, 1011, 1012, 1013, 1061, 1062, 1063, 1064, 1072, 2011, 2012, 2021, 2022, 2031, 2041, 2051,
    2061, 2081, 3011, 3012, 3013, 3014, 3015, 3016, 3017, 3019, 3020, 3021, 9011, 9012, 9013, 9014
  };
  private static final int[] ADDED_2025 = {1014, 2013, 3022, 3024, 9015};

  private final boolean requiresQn;

  Hj212Version(boolean requiresQn) {
    this.requiresQn = requiresQn;
  }

  /**
   * The edition a packet's Flag names, or {@link #V2005} for a packet without one (-1). Version
   * bits beyond 2025 are read by the newest rules known.
   */
  public static Hj212Version ofFlag(int flag) {
    if (flag < 0) {
      return V2005;
    }
    int bits = (flag >> 2) & 0x3F;
    return switch (bits) {
      case 0 -> V2005;
      case 1 -> V2017;
      default -> V2025;
    };
  }

  /** Whether a packet of this edition must carry QN (a request id that replies echo). */
  public boolean requiresQn() {
    return requiresQn;
  }

  /** Whether the edition defines command {@code cn}; unknown requests are answered QnRtn=8. */
  public boolean knows(int cn) {
    return contains(COMMANDS_2017, cn) || (this == V2025 && contains(ADDED_2025, cn));
  }

  private static boolean contains(int[] codes, int cn) {
    for (int code : codes) {
      if (code == cn) {
        return true;
      }
    }
    return false;
  }
}
