package io.helan.alarms;

import io.helan.audit.AuditRecord;
import io.helan.audit.AuditTrail;
import io.helan.audit.Origin;
import io.helan.auth.User;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Operator actions on alarms and notices in the hash-chained audit trail, and what a restart checks
 * against it.
 *
 * <p>Every action is audited (on disk) before it takes effect and is journaled, so a journal row
 * that claims an acknowledgement, a shelve, an out-of-service order or a closed notice must be
 * backed by the audit record of that action: a row written into QuestDB behind the server's back
 * has none and is rejected at restore. Only the audit's intact part counts.
 */
final class AlarmAudit {
  /** What operators do to alarms and notices, as audit actions. */
  enum Action {
    ACKNOWLEDGE("alarm.acknowledge"),
    SHELVE("alarm.shelve"),
    UNSHELVE("alarm.unshelve"),
    REMOVE_FROM_SERVICE("alarm.remove-from-service"),
    RETURN_TO_SERVICE("alarm.return-to-service"),
    CLOSE_NOTICE("notice.close");

    final String key;

    Action(String key) {
      this.key = key;
    }
  }

  private static final String OK = "ok";
  private static final String WITHDRAWN = "withdrawn";
  private static final String UNTIL = "until ";
  private static final String ONE_SHOT = "until the alarm returns to normal";

  private final AuditTrail trail;

  AlarmAudit(AuditTrail trail) {
    this.trail = trail;
  }

  /**
   * Puts an action on record before it takes effect; fsyncs, so call it off the engine thread.
   *
   * @throws UncheckedIOException when the trail cannot be written: the action must not go on
   */
  AuditRecord record(User user, Origin origin, Action action, String target, String detail) {
    return trail.append(user.name(), origin, action.key, target, detail, OK);
  }

  /** Records that an action put on record could not take effect after all. */
  void withdraw(User user, Origin origin, AuditRecord recorded, String why) {
    trail.append(
        user.name(),
        origin,
        recorded.action(),
        recorded.target(),
        "record " + recorded.seq() + " not applied: " + why,
        WITHDRAWN);
  }

  /** The audit detail of a shelve: its end and the reason. */
  static String shelveDetail(Instant until, String reason) {
    return (until == null ? ONE_SHOT : UNTIL + until) + ": " + reason;
  }

  /** The detail of an action with an optional comment or reason. */
  static String detail(String comment) {
    return comment == null ? "" : comment;
  }

  /** Reads the alarm and notice actions of the trail's intact part. */
  Evidence evidence() {
    try {
      List<AuditRecord> records =
          trail.read(r -> r.action().startsWith("alarm.") || r.action().startsWith("notice."));
      return new Evidence(records);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the audit trail " + trail.file(), e);
    }
  }

  /** The audited operator actions, by target, to check restored rows against. */
  static final class Evidence {
    private final Map<String, List<AuditRecord>> byTarget = new HashMap<>();

    Evidence(List<AuditRecord> records) {
      Set<Long> withdrawn = new HashSet<>();
      for (AuditRecord record : records) {
        if (WITHDRAWN.equals(record.result())) {
          withdrawn.add(Long.parseLong(record.detail().split(" ", 3)[1]));
        }
      }
      for (AuditRecord record : records) {
        if (OK.equals(record.result()) && !withdrawn.contains(record.seq())) {
          byTarget.computeIfAbsent(record.target(), t -> new ArrayList<>()).add(record);
        }
      }
    }

    /**
     * Why the state a journal row claims is not backed by the audit, or null when it is (or when
     * the state is not an operator's to grant: raising alarms needs no one's word).
     */
    String unbacked(AlarmTransition row) {
      AlarmRecord alarm = row.alarm();
      return switch (alarm.state()) {
        case ACKNOWLEDGED_ACTIVE -> {
          Instant since = alarm.activeSince() == null ? Instant.EPOCH : alarm.activeSince();
          boolean acknowledged =
              actions(alarm.id(), row.time()).stream()
                  .anyMatch(
                      r ->
                          r.action().equals(Action.ACKNOWLEDGE.key)
                              && r.user().equals(alarm.acknowledgedBy())
                              && !r.time().isBefore(since));
          yield acknowledged
              ? null
              : "no audited acknowledgement by " + alarm.acknowledgedBy() + " since " + since;
        }
        case SHELVED -> {
          AuditRecord last = last(alarm.id(), row.time(), Action.SHELVE, Action.UNSHELVE);
          String until =
              row.oneShotShelve() || alarm.shelvedUntil() == null
                  ? ONE_SHOT
                  : UNTIL + alarm.shelvedUntil();
          yield last != null
                  && last.action().equals(Action.SHELVE.key)
                  && last.detail().startsWith(until + ": ")
              ? null
              : "no audited shelve " + until;
        }
        case OUT_OF_SERVICE -> {
          AuditRecord last =
              last(alarm.id(), row.time(), Action.REMOVE_FROM_SERVICE, Action.RETURN_TO_SERVICE);
          yield last != null && last.action().equals(Action.REMOVE_FROM_SERVICE.key)
              ? null
              : "no audited order to take it out of service";
        }
        default -> null;
      };
    }

    /** Why a closed notice's closure is not backed by the audit, or null when it is. */
    String unbacked(EnforcementNotice notice) {
      if (notice.status() != EnforcementNotice.Status.CLOSED) {
        return null;
      }
      boolean closed =
          actions(notice.id(), notice.closedAt()).stream()
              .anyMatch(
                  r ->
                      r.action().equals(Action.CLOSE_NOTICE.key)
                          && r.user().equals(notice.closedBy()));
      return closed ? null : "no audited closure by " + notice.closedBy();
    }

    /** The audited actions on a target up to a time, oldest first. */
    private List<AuditRecord> actions(String target, Instant until) {
      return byTarget.getOrDefault(target, List.of()).stream()
          .filter(r -> until == null || !r.time().isAfter(until))
          .toList();
    }

    /** The latest of these actions on a target up to a time, or null. */
    private AuditRecord last(String target, Instant until, Action... kinds) {
      AuditRecord last = null;
      for (AuditRecord record : actions(target, until)) {
        for (Action kind : kinds) {
          if (record.action().equals(kind.key)) {
            last = record;
          }
        }
      }
      return last;
    }
  }
}
