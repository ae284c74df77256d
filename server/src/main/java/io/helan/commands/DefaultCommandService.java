package io.helan.commands;

import io.helan.audit.AuditTrail;
import io.helan.audit.Origin;
import io.helan.auth.Role;
import io.helan.auth.User;
import io.helan.commands.CommandStateMachine.Running;
import io.helan.config.CommandDefinition;
import io.helan.config.CommandKind;
import io.helan.config.Device;
import io.helan.config.RunningWhile;
import io.helan.config.Site;
import io.helan.driver.CommandOutcome;
import io.helan.driver.DeviceCommand;
import io.helan.driver.DeviceLink;
import io.helan.field.FieldLinks;
import io.helan.ingest.DeviceMode;
import io.helan.ingest.DeviceModes;
import io.helan.ingest.IngestPipeline;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The command lifecycle: select (authorise, check parameters and interlocks, arm for a limited
 * time), operate by the same user, send through the device's driver, wait for its answer, hold the
 * device mode (C, M) until the device reports the effect over, complete.
 *
 * <p>Each step is decided under the monitor of the {@link CommandStateMachine} with the {@link
 * CommandRules}, then recorded by the {@link CommandRecorder} (audit trail, fsync'ed journal,
 * listeners) with no lock held, and only once it is recorded does anything further happen: the
 * device is told only after SENT is on disk, a caller hears only of recorded states. A step that
 * cannot be recorded is undone in memory. At start, commands that were in flight when the server
 * stopped become UNKNOWN and are not sent again. Timers and device answers run on the service's own
 * thread, driver calls on a separate pool, never on an event loop.
 */
public final class DefaultCommandService implements CommandService, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DefaultCommandService.class);
  private static final String SYSTEM = "system";

  private final Site site;
  private final FieldLinks links;
  private final IngestPipeline ingest;
  private final DeviceModes modes;
  private final AuditTrail audit;
  private final CommandJournal journal;
  private final CommandRecorder recorder;
  private final CommandSettings settings;
  private final CommandStateMachine machine = new CommandStateMachine();
  private final EffectWatch effects = new EffectWatch(this::effectReported);
  private ScheduledExecutorService timers;
  private ExecutorService senders;
  private volatile Function<String, String> nodeInterlock = deviceId -> null;

  /**
   * A state change decided under the lock and queued for recording.
   *
   * @param previous the command's record before, null for a new command
   * @param ended what ran with the command, when the change made it final
   */
  private record Change(
      CommandRecord record,
      CommandRecord previous,
      Running ended,
      CompletableFuture<CommandRecord> recorded) {}

  public DefaultCommandService(
      Site site,
      FieldLinks links,
      IngestPipeline ingest,
      AuditTrail audit,
      Path dataDir,
      CommandSettings settings) {
    this.site = site;
    this.links = links;
    this.ingest = ingest;
    this.modes = ingest.deviceModes();
    this.audit = audit;
    this.journal = new CommandJournal(dataDir);
    this.recorder = new CommandRecorder(audit, journal);
    this.settings = settings;
  }

  /**
   * Loads the journal, restores the modes that completed commands left devices in (maintenance,
   * emergency measurement), and turns what was in flight at the last stop into UNKNOWN (sent or
   * acknowledged) or EXPIRED (only selected). Call before the field links start.
   */
  public void start() throws IOException {
    List<CommandRecord> stored = journal.open();
    machine.load(stored);
    restoreLastingModes(stored);
    timers = Executors.newSingleThreadScheduledExecutor(daemonThreads("helan-commands"));
    senders = Executors.newCachedThreadPool(daemonThreads("helan-command-send"));
    ingest.addListener(effects);
    int unknown = 0;
    for (CommandRecord record : stored) {
      if (record.state().isFinal()) {
        continue;
      }
      Change change;
      synchronized (machine) {
        if (record.state() == CommandState.SELECTED) {
          change =
              bySystem(
                  record.moved(
                      CommandState.EXPIRED,
                      "selection lost: the server restarted before it was operated",
                      now()),
                  "command.expire");
        } else {
          unknown++;
          change =
              bySystem(
                  record.moved(
                      CommandState.UNKNOWN,
                      "was "
                          + record.state()
                          + " when the server stopped: outcome not known, not sent again; check"
                          + " the device",
                      now()),
                  "command.unknown");
        }
      }
      recorded(change);
    }
    LOG.info(
        "Commands: {} loaded from {}, {} in flight at the last stop now UNKNOWN",
        stored.size(),
        journal.file(),
        unknown);
  }

  /**
   * An interlock of this node rather than of the device, checked before all others at select and at
   * operate: given a device id, why this node must not command it now (a cluster node cut off from
   * the majority, a device another node polls), or null.
   */
  public void nodeInterlock(Function<String, String> interlock) {
    this.nodeInterlock = interlock;
  }

  @Override
  public CommandRecord select(
      User user, Origin origin, String deviceId, String commandId, Map<String, Double> parameters) {
    requireStarted();
    Map<String, Double> given = new LinkedHashMap<>();
    List<String> notNumbers = new ArrayList<>();
    if (parameters != null) {
      parameters.forEach(
          (name, value) -> {
            if (name == null || value == null) {
              notNumbers.add(String.valueOf(name));
            } else {
              given.put(name, value);
            }
          });
    }
    Optional<Device> device = site.device(deviceId);
    CommandDefinition definition = device.flatMap(d -> definition(d, commandId)).orElse(null);
    Change change;
    synchronized (machine) {
      Instant now = now();
      CommandRecord request =
          new CommandRecord(
              UUID.randomUUID().toString(),
              String.valueOf(deviceId),
              String.valueOf(commandId),
              definition == null ? null : definition.kind(),
              given,
              user.name(),
              origin,
              CommandState.SELECTED,
              null,
              "",
              now,
              now,
              null);
      CommandRecord outcome;
      if (device.isEmpty()) {
        outcome =
            request.refused(CommandRefusal.UNKNOWN_TARGET, "no device '" + deviceId + "'", now);
      } else if (definition == null) {
        outcome =
            request.refused(
                CommandRefusal.UNKNOWN_TARGET,
                "device "
                    + deviceId
                    + " offers no command '"
                    + commandId
                    + "'; it offers "
                    + device.get().commands().stream()
                        .map(CommandDefinition::id)
                        .collect(Collectors.joining(", ")),
                now);
      } else {
        outcome = checkAndArm(user, request, device.get(), definition, given, notNumbers, now);
      }
      change = decide(outcome, definition, user.name(), origin, "command.select");
    }
    CommandRecord outcome = recorded(change);
    if (outcome.state() == CommandState.SELECTED) {
      armExpiry(outcome.id(), settings.selectionTimeout());
    }
    return outcome;
  }

  /** Authorisation, parameters and interlocks, in that order; the first failure refuses. */
  private CommandRecord checkAndArm(
      User user,
      CommandRecord request,
      Device device,
      CommandDefinition definition,
      Map<String, Double> given,
      List<String> notNumbers,
      Instant now) {
    String unauthorised = unauthorised(user, device, definition.kind());
    if (unauthorised != null) {
      return request.refused(CommandRefusal.NOT_AUTHORISED, unauthorised, now);
    }
    Map<String, Double> effective;
    try {
      if (!notNumbers.isEmpty()) {
        throw new IllegalArgumentException("parameters " + notNumbers + " must be numbers");
      }
      effective = CommandRules.effectiveParameters(definition, given);
    } catch (IllegalArgumentException e) {
      return request.refused(CommandRefusal.BAD_PARAMETER, e.getMessage(), now);
    }
    CommandRecord armed =
        new CommandRecord(
            request.id(),
            request.deviceId(),
            request.commandId(),
            request.kind(),
            effective,
            request.user(),
            request.origin(),
            CommandState.SELECTED,
            null,
            "armed until " + now.plus(settings.selectionTimeout()) + ": operate to confirm",
            now,
            now,
            null);
    String interlock = interlock(device, definition.kind(), definition.id(), null);
    if (interlock != null) {
      return armed.refused(CommandRefusal.INTERLOCK, interlock, now);
    }
    return armed;
  }

  @Override
  public CompletableFuture<CommandRecord> operate(User user, Origin origin, String commandId) {
    requireStarted();
    CommandRecord record;
    AttemptRefusal refusal;
    Change change = null;
    Running run = null;
    DeviceLink link = null;
    synchronized (machine) {
      record = machine.record(commandId);
      refusal = attemptRefusal(user, commandId, record, false);
      if (refusal == null) {
        Instant now = now();
        Device device = site.device(record.deviceId()).orElseThrow();
        // role and interlocks again: either may have changed since the selection
        String unauthorised = unauthorised(user, device, record.kind());
        String why =
            unauthorised != null
                ? unauthorised
                : interlock(device, record.kind(), record.commandId(), commandId);
        if (!now.isBefore(record.updated().plus(settings.selectionTimeout()))) {
          change = bySystem(expired(record, now), "command.expire");
        } else if (why != null) {
          CommandRefusal refused =
              unauthorised != null ? CommandRefusal.NOT_AUTHORISED : CommandRefusal.INTERLOCK;
          change =
              decide(
                  record.refused(refused, why, now), null, user.name(), origin, "command.operate");
        } else {
          run = machine.running(commandId);
          run.timer.cancel(false);
          DeviceMode during = CommandRules.modeWhileRunning(record.kind());
          if (during != null) {
            run.modeBefore = modes.mode(device.id());
            modes.set(device.id(), during);
          }
          link = links.link(device.id()).orElseThrow();
          run.operated = new CompletableFuture<>();
          change =
              decide(
                  record.moved(
                      CommandState.SENT,
                      "operated by " + user.name() + ", sent to the device",
                      now),
                  null,
                  user.name(),
                  origin,
                  "command.operate");
        }
      }
    }
    if (refusal != null) {
      return CompletableFuture.failedFuture(
          refuseAttempt(user, origin, "command.operate", commandId, record, refusal));
    }
    if (run == null) {
      return CompletableFuture.completedFuture(recorded(change));
    }
    CommandRecord sent;
    try {
      sent = recorded(change);
    } catch (RuntimeException e) {
      synchronized (machine) {
        restoreMode(run, record.deviceId());
      }
      armExpiry(
          commandId, Duration.between(now(), record.updated().plus(settings.selectionTimeout())));
      throw e;
    }
    // SENT is on disk: now the device may be told.
    RunningWhile report = run.definition.runningWhile();
    if (report != null) {
      effects.watch(commandId, site.point(report.pointId()).orElseThrow().index(), report);
    }
    DeviceCommand command = new DeviceCommand(run.definition, sent.parameters());
    // The timeout is armed before the answer can come: with a zero timeout it always wins.
    arm(commandId, settings.answerTimeout(), () -> answerTimedOut(commandId));
    DeviceLink sendThrough = link;
    senders.execute(() -> send(commandId, sendThrough, command));
    return run.operated;
  }

  @Override
  public CommandRecord cancel(User user, Origin origin, String commandId) {
    requireStarted();
    CommandRecord record;
    AttemptRefusal refusal;
    Change change = null;
    synchronized (machine) {
      record = machine.record(commandId);
      refusal = attemptRefusal(user, commandId, record, true);
      if (refusal == null) {
        change =
            decide(
                record.moved(CommandState.CANCELLED, "cancelled by " + user.name(), now()),
                null,
                user.name(),
                origin,
                "command.cancel");
      }
    }
    if (refusal != null) {
      throw refuseAttempt(user, origin, "command.cancel", commandId, record, refusal);
    }
    return recorded(change);
  }

  @Override
  public Optional<CommandRecord> command(String commandId) {
    return Optional.ofNullable(machine.record(commandId));
  }

  @Override
  public List<CommandRecord> recent(int limit) {
    return machine.recent(limit);
  }

  @Override
  public void addListener(Consumer<CommandRecord> listener) {
    recorder.addListener(listener);
  }

  /** Stops the timers; commands still in flight are found UNKNOWN at the next start. */
  @Override
  public void close() {
    if (timers != null) {
      timers.shutdownNow();
      senders.shutdownNow();
    }
    recorder.close();
    journal.close();
    for (Running run : machine.allRunning()) {
      if (run.operated != null) {
        run.operated.completeExceptionally(new IllegalStateException("server stopping"));
      }
    }
  }

  // --- the device's side -----------------------------------------------------------------

  /** Runs on a sender thread: a driver may block in execute() while it writes. */
  private void send(String commandId, DeviceLink link, DeviceCommand command) {
    CompletableFuture<CommandOutcome> answer;
    try {
      answer = link.execute(command);
    } catch (RuntimeException e) {
      answer = CompletableFuture.failedFuture(e);
    }
    answer.whenCompleteAsync(
        (outcome, error) -> logged(commandId, () -> answered(commandId, outcome, error)).run(),
        timers);
  }

  private void answered(String commandId, CommandOutcome outcome, Throwable error) {
    Throwable cause =
        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    if (cause == null && outcome == null) {
      cause = new IllegalStateException("the driver gave no answer");
    }
    boolean accepted = cause == null && outcome.accepted();
    String answer =
        cause != null
            ? CommandRecord.NOT_DELIVERED + cause.getMessage()
            : (accepted ? "the device accepted: " : "the device refused: ") + outcome.detail();
    CommandRecord record;
    Running run;
    Change change = null;
    synchronized (machine) {
      record = machine.record(commandId);
      run = machine.running(commandId);
      if (record.state() == CommandState.SENT) {
        Instant now = now();
        if (!accepted) {
          restoreMode(run, record.deviceId());
          change = bySystem(record.moved(CommandState.FAILED, answer, now), "command.fail");
        } else {
          CommandRecord acknowledged =
              record.kind().hasEffectPeriod()
                  ? record.inEffectUntil(answer, now, now.plusSeconds(durationSeconds(record)))
                  : record.moved(CommandState.ACKNOWLEDGED, answer, now);
          change = bySystem(acknowledged, "command.acknowledge");
        }
      }
    }
    if (change == null) {
      LOG.warn(
          "Late answer to command {} on {}, already {}: {}",
          commandId,
          record.deviceId(),
          record.state(),
          answer);
      audit.append(
          SYSTEM,
          Origin.SYSTEM,
          "command.late-answer",
          CommandRecorder.target(record),
          "command " + commandId + ": " + answer,
          record.state().name());
      return;
    }
    // The answer timeout stays armed until the answer is recorded: should recording fail, the
    // command still ends, TIMED_OUT, instead of holding the device for good.
    CommandRecord acknowledged = recorded(change);
    if (!accepted) {
      return;
    }
    if (record.kind().hasEffectPeriod()) {
      completeLater(run.operated, acknowledged);
      holdForTheEffect(commandId, run, acknowledged);
    } else {
      completeInstantaneous(commandId);
    }
  }

  /**
   * The device accepted a command with an effect period: the command stays ACKNOWLEDGED until the
   * device reports the effect over (or, without such a report, the period is over).
   */
  private void holdForTheEffect(String commandId, Running run, CommandRecord acknowledged) {
    long seconds = durationSeconds(acknowledged);
    String reportedOver;
    synchronized (machine) {
      if (machine.record(commandId).state() != CommandState.ACKNOWLEDGED) {
        return; // the device reported it over already, or it was stopped
      }
      reportedOver = run.reportedOver;
    }
    if (reportedOver != null) {
      effectOver(commandId, reportedOver);
    } else if (run.definition.runningWhile() == null) {
      // the device does not report the end: the server times the period
      arm(commandId, Duration.ofSeconds(seconds), () -> effectEnded(commandId));
    } else {
      arm(
          commandId,
          Duration.ofSeconds(seconds).plus(settings.answerTimeout()),
          () -> effectNotReported(commandId));
    }
  }

  /** An instantaneous command the device accepted: what it leaves behind, then COMPLETED. */
  private void completeInstantaneous(String commandId) {
    List<Change> changes = new ArrayList<>();
    synchronized (machine) {
      CommandRecord acknowledged = machine.record(commandId);
      if (acknowledged.state() != CommandState.ACKNOWLEDGED) {
        return;
      }
      String result = applyLastingEffect(acknowledged, changes);
      changes.add(
          bySystem(acknowledged.moved(CommandState.COMPLETED, result, now()), "command.complete"));
    }
    changes.forEach(this::recorded);
  }

  /**
   * What an instantaneous command leaves behind once the device has accepted it; a sampler stop
   * also completes the device's running sampler start (added to {@code changes}).
   */
  private String applyLastingEffect(CommandRecord record, List<Change> changes) {
    String deviceId = record.deviceId();
    switch (record.kind()) {
      case MAINTENANCE_ON:
        return "maintenance mode on: data flagged M until maintenance-off";
      case MAINTENANCE_OFF:
        modes.set(deviceId, DeviceMode.NORMAL);
        return "maintenance mode off";
      case EMERGENCY_MEASUREMENT:
        DeviceMode mode = emergencyMode(record);
        modes.set(deviceId, mode);
        return (mode == DeviceMode.EMERGENCY ? "emergency measurement" : "routine measurement")
            + ": reporting every "
            + record.parameters().get(CommandKind.INTERVAL_SECONDS).intValue()
            + " s";
      case SAMPLER_STOP:
        for (CommandRecord other : machine.open(deviceId, record.id())) {
          if (other.kind() == CommandKind.SAMPLER_START
              && other.state() == CommandState.ACKNOWLEDGED) {
            changes.add(
                bySystem(
                    other.moved(
                        CommandState.COMPLETED,
                        "sampler stopped early by "
                            + record.user()
                            + " (command "
                            + record.id()
                            + ")",
                        now()),
                    "command.complete"));
          }
        }
        return "sampler stopped";
      default:
        return "done";
    }
  }

  /** On an ingest thread: the device reports the command's effect over. */
  private void effectReported(String commandId, String report) {
    try {
      timers.execute(logged(commandId, () -> effectOver(commandId, report)));
    } catch (RejectedExecutionException e) {
      LOG.debug("Stopping: the end of command {} ({}) is not recorded", commandId, report);
    }
  }

  /** The device ended the effect: the command is complete and the device's mode restored. */
  private void effectOver(String commandId, String report) {
    Change change;
    synchronized (machine) {
      Running run = machine.running(commandId);
      CommandRecord record = machine.record(commandId);
      if (run == null) {
        return;
      }
      if (record.state() == CommandState.SENT) {
        run.reportedOver = report; // the answer is on its way; it completes the command
        return;
      }
      if (record.state() != CommandState.ACKNOWLEDGED) {
        return;
      }
      restoreMode(run, record.deviceId());
      change =
          bySystem(
              record.moved(
                  CommandState.COMPLETED,
                  effectName(record.kind())
                      + " over, as the device reports ("
                      + report
                      + "): device back to "
                      + modes.mode(record.deviceId()),
                  now()),
              "command.complete");
    }
    recorded(change);
  }

  /**
   * The device reported no end of the effect within its period and the answer timeout: whether it
   * ran its course is not known. The mode is restored; the device's own status still flags its
   * values while it really is calibrating.
   */
  private void effectNotReported(String commandId) {
    endIf(
        commandId,
        CommandState.ACKNOWLEDGED,
        "command.unknown",
        record ->
            record.moved(
                CommandState.UNKNOWN,
                "the device did not report the end of its "
                    + durationSeconds(record)
                    + " s "
                    + effectName(record.kind())
                    + " within "
                    + (durationSeconds(record) + settings.answerTimeout().toSeconds())
                    + " s: outcome not known; check the device",
                now()));
  }

  /** The period of a command that the device does not report the end of is over. */
  private void effectEnded(String commandId) {
    endIf(
        commandId,
        CommandState.ACKNOWLEDGED,
        "command.complete",
        record ->
            record.moved(
                CommandState.COMPLETED,
                effectName(record.kind())
                    + " period over: device back to "
                    + modes.mode(record.deviceId()),
                now()));
  }

  private void answerTimedOut(String commandId) {
    endIf(
        commandId,
        CommandState.SENT,
        "command.timeout",
        record ->
            record.moved(
                CommandState.TIMED_OUT,
                "no answer from the device within " + settings.answerTimeout().toSeconds() + " s",
                now()));
  }

  private void selectionExpired(String commandId) {
    endIf(commandId, CommandState.SELECTED, "command.expire", record -> expired(record, now()));
  }

  /**
   * A timer's step: if the command is still {@code from}, the device gets back the mode the command
   * found and the command ends as {@code end} makes it.
   */
  private void endIf(
      String commandId,
      CommandState from,
      String action,
      Function<CommandRecord, CommandRecord> end) {
    Change change;
    synchronized (machine) {
      CommandRecord record = machine.record(commandId);
      if (record.state() != from) {
        return;
      }
      restoreMode(machine.running(commandId), record.deviceId());
      change = bySystem(end.apply(record), action);
    }
    recorded(change);
  }

  private CommandRecord expired(CommandRecord record, Instant now) {
    return record.moved(
        CommandState.EXPIRED,
        "not operated within " + settings.selectionTimeout().toSeconds() + " s",
        now);
  }

  private static String effectName(CommandKind kind) {
    return kind == CommandKind.SAMPLER_START ? "sampler run" : "calibration";
  }

  // --- checks ----------------------------------------------------------------------------

  /** Why an attempt on a command (operate, cancel) is refused; it leaves the command as it was. */
  private record AttemptRefusal(CommandRefusal refusal, String reason) {}

  /**
   * Why an operate or cancel is refused, or null: another user than the selecting one (an admin may
   * cancel), an unknown id, a command no longer SELECTED.
   */
  private static AttemptRefusal attemptRefusal(
      User user, String commandId, CommandRecord record, boolean adminMayAct) {
    if (record == null) {
      return new AttemptRefusal(CommandRefusal.UNKNOWN_TARGET, "no command '" + commandId + "'");
    }
    if (!record.user().equals(user.name()) && !(adminMayAct && user.roles().contains(Role.ADMIN))) {
      return new AttemptRefusal(
          CommandRefusal.NOT_AUTHORISED,
          "only " + record.user() + ", who selected the command, may confirm or cancel it");
    }
    if (record.state() != CommandState.SELECTED) {
      return new AttemptRefusal(
          CommandRefusal.WRONG_STATE,
          "the command is "
              + record.state()
              + ", not SELECTED"
              + (record.state() == CommandState.ACKNOWLEDGED
                  ? ": its effect is under way on the device and cannot be called back"
                  : ""));
    }
    return null;
  }

  /** Audits a refused attempt (the command unchanged) and gives the exception to answer with. */
  private CommandRefusedException refuseAttempt(
      User user,
      Origin origin,
      String action,
      String commandId,
      CommandRecord record,
      AttemptRefusal refused) {
    audit.append(
        user.name(),
        origin,
        action,
        record == null ? String.valueOf(commandId) : CommandRecorder.target(record),
        "command " + commandId + ": " + refused.reason(),
        CommandState.REFUSED.name() + " " + refused.refusal().name());
    LOG.info(
        "{} of command {} by {} refused: {}", action, commandId, user.name(), refused.reason());
    return new CommandRefusedException(refused.refusal(), refused.reason());
  }

  private String unauthorised(User user, Device device, CommandKind kind) {
    return CommandRules.unauthorised(
        user, device.id(), kind, site.station(device.stationId()).orElseThrow().kind());
  }

  /** Why the device cannot take the command now, or null; call under the lock. */
  private String interlock(
      Device device, CommandKind kind, String definitionId, String exceptCommandId) {
    String ofThisNode = nodeInterlock.apply(device.id());
    if (ofThisNode != null) {
      return ofThisNode;
    }
    return CommandRules.interlock(
        device.id(),
        kind,
        definitionId,
        links.link(device.id()).isPresent(),
        links.state(device.id()),
        machine.open(device.id(), exceptCommandId),
        modes.mode(device.id()));
  }

  // --- recording -------------------------------------------------------------------------

  /**
   * Under the lock: takes the change in memory and queues it for recording, in the order decided. A
   * final state stops what ran with the command.
   */
  private Change decide(
      CommandRecord next,
      CommandDefinition definition,
      String actor,
      Origin origin,
      String action) {
    CommandRecord previous = machine.record(next.id());
    Running ended = machine.apply(next, definition);
    if (ended != null) {
      if (ended.timer != null) {
        ended.timer.cancel(false);
      }
      effects.forget(next.id());
    }
    return new Change(next, previous, ended, recorder.record(next, actor, origin, action));
  }

  /** {@link #decide} of a step the server takes by itself (timers, device answers). */
  private Change bySystem(CommandRecord next, String action) {
    return decide(next, null, SYSTEM, Origin.SYSTEM, action);
  }

  /**
   * Outside the lock: waits until the change is recorded and answers an operate waiting for a final
   * state. A change that could not be recorded is undone in memory and its failure thrown.
   */
  private CommandRecord recorded(Change change) {
    try {
      change.recorded().join();
    } catch (CompletionException e) {
      synchronized (machine) {
        machine.revert(change.record(), change.previous(), change.ended());
      }
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
    if (change.ended() != null) {
      completeLater(change.ended().operated, change.record());
    }
    return change.record();
  }

  /** Completes off the caller's thread, so callers' continuations never run inside the service. */
  private void completeLater(CompletableFuture<CommandRecord> future, CommandRecord record) {
    if (future != null && !future.isDone()) {
      try {
        senders.execute(() -> future.complete(record));
      } catch (RejectedExecutionException e) {
        future.complete(record); // stopping: no continuation will run long now
      }
    }
  }

  /** Arms the command's timer (one at a time), unless it is final by now. */
  private void arm(String commandId, Duration delay, Runnable task) {
    synchronized (machine) {
      Running run = machine.running(commandId);
      if (run != null) {
        run.timer =
            timers.schedule(
                logged(commandId, task), Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
      }
    }
  }

  private void armExpiry(String commandId, Duration delay) {
    arm(commandId, delay, () -> selectionExpired(commandId));
  }

  private void restoreMode(Running run, String deviceId) {
    if (run != null && run.modeBefore != null) {
      modes.set(deviceId, run.modeBefore);
      run.modeBefore = null;
    }
  }

  /** Devices stay in maintenance or emergency measurement across restarts. */
  private void restoreLastingModes(List<CommandRecord> stored) {
    Map<String, DeviceMode> lasting = new LinkedHashMap<>();
    stored.stream()
        .filter(r -> r.state() == CommandState.COMPLETED && r.kind() != null)
        .sorted(Comparator.comparing(CommandRecord::updated))
        .forEach(
            r -> {
              switch (r.kind()) {
                case MAINTENANCE_ON -> lasting.put(r.deviceId(), DeviceMode.MAINTENANCE);
                case MAINTENANCE_OFF -> lasting.put(r.deviceId(), DeviceMode.NORMAL);
                case EMERGENCY_MEASUREMENT -> lasting.put(r.deviceId(), emergencyMode(r));
                default -> {}
              }
            });
    lasting.forEach(
        (deviceId, mode) -> {
          if (site.device(deviceId).isPresent() && mode != DeviceMode.NORMAL) {
            modes.set(deviceId, mode);
            LOG.info(
                "Device {} is in {} mode (set by a command before the restart)", deviceId, mode);
          }
        });
  }

  private DeviceMode emergencyMode(CommandRecord record) {
    double interval =
        record
            .parameters()
            .getOrDefault(
                CommandKind.INTERVAL_SECONDS, CommandRules.DEFAULT_EMERGENCY_INTERVAL_SECONDS);
    return interval < settings.routineIntervalSeconds() ? DeviceMode.EMERGENCY : DeviceMode.NORMAL;
  }

  private static long durationSeconds(CommandRecord record) {
    return record.parameters().get(CommandKind.DURATION_SECONDS).longValue();
  }

  private static Optional<CommandDefinition> definition(Device device, String commandId) {
    return device.commands().stream().filter(c -> c.id().equals(commandId)).findFirst();
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }

  private void requireStarted() {
    if (timers == null) {
      throw new IllegalStateException("command service not started");
    }
  }

  /** A task of the service's threads whose failure is logged rather than lost in a future. */
  private static Runnable logged(String commandId, Runnable task) {
    return () -> {
      try {
        task.run();
      } catch (RuntimeException | Error e) {
        LOG.error("Command {}: a step failed and could not be recorded", commandId, e);
      }
    };
  }

  private static ThreadFactory daemonThreads(String name) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
