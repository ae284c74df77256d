package io.helan.alarms;

import io.helan.alarms.EnforcementNotice.Reading;
import io.helan.audit.AuditRecord;
import io.helan.audit.AuditTrail;
import io.helan.audit.Origin;
import io.helan.auth.User;
import io.helan.config.Device;
import io.helan.config.EmissionLimit;
import io.helan.config.Point;
import io.helan.config.Site;
import io.helan.driver.LinkListener;
import io.helan.driver.LinkState;
import io.helan.driver.SampleBatch;
import io.helan.emissions.EmissionHour;
import io.helan.emissions.EmissionJudge;
import io.helan.historian.Historian;
import io.helan.ingest.IngestListener;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alarm engine after ISA-18.2: sees every ingested batch and every link change, raises and
 * clears alarms with their delays, takes acknowledgements, shelves and out-of-service orders,
 * journals every transition and opens enforcement notices for emission exceedances.
 *
 * <p>It puts together: the {@link ConditionDetector} (the rules: samples judged against limits on
 * the driver threads that ingest them, no locks, no allocation unless something changes), the
 * {@link StaleDataWatch}, the {@link AlarmStateMachine}, {@link OperatorRules} for who may do what,
 * and persistence: the {@link AlarmJournal}, the {@link AlarmAudit} and, at start, the {@link
 * AlarmRestore}.
 *
 * <p>Threads: every change of an alarm happens on one engine thread, so the state machine needs no
 * locks and transitions reach the journal and listeners in the order they happened; a storm of
 * changes queues up instead of contending. Delays, shelve expiry and the stale-data check are
 * timers on that thread. Nothing there waits for a disk: the journal and the listeners take the
 * transitions on threads of their own, and an operator action is put on the audit trail (fsync) on
 * the caller's thread between being tried and being applied. Reads ({@link #current()}, counts) use
 * snapshots the engine thread publishes.
 */
public final class AlarmEngine
    implements AlarmService,
        IngestListener,
        LinkListener,
        ConditionSink,
        EmissionJudge,
        AutoCloseable {
  /** The user of transitions the engine makes by itself. */
  public static final String SYSTEM_USER = AlarmStateMachine.SYSTEM_USER;

  /** Counter of journal rows a restore could not use. */
  public static final String JOURNAL_ROWS_REJECTED = JournalRejects.METRIC;

  private static final Logger LOG = LoggerFactory.getLogger(AlarmEngine.class);
  private static final long ACTION_TIMEOUT_SECONDS = 10;
  private static final String VALIDATED_HOUR_NOTE = "有效小时均值 / validated hourly average";

  private final Site site;
  private final AlarmSettings settings;
  private final AlarmCatalog catalog;
  private final OperatorRules rules;
  private final AlarmJournal journal;
  private final AlarmAudit audit;
  private final JournalRejects rejects;
  private final ConditionDetector detector;
  private final EnforcementNotices notices = new EnforcementNotices();
  private final AlarmNotifier notifier = new AlarmNotifier();
  private final ScheduledExecutorService engine;
  private volatile Thread engineThread;

  // engine thread only
  private final AlarmStateMachine states;
  private final boolean[] flagTExceedance;
  private final boolean[] validatedExceedance;
  private final Map<Integer, Instant> latestJudgedHour = new HashMap<>();
  private final StaleDataWatch staleData;
  private final Map<String, List<String>> alarmsByDevice = new HashMap<>();

  /**
   * @param audit where operator actions go on record before they take effect; a restart checks the
   *     journal against it
   */
  public AlarmEngine(
      Site site,
      AlarmSettings settings,
      AlarmJournal journal,
      AuditTrail audit,
      MeterRegistry registry) {
    this.site = site;
    this.settings = settings;
    this.catalog = new AlarmCatalog(site, settings);
    this.rules = new OperatorRules(settings.maxShelve());
    this.journal = journal;
    this.audit = new AlarmAudit(audit);
    this.rejects = new JournalRejects(registry);
    this.detector = new ConditionDetector(catalog, settings, this);
    this.staleData = new StaleDataWatch(catalog, settings, detector);
    ScheduledThreadPoolExecutor executor =
        new ScheduledThreadPoolExecutor(
            1,
            task -> {
              Thread thread = new Thread(task, "helan-alarm-engine");
              thread.setDaemon(true);
              engineThread = thread;
              return thread;
            });
    // at close, changes already queued are still journaled; pending delays and expiries are not
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    executor.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
    this.engine = executor;
    this.states = new AlarmStateMachine(catalog, journal, notifier, engine);
    this.flagTExceedance = new boolean[catalog.size()];
    this.validatedExceedance = new boolean[catalog.size()];
    for (AlarmDefinition definition : catalog.definitions()) {
      String source = definition.source();
      String device = site.point(source).map(Point::deviceId).orElse(source);
      if (site.device(device).isPresent()) {
        alarmsByDevice.computeIfAbsent(device, d -> new ArrayList<>()).add(definition.id());
      }
    }
    LOG.info(
        "Alarm engine: {} alarms defined on {} points and {} devices",
        catalog.size(),
        site.points().size(),
        catalog.devices().size());
  }

  /**
   * Restores the alarms that were not normal at the last stop, reopens the notices, and starts the
   * timers. Call after the journal has started and before field links deliver data.
   */
  public void start() {
    start(true);
  }

  /**
   * Starts as a member of a cluster: reopens the notices and starts the timers, but restores no
   * alarm. The journal is the cluster's, and the audit trails that back its operator actions are
   * each member's own: the member that takes a device over restores the device's alarms then (see
   * {@link #adopt}).
   */
  public void startInCluster() {
    start(false);
  }

  private void start(boolean restoreAlarms) {
    call(
        () -> {
          restore(restoreAlarms);
          return null;
        });
    long tick = settings.tick().toMillis();
    engine.scheduleWithFixedDelay(this::checkStaleData, tick, tick, TimeUnit.MILLISECONDS);
  }

  /**
   * Seeds every radiation station's background from the samples the historian kept (embedded or
   * external QuestDB alike), so background-relative levels hold right after a restart. Call before
   * {@link #start()}. When the historian cannot answer, the backgrounds left start empty and build
   * up from live readings; the server starts all the same.
   */
  public void seedBackgrounds(Historian historian) {
    BackgroundSeed seed = new BackgroundSeed(historian);
    Instant now = AlarmJournal.now();
    for (Point point : site.points()) {
      RadiationBaseline baseline = detector.baseline(point.index());
      if (baseline == null) {
        continue;
      }
      int rain = catalog.rainPointOf(point.index());
      try {
        seed.seed(
            baseline,
            point.limits().doseRate(),
            point,
            rain < 0 ? null : site.points().get(rain),
            now);
      } catch (RuntimeException e) {
        LOG.warn(
            "Radiation backgrounds from {} on start empty: history unavailable ({})",
            point.id(),
            e.getMessage());
        return;
      }
    }
  }

  // ---- inputs from the field (driver threads) ----

  @Override
  public void onBatch(SampleBatch batch, long change) {
    detector.onBatch(batch);
  }

  @Override
  public void onLinkState(Device device, LinkState state, String reason) {
    int position = catalog.devicePosition(device.id());
    if (position >= 0) {
      long atMillis = System.currentTimeMillis();
      submit(() -> linkChanged(position, state, reason, atMillis));
    }
  }

  @Override
  public void condition(
      int slot, boolean active, boolean suppressed, double value, double limit, String note) {
    submit(
        () -> {
          if (catalog.definition(slot).kind() == AlarmKind.EMISSION_EXCEEDANCE) {
            // flag T from the readings; the validated hour's judgement holds too
            flagTExceedance[slot] = active;
            states.condition(
                slot, active || validatedExceedance[slot], suppressed, value, limit, note);
          } else {
            states.condition(slot, active, suppressed, value, limit, note);
          }
        });
  }

  /**
   * Whether a radioactive source's monitor reports a position outside the source's fence. Devices
   * without a fence alarm (not a source monitor of the site) are ignored.
   *
   * @param distanceMetres how far its position is from its registered place
   * @param fenceMetres the fence's radius
   */
  public void sourceFence(
      String deviceId, boolean outside, double distanceMetres, double fenceMetres) {
    int position = catalog.devicePosition(deviceId);
    int slot = position < 0 ? -1 : catalog.deviceSlot(position, AlarmKind.SOURCE_OUT_OF_FENCE);
    if (slot >= 0) {
      submit(() -> states.condition(slot, outside, false, distanceMetres, fenceMetres, null));
    }
  }

  /** Whether a device has an alarm for its source leaving its fence. */
  public boolean watchesFence(String deviceId) {
    int position = catalog.devicePosition(deviceId);
    return position >= 0 && catalog.deviceSlot(position, AlarmKind.SOURCE_OUT_OF_FENCE) >= 0;
  }

  @Override
  public void validatedHours(Point point, List<EmissionHour> hours) {
    submit(() -> judgeValidated(point, hours));
  }

  private void submit(Runnable task) {
    try {
      engine.execute(
          () -> {
            try {
              task.run();
            } catch (RuntimeException e) {
              LOG.error("Alarm engine task failed", e);
            }
          });
    } catch (RejectedExecutionException e) {
      LOG.debug("Alarm engine stopped; change ignored");
    }
  }

  // ---- the engine thread ----

  private void linkChanged(int device, LinkState state, String reason, long atMillis) {
    int slot = catalog.deviceSlot(device, AlarmKind.COMMUNICATION_LOSS);
    switch (state) {
      case DISCONNECTED -> {
        staleData.linkDown(device);
        states.condition(slot, true, false, Double.NaN, Double.NaN, reason);
      }
      case CONNECTED -> {
        staleData.linkUp(device, atMillis);
        states.condition(slot, false, false, Double.NaN, Double.NaN, null);
      }
      case CLOSED -> {
        // we closed the link (a stop, or another node polls the device now): its silence is
        // expected, and it must neither raise nor clear the device's alarms
        staleData.linkDown(device);
      }
      case CONNECTING -> {
        // changes nothing
      }
    }
  }

  /** Stale data is judged on the engine's tick (see {@link StaleDataWatch}). */
  private void checkStaleData() {
    try {
      staleData.check(
          System.currentTimeMillis(),
          (slot, stale, silentSeconds, limitSeconds) ->
              states.condition(slot, stale, false, silentSeconds, limitSeconds, null));
    } catch (RuntimeException e) {
      LOG.error("Stale-data check failed", e);
    }
  }

  /**
   * Judges validated hours, oldest first: every valid hour above the permit limit opens or extends
   * an enforcement notice, once per hour (a recomputed hour updates its value in an open notice);
   * each valid hour not older than the last one judged raises or ends the exceedance alarm in turn,
   * which flag T also holds raised.
   */
  private void judgeValidated(Point point, List<EmissionHour> hours) {
    EmissionLimit emission = point.limits().emission();
    int slot = emissionSlot(point);
    Instant judged = latestJudgedHour.get(slot);
    for (EmissionHour hour : hours) {
      if (!hour.isValid()) {
        continue;
      }
      if (hour.isExceedance()) {
        Reading reading =
            new Reading(
                hour.measured().start(),
                hour.measured().end(),
                hour.converted(),
                hour.o2() == null ? Double.NaN : hour.o2().value(),
                false);
        notices
            .exceeded(
                point,
                emission.limit(),
                emission.convertsToReferenceO2() ? emission.referenceO2() : Double.NaN,
                reading,
                AlarmJournal.now())
            .ifPresent(
                notice -> {
                  journal.append(notice);
                  LOG.info(
                      "Emission exceedance at {}: {} {} (limit {}) for {} .. {}: enforcement notice {}",
                      point.stationId(),
                      point.id(),
                      AlarmMessages.number(reading.value()),
                      AlarmMessages.number(emission.limit()),
                      reading.periodStart(),
                      reading.periodEnd(),
                      notice.id());
                });
      }
      if (judged == null || !hour.measured().start().isBefore(judged)) {
        judged = hour.measured().start();
        latestJudgedHour.put(slot, judged);
        validatedExceedance[slot] = hour.isExceedance();
        states.condition(
            slot,
            validatedExceedance[slot] || flagTExceedance[slot],
            false,
            hour.converted(),
            emission.limit(),
            VALIDATED_HOUR_NOTE);
      }
    }
  }

  private int emissionSlot(Point point) {
    for (int slot = catalog.firstSlot(point.index());
        slot < catalog.endSlot(point.index());
        slot++) {
      if (catalog.definition(slot).kind() == AlarmKind.EMISSION_EXCEEDANCE) {
        return slot;
      }
    }
    throw new IllegalArgumentException(point.id() + " has no emission limit");
  }

  /**
   * Restores alarms and notices from the journal, checked against the audit; rows it cannot use are
   * counted and raise the server's JOURNAL_ROWS_REJECTED alarm.
   */
  private void restore(boolean restoreAlarms) {
    AlarmRestore restore = new AlarmRestore(catalog, journal, rejects, audit.evidence());
    AlarmRestore.Restored restored =
        restoreAlarms ? restore.run() : new AlarmRestore.Restored(List.of(), List.of());
    states.restore(restored);
    notices.restore(restore.notices());
    int rejected = rejects.endRestore();
    if (rejected > 0) {
      states.event(
          catalog.journalRejectsSlot(),
          rejected,
          rejected + " 条记录未恢复，详见服务器日志 / rows not restored, see the server log");
    }
    LOG.info(
        "Alarm engine restored {} alarms that were not normal at the last stop",
        restored.alarms().size());
  }

  /**
   * Raises the server's alarm that records for an upstream platform were dropped from its full
   * queue; an event for the operator to acknowledge. Unknown upstreams are ignored.
   */
  public void upstreamRecordsDropped(String upstreamId, long dropped) {
    int slot = catalog.upstreamDropSlot(upstreamId);
    if (slot >= 0) {
      submit(
          () ->
              states.event(
                  slot,
                  dropped,
                  dropped
                      + " 条记录因队列已满被丢弃 / records dropped, the queue was full: the upstream"
                      + " is away"));
    }
  }

  /** Journal rows rejected by restores since the engine was made. */
  public long rejectedJournalRows() {
    return rejects.total();
  }

  // ---- operator actions ----

  @Override
  public AlarmRecord acknowledge(User user, Origin origin, String alarmId, String comment) {
    OperatorRules.require(user, OperatorRules.OPERATORS, "acknowledge alarms");
    String why = OperatorRules.optional(comment);
    return operate(
        definition(alarmId),
        user,
        origin,
        AlarmAudit.Action.ACKNOWLEDGE,
        why,
        AlarmAudit.detail(why),
        alarm -> alarm.acknowledge(user.name()));
  }

  @Override
  public AlarmRecord shelve(
      User user, Origin origin, String alarmId, Duration duration, String reason) {
    OperatorRules.require(user, OperatorRules.OPERATORS, "shelve alarms");
    AlarmDefinition definition = definition(alarmId);
    String why = OperatorRules.requireReason(reason, "shelving");
    rules.checkShelve(duration);
    Instant until = duration == null ? null : AlarmJournal.now().plus(duration);
    return operate(
        definition,
        user,
        origin,
        AlarmAudit.Action.SHELVE,
        why,
        AlarmAudit.shelveDetail(until, why),
        alarm -> alarm.shelve(until));
  }

  @Override
  public AlarmRecord unshelve(User user, Origin origin, String alarmId, String reason) {
    OperatorRules.require(user, OperatorRules.OPERATORS, "unshelve alarms");
    String why = OperatorRules.optional(reason);
    return operate(
        definition(alarmId),
        user,
        origin,
        AlarmAudit.Action.UNSHELVE,
        why,
        AlarmAudit.detail(why),
        AlarmInstance::unshelve);
  }

  @Override
  public AlarmRecord removeFromService(User user, Origin origin, String alarmId, String reason) {
    OperatorRules.require(user, OperatorRules.MAINTAINERS, "take alarms out of service");
    AlarmDefinition definition = definition(alarmId);
    String why = OperatorRules.requireReason(reason, "taking an alarm out of service");
    return operate(
        definition,
        user,
        origin,
        AlarmAudit.Action.REMOVE_FROM_SERVICE,
        why,
        AlarmAudit.detail(why),
        AlarmInstance::removeFromService);
  }

  @Override
  public AlarmRecord returnToService(User user, Origin origin, String alarmId, String reason) {
    OperatorRules.require(user, OperatorRules.MAINTAINERS, "return alarms to service");
    String why = OperatorRules.optional(reason);
    return operate(
        definition(alarmId),
        user,
        origin,
        AlarmAudit.Action.RETURN_TO_SERVICE,
        why,
        AlarmAudit.detail(why),
        AlarmInstance::returnToService);
  }

  /**
   * An operator's change in three steps: tried on a copy of the alarm on the engine thread (refused
   * there if the alarm's state does not allow it), put on the audit trail on the caller's thread
   * (the fsync keeps the engine waiting for no one), then applied and journaled on the engine
   * thread. Should the alarm have changed in between so that the change no longer applies, the
   * audit record is withdrawn.
   */
  private AlarmRecord operate(
      AlarmDefinition definition,
      User user,
      Origin origin,
      AlarmAudit.Action action,
      String reason,
      String detail,
      Consumer<AlarmInstance> change) {
    call(
        () -> {
          states.tryChange(definition, change);
          return null;
        });
    AuditRecord recorded = audit.record(user, origin, action, definition.id(), detail);
    try {
      return call(() -> states.change(definition, change, user.name(), origin, reason));
    } catch (RuntimeException e) {
      audit.withdraw(user, origin, recorded, e.getMessage());
      throw e;
    }
  }

  /** Closes an open enforcement notice; OPERATOR and above, with a comment. Audited first. */
  public EnforcementNotice closeNotice(User user, Origin origin, String noticeId, String comment) {
    OperatorRules.require(user, OperatorRules.OPERATORS, "close enforcement notices");
    String why = OperatorRules.requireReason(comment, "closing an enforcement notice");
    EnforcementNotice notice =
        notices
            .notice(noticeId)
            .orElseThrow(
                () -> new IllegalArgumentException("no enforcement notice '" + noticeId + "'"));
    if (notice.status() != EnforcementNotice.Status.OPEN) {
      throw new IllegalStateException("enforcement notice " + noticeId + " is already closed");
    }
    AuditRecord recorded =
        audit.record(user, origin, AlarmAudit.Action.CLOSE_NOTICE, noticeId, why);
    try {
      return call(
          () -> {
            EnforcementNotice closed =
                notices.close(noticeId, user.name(), why, AlarmJournal.now());
            journal.append(closed);
            LOG.info("Enforcement notice {} closed by {} ({})", noticeId, user.name(), origin);
            return closed;
          });
    } catch (RuntimeException e) {
      audit.withdraw(user, origin, recorded, e.getMessage());
      throw e;
    }
  }

  private AlarmDefinition definition(String alarmId) {
    return catalog
        .byId(alarmId)
        .orElseThrow(() -> new IllegalArgumentException("no alarm '" + alarmId + "'"));
  }

  /** Runs on the engine thread and waits for the result. */
  private <T> T call(Callable<T> task) {
    try {
      if (Thread.currentThread() == engineThread) {
        return task.call();
      }
      Future<T> result;
      try {
        result = engine.submit(task);
      } catch (RejectedExecutionException e) {
        throw new IllegalStateException("the alarm engine is stopped: the server is stopping", e);
      }
      return result.get(ACTION_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the alarm engine", e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("the alarm engine did not answer in time", e);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  // ---- reads ----

  @Override
  public List<AlarmRecord> current() {
    return states.current();
  }

  @Override
  public Optional<AlarmRecord> alarm(String alarmId) {
    AlarmRecord record = states.record(alarmId);
    if (record != null) {
      return Optional.of(record);
    }
    return catalog.byId(alarmId).map(d -> new AlarmInstance(d).record());
  }

  /** Tells the listener of every alarm change, in order, on the notifier's thread. */
  @Override
  public void addListener(Consumer<AlarmRecord> listener) {
    notifier.add(transition -> listener.accept(transition.alarm()));
  }

  /**
   * Tells the listener of every transition (the alarm with its condition and shelve kind, as the
   * journal keeps it), in order, on the notifier's thread.
   */
  public void addTransitionListener(Consumer<AlarmTransition> listener) {
    notifier.add(listener);
  }

  /** The latest transition of each alarm that changed since the start or was restored then. */
  public List<AlarmTransition> latestTransitions() {
    List<AlarmTransition> result = new ArrayList<>();
    for (AlarmDefinition definition : catalog.definitions()) {
      AlarmTransition transition = states.latest(definition.id());
      if (transition != null) {
        result.add(transition);
      }
    }
    return result;
  }

  /** The latest transition of the alarm, if it changed since the start or was restored then. */
  public Optional<AlarmTransition> latestTransition(String alarmId) {
    return Optional.ofNullable(states.latest(alarmId));
  }

  /** The ids of the alarms on the device and on its points. */
  public List<String> alarmIdsOfDevice(String deviceId) {
    return alarmsByDevice.getOrDefault(deviceId, List.of());
  }

  /**
   * Takes each alarm's state from the latest transition another cluster member made on it, as a
   * restart takes it from the journal (see {@link AlarmStateMachine#adopt}); transitions of alarms
   * this site does not define are skipped. Returns once they are applied.
   */
  public void adopt(List<AlarmTransition> transitions, String reason) {
    call(
        () -> {
          for (AlarmTransition transition : transitions) {
            Optional<AlarmDefinition> definition = catalog.byId(transition.alarm().id());
            if (definition.isEmpty()) {
              LOG.warn("Alarm {} of another member is not in this site", transition.alarm().id());
              continue;
            }
            states.adopt(definition.get(), transition, reason);
          }
          return null;
        });
  }

  /** Counts of the current alarms for the site, each region and each station with alarms. */
  public AlarmCounts counts() {
    return AlarmCounts.of(site, current());
  }

  /** KPIs over the period ending now; reads the journal, so call it off the event loop. */
  public AlarmKpis kpis(Duration period) {
    Instant to = AlarmJournal.now();
    Instant from = to.minus(period);
    return AlarmKpis.compute(from, to, journal.annunciations(from, to), current(), to);
  }

  /**
   * The latest journal entry of each of these alarms that has one; reads the journal, so call it
   * off the event loop.
   */
  public List<AlarmTransition> journaled(Collection<String> alarmIds) {
    return journal.latest(alarmIds);
  }

  /** Journal entries, newest first; reads the journal, so call it off the event loop. */
  public List<AlarmTransition> history(
      Instant from, Instant to, String stationId, AlarmKind kind, int limit) {
    return journal.history(from, to, stationId, kind, limit);
  }

  /** Enforcement notices, newest first. */
  public List<EnforcementNotice> notices() {
    return notices.all();
  }

  public Optional<EnforcementNotice> notice(String id) {
    return notices.notice(id);
  }

  /** The background of each radiation station's dose-rate point that has dose-rate levels. */
  public List<StationBackground> backgrounds() {
    List<StationBackground> result = new ArrayList<>();
    for (Point point : site.points()) {
      RadiationBaseline baseline = detector.baseline(point.index());
      if (baseline != null) {
        result.add(new StationBackground(point.stationId(), point.id(), baseline.background()));
      }
    }
    return result;
  }

  /** The rolling background of one station's dose-rate point. */
  public record StationBackground(
      String stationId, String pointId, RadiationBaseline.Background background) {}

  /** The background of a dose-rate point, or empty when it has no dose-rate levels. */
  public Optional<RadiationBaseline> baseline(String pointId) {
    return site.point(pointId).map(p -> detector.baseline(p.index()));
  }

  public Site site() {
    return site;
  }

  /**
   * Completes when every transition so far is in the journal and visible to queries, and the
   * listeners have heard of it.
   */
  public CompletableFuture<Void> flush() {
    CompletableFuture<Void> engineDone = new CompletableFuture<>();
    submit(() -> engineDone.complete(null));
    return engineDone.thenCompose(v -> notifier.flush()).thenCompose(v -> journal.flush());
  }

  /**
   * Stops judging: conditions, link changes and stale data that come after this are ignored, and
   * the changes already queued are still journaled and handed to the listeners. The server calls it
   * first when it stops, so that its own stop (links closing, data ceasing) raises nothing.
   */
  public void stopJudging() {
    engine.shutdown();
    try {
      if (!engine.awaitTermination(10, TimeUnit.SECONDS)) {
        LOG.warn("Alarm engine did not finish its queue in time");
        engine.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Stops judging, then waits for the listeners to hear the last changes; the journal is closed by
   * its owner, after this.
   */
  @Override
  public void close() {
    stopJudging();
    notifier.close();
  }
}
