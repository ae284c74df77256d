package io.helan.alarms;

import io.helan.alarms.EnforcementNotice.Reading;
import io.helan.audit.AuditRecord;
import io.helan.audit.AuditTrail;
import io.helan.audit.Origin;
import io.helan.auth.Role;
import io.helan.auth.User;
import io.helan.config.Device;
import io.helan.config.EmissionLimit;
import io.helan.config.Point;
import io.helan.config.Site;
import io.helan.driver.LinkListener;
import io.helan.driver.LinkState;
import io.helan.driver.SampleBatch;
import io.helan.ingest.IngestListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.questdb.cairo.CairoEngine;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
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
 * <p>Threads: samples are judged on the driver threads that ingest them ({@link ConditionDetector},
 * no locks, no allocation unless something changes); every change of an alarm happens on one engine
 * thread, so the state machine needs no locks, transitions reach the journal and listeners in the
 * order they happened, and a storm of changes queues up instead of contending. Delays, shelve
 * expiry and the stale-data check are timers on that same thread. Operator actions run there too
 * and wait for the result. Reads ({@link #current()}, counts) use snapshots the engine thread
 * publishes.
 */
public final class AlarmEngine
    implements AlarmService, IngestListener, LinkListener, ConditionSink, AutoCloseable {
  /** The user of transitions the engine makes by itself. */
  public static final String SYSTEM_USER = "system";

  /** Counter of journal rows a restore could not use. */
  public static final String JOURNAL_ROWS_REJECTED = JournalRejects.METRIC;

  private static final Logger LOG = LoggerFactory.getLogger(AlarmEngine.class);
  private static final Set<Role> OPERATORS =
      Set.of(Role.OPERATOR, Role.MAINTAINER, Role.COMMANDER, Role.ADMIN);
  private static final Set<Role> MAINTAINERS = Set.of(Role.MAINTAINER, Role.ADMIN);
  private static final long ACTION_TIMEOUT_SECONDS = 10;
  private static final Comparator<AlarmRecord> DISPLAY_ORDER =
      Comparator.comparingInt(AlarmRecord::priority)
          .thenComparing(r -> !r.state().needsAcknowledge())
          .thenComparing(
              r -> r.activeSince() == null ? Instant.EPOCH : r.activeSince(),
              Comparator.reverseOrder())
          .thenComparing(AlarmRecord::id);

  private final Site site;
  private final AlarmSettings settings;
  private final AlarmCatalog catalog;
  private final AlarmJournal journal;
  private final ConditionDetector detector;
  private final EnforcementNotices notices = new EnforcementNotices();
  private final JournalRejects rejects;
  private final AlarmAudit audit;
  private final ScheduledExecutorService engine;
  private volatile Thread engineThread;

  // engine thread only
  private final AlarmInstance[] instances;
  private final StaleDataWatch staleData;
  private long lastTransitionMicros;

  private final ConcurrentHashMap<String, AlarmRecord> records = new ConcurrentHashMap<>();
  private final List<Consumer<AlarmRecord>> listeners = new CopyOnWriteArrayList<>();

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
    this.journal = journal;
    this.audit = new AlarmAudit(audit);
    this.rejects = new JournalRejects(registry);
    this.detector = new ConditionDetector(catalog, settings, this);
    this.instances = new AlarmInstance[catalog.size()];
    this.staleData = new StaleDataWatch(catalog, settings, detector);
    int devices = catalog.devices().size();
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
    LOG.info(
        "Alarm engine: {} alarms defined on {} points and {} devices",
        catalog.size(),
        site.points().size(),
        devices);
  }

  /**
   * Restores the alarms that were not normal at the last stop, reopens the notices, and starts the
   * timers. Call after the journal has started and before field links deliver data.
   */
  public void start() {
    call(
        () -> {
          restore();
          return null;
        });
    long tick = settings.tick().toMillis();
    engine.scheduleWithFixedDelay(this::checkStaleData, tick, tick, TimeUnit.MILLISECONDS);
  }

  /**
   * Seeds every radiation station's background from the samples the historian kept in this QuestDB,
   * so background-relative levels hold right after a restart. Call before {@link #start()}; does
   * nothing when the samples table does not exist (first start, external historian).
   */
  public void seedBackgrounds(CairoEngine questDb) {
    BackgroundHistory history = new BackgroundHistory(questDb);
    if (!history.available()) {
      LOG.info("No samples table: radiation backgrounds start empty");
      return;
    }
    Instant now = now();
    for (Point point : site.points()) {
      RadiationBaseline baseline = detector.baseline(point.index());
      if (baseline != null) {
        int rain = catalog.rainPointOf(point.index());
        history.seed(
            baseline,
            point.limits().doseRate(),
            point.id(),
            rain < 0 ? null : site.points().get(rain).id(),
            now);
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
    submit(() -> onCondition(slot, active, suppressed, value, limit, note));
  }

  @Override
  public void exceedance(
      int slot,
      long periodStartMicros,
      long periodEndMicros,
      double value,
      double limit,
      double o2,
      boolean flagT) {
    submit(() -> onExceedance(slot, periodStartMicros, periodEndMicros, value, o2, flagT));
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

  private void onCondition(
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
    Instant now = now();
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
      engine.schedule(() -> delayElapsed(alarm, generation), delay, TimeUnit.MILLISECONDS);
    }
  }

  /** An on or off delay ran out; it counts only if the raw condition held all along. */
  private void delayElapsed(AlarmInstance alarm, long generation) {
    if (alarm.generation != generation) {
      return;
    }
    AlarmState before = alarm.state();
    alarm.setActive(alarm.raw, now());
    publish(alarm, before, SYSTEM_USER, null, null, false);
  }

  private void linkChanged(int device, LinkState state, String reason, long atMillis) {
    int slot = catalog.deviceSlot(device, AlarmKind.COMMUNICATION_LOSS);
    switch (state) {
      case DISCONNECTED -> {
        staleData.linkDown(device);
        onCondition(slot, true, false, Double.NaN, Double.NaN, reason);
      }
      case CONNECTED -> {
        staleData.linkUp(device, atMillis);
        onCondition(slot, false, false, Double.NaN, Double.NaN, null);
      }
      default -> {
        // CONNECTING changes nothing; CLOSED is our own shutdown, which must not clear alarms
      }
    }
  }

  /** Stale data is judged on the engine's tick (see {@link StaleDataWatch}). */
  private void checkStaleData() {
    try {
      staleData.check(
          System.currentTimeMillis(),
          (slot, stale, silentSeconds, limitSeconds) ->
              onCondition(slot, stale, false, silentSeconds, limitSeconds, null));
    } catch (RuntimeException e) {
      LOG.error("Stale-data check failed", e);
    }
  }

  private void onExceedance(
      int slot,
      long periodStartMicros,
      long periodEndMicros,
      double value,
      double o2,
      boolean flagT) {
    AlarmDefinition definition = catalog.definition(slot);
    Point point = site.point(definition.source()).orElseThrow();
    EmissionLimit emission = point.limits().emission();
    Reading reading =
        new Reading(instant(periodStartMicros), instant(periodEndMicros), value, o2, flagT);
    EnforcementNotice notice =
        notices.exceeded(
            point,
            emission.limit(),
            emission.convertsToReferenceO2() ? emission.referenceO2() : Double.NaN,
            reading,
            now());
    journal.append(notice);
    LOG.info(
        "Emission exceedance at {}: {} {} (limit {}) for {} .. {}: enforcement notice {}",
        point.stationId(),
        point.id(),
        AlarmMessages.number(value),
        AlarmMessages.number(emission.limit()),
        reading.periodStart(),
        reading.periodEnd(),
        notice.id());
  }

  /**
   * Journals and announces the alarm if its state changed, or always for operator actions (a
   * re-shelve or a comment is worth a line in the journal even when the state stays).
   */
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
    AlarmRecord record = alarm.record();
    records.put(record.id(), record);
    journal.append(
        new AlarmTransition(
            time,
            record,
            alarm.active,
            alarm.shelved && alarm.oneShot,
            alarm.outOfService,
            user,
            origin == null ? null : origin.channel() + " " + origin.address(),
            reason));
    for (Consumer<AlarmRecord> listener : listeners) {
      try {
        listener.accept(record);
      } catch (RuntimeException e) {
        LOG.warn("Alarm listener failed on {}", record.id(), e);
      }
    }
  }

  /** Journal times are unique and increasing, so the journal's order is the order of events. */
  private Instant nextTransitionTime() {
    Instant now = now();
    long micros = Math.max(AlarmJournal.micros(now), lastTransitionMicros + 1);
    lastTransitionMicros = micros;
    return instant(micros);
  }

  private void restore() {
    AlarmRestore restore = new AlarmRestore(catalog, journal, rejects, audit.evidence());
    AlarmRestore.Restored restored = restore.run();
    for (AlarmInstance alarm : restored.alarms()) {
      instances[alarm.definition.slot()] = alarm;
      records.put(alarm.definition.id(), alarm.record());
      if (alarm.shelved && alarm.shelvedUntil != null) {
        scheduleShelveExpiry(alarm);
      }
    }
    notices.restore(restore.notices());
    for (AlarmInstance alarm : restored.superseding()) {
      publish(alarm, null, SYSTEM_USER, null, "restored past a rejected journal row", true);
    }
    int rejected = rejects.endRestore();
    if (rejected > 0) {
      reportRejectedRows(rejected);
    }
    LOG.info(
        "Alarm engine restored {} alarms that were not normal at the last stop",
        restored.alarms().size());
  }

  /**
   * Raises and returns the server's alarm for rejected journal rows: it waits for an operator's
   * acknowledgement, with the count as its value.
   */
  private void reportRejectedRows(int rejected) {
    AlarmInstance alarm = instance(catalog.definition(catalog.journalRejectsSlot()));
    alarm.value = rejected;
    alarm.note = rejected + " 条记录未恢复，详见服务器日志 / rows not restored, see the server log";
    for (boolean active : new boolean[] {true, false}) {
      AlarmState before = alarm.state();
      alarm.setActive(active, now());
      publish(alarm, before, SYSTEM_USER, null, null, false);
    }
  }

  /** Journal rows rejected by restores since the engine was made. */
  public long rejectedJournalRows() {
    return rejects.total();
  }

  // ---- operator actions ----

  @Override
  public AlarmRecord acknowledge(User user, Origin origin, String alarmId, String comment) {
    require(user, OPERATORS, "acknowledge alarms");
    AlarmDefinition definition = definition(alarmId);
    String why = blankToNull(comment);
    return operate(
        definition,
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
    require(user, OPERATORS, "shelve alarms");
    AlarmDefinition definition = definition(alarmId);
    String why = requireReason(reason, "shelving");
    if (duration != null
        && (duration.isNegative()
            || duration.isZero()
            || duration.compareTo(settings.maxShelve()) > 0)) {
      throw new IllegalArgumentException(
          "a shelve lasts more than 0 and at most "
              + settings.maxShelve().toMinutes()
              + " minutes");
    }
    Instant until = duration == null ? null : now().plus(duration);
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
    require(user, OPERATORS, "unshelve alarms");
    AlarmDefinition definition = definition(alarmId);
    String why = blankToNull(reason);
    return operate(
        definition,
        user,
        origin,
        AlarmAudit.Action.UNSHELVE,
        why,
        AlarmAudit.detail(why),
        AlarmInstance::unshelve);
  }

  @Override
  public AlarmRecord removeFromService(User user, Origin origin, String alarmId, String reason) {
    require(user, MAINTAINERS, "take alarms out of service");
    AlarmDefinition definition = definition(alarmId);
    String why = requireReason(reason, "taking an alarm out of service");
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
    require(user, MAINTAINERS, "return alarms to service");
    AlarmDefinition definition = definition(alarmId);
    String why = blankToNull(reason);
    return operate(
        definition,
        user,
        origin,
        AlarmAudit.Action.RETURN_TO_SERVICE,
        why,
        AlarmAudit.detail(why),
        AlarmInstance::returnToService);
  }

  /**
   * An operator's change in three steps: it is tried on a copy of the alarm on the engine thread
   * (refused there if the alarm's state does not allow it), put on the audit trail on the caller's
   * thread (the fsync keeps the engine waiting for no one), then applied and journaled on the
   * engine thread. Should the alarm have changed in between so that the change no longer applies,
   * the audit record is withdrawn.
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
          change.accept(instance(definition).copy());
          return null;
        });
    AuditRecord recorded = audit.record(user, origin, action, definition.id(), detail);
    try {
      return call(
          () -> {
            AlarmInstance alarm = instance(definition);
            AlarmState before = alarm.state();
            change.accept(alarm);
            if (action == AlarmAudit.Action.SHELVE && alarm.shelvedUntil != null) {
              scheduleShelveExpiry(alarm);
            }
            publish(alarm, before, user.name(), origin, reason, true);
            return records.get(definition.id());
          });
    } catch (RuntimeException e) {
      audit.withdraw(user, origin, recorded, e.getMessage());
      throw e;
    }
  }

  private void scheduleShelveExpiry(AlarmInstance alarm) {
    long generation = alarm.shelveGeneration;
    long delay = Math.max(0, Duration.between(now(), alarm.shelvedUntil).toMillis());
    engine.schedule(
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

  /** Closes an open enforcement notice; OPERATOR and above, with a comment. Audited first. */
  public EnforcementNotice closeNotice(User user, Origin origin, String noticeId, String comment) {
    require(user, OPERATORS, "close enforcement notices");
    String why = requireReason(comment, "closing an enforcement notice");
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
            EnforcementNotice closed = notices.close(noticeId, user.name(), why, now());
            journal.append(closed);
            LOG.info("Enforcement notice {} closed by {} ({})", noticeId, user.name(), origin);
            return closed;
          });
    } catch (RuntimeException e) {
      audit.withdraw(user, origin, recorded, e.getMessage());
      throw e;
    }
  }

  private static void require(User user, Set<Role> roles, String action) {
    if (user == null) {
      throw new SecurityException("sign in to " + action);
    }
    if (user.roles().stream().noneMatch(roles::contains)) {
      throw new SecurityException(user.name() + " may not " + action + ": needs one of " + roles);
    }
  }

  private static String requireReason(String reason, String action) {
    if (reason == null || reason.isBlank()) {
      throw new IllegalArgumentException(action + " needs a reason");
    }
    return reason.strip();
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }

  private AlarmDefinition definition(String alarmId) {
    return catalog
        .byId(alarmId)
        .orElseThrow(() -> new IllegalArgumentException("no alarm '" + alarmId + "'"));
  }

  /** The alarm's live state, created in NORMAL when it never went off (engine thread). */
  private AlarmInstance instance(AlarmDefinition definition) {
    AlarmInstance alarm = instances[definition.slot()];
    if (alarm == null) {
      alarm = instances[definition.slot()] = new AlarmInstance(definition);
    }
    return alarm;
  }

  /** Runs on the engine thread and waits for the result. */
  private <T> T call(Callable<T> task) {
    try {
      if (Thread.currentThread() == engineThread) {
        return task.call();
      }
      Future<T> result = engine.submit(task);
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
    List<AlarmRecord> current = new ArrayList<>();
    for (AlarmRecord record : records.values()) {
      if (record.state() != AlarmState.NORMAL) {
        current.add(record);
      }
    }
    current.sort(DISPLAY_ORDER);
    return current;
  }

  @Override
  public Optional<AlarmRecord> alarm(String alarmId) {
    AlarmRecord record = records.get(alarmId);
    if (record != null) {
      return Optional.of(record);
    }
    return catalog.byId(alarmId).map(d -> new AlarmInstance(d).record());
  }

  @Override
  public void addListener(Consumer<AlarmRecord> listener) {
    listeners.add(listener);
  }

  /** Counts of the current alarms for the site, each region and each station with alarms. */
  public AlarmCounts counts() {
    return AlarmCounts.of(site, current());
  }

  /** KPIs over the period ending now; reads the journal, so call it off the event loop. */
  public AlarmKpis kpis(Duration period) {
    Instant to = now();
    Instant from = to.minus(period);
    return AlarmKpis.compute(from, to, journal.annunciations(from, to), current(), to);
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

  /** Completes when every transition so far is in the journal and visible to queries. */
  public CompletableFuture<Void> flush() {
    CompletableFuture<Void> engineDone = new CompletableFuture<>();
    submit(() -> engineDone.complete(null));
    return engineDone.thenCompose(v -> journal.flush());
  }

  /** The time, to the microsecond the journal keeps, so what is restored equals what was live. */
  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }

  private static Instant instant(long micros) {
    return Instant.ofEpochSecond(
        Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1000L);
  }

  /**
   * Stops the engine thread after the changes already queued; the journal is closed by its owner,
   * after this.
   */
  @Override
  public void close() {
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
}
