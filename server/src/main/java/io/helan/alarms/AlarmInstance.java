package io.helan.alarms;

import java.time.Instant;

/**
 * The live state of one alarm after ISA-18.2, owned by the engine thread.
 *
 * <p>Three things are kept apart: the condition (active after on/off delays), the annunciation
 * (normal, unacknowledged active, acknowledged active, returned unacknowledged) and the suppressive
 * states (out of service, shelved, suppressed by design), which outrank the annunciation in that
 * order. An alarm hidden by a suppressive state is not annunciated; when it comes back it is
 * annunciated afresh if its condition is still active, so nothing that happened meanwhile is lost
 * and nothing stale is shown.
 */
final class AlarmInstance {
  final AlarmDefinition definition;

  /** The condition as last reported, before delays. */
  boolean raw;

  /** Bumped on every raw change, so a delay that has been overtaken does nothing. */
  long generation;

  /** The condition after on/off delays: what the alarm is about. */
  boolean active;

  boolean suppressed;
  boolean shelved;
  boolean oneShot;
  Instant shelvedUntil;
  long shelveGeneration;
  boolean outOfService;
  AlarmState annunciation = AlarmState.NORMAL;

  double value = Double.NaN;
  double limit = Double.NaN;
  String note;
  Instant activeSince;
  Instant changed;
  String acknowledgedBy;

  AlarmInstance(AlarmDefinition definition) {
    this.definition = definition;
    this.limit = definition.limit();
  }

  /** A copy to try a change on without touching the live alarm. */
  AlarmInstance copy() {
    AlarmInstance copy = new AlarmInstance(definition);
    copy.raw = raw;
    copy.generation = generation;
    copy.active = active;
    copy.suppressed = suppressed;
    copy.shelved = shelved;
    copy.oneShot = oneShot;
    copy.shelvedUntil = shelvedUntil;
    copy.shelveGeneration = shelveGeneration;
    copy.outOfService = outOfService;
    copy.annunciation = annunciation;
    copy.value = value;
    copy.limit = limit;
    copy.note = note;
    copy.activeSince = activeSince;
    copy.changed = changed;
    copy.acknowledgedBy = acknowledgedBy;
    return copy;
  }

  /**
   * Takes the state a journal entry left the alarm in (a restart, or a cluster member taking over
   * the alarm's device): condition, annunciation and the suppressive states, with who acknowledged.
   * Delays and shelve expiries pending on the alarm no longer count.
   */
  void restoreFrom(AlarmTransition entry) {
    AlarmRecord saved = entry.alarm();
    generation++;
    shelveGeneration++;
    active = entry.conditionActive();
    raw = active;
    outOfService = entry.outOfService();
    shelved = saved.shelvedUntil() != null || entry.oneShotShelve();
    oneShot = entry.oneShotShelve();
    shelvedUntil = saved.shelvedUntil();
    suppressed = saved.state() == AlarmState.SUPPRESSED_BY_DESIGN;
    annunciation =
        switch (saved.state()) {
          case UNACKNOWLEDGED_ACTIVE, ACKNOWLEDGED_ACTIVE, RETURNED_UNACKNOWLEDGED -> saved.state();
          default -> AlarmState.NORMAL;
        };
    value = saved.value();
    limit = saved.limit();
    activeSince = saved.activeSince();
    changed = saved.changed();
    acknowledgedBy = saved.acknowledgedBy();
  }

  /** What operators see. */
  AlarmState state() {
    if (outOfService) {
      return AlarmState.OUT_OF_SERVICE;
    }
    if (shelved) {
      return AlarmState.SHELVED;
    }
    if (suppressed && active) {
      return AlarmState.SUPPRESSED_BY_DESIGN;
    }
    return annunciation;
  }

  private boolean annunciating() {
    return !outOfService && !shelved && !suppressed;
  }

  /** The condition changed (after delays). */
  void setActive(boolean now, Instant time) {
    if (now == active) {
      return;
    }
    active = now;
    if (now) {
      activeSince = time;
    }
    if (annunciating()) {
      if (now) {
        annunciation = AlarmState.UNACKNOWLEDGED_ACTIVE;
        acknowledgedBy = null;
      } else if (annunciation == AlarmState.ACKNOWLEDGED_ACTIVE) {
        annunciation = AlarmState.NORMAL;
      } else if (annunciation == AlarmState.UNACKNOWLEDGED_ACTIVE) {
        annunciation = AlarmState.RETURNED_UNACKNOWLEDGED;
      }
    } else if (!now && shelved && oneShot) {
      // a one-shot shelve lasts until the alarm next returns to normal
      shelved = false;
      oneShot = false;
      annunciation = AlarmState.NORMAL;
    }
  }

  void setSuppressed(boolean now) {
    if (now == suppressed) {
      return;
    }
    suppressed = now;
    reannunciate();
  }

  void acknowledge(String user) {
    switch (state()) {
      case UNACKNOWLEDGED_ACTIVE -> annunciation = AlarmState.ACKNOWLEDGED_ACTIVE;
      case RETURNED_UNACKNOWLEDGED -> annunciation = AlarmState.NORMAL;
      default ->
          throw new IllegalStateException(
              "alarm " + definition.id() + " is " + state() + ": nothing to acknowledge");
    }
    acknowledgedBy = user;
  }

  /** Shelves until {@code until}, or until the alarm next returns to normal when null. */
  void shelve(Instant until) {
    if (outOfService) {
      throw new IllegalStateException("alarm " + definition.id() + " is out of service");
    }
    shelved = true;
    oneShot = until == null;
    shelvedUntil = until;
    shelveGeneration++;
    annunciation = AlarmState.NORMAL;
  }

  void unshelve() {
    if (!shelved) {
      throw new IllegalStateException("alarm " + definition.id() + " is not shelved");
    }
    shelved = false;
    oneShot = false;
    shelvedUntil = null;
    shelveGeneration++;
    reannunciate();
  }

  void removeFromService() {
    if (outOfService) {
      throw new IllegalStateException("alarm " + definition.id() + " is already out of service");
    }
    outOfService = true;
    annunciation = AlarmState.NORMAL;
  }

  void returnToService() {
    if (!outOfService) {
      throw new IllegalStateException("alarm " + definition.id() + " is in service");
    }
    outOfService = false;
    reannunciate();
  }

  /** Leaving a suppressive state (or entering one): announce afresh what is still there. */
  private void reannunciate() {
    annunciation = annunciating() && active ? AlarmState.UNACKNOWLEDGED_ACTIVE : AlarmState.NORMAL;
    if (annunciation == AlarmState.UNACKNOWLEDGED_ACTIVE) {
      acknowledgedBy = null;
    }
  }

  AlarmRecord record() {
    return new AlarmRecord(
        definition.id(),
        definition.source(),
        definition.stationId(),
        definition.kind(),
        definition.priority(),
        state(),
        value,
        limit,
        AlarmMessages.message(this),
        activeSince,
        changed,
        acknowledgedBy,
        shelved ? shelvedUntil : null);
  }
}
