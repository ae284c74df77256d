package io.helan.alarms;

import io.helan.alarms.AlarmJournal.JournalRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds at start the alarms that were not normal at the last stop, from the latest journal row
 * of each.
 *
 * <p>A row that cannot be used (unreadable, not matching the site's alarm of that id, or claiming
 * an operator's action that the audit trail does not record) is rejected, and the alarm is rebuilt
 * from its newest usable row before it instead, which may leave it normal. Such alarms are
 * journaled afresh once the engine runs, so the rejected row is no longer the latest and the next
 * start does not trip over it again; the rejected row itself stays in the journal as evidence.
 */
final class AlarmRestore {
  private static final Logger LOG = LoggerFactory.getLogger(AlarmRestore.class);

  /** How far back an alarm's history is searched for a usable row. */
  private static final int EARLIER_ROWS = 100;

  private final AlarmCatalog catalog;
  private final AlarmJournal journal;
  private final JournalRejects rejects;
  private final AlarmAudit.Evidence evidence;

  /**
   * What the journal gave back.
   *
   * @param alarms the alarms to restore (none of them normal)
   * @param superseding the alarms, normal ones included, whose latest row was rejected: the engine
   *     journals them as they now stand
   */
  record Restored(List<AlarmInstance> alarms, List<AlarmInstance> superseding) {}

  AlarmRestore(
      AlarmCatalog catalog,
      AlarmJournal journal,
      JournalRejects rejects,
      AlarmAudit.Evidence evidence) {
    this.catalog = catalog;
    this.journal = journal;
    this.rejects = rejects;
    this.evidence = evidence;
  }

  Restored run() {
    List<AlarmInstance> alarms = new ArrayList<>();
    List<AlarmInstance> superseding = new ArrayList<>();
    for (JournalRow row : journal.latestAbnormal()) {
      Optional<AlarmDefinition> definition =
          Optional.ofNullable(row.alarmId()).flatMap(catalog::byId);
      if (row.readable() && definition.isEmpty()) {
        LOG.warn(
            "Alarm {} is in the journal but no longer in the site: not restored", row.alarmId());
        continue;
      }
      String problem = problem(row, definition);
      if (problem == null) {
        alarms.add(instance(definition.get(), row));
        continue;
      }
      rejects.reject(row.describe(), problem);
      if (definition.isPresent() && row.time() != null) {
        AlarmInstance alarm = fromEarlierRows(definition.get(), row);
        superseding.add(alarm);
        if (alarm.state() != AlarmState.NORMAL) {
          alarms.add(alarm);
        }
      }
    }
    return new Restored(alarms, superseding);
  }

  /** The alarm as its newest usable row before the rejected one left it, else normal. */
  private AlarmInstance fromEarlierRows(AlarmDefinition definition, JournalRow rejected) {
    for (JournalRow row : journal.rowsBefore(definition.id(), rejected.time(), EARLIER_ROWS)) {
      if (problem(row, Optional.of(definition)) == null) {
        LOG.info(
            "Alarm {} restored from its journal row at {} instead", definition.id(), row.time());
        return instance(definition, row);
      }
    }
    return new AlarmInstance(definition);
  }

  /** Why the row cannot be restored, or null when it can. */
  private String problem(JournalRow row, Optional<AlarmDefinition> definition) {
    if (!row.readable()) {
      return row.problem();
    }
    AlarmRecord saved = row.transition().alarm();
    AlarmDefinition alarm = definition.orElseThrow();
    if (saved.kind() != alarm.kind() || !saved.source().equals(alarm.source())) {
      return "its source and kind ("
          + saved.source()
          + ", "
          + saved.kind()
          + ") are not those of the site's alarm "
          + alarm.id();
    }
    return evidence.unbacked(row.transition());
  }

  /**
   * The notices as the journal keeps them; a closure the audit does not back is rejected and the
   * notice stays open.
   */
  List<EnforcementNotice> notices() {
    List<EnforcementNotice> notices = new ArrayList<>();
    for (EnforcementNotice notice : journal.notices(rejects)) {
      String problem = evidence.unbacked(notice);
      if (problem == null) {
        notices.add(notice);
      } else {
        rejects.reject(AlarmJournal.NOTICE_TABLE + " row of notice " + notice.id(), problem);
        notices.add(notice.reopened());
      }
    }
    return notices;
  }

  private static AlarmInstance instance(AlarmDefinition definition, JournalRow row) {
    AlarmInstance alarm = new AlarmInstance(definition);
    alarm.restoreFrom(row.transition());
    return alarm;
  }
}
