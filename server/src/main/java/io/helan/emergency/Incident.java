package io.helan.emergency;

import io.helan.config.EmergencyClass;
import java.time.Instant;

/**
 * A radiation incident or a drill, as declared and as it stands.
 *
 * @param id {@code INC-…} for an incident, {@code DRILL-…} for a drill
 * @param drill whether it is a drill: its data is drill data, never real
 * @param occurredAt when it happened, as declared
 * @param declaredAt when it was declared
 * @param endedAt when it ended, null while open
 * @param endedBy who ended it, null while open
 */
public record Incident(
    String id,
    boolean drill,
    IncidentType type,
    EmergencyClass emergencyClass,
    double latitude,
    double longitude,
    Instant occurredAt,
    String note,
    Instant declaredAt,
    String declaredBy,
    Instant endedAt,
    String endedBy) {

  public boolean open() {
    return endedAt == null;
  }

  Incident withClass(EmergencyClass newClass) {
    return new Incident(
        id,
        drill,
        type,
        newClass,
        latitude,
        longitude,
        occurredAt,
        note,
        declaredAt,
        declaredBy,
        endedAt,
        endedBy);
  }

  Incident ended(Instant time, String user) {
    return new Incident(
        id,
        drill,
        type,
        emergencyClass,
        latitude,
        longitude,
        occurredAt,
        note,
        declaredAt,
        declaredBy,
        time,
        user);
  }
}
