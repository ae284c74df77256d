package io.helan.alarms;

import io.helan.audit.Origin;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The ISA-18.2 state machine of every alarm the site defines: raises and clears alarms with their
 * on and off delays, applies operators' changes, expires shelves, and hands every transition to the
 * journal (a queue; the journal writes on its own thread) and to the notifier (likewise), in the
 * order the transitions happened.
 *
 * <p>Confined to the engine thread: every method but the reads runs there, so the alarms need no
 * locks and do no I/O. {@link #current()} and {@link #record} read the snapshots it publishes and
 * are safe from any thread.
 */
final class AlarmStateMachine {
  /** The user of transitions the state machine makes by itself. */
  static final String SYSTEM_USER = "system";

  private final AlarmCatalog catalog;
  private final AlarmJournal journal;
  private final AlarmNotifier notifier;
  private final ScheduledExecutorService timers;
  private final AlarmInstance[] instances;
  // the latest transition of every alarm that ever changed, by id
  private final ConcurrentHashMap<String, AlarmTransition> latest = new ConcurrentHashMap<>();
  private long lastTransitionMicros;

  /**
   * @param timers the engine thread, for on/off delays and shelve expiry
   */
  AlarmStateMachine(
      AlarmCatalog catalog,
      AlarmJournal journal,
      AlarmNotifier notifier,
      ScheduledExecutorService timers) {
    this.catalog = catalog;
    this.journal = journal;
    this.notifier = notifier;
    this.timers = timers;
    this.instances = new AlarmInstance[catalog.size()];
  }

  /** The raw condition of an alarm or its suppression changed (see {@link ConditionSink}). */
  void condition(
      int slot, boolean raw, boolean suppressed, double value, double limit, String note) {
    AlarmInstance alarm = instances[slot];
    if (alarm == null) {
      if (!raw) {
        return; // never went off: nothing to tell
      }
      alarm = instances[slot] = new AlarmInstance(catalog.definition(slot));
    }
    AlarmState before = alarm.state();
    if (!Double.isNaN(value)) {
      alarm.value = value;
    }
    alarm.limit = limit;
    alarm.note = note;
    Instant now = AlarmJournal.now();
    if (suppressed) {
      // Hidden by design: the condition follows the readings at once (delays only shape what
      // operators are shown), and nothing is annunciated.
      alarm.setSuppressed(true);
      alarm.raw = raw;
      alarm.generation++;
      alarm.setActive(raw, now);
    } else {
      if (alarm.suppressed) {
        // Back from calibration or maintenance: judge afresh, with the usual on delay, so the
        // tail of a span calibration does not annunciate.
        alarm.raw = false;
        alarm.generation++;
        alarm.setActive(false, now);
        alarm.setSuppressed(false);
      }
      applyRaw(alarm, raw, now);
    }
    publish(alarm, before, SYSTEM_USER, null, null, false);
  }

  /** A change of the raw condition takes effect after the alarm's on or off delay. */
  private void applyRaw(AlarmInstance alarm, boolean raw, Instant now) {
    if (raw == alarm.raw) {
      return;
    }
    alarm.raw = raw;
    long generation = ++alarm.generation;
    if (raw == alarm.active) {
      return; // a pending change was overtaken
    }
    AlarmDefinition definition = alarm.definition;
    long delay = raw ? definition.onDelayMs() : definition.offDelayMs();
    if (delay <= 0) {
      alarm.setActive(raw, now);
    } else {
      timers.schedule(() -> delayElapsed(alarm, generation), delay, TimeUnit.MILLISECONDS);
    }
  }

  /** An on or off delay ran out; it counts only if the raw condition held all along. */
  private void delayElapsed(AlarmInstance alarm, long generation) {
    if (alarm.generation != generation) {
      return;
    }
    AlarmState before = alarm.state();
    alarm.setActive(alarm.raw, AlarmJournal.now());
    publish(alarm, before, SYSTEM_USER, null, null, false);
  }

  /**
   * Tries an operator's change on a copy of the alarm.
   *
   * @throws IllegalStateException when the alarm's state does not allow it
   */
  void tryChange(AlarmDefinition definition, Consumer<AlarmInstance> change) {
    change.accept(instance(definition).copy());
  }

  /**
   * Applies an operator's change and journals it as that user's, even when the state stays (a
   * re-shelve or a comment is worth a line in the journal).
   *
   * @return the alarm's new record
   */
  AlarmRecord change(
      AlarmDefinition definition,
      Consumer<AlarmInstance> change,
      String user,
      Origin origin,
      String reason) {
    AlarmInstance alarm = instance(definition);
    AlarmState before = alarm.state();
    long shelve = alarm.shelveGeneration;
    change.accept(alarm);
    if (alarm.shelveGeneration != shelve && alarm.shelved && alarm.shelvedUntil != null) {
      scheduleShelveExpiry(alarm);
    }
    publish(alarm, before, user, origin, reason, true);
    return latest.get(definition.id()).alarm();
  }

  private void scheduleShelveExpiry(AlarmInstance alarm) {
    long generation = alarm.shelveGeneration;
    long delay = Math.max(0, Duration.between(AlarmJournal.now(), alarm.shelvedUntil).toMillis());
    timers.schedule(
        () -> {
          if (alarm.shelved && alarm.shelveGeneration == generation) {
            AlarmState before = alarm.state();
            alarm.unshelve();
            publish(alarm, before, SYSTEM_USER, null, "shelve expired", true);
          }
        },
        delay,
        TimeUnit.MILLISECONDS);
  }

  /**
   * Takes in what the journal gave back at start: the alarms that were not normal, and those to
   * journal afresh because their latest row was rejected.
   */
  void restore(AlarmRestore.Restored restored) {
    for (AlarmInstance alarm : restored.alarms()) {
      instances[alarm.definition.slot()] = alarm;
      latest.put(
          alarm.definition.id(), transition(alarm, alarm.changed, SYSTEM_USER, null, "restored"));
      if (alarm.shelved && alarm.shelvedUntil != null) {
        scheduleShelveExpiry(alarm);
      }
    }
    for (AlarmInstance alarm : restored.superseding()) {
      publish(alarm, null, SYSTEM_USER, null, "restored past a rejected journal row", true);
    }
  }

  /**
   * Takes the alarm's state from the latest transition another cluster member made (it polled the
   * alarm's device until it died or let it go), as a restart takes it from the journal: an
   * acknowledged alarm stays acknowledged, a shelve keeps its end. Journaled and told as a
   * transition of the system, with the state unchanged.
   */
  void adopt(AlarmDefinition definition, AlarmTransition theirs, String reason) {
    AlarmInstance alarm = instance(definition);
    alarm.restoreFrom(theirs);
    if (alarm.shelved && alarm.shelvedUntil != null) {
      scheduleShelveExpiry(alarm);
    }
    publish(alarm, null, SYSTEM_USER, null, reason, true);
  }

  /**
   * Raises and at once returns an alarm that marks an event rather than a lasting condition: it
   * waits for an operator's acknowledgement, with the value and note given.
   */
  void event(int slot, double value, String note) {
    AlarmInstance alarm = instance(catalog.definition(slot));
    alarm.value = value;
    alarm.note = note;
    for (boolean active : new boolean[] {true, false}) {
      AlarmState before = alarm.state();
      alarm.setActive(active, AlarmJournal.now());
      publish(alarm, before, SYSTEM_USER, null, null, false);
    }
  }

  /** Journals and announces the alarm if its state changed, or always when asked to. */
  private void publish(
      AlarmInstance alarm,
      AlarmState before,
      String user,
      Origin origin,
      String reason,
      boolean always) {
    if (alarm.state() == before && !always) {
      return;
    }
    Instant time = nextTransitionTime();
    alarm.changed = time;
    AlarmTransition transition = transition(alarm, time, user, origin, reason);
    latest.put(alarm.definition.id(), transition);
    journal.append(transition);
    notifier.changed(transition);
  }

  private static AlarmTransition transition(
      AlarmInstance alarm, Instant time, String user, Origin origin, String reason) {
    return new AlarmTransition(
        time,
        alarm.record(),
        alarm.active,
        alarm.shelved && alarm.oneShot,
        alarm.outOfService,
        user,
        origin == null ? null : origin.channel() + " " + origin.address(),
        reason);
  }

  /** Journal times are unique and increasing, so the journal's order is the order of events. */
  private Instant nextTransitionTime() {
    long micros = Math.max(AlarmJournal.micros(AlarmJournal.now()), lastTransitionMicros + 1);
    lastTransitionMicros = micros;
    return AlarmJournal.instant(micros);
  }

  /** The alarm's live state, created in NORMAL when it never went off. */
  private AlarmInstance instance(AlarmDefinition definition) {
    AlarmInstance alarm = instances[definition.slot()];
    if (alarm == null) {
      alarm = instances[definition.slot()] = new AlarmInstance(definition);
    }
    return alarm;
  }

  // ---- reads, from any thread ----

  /** Alarms not in NORMAL state, in display order (priority, unacknowledged first, newest). */
  List<AlarmRecord> current() {
    List<AlarmRecord> current = new ArrayList<>();
    for (AlarmTransition transition : latest.values()) {
      if (transition.alarm().state() != AlarmState.NORMAL) {
        current.add(transition.alarm());
      }
    }
    current.sort(AlarmRecord.DISPLAY_ORDER);
    return current;
  }

  /** The alarm's latest record, or null when it never changed. */
  AlarmRecord record(String alarmId) {
    AlarmTransition transition = latest.get(alarmId);
    return transition == null ? null : transition.alarm();
  }

  /** The alarm's latest transition, or null when it never changed. */
  AlarmTransition latest(String alarmId) {
    return latest.get(alarmId);
  }
}
