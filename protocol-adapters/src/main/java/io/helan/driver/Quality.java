package io.helan.driver;

/**
 * The quality of a sample, after OPC UA: good, uncertain or bad with a reason. The OPC UA status
 * code of each is the one a client sees on the point's variable.
 */
public enum Quality {
  GOOD(0x00000000L),
  /** The device reported the value with reduced confidence. */
  UNCERTAIN(0x40000000L),
  /** The last value read before the link was lost. */
  UNCERTAIN_LAST_USABLE(0x40900000L),
  /** The device cannot be reached. */
  BAD_COMMUNICATION(0x80050000L),
  /** The device answered but reports a sensor or instrument fault. */
  BAD_SENSOR_FAILURE(0x808C0000L),
  /** The point's address or type does not fit the device. */
  BAD_CONFIGURATION(0x80890000L),
  /** The device is out of service. */
  BAD_OUT_OF_SERVICE(0x808D0000L),
  /** No value has been received yet. */
  BAD_WAITING_FOR_INITIAL_DATA(0x80320000L),
  /** Any other bad status. */
  BAD(0x80000000L);

  private static final Quality[] VALUES = values();
  private final long statusCode;

  Quality(long statusCode) {
    this.statusCode = statusCode;
  }

  /** The OPC UA status code that stands for this quality. */
  public long statusCode() {
    return statusCode;
  }

  public boolean isGood() {
    return this == GOOD;
  }

  public boolean isBad() {
    return (statusCode & 0x80000000L) != 0;
  }

  /** Reverse of {@link #ordinal()}, without allocating. */
  public static Quality ofOrdinal(int ordinal) {
    return VALUES[ordinal];
  }
}
