package io.helan.alarms;

import io.helan.auth.Origin;
import io.helan.auth.User;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The operator-facing side of the alarm engine. REST, WebSocket and OPC UA Alarms & Conditions
 * all go through it, so every transition is journaled once, with its user and reason.
 */
public interface AlarmService {

  /** Alarms not in NORMAL state (active, unacknowledged, shelved, suppressed), priority order. */
  List<AlarmRecord> current();

  Optional<AlarmRecord> alarm(String alarmId);

  /** Acknowledges; refused (IllegalStateException/SecurityException) when not allowed. */
  AlarmRecord acknowledge(User user, Origin origin, String alarmId, String comment);

  /**
   * Shelves the alarm for {@code duration}, or until it next returns to normal when duration is
   * null (one-shot).
   */
  AlarmRecord shelve(User user, Origin origin, String alarmId, Duration duration, String reason);

  AlarmRecord unshelve(User user, Origin origin, String alarmId, String reason);

  /** Tells the listener of every alarm change (on an engine thread; must not block). */
  void addListener(Consumer<AlarmRecord> listener);
}
