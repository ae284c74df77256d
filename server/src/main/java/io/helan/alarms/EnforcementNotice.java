package io.helan.alarms;

import java.time.Instant;
import java.util.List;

/**
 * An emission exceedance at a pollution source handed to enforcement (regional plan tasks 43 and
 * 44): which station and pollutant, the values that exceeded, over which period, and whether
 * enforcement has closed it. One notice covers one episode: consecutive exceeding periods add to
 * the open notice; a later episode opens a new one.
 *
 * @param id stable id, {@code EN-<period start yyyyMMddHHmm>-<point id>}
 * @param stationId the pollution source
 * @param pointId the pollutant's point
 * @param pollutant HJ 212 code (a21026, ...) or the point name when it has none
 * @param pollutantName display name of the pollutant
 * @param unit unit of the values
 * @param limit the emission limit
 * @param referenceO2 reference O2 of the values in %, NaN when not converted
 * @param periodStart start of the first exceeding period
 * @param periodEnd end of the last exceeding period
 * @param readings the exceeding values, oldest first
 * @param status open until closed by a user
 * @param opened when the notice was opened
 * @param closedBy who closed it, or null
 * @param closedAt when it was closed, or null
 * @param comment the closing comment, or null
 */
public record EnforcementNotice(
    String id,
    String stationId,
    String pointId,
    String pollutant,
    String pollutantName,
    String unit,
    double limit,
    double referenceO2,
    Instant periodStart,
    Instant periodEnd,
    List<Reading> readings,
    Status status,
    Instant opened,
    String closedBy,
    Instant closedAt,
    String comment) {

  /** Whether enforcement still has to act. */
  public enum Status {
    OPEN,
    CLOSED
  }

  /**
   * One exceeding value: a period average at reference O2, or a single reading flagged T.
   *
   * @param o2 the average measured O2 the value was converted with, NaN if none
   */
  public record Reading(
      Instant periodStart, Instant periodEnd, double value, double o2, boolean flagT) {}

  public EnforcementNotice {
    readings = List.copyOf(readings);
  }

  /** The same notice, open again (its closure did not count). */
  EnforcementNotice reopened() {
    return new EnforcementNotice(
        id,
        stationId,
        pointId,
        pollutant,
        pollutantName,
        unit,
        limit,
        referenceO2,
        periodStart,
        periodEnd,
        readings,
        Status.OPEN,
        opened,
        null,
        null,
        null);
  }

  /** The highest exceeding value of the episode. */
  public double maxValue() {
    return readings.stream().mapToDouble(Reading::value).max().orElse(Double.NaN);
  }
}
