package io.helan.alarms;

import io.helan.audit.Origin;
import io.helan.auth.User;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The operator-facing side of the alarm engine. REST, WebSocket and OPC UA Alarms & Conditions all
 * go through it, so every transition is journaled once, with its user and reason.
 *
 * <p>Operator actions throw {@link SecurityException} when the user lacks the role, {@link
 * IllegalArgumentException} for an unknown alarm or a missing reason, and {@link
 * IllegalStateException} when the alarm is not in a state that allows the action.
 */
public interface AlarmService {

  /** Alarms not in NORMAL state (active, unacknowledged, shelved, suppressed), priority order. */
  List<AlarmRecord> current();

  /** The alarm with this id, if the site defines it (NORMAL when it never went off). */
  Optional<AlarmRecord> alarm(String alarmId);

  /** Acknowledges an unacknowledged alarm (active or returned to normal); OPERATOR and above. */
  AlarmRecord acknowledge(User user, Origin origin, String alarmId, String comment);

  /**
   * Shelves the alarm for {@code duration}, or until it next returns to normal when duration is
   * null (one-shot); OPERATOR and above, with a reason.
   */
  AlarmRecord shelve(User user, Origin origin, String alarmId, Duration duration, String reason);

  /** Ends a shelve; the alarm is annunciated again if its condition is still active. */
  AlarmRecord unshelve(User user, Origin origin, String alarmId, String reason);

  /** Takes the alarm out of service (instrument removed, known bad); MAINTAINER or ADMIN. */
  AlarmRecord removeFromService(User user, Origin origin, String alarmId, String reason);

  /** Puts an out-of-service alarm back in service; MAINTAINER or ADMIN. */
  AlarmRecord returnToService(User user, Origin origin, String alarmId, String reason);

  /**
   * Tells the listener of every alarm change, in order, on a thread of the alarms (not to block).
   */
  void addListener(Consumer<AlarmRecord> listener);
}
