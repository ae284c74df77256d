package io.helan.commands;

import io.helan.audit.AuditTrail;
import io.helan.audit.Origin;
import io.helan.auth.Role;
import io.helan.auth.User;
import io.helan.config.CommandDefinition;
import io.helan.config.CommandKind;
import io.helan.config.Device;
import io.helan.config.RunningWhile;
import io.helan.config.Site;
import io.helan.config.StationKind;
import io.helan.driver.CommandOutcome;
import io.helan.driver.DeviceCommand;
import io.helan.driver.DeviceLink;
import io.helan.driver.LinkState;
import io.helan.field.FieldLinks;
import io.helan.ingest.DeviceMode;
import io.helan.ingest.DeviceModes;
import io.helan.ingest.IngestPipeline;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The command lifecycle: select (authorise, check parameters and interlocks, arm for a limited
 * time), operate by the same user, send through the device's driver, wait for its answer, hold the
 * device mode (C, M) for the effect period, complete.
 *
 * <p>Every state change is audited and journaled (both on disk) before anything further happens, so
 * a command is never lost, never silently replayed and never unrecorded. At start, commands that
 * were in flight when the server stopped become UNKNOWN and are not sent again. All state changes
 * happen under this object's lock; timers and device answers run on the service's own threads,
 * driver calls on a separate pool, never on an event loop.
 */
public final class DefaultCommandService implements CommandService, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DefaultCommandService.class);
  private static final String SYSTEM = "system";

  private final Site site;
  private final FieldLinks links;
  private final IngestPipeline ingest;
  private final DeviceModes modes;
  private final EffectWatch effects = new EffectWatch(this::effectReported);
  private final AuditTrail audit;
  private final CommandJournal journal;
  private final CommandSettings settings;
  private final Map<String, CommandRecord> commands = new HashMap<>();
  private final List<String> requestOrder = new ArrayList<>();
  private final Map<String, Running> running = new HashMap<>();
  private final List<Consumer<CommandRecord>> listeners = new CopyOnWriteArrayList<>();
  private ScheduledExecutorService timers;
  private ExecutorService senders;

  /** What a command that is not final needs besides its record. */
  private static final class Running {
    final CommandDefinition definition;
    ScheduledFuture<?> timer;
    CompletableFuture<CommandRecord> operated;

    /** The device's mode before this command changed it; restored when its effect ends. */
    DeviceMode modeBefore;

    /** What the device reported when it ended the effect before its answer was recorded. */
    String reportedOver;

    Running(CommandDefinition definition) {
      this.definition = definition;
    }
  }

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
    this.settings = settings;
  }

  /**
   * Loads the journal, restores the modes that completed commands left devices in (maintenance,
   * emergency measurement), and turns what was in flight at the last stop into UNKNOWN (sent or
   * acknowledged) or EXPIRED (only selected). Call before the field links start.
   */
  public synchronized void start() throws IOException {
    timers = Executors.newSingleThreadScheduledExecutor(daemonThreads("helan-commands"));
    senders = Executors.newCachedThreadPool(daemonThreads("helan-command-send"));
    ingest.addListener(effects);
    List<CommandRecord> stored = journal.open();
    for (CommandRecord record : stored) {
      commands.put(record.id(), record);
      requestOrder.add(record.id());
    }
    restoreLastingModes(stored);
    int unknown = 0;
    for (CommandRecord record : stored) {
      if (record.state().isFinal()) {
        continue;
      }
      if (record.state() == CommandState.SELECTED) {
        persist(
            record.moved(
                CommandState.EXPIRED,
                "selection lost: the server restarted before it was operated",
                now()),
            SYSTEM,
            Origin.SYSTEM,
            "command.expire");
      } else {
        unknown++;
        persist(
            record.moved(
                CommandState.UNKNOWN,
                "was "
                    + record.state()
                    + " when the server stopped: outcome not known, not sent again; check the"
                    + " device",
                now()),
            SYSTEM,
            Origin.SYSTEM,
            "command.unknown");
      }
    }
    LOG.info(
        "Commands: {} loaded from {}, {} in flight at the last stop now UNKNOWN",
        stored.size(),
        journal.file(),
        unknown);
  }

  @Override
  public synchronized CommandRecord select(
      User user, Origin origin, String deviceId, String commandId, Map<String, Double> parameters) {
    requireStarted();
    Instant now = now();
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
      outcome = request.refused(CommandRefusal.UNKNOWN_TARGET, "no device '" + deviceId + "'", now);
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
    persist(outcome, user.name(), origin, "command.select");
    if (outcome.state() == CommandState.SELECTED) {
      Running run = new Running(definition);
      run.timer =
          timers.schedule(
              logged(outcome.id(), () -> selectionExpired(outcome.id())),
              settings.selectionTimeout().toMillis(),
              TimeUnit.MILLISECONDS);
      running.put(outcome.id(), run);
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
      effective = effectiveParameters(definition, given);
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
    String interlock = interlock(device, definition.kind(), null);
    if (interlock != null) {
      return armed.refused(CommandRefusal.INTERLOCK, interlock, now);
    }
    return armed;
  }

  @Override
  public CompletableFuture<CommandRecord> operate(User user, Origin origin, String commandId) {
    synchronized (this) {
      requireStarted();
      CommandRecord record = commands.get(commandId);
      try {
        checkAttempt(user, origin, "command.operate", commandId, record, false);
      } catch (CommandRefusedException e) {
        return CompletableFuture.failedFuture(e);
      }
      Instant now = now();
      Running run = running.get(commandId);
      if (!now.isBefore(record.updated().plus(settings.selectionTimeout()))) {
        CommandRecord expired = expire(record, now);
        return CompletableFuture.completedFuture(expired);
      }
      Device device = site.device(record.deviceId()).orElseThrow();
      String unauthorised = unauthorised(user, device, record.kind());
      if (unauthorised != null) {
        return refuseOperate(
            record, CommandRefusal.NOT_AUTHORISED, unauthorised, now, user, origin);
      }
      String interlock = interlock(device, record.kind(), commandId);
      if (interlock != null) {
        return refuseOperate(record, CommandRefusal.INTERLOCK, interlock, now, user, origin);
      }
      run.timer.cancel(false);
      DeviceMode during = CommandRules.modeWhileRunning(record.kind());
      if (during != null) {
        run.modeBefore = modes.mode(device.id());
        modes.set(device.id(), during);
      }
      CommandRecord sent =
          record.moved(
              CommandState.SENT, "operated by " + user.name() + ", sent to the device", now);
      try {
        persist(sent, user.name(), origin, "command.operate");
      } catch (RuntimeException e) {
        restoreMode(run, device.id());
        throw e;
      }
      run.operated = new CompletableFuture<>();
      RunningWhile report = run.definition.runningWhile();
      if (report != null) {
        effects.watch(commandId, site.point(report.pointId()).orElseThrow().index(), report);
      }
      DeviceLink link = links.link(device.id()).orElseThrow();
      DeviceCommand command = new DeviceCommand(run.definition, sent.parameters());
      // The timeout is queued before the answer can be: with a zero timeout it always wins.
      run.timer =
          timers.schedule(
              logged(commandId, () -> answerTimedOut(commandId)),
              settings.answerTimeout().toMillis(),
              TimeUnit.MILLISECONDS);
      senders.execute(() -> send(commandId, link, command));
      return run.operated;
    }
  }

  @Override
  public synchronized CommandRecord cancel(User user, Origin origin, String commandId) {
    requireStarted();
    CommandRecord record = commands.get(commandId);
    checkAttempt(user, origin, "command.cancel", commandId, record, true);
    return finish(
        record.moved(CommandState.CANCELLED, "cancelled by " + user.name(), now()),
        user.name(),
        origin,
        "command.cancel");
  }

  @Override
  public synchronized Optional<CommandRecord> command(String commandId) {
    return Optional.ofNullable(commands.get(commandId));
  }

  @Override
  public synchronized List<CommandRecord> recent(int limit) {
    List<CommandRecord> newest = new ArrayList<>();
    for (int i = requestOrder.size() - 1; i >= 0 && newest.size() < limit; i--) {
      newest.add(commands.get(requestOrder.get(i)));
    }
    return newest;
  }

  @Override
  public void addListener(Consumer<CommandRecord> listener) {
    listeners.add(listener);
  }

  /** Stops the timers; commands still in flight are found UNKNOWN at the next start. */
  @Override
  public void close() {
    List<CompletableFuture<CommandRecord>> waiting = new ArrayList<>();
    synchronized (this) {
      if (timers != null) {
        timers.shutdownNow();
        senders.shutdownNow();
      }
      for (Running run : running.values()) {
        if (run.operated != null) {
          waiting.add(run.operated);
        }
      }
      journal.close();
    }
    waiting.forEach(
        future -> future.completeExceptionally(new IllegalStateException("server stopping")));
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

  private synchronized void answered(String commandId, CommandOutcome outcome, Throwable error) {
    CommandRecord record = commands.get(commandId);
    Throwable cause =
        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    if (cause == null && outcome == null) {
      cause = new IllegalStateException("the driver gave no answer");
    }
    String answer =
        cause != null
            ? "not delivered: " + cause.getMessage()
            : (outcome.accepted() ? "the device accepted: " : "the device refused: ")
                + outcome.detail();
    if (record.state() != CommandState.SENT) {
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
          target(record),
          "command " + commandId + ": " + answer,
          record.state().name());
      return;
    }
    // The answer timeout stays armed until the answer is recorded: should recording fail, the
    // command still ends, TIMED_OUT, instead of holding the device for good.
    Running run = running.get(commandId);
    Instant now = now();
    if (cause != null || !outcome.accepted()) {
      restoreMode(run, record.deviceId());
      finish(record.moved(CommandState.FAILED, answer, now), SYSTEM, Origin.SYSTEM, "command.fail");
      return;
    }
    if (record.kind().hasEffectPeriod()) {
      long seconds = record.parameters().get(CommandKind.DURATION_SECONDS).longValue();
      CommandRecord acknowledged =
          persist(
              record.inEffectUntil(answer, now, now.plusSeconds(seconds)),
              SYSTEM,
              Origin.SYSTEM,
              "command.acknowledge");
      run.timer.cancel(false);
      completeLater(run.operated, acknowledged);
      if (run.definition.runningWhile() == null) {
        // the device does not report the end: the server times the period
        run.timer =
            timers.schedule(
                logged(commandId, () -> effectEnded(commandId)), seconds, TimeUnit.SECONDS);
      } else if (run.reportedOver != null) {
        effectOver(commandId, run.reportedOver);
      } else {
        long grace = settings.answerTimeout().toMillis();
        run.timer =
            timers.schedule(
                logged(commandId, () -> effectNotReported(commandId)),
                TimeUnit.SECONDS.toMillis(seconds) + grace,
                TimeUnit.MILLISECONDS);
      }
      return;
    }
    CommandRecord acknowledged =
        persist(
            record.moved(CommandState.ACKNOWLEDGED, answer, now),
            SYSTEM,
            Origin.SYSTEM,
            "command.acknowledge");
    String result = applyLastingEffect(acknowledged);
    finish(
        acknowledged.moved(CommandState.COMPLETED, result, now()),
        SYSTEM,
        Origin.SYSTEM,
        "command.complete");
  }

  /** What an instantaneous command leaves behind once the device has accepted it. */
  private String applyLastingEffect(CommandRecord record) {
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
        for (Map.Entry<String, Running> entry : List.copyOf(running.entrySet())) {
          CommandRecord other = commands.get(entry.getKey());
          if (other.deviceId().equals(deviceId)
              && other.kind() == CommandKind.SAMPLER_START
              && other.state() == CommandState.ACKNOWLEDGED) {
            entry.getValue().timer.cancel(false);
            finish(
                other.moved(
                    CommandState.COMPLETED,
                    "sampler stopped early by " + record.user() + " (command " + record.id() + ")",
                    now()),
                SYSTEM,
                Origin.SYSTEM,
                "command.complete");
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
  private synchronized void effectOver(String commandId, String report) {
    Running run = running.get(commandId);
    CommandRecord record = commands.get(commandId);
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
    finish(
        record.moved(
            CommandState.COMPLETED,
            effectName(record.kind())
                + " over, as the device reports ("
                + report
                + "): device back to "
                + modes.mode(record.deviceId()),
            now()),
        SYSTEM,
        Origin.SYSTEM,
        "command.complete");
  }

  /**
   * The device reported no end of the effect within its period and the answer timeout: whether it
   * ran its course is not known. The mode is restored; the device's own status still flags its
   * values while it really is calibrating.
   */
  private synchronized void effectNotReported(String commandId) {
    CommandRecord record = commands.get(commandId);
    if (record.state() != CommandState.ACKNOWLEDGED) {
      return;
    }
    restoreMode(running.get(commandId), record.deviceId());
    long seconds = record.parameters().get(CommandKind.DURATION_SECONDS).longValue();
    finish(
        record.moved(
            CommandState.UNKNOWN,
            "the device did not report the end of its "
                + seconds
                + " s "
                + effectName(record.kind())
                + " within "
                + (seconds + settings.answerTimeout().toSeconds())
                + " s: outcome not known; check the device",
            now()),
        SYSTEM,
        Origin.SYSTEM,
        "command.unknown");
  }

  private static String effectName(CommandKind kind) {
    return kind == CommandKind.SAMPLER_START ? "sampler run" : "calibration";
  }

  private synchronized void effectEnded(String commandId) {
    CommandRecord record = commands.get(commandId);
    if (record.state() != CommandState.ACKNOWLEDGED) {
      return;
    }
    Running run = running.get(commandId);
    restoreMode(run, record.deviceId());
    String detail =
        record.kind() == CommandKind.SAMPLER_START
            ? "sampler run over"
            : "calibration period over: device back to " + modes.mode(record.deviceId());
    finish(
        record.moved(CommandState.COMPLETED, detail, now()),
        SYSTEM,
        Origin.SYSTEM,
        "command.complete");
  }

  private synchronized void answerTimedOut(String commandId) {
    CommandRecord record = commands.get(commandId);
    if (record.state() != CommandState.SENT) {
      return;
    }
    restoreMode(running.get(commandId), record.deviceId());
    finish(
        record.moved(
            CommandState.TIMED_OUT,
            "no answer from the device within " + settings.answerTimeout().toSeconds() + " s",
            now()),
        SYSTEM,
        Origin.SYSTEM,
        "command.timeout");
  }

  private synchronized void selectionExpired(String commandId) {
    CommandRecord record = commands.get(commandId);
    if (record.state() == CommandState.SELECTED) {
      expire(record, now());
    }
  }

  private CommandRecord expire(CommandRecord record, Instant now) {
    return finish(
        record.moved(
            CommandState.EXPIRED,
            "not operated within " + settings.selectionTimeout().toSeconds() + " s",
            now),
        SYSTEM,
        Origin.SYSTEM,
        "command.expire");
  }

  // --- checks ----------------------------------------------------------------------------

  /**
   * Refuses (audited, command unchanged) an operate or cancel by someone other than the selecting
   * user (an admin may cancel), on an unknown id, or on a command no longer SELECTED.
   */
  private void checkAttempt(
      User user,
      Origin origin,
      String action,
      String commandId,
      CommandRecord record,
      boolean adminMayAct) {
    CommandRefusal refusal = null;
    String reason = null;
    if (record == null) {
      refusal = CommandRefusal.UNKNOWN_TARGET;
      reason = "no command '" + commandId + "'";
    } else if (!record.user().equals(user.name())
        && !(adminMayAct && user.roles().contains(Role.ADMIN))) {
      refusal = CommandRefusal.NOT_AUTHORISED;
      reason = "only " + record.user() + ", who selected the command, may confirm or cancel it";
    } else if (record.state() != CommandState.SELECTED) {
      refusal = CommandRefusal.WRONG_STATE;
      reason =
          "the command is "
              + record.state()
              + ", not SELECTED"
              + (record.state() == CommandState.ACKNOWLEDGED
                  ? ": its effect is under way on the device and cannot be called back"
                  : "");
    }
    if (refusal != null) {
      audit.append(
          user.name(),
          origin,
          action,
          record == null ? String.valueOf(commandId) : target(record),
          "command " + commandId + ": " + reason,
          CommandState.REFUSED.name() + " " + refusal.name());
      LOG.info("{} of command {} by {} refused: {}", action, commandId, user.name(), reason);
      throw new CommandRefusedException(refusal, reason);
    }
  }

  /** Why the user may not order this kind of command on the device, or null. */
  private String unauthorised(User user, Device device, CommandKind kind) {
    StationKind station = site.station(device.stationId()).orElseThrow().kind();
    Role role = CommandRules.requiredRole(kind, station);
    if (user.has(role)) {
      return null;
    }
    return kind.key()
        + " at "
        + device.id()
        + " needs the "
        + role.name().toLowerCase()
        + " role; "
        + user.name()
        + " has "
        + user.roles().stream().map(r -> r.name().toLowerCase()).sorted().toList();
  }

  /** Why the device cannot take the command now, or null. */
  private String interlock(Device device, CommandKind kind, String exceptCommandId) {
    LinkState link = links.state(device.id());
    if (link != LinkState.CONNECTED || links.link(device.id()).isEmpty()) {
      return "device " + device.id() + " is offline (link " + link + ")";
    }
    for (String id : running.keySet()) {
      CommandRecord other = commands.get(id);
      if (id.equals(exceptCommandId) || !other.deviceId().equals(device.id())) {
        continue;
      }
      boolean stopsRunningSampler =
          kind == CommandKind.SAMPLER_STOP
              && other.kind() == CommandKind.SAMPLER_START
              && other.state() == CommandState.ACKNOWLEDGED;
      if (!stopsRunningSampler) {
        return "device "
            + device.id()
            + " is busy: command "
            + other.commandId()
            + " ("
            + id
            + ") of "
            + other.user()
            + " is "
            + other.state();
      }
    }
    return CommandRules.modeForbids(kind, modes.mode(device.id()));
  }

  /** The given parameters checked against the kind's, with defaults filled in. */
  private static Map<String, Double> effectiveParameters(
      CommandDefinition definition, Map<String, Double> given) {
    CommandKind kind = definition.kind();
    List<CommandParameter> accepted = CommandRules.parameters(definition);
    Map<String, Double> effective = new LinkedHashMap<>();
    for (Map.Entry<String, Double> entry : given.entrySet()) {
      CommandParameter rule =
          accepted.stream()
              .filter(p -> p.name().equals(entry.getKey()))
              .findFirst()
              .orElseThrow(() -> notTaken(definition, entry.getKey(), accepted));
      double value = entry.getValue();
      if (!Double.isFinite(value) || value < rule.min() || value > rule.max()) {
        throw new IllegalArgumentException(
            "'"
                + rule.name()
                + "' must be between "
                + format(rule.min())
                + " and "
                + format(rule.max())
                + (rule.unit().isEmpty() ? "" : " " + rule.unit())
                + ", got "
                + value);
      }
      if ("s".equals(rule.unit()) && value != Math.rint(value)) {
        throw new IllegalArgumentException(
            "'" + rule.name() + "' must be a whole number of seconds, got " + value);
      }
      effective.put(rule.name(), value);
    }
    for (CommandParameter rule : accepted) {
      if (rule.required() && !effective.containsKey(rule.name())) {
        throw new IllegalArgumentException(kind.key() + " needs parameter '" + rule.name() + "'");
      }
    }
    if (kind.hasEffectPeriod() && !effective.containsKey(CommandKind.DURATION_SECONDS)) {
      if (definition.durationSeconds() <= 0) {
        throw new IllegalArgumentException(
            kind.key() + " needs parameter 'durationSeconds': the device type configures none");
      }
      effective.put(CommandKind.DURATION_SECONDS, (double) definition.durationSeconds());
    }
    if (kind == CommandKind.EMERGENCY_MEASUREMENT) {
      effective.putIfAbsent(
          CommandKind.INTERVAL_SECONDS, CommandRules.DEFAULT_EMERGENCY_INTERVAL_SECONDS);
    }
    return effective;
  }

  private static IllegalArgumentException notTaken(
      CommandDefinition definition, String name, List<CommandParameter> accepted) {
    String takes =
        accepted.isEmpty()
            ? ""
            : "; it takes "
                + accepted.stream().map(CommandParameter::name).collect(Collectors.joining(", "));
    if (definition.kind().parameters().contains(name)) {
      return new IllegalArgumentException(
          "'"
              + name
              + "' cannot be set on this device: its device type names no place for it"
              + takes);
    }
    return new IllegalArgumentException(
        definition.kind().key() + " takes no parameter '" + name + "'" + takes);
  }

  // --- state changes ---------------------------------------------------------------------

  /** Refuses an operate request: journals and audits the refused command and answers with it. */
  private CompletableFuture<CommandRecord> refuseOperate(
      CommandRecord record,
      CommandRefusal refusal,
      String reason,
      Instant now,
      User user,
      Origin origin) {
    return CompletableFuture.completedFuture(
        persist(record.refused(refusal, reason, now), user.name(), origin, "command.operate"));
  }

  /**
   * Audits, journals and publishes a state change, in that order: if the audit trail cannot be
   * written, nothing happens.
   */
  private CommandRecord persist(CommandRecord record, String actor, Origin origin, String action) {
    audit.append(actor, origin, action, target(record), auditDetail(record), result(record));
    journal.append(record);
    if (commands.put(record.id(), record) == null) {
      requestOrder.add(record.id());
    }
    if (record.state().isFinal()) {
      effects.forget(record.id());
      Running run = running.remove(record.id());
      if (run != null && run.timer != null) {
        run.timer.cancel(false);
      }
    }
    for (Consumer<CommandRecord> listener : listeners) {
      try {
        listener.accept(record);
      } catch (RuntimeException e) {
        LOG.warn("Command listener failed on {}", record.id(), e);
      }
    }
    return record;
  }

  /** Persists a final state and completes the operate future waiting for it. */
  private CommandRecord finish(CommandRecord record, String actor, Origin origin, String action) {
    Running run = running.get(record.id());
    persist(record, actor, origin, action);
    if (run != null && run.operated != null) {
      completeLater(run.operated, record);
    }
    return record;
  }

  /** Completes off the lock, so callers' continuations never run inside the service. */
  private void completeLater(CompletableFuture<CommandRecord> future, CommandRecord record) {
    if (future != null && !future.isDone()) {
      try {
        senders.execute(() -> future.complete(record));
      } catch (RejectedExecutionException e) {
        future.complete(record); // stopping: no continuation will run long now
      }
    }
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

  private static Optional<CommandDefinition> definition(Device device, String commandId) {
    return device.commands().stream().filter(c -> c.id().equals(commandId)).findFirst();
  }

  private static String target(CommandRecord record) {
    return record.deviceId() + "/" + record.commandId();
  }

  private static String auditDetail(CommandRecord record) {
    return "command "
        + record.id()
        + (record.kind() == null ? "" : " " + record.kind().key())
        + " by "
        + record.user()
        + " "
        + CommandJson.toJson(record).getJsonObject("parameters").encode()
        + (record.detail() == null || record.detail().isEmpty() ? "" : ": " + record.detail());
  }

  private static String result(CommandRecord record) {
    return record.refusal() == null
        ? record.state().name()
        : record.state().name() + " " + record.refusal().name();
  }

  private static String format(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
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
