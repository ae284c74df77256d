package io.helan.alarms;

/**
 * The running average of one pollutant over the current judgement period (HJ 75/76-2017: the hour),
 * from valid readings already converted to reference O2. A period's average counts only when enough
 * of its minutes hold a valid reading (45 of 60).
 *
 * <p>Periods are aligned to the epoch (clock hours) and judged by the readings' source time, so a
 * period closes when the first reading of a later period arrives. Used by one device thread.
 */
final class EmissionAverager {
  private static final int MINUTES = 60;

  /** A closed period: its bounds, the average at reference O2 and the average O2. */
  record Period(
      long startMicros, long endMicros, double average, double averageO2, int validMinutes) {}

  private final long periodMicros;
  private final long minuteMicros;
  private final int requiredMinutes;
  private long start = Long.MIN_VALUE;

  /** Readings before this time belong to periods already judged. */
  private long judgedUntil = Long.MIN_VALUE;

  private double sum;
  private double sumO2;
  private long count;
  private long o2Count;

  /** Bit m is set when minute m of the period holds a valid reading. */
  private long minutes;

  EmissionAverager(long periodMicros, double validFraction) {
    this.periodMicros = periodMicros;
    this.minuteMicros = periodMicros / MINUTES;
    this.requiredMinutes = (int) Math.ceil(validFraction * MINUTES);
  }

  /** Whether a reading at {@code timeMicros} belongs to a later period than the open one. */
  boolean endsBefore(long timeMicros) {
    return start != Long.MIN_VALUE && timeMicros >= start + periodMicros;
  }

  /**
   * Closes the open period. Returns it when it holds enough valid minutes to be judged, else null.
   */
  Period close() {
    int valid = Long.bitCount(minutes);
    double averageO2 = o2Count == 0 ? Double.NaN : sumO2 / o2Count;
    Period period =
        valid >= requiredMinutes
            ? new Period(start, start + periodMicros, sum / count, averageO2, valid)
            : null;
    judgedUntil = start + periodMicros;
    start = Long.MIN_VALUE;
    return period;
  }

  long periodStart(long timeMicros) {
    return Math.floorDiv(timeMicros, periodMicros) * periodMicros;
  }

  long periodMicros() {
    return periodMicros;
  }

  /** Adds a valid reading at reference O2, with the O2 it was converted with (NaN if none). */
  void add(long timeMicros, double value, double o2) {
    long periodStart = periodStart(timeMicros);
    if (periodStart < judgedUntil || (start != Long.MIN_VALUE && periodStart < start)) {
      return; // late reading of a period already judged
    }
    if (periodStart != start) {
      start = periodStart;
      sum = 0;
      sumO2 = 0;
      count = 0;
      o2Count = 0;
      minutes = 0;
    }
    sum += value;
    if (!Double.isNaN(o2)) {
      sumO2 += o2;
      o2Count++;
    }
    count++;
    minutes |= 1L << (int) Math.min(MINUTES - 1, (timeMicros - start) / minuteMicros);
  }
}
