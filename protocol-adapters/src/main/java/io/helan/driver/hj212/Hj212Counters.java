package io.helan.driver.hj212;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What HJ 212 input was taken and refused, by kind: one instance per connection and one for the
 * whole driver. Counting is lock-free; reading takes a snapshot.
 */
public final class Hj212Counters {
  /** What is counted. */
  public enum Kind {
    /** Frames with a correct length and checksum. */
    FRAMES,
    /** Frames refused for their checksum. */
    BAD_CRC,
    /** Frames refused for their length field. */
    BAD_LENGTH,
    /** Runs of bytes outside any frame. */
    GARBAGE,
    /** Frames longer than accepted. */
    OVERSIZE,
    /** Frames not completed in time (slow-drip input). */
    INCOMPLETE,
    /** Frames whose data segment is not a readable packet. */
    MALFORMED,
    /** Packets from an MN no device of the site has. */
    UNKNOWN_MN,
    /** Packets with the wrong password for their MN. */
    WRONG_PASSWORD,
    /** Uploads that became samples. */
    UPLOADS,
    /** Samples delivered. */
    SAMPLES,
    /** Connections closed because nothing came for the idle timeout. */
    IDLE_TIMEOUTS;

    private static final Kind[] VALUES = values();
  }

  private final AtomicLongArray counts = new AtomicLongArray(Kind.VALUES.length);

  void add(Kind kind, long n) {
    counts.addAndGet(kind.ordinal(), n);
  }

  void increment(Kind kind) {
    counts.incrementAndGet(kind.ordinal());
  }

  public long get(Kind kind) {
    return counts.get(kind.ordinal());
  }

  /** The count of a refusal from the frame reader. */
  static Kind of(Hj212Rejection rejection) {
    return switch (rejection) {
      case GARBAGE -> Kind.GARBAGE;
      case BAD_LENGTH -> Kind.BAD_LENGTH;
      case OVERSIZE -> Kind.OVERSIZE;
      case BAD_CRC -> Kind.BAD_CRC;
      case INCOMPLETE -> Kind.INCOMPLETE;
      case MALFORMED -> Kind.MALFORMED;
    };
  }

  /** Every count, by kind. */
  public Map<Kind, Long> snapshot() {
    Map<Kind, Long> snapshot = new EnumMap<>(Kind.class);
    for (Kind kind : Kind.VALUES) {
      snapshot.put(kind, counts.get(kind.ordinal()));
    }
    return snapshot;
  }

  @Override
  public String toString() {
    return snapshot().toString();
  }
}
