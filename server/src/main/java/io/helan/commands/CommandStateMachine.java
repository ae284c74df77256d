package io.helan.commands;

import io.helan.config.CommandDefinition;
import io.helan.ingest.DeviceMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;

/**
 * The commands in memory: the latest record of each, in the order they were requested, and what an
 * open (not final) command needs besides its record. The service decides every state change while
 * it holds this object's monitor and records it (audit, journal, listeners) after letting go; so
 * the state here may be a step ahead of the disk, never behind what anyone was told. Nothing here
 * writes, waits or calls out.
 */
final class CommandStateMachine {

  /** What an open command needs besides its record. */
  static final class Running {
    final CommandDefinition definition;

    /** Selection expiry, answer timeout or effect end, whichever is armed. */
    ScheduledFuture<?> timer;

    /** The operate request waiting for the device's answer, once operated. */
    CompletableFuture<CommandRecord> operated;

    /** The device's mode before this command changed it; restored when its effect ends. */
    DeviceMode modeBefore;

    /** What the device reported when it ended the effect before its answer was recorded. */
    String reportedOver;

    Running(CommandDefinition definition) {
      this.definition = definition;
    }
  }

  private final Map<String, CommandRecord> commands = new HashMap<>();
  private final List<String> requestOrder = new ArrayList<>();
  private final Map<String, Running> running = new HashMap<>();

  /** Takes the commands of the journal, as they were at the last stop. */
  synchronized void load(List<CommandRecord> stored) {
    for (CommandRecord record : stored) {
      if (commands.put(record.id(), record) == null) {
        requestOrder.add(record.id());
      }
    }
  }

  synchronized CommandRecord record(String commandId) {
    return commands.get(commandId);
  }

  /** What runs with an open command, or null once it is final (or was loaded open at start). */
  synchronized Running running(String commandId) {
    return running.get(commandId);
  }

  /** Commands newest first, at most {@code limit}. */
  synchronized List<CommandRecord> recent(int limit) {
    List<CommandRecord> newest = new ArrayList<>();
    for (int i = requestOrder.size() - 1; i >= 0 && newest.size() < limit; i--) {
      newest.add(commands.get(requestOrder.get(i)));
    }
    return newest;
  }

  /** The device's open commands other than {@code exceptCommandId}. */
  synchronized List<CommandRecord> open(String deviceId, String exceptCommandId) {
    List<CommandRecord> open = new ArrayList<>();
    for (String id : running.keySet()) {
      CommandRecord other = commands.get(id);
      if (!id.equals(exceptCommandId) && other.deviceId().equals(deviceId)) {
        open.add(other);
      }
    }
    return open;
  }

  /** Every open command's extras, for stopping. */
  synchronized List<Running> allRunning() {
    return List.copyOf(running.values());
  }

  /**
   * Takes a command's new state. A new SELECTED command starts running with its definition; a final
   * state ends what ran with it, which is returned (to stop its timer), else null.
   */
  synchronized Running apply(CommandRecord record, CommandDefinition definition) {
    if (commands.put(record.id(), record) == null) {
      requestOrder.add(record.id());
    }
    if (record.state() == CommandState.SELECTED && !running.containsKey(record.id())) {
      running.put(record.id(), new Running(definition));
    }
    return record.state().isFinal() ? running.remove(record.id()) : null;
  }

  /**
   * Undoes a state change that could not be recorded, unless another has followed it: back to
   * {@code previous} (with what ran with it), or forgotten if the command was new.
   */
  synchronized void revert(CommandRecord failed, CommandRecord previous, Running ended) {
    if (commands.get(failed.id()) != failed) {
      return;
    }
    if (previous == null) {
      commands.remove(failed.id());
      requestOrder.remove(failed.id());
      running.remove(failed.id());
      return;
    }
    commands.put(previous.id(), previous);
    if (ended != null) {
      running.put(previous.id(), ended);
    }
  }
}
