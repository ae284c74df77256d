package io.helan.config;

/**
 * One measured or status value of a device.
 *
 * @param index position in {@link Site#points()}; the hot path addresses points by it
 * @param id site-wide id, {@code station.device.point}
 * @param stationId owning station
 * @param deviceId owning device, {@code station.device}
 * @param name display name (Chinese first)
 * @param code HJ 212 pollutant code (a34004, w01018, ...) or null
 * @param unit engineering unit as displayed (µg/m³, mg/L, nGy/h, ...)
 * @param dataType raw type on the wire
 * @param address protocol-specific address: Modbus {@code hr:100}, {@code ir:0}, {@code coil:3},
 *     {@code di:0}; OPC UA a NodeId such as {@code ns=2;s=DoseRate}
 * @param scale engineering value = raw * scale + offset
 * @param offset see scale
 * @param rangeLow lower end of the instrument range (EURange)
 * @param rangeHigh upper end of the instrument range (EURange)
 * @param limits alarm limits, or {@link AlarmLimits#NONE}
 * @param quality data-quality rules, or {@link QualityLimits#NONE}
 */
public record Point(
    int index,
    String id,
    String stationId,
    String deviceId,
    String name,
    String code,
    String unit,
    DataType dataType,
    String address,
    double scale,
    double offset,
    double rangeLow,
    double rangeHigh,
    AlarmLimits limits,
    QualityLimits quality) {

  /** A point without data-quality rules. */
  public Point(
      int index,
      String id,
      String stationId,
      String deviceId,
      String name,
      String code,
      String unit,
      DataType dataType,
      String address,
      double scale,
      double offset,
      double rangeLow,
      double rangeHigh,
      AlarmLimits limits) {
    this(
        index,
        id,
        stationId,
        deviceId,
        name,
        code,
        unit,
        dataType,
        address,
        scale,
        offset,
        rangeLow,
        rangeHigh,
        limits,
        QualityLimits.NONE);
  }

  /** Turns a raw wire value into the engineering value. */
  public double toEngineering(double raw) {
    return raw * scale + offset;
  }
}
