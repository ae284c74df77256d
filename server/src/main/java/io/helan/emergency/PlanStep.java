package io.helan.emergency;

import io.helan.config.EmergencyClass;
import java.time.Instant;

/**
 * One step of the checklist a graded plan makes: put a station to high-frequency measurement, start
 * a station's samplers (both carried out through the command service), or notify someone (a
 * commander ticks it off).
 *
 * @param id unique within the incident, one segment of the API path: {@code
 *     <class>.<kind>.<station>}, or {@code <class>.notify.<n>} for the n-th notification
 * @param target station id, or whom to notify
 * @param doneBy who did it; for an order, who ordered it
 * @param doneAt when it was done, null while pending
 * @param detail what came of it
 */
public record PlanStep(
    String id,
    EmergencyClass emergencyClass,
    Kind kind,
    String target,
    String description,
    State state,
    String doneBy,
    Instant doneAt,
    String detail) {

  public enum Kind {
    MEASUREMENT,
    SAMPLERS,
    NOTIFICATION
  }

  public enum State {
    PENDING,
    RUNNING,
    DONE,
    FAILED
  }

  PlanStep running(String user) {
    return new PlanStep(
        id, emergencyClass, kind, target, description, State.RUNNING, user, null, null);
  }

  PlanStep finished(boolean ok, String user, Instant time, String what) {
    return new PlanStep(
        id,
        emergencyClass,
        kind,
        target,
        description,
        ok ? State.DONE : State.FAILED,
        user,
        time,
        what);
  }
}
