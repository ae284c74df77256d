package io.helan.alarms;

/**
 * One alarm the site defines: which condition of which point or device it watches and how.
 *
 * @param slot position in the catalog; the hot path addresses alarms by it
 * @param id {@code <source>/<kind>}
 * @param source the point or device id it watches
 * @param sourceName display name of the point or device
 * @param unit engineering unit of the value ("" for device alarms)
 * @param stationId owning station
 * @param regionId region of the owning station
 * @param kind what it watches
 * @param priority 1 (most urgent) to 4
 * @param limit the fixed limit, NaN when the limit moves (dose-rate background) or none applies
 * @param deadband how far back over the limit a value must come before the condition clears
 * @param onDelayMs how long the condition must hold before the alarm is raised
 * @param offDelayMs how long the condition must be gone before the alarm clears
 */
record AlarmDefinition(
    int slot,
    String id,
    String source,
    String sourceName,
    String unit,
    String stationId,
    String regionId,
    AlarmKind kind,
    int priority,
    double limit,
    double deadband,
    long onDelayMs,
    long offDelayMs) {

  static String idOf(String source, AlarmKind kind) {
    return source + "/" + kind.name();
  }
}
