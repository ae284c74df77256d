package io.helan.reports;

import io.helan.alarms.AlarmJournal;
import io.helan.alarms.AlarmRecord;
import io.helan.commands.CommandRecord;
import io.helan.commands.CommandService;
import java.time.Instant;
import java.util.List;

/**
 * What happened at the stations besides their data, for the reports: the alarms raised and the
 * commands sent (calibrations among them).
 */
public interface ReportActivity {
  /** No alarms and no commands: a report of the data alone. */
  ReportActivity NONE =
      new ReportActivity() {
        @Override
        public List<AlarmRecord> alarmsRaised(Instant from, Instant to) {
          return List.of();
        }

        @Override
        public List<CommandRecord> commands() {
          return List.of();
        }
      };

  /** The alarms raised as the alarm journal holds them, the commands as the command service. */
  static ReportActivity of(AlarmJournal journal, CommandService commands) {
    return new ReportActivity() {
      @Override
      public List<AlarmRecord> alarmsRaised(Instant from, Instant to) {
        return journal.raised(from, to);
      }

      @Override
      public List<CommandRecord> commands() {
        return commands.recent(Integer.MAX_VALUE);
      }
    };
  }

  /** Every alarm raised in [from, to), as it stood when raised, oldest first. */
  List<AlarmRecord> alarmsRaised(Instant from, Instant to);

  /** Every command known, each in its latest state, in any order. */
  List<CommandRecord> commands();
}
