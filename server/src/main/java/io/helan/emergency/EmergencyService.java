package io.helan.emergency;

import io.helan.alarms.AlarmEngine;
import io.helan.alarms.AlarmRecord;
import io.helan.alarms.AlarmState;
import io.helan.alarms.RadiationBaseline;
import io.helan.audit.AuditTrail;
import io.helan.audit.Origin;
import io.helan.auth.Role;
import io.helan.auth.User;
import io.helan.commands.CommandRecord;
import io.helan.commands.CommandRefusal;
import io.helan.commands.CommandService;
import io.helan.commands.CommandState;
import io.helan.config.CommandDefinition;
import io.helan.config.CommandKind;
import io.helan.config.Device;
import io.helan.config.EmergencyClass;
import io.helan.config.EmergencyPlan;
import io.helan.config.EmergencySettings;
import io.helan.config.Point;
import io.helan.config.Site;
import io.helan.config.Station;
import io.helan.config.StationKind;
import io.helan.dispersion.LocalFrame;
import io.helan.dispersion.Release;
import io.helan.driver.DataFlag;
import io.helan.driver.Quality;
import io.helan.driver.SampleBatch;
import io.helan.emergency.PlanStep.Kind;
import io.helan.emergency.PlumeEstimator.Reading;
import io.helan.emergency.PlumeEstimator.Source;
import io.helan.ingest.CurrentValueTable;
import io.helan.ingest.IngestListener;
import io.helan.ingest.PointValue;
import io.helan.sources.RadioactiveSource;
import io.helan.sources.SourceJson;
import io.helan.sources.SourceRegister;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The radiation emergency platform's logic. At most one incident (or drill) is open. Declaring one,
 * changing its class and ending it are the commander's; each step is audited with the user,
 * journalled in QuestDB and put on the incident's timeline. While an incident is open the radiation
 * stations within the emergency radius (and those of the class's plan) measure at high frequency,
 * ordered through the command service in the declaring commander's name; the class's plan becomes a
 * checklist; the plume estimate is recomputed every few seconds from the stations' readings; site
 * configuration changes are refused. Ending it returns those stations to routine measurement.
 *
 * <p>The public methods write to disk and wait for devices: never call them on an event loop.
 */
public final class EmergencyService implements IngestListener, AutoCloseable {
  static final String SYSTEM = "system";
  private static final Logger LOG = LoggerFactory.getLogger(EmergencyService.class);
  private static final long ORDER_TIMEOUT_SECONDS = 60;

  /** An order the device cannot take now (offline, busy) is tried again this often... */
  private static final long ORDER_RETRY_SECONDS = 5;

  /** ...this many times, about two minutes in all. */
  private static final int ORDER_ATTEMPTS = 24;

  private static final long PLUME_PERIOD_MILLIS = 5_000;

  /** A station is downwind within this angle either side of the direction the wind blows to. */
  static final double DOWNWIND_HALF_ANGLE = 22.5;

  /** Cloud cover assumed when the wind comes from a station, which does not measure cloud. */
  static final double UNKNOWN_CLOUD_COVER = 0.5;

  /** A plume event goes on the timeline when the fitted rate moves by this fraction. */
  private static final double MARKED_RATE_CHANGE = 0.25;

  private static final int MAX_NOTE_CHARS = 2000;

  /** A dispatched vehicle has arrived once it reports a position this close to its destination. */
  static final double ARRIVAL_METRES = 100;

  private static final DateTimeFormatter ID_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private final Site site;
  private final EmergencySettings settings;
  private final CommandService commands;
  private final AuditTrail audit;
  private final IncidentJournal journal;
  private final CurrentValueTable values;
  private final AlarmEngine alarms;
  private final SourceRegister sources;
  private final PlumeEstimator estimator;
  private final List<Point> doseRatePoints = new ArrayList<>();
  private final List<Vehicle> vehicles;
  private final boolean[] isDoseRate;
  // per point: written by the point's own ingest thread, read by the plume thread
  private final double[] lowestSeen;
  private final ScheduledExecutorService orders =
      Executors.newSingleThreadScheduledExecutor(task -> daemon(task, "helan-emergency-orders"));
  private final ScheduledExecutorService ticker =
      Executors.newSingleThreadScheduledExecutor(task -> daemon(task, "helan-emergency-plume"));
  private final List<Consumer<TimelineEvent>> listeners = new CopyOnWriteArrayList<>();

  // guarded by this
  private final List<Incident> incidents = new ArrayList<>();
  private final Map<String, List<TimelineEvent>> timelines = new HashMap<>();
  private final Map<String, PlanStep> checklist = new LinkedHashMap<>();
  private final Set<String> highFrequencyStations = new LinkedHashSet<>();
  private final Map<String, Dispatch> dispatches = new LinkedHashMap<>();
  private Incident current;
  private User commander;
  private Origin commanderOrigin;
  private Source plumeSource;
  private double journalledRate = Double.NaN;
  private volatile PlumeEstimate plume;

  public EmergencyService(
      Site site,
      CommandService commands,
      AuditTrail audit,
      IncidentJournal journal,
      CurrentValueTable values,
      AlarmEngine alarms,
      SourceRegister sources) {
    this.site = site;
    this.settings = site.emergency();
    this.commands = commands;
    this.audit = audit;
    this.journal = journal;
    this.values = values;
    this.alarms = alarms;
    this.sources = sources;
    this.estimator = new PlumeEstimator(settings.cloudDoseFactor(), settings.radiusKm() * 1000);
    isDoseRate = new boolean[site.points().size()];
    for (Station station : radiationStations()) {
      doseRatePoint(station)
          .ifPresent(
              point -> {
                doseRatePoints.add(point);
                isDoseRate[point.index()] = true;
              });
    }
    vehicles = Vehicle.of(site);
    lowestSeen = new double[site.points().size()];
    java.util.Arrays.fill(lowestSeen, Double.NaN);
  }

  /** Rebuilds the incidents from the journal, then starts recomputing the plume. */
  public synchronized void start() {
    journal.start();
    for (TimelineEvent event : journal.all()) {
      replay(event);
    }
    if (current != null) {
      LOG.info(
          "Incident {} is open ({}), as the journal left it",
          current.id(),
          current.emergencyClass());
    }
    alarms.addListener(this::alarmChanged);
    ticker.scheduleWithFixedDelay(
        this::recomputeSafely, PLUME_PERIOD_MILLIS, PLUME_PERIOD_MILLIS, TimeUnit.MILLISECONDS);
  }

  public static EmergencyService open(
      Site site,
      CommandService commands,
      AuditTrail audit,
      io.questdb.cairo.CairoEngine engine,
      CurrentValueTable values,
      AlarmEngine alarms,
      SourceRegister sources) {
    return new EmergencyService(
        site, commands, audit, new IncidentJournal(engine), values, alarms, sources);
  }

  public void addListener(Consumer<TimelineEvent> listener) {
    listeners.add(listener);
  }

  /** Every event of every incident, each timeline in order, incidents in declaration order. */
  public synchronized List<TimelineEvent> events() {
    List<TimelineEvent> all = new ArrayList<>();
    for (Incident incident : incidents) {
      all.addAll(timelines.getOrDefault(incident.id(), List.of()));
    }
    return all;
  }

  /**
   * Forgets the incidents held here and rebuilds them from {@code events} (oldest first), as a
   * restart does from the journal, without journalling them: for a cluster node that takes the
   * incidents over from another (or hands them on, with none). An open incident carries on without
   * its commander, whose orders are in; the next commander's actions give it one.
   */
  public synchronized void reload(List<TimelineEvent> events) {
    incidents.clear();
    timelines.clear();
    checklist.clear();
    highFrequencyStations.clear();
    dispatches.clear();
    current = null;
    commander = null;
    commanderOrigin = null;
    plumeSource = null;
    journalledRate = Double.NaN;
    plume = null;
    events.forEach(this::replay);
  }

  // --- the commander's actions ----------------------------------------------------------------

  public synchronized Incident declare(User user, Origin origin, Declaration d) {
    requireCommander(user, origin, "incident.declare");
    if (current != null) {
      throw refused(
          user,
          origin,
          "incident.declare",
          EmergencyRefusal.conflict(
              (current.drill() ? "drill " : "incident ")
                  + current.id()
                  + " is open since "
                  + current.declaredAt()
                  + ": end it before declaring another"));
    }
    Instant now = now();
    checkPlace(user, origin, "incident.declare", d.latitude(), d.longitude());
    if (d.occurredAt() != null && d.occurredAt().isAfter(now.plusSeconds(60))) {
      throw refused(
          user,
          origin,
          "incident.declare",
          EmergencyRefusal.badRequest("time " + d.occurredAt() + " is in the future"));
    }
    checkNote(user, origin, "incident.declare", d.note());
    checkRate(user, origin, "incident.declare", d.releaseRate());
    String id = (d.drill() ? "DRILL-" : "INC-") + ID_TIME.format(now);
    Incident incident =
        new Incident(
            id,
            d.drill(),
            d.type(),
            d.emergencyClass(),
            d.latitude(),
            d.longitude(),
            d.occurredAt() == null ? now : d.occurredAt(),
            d.note() == null ? "" : d.note(),
            now,
            user.name(),
            null,
            null);
    audited(user, origin, "incident.declare", id, EmergencyJson.incident(incident).encode());
    current = incident;
    commander = user;
    commanderOrigin = origin;
    incidents.add(incident);
    plumeSource =
        new Source(d.latitude(), d.longitude(), d.releaseHeight(), d.weather(), d.releaseRate());
    List<PlanStep> steps = planSteps(incident, d.emergencyClass());
    record(
        now,
        EventKind.DECLARED,
        user.name(),
        (d.drill() ? "drill declared: " : "incident declared: ")
            + d.type().key()
            + ", "
            + d.emergencyClass().displayName()
            + " at "
            + d.latitude()
            + ", "
            + d.longitude()
            + (incident.note().isEmpty() ? "" : " — " + incident.note()),
        new JsonObject()
            .put("incident", EmergencyJson.incident(incident))
            .put("source", sourceJson(plumeSource))
            .put("steps", stepsJson(steps)));
    recordSourcesInRange(incident);
    carryOut(steps);
    return incident;
  }

  /**
   * Opens an incident (or a drill) from the alarm of a registered source's monitor, with one
   * action: its type is a radioactive source, its place where the monitor last reported the source
   * (its registered place when that is not known or outside the site), its note names the source
   * and the alarm, and the alarm goes on the timeline.
   */
  public synchronized Incident declareFromAlarm(
      User user, Origin origin, String alarmId, EmergencyClass emergencyClass, boolean drill) {
    requireCommander(user, origin, "incident.declare");
    AlarmRecord alarm =
        alarms
            .alarm(alarmId)
            .orElseThrow(
                () ->
                    refused(
                        user,
                        origin,
                        "incident.declare",
                        EmergencyRefusal.notFound("no alarm '" + alarmId + "'")));
    RadioactiveSource source =
        sourceOf(alarm)
            .orElseThrow(
                () ->
                    refused(
                        user,
                        origin,
                        "incident.declare",
                        EmergencyRefusal.badRequest(
                            "alarm "
                                + alarmId
                                + " is not of a registered radioactive source's monitor")));
    if (alarm.state() == AlarmState.NORMAL) {
      throw refused(
          user,
          origin,
          "incident.declare",
          EmergencyRefusal.conflict("alarm " + alarmId + " is not raised (it is NORMAL)"));
    }
    double[] place = sourcePosition(source);
    Incident incident =
        declare(
            user,
            origin,
            new Declaration(
                drill,
                IncidentType.RADIOACTIVE_SOURCE,
                emergencyClass,
                place[0],
                place[1],
                alarm.activeSince(),
                source.name()
                    + " (Class "
                    + source.sourceClass()
                    + ", "
                    + source.nuclide()
                    + ", "
                    + source.holder()
                    + "): "
                    + alarm.message(),
                null,
                Double.NaN,
                0));
    record(
        now(),
        EventKind.ALARM,
        user.name(),
        "opened from alarm " + alarm.id() + ": " + alarm.message(),
        new JsonObject()
            .put("alarm", alarm.id())
            .put("station", alarm.stationId())
            .put("state", alarm.state().name())
            .put("value", Double.isFinite(alarm.value()) ? alarm.value() : null)
            .put("limit", Double.isFinite(alarm.limit()) ? alarm.limit() : null)
            .put("source", SourceJson.source(source)));
    return incident;
  }

  /** The registered source an alarm watches: one of its monitor's points, or the monitor itself. */
  public Optional<RadioactiveSource> sourceOf(AlarmRecord alarm) {
    for (RadioactiveSource source : sources.all()) {
      for (String pointId : source.points()) {
        if (pointId.equals(alarm.source())
            || site.point(pointId).map(p -> p.deviceId().equals(alarm.source())).orElse(false)) {
          return Optional.of(source);
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Where the source's monitor last reported it, if that is known and inside the site; else its
   * registered place.
   */
  private double[] sourcePosition(RadioactiveSource source) {
    Optional<Point> latitude = source.point("latitude").flatMap(site::point);
    Optional<Point> longitude = source.point("longitude").flatMap(site::point);
    if (latitude.isPresent() && longitude.isPresent()) {
      PointValue lat = new PointValue();
      PointValue lon = new PointValue();
      values.read(latitude.get().index(), lat);
      values.read(longitude.get().index(), lon);
      if (good(lat) && good(lon) && settings.bounds().contains(lat.value(), lon.value())) {
        return new double[] {lat.value(), lon.value()};
      }
    }
    return new double[] {source.latitude(), source.longitude()};
  }

  public synchronized Incident changeClass(User user, Origin origin, EmergencyClass newClass) {
    requireCommander(user, origin, "incident.class");
    Incident open = requireOpen(user, origin, "incident.class");
    if (open.emergencyClass() == newClass) {
      throw refused(
          user,
          origin,
          "incident.class",
          EmergencyRefusal.conflict(open.id() + " is already at " + newClass.key()));
    }
    boolean up = newClass.compareTo(open.emergencyClass()) > 0;
    audited(
        user,
        origin,
        up ? "incident.escalate" : "incident.de-escalate",
        open.id(),
        open.emergencyClass().key() + " -> " + newClass.key());
    current = open.withClass(newClass);
    commander = user;
    commanderOrigin = origin;
    replaceIncident(current);
    List<PlanStep> steps = planSteps(current, newClass);
    record(
        now(),
        up ? EventKind.ESCALATED : EventKind.DE_ESCALATED,
        user.name(),
        (up ? "escalated to " : "de-escalated to ") + newClass.displayName(),
        new JsonObject()
            .put("from", open.emergencyClass().key())
            .put("class", newClass.key())
            .put("steps", stepsJson(steps)));
    carryOut(steps);
    return current;
  }

  public synchronized Incident end(User user, Origin origin, String note) {
    requireCommander(user, origin, "incident.end");
    Incident open = requireOpen(user, origin, "incident.end");
    checkNote(user, origin, "incident.end", note);
    Instant now = now();
    audited(user, origin, "incident.end", open.id(), note == null ? "" : note);
    Incident ended = open.ended(now, user.name());
    replaceIncident(ended);
    record(
        now,
        EventKind.ENDED,
        user.name(),
        "ended" + (note == null || note.isBlank() ? "" : ": " + note),
        new JsonObject().put("incident", EmergencyJson.incident(ended)));
    // back to routine: every station this incident put to high frequency
    List<String> stations = List.copyOf(highFrequencyStations);
    String incidentId = open.id();
    for (String stationId : stations) {
      measurementCommand(stationId)
          .ifPresent(
              target ->
                  orders.submit(
                      () ->
                          order(
                              incidentId,
                              user,
                              origin,
                              target,
                              Map.of(
                                  CommandKind.INTERVAL_SECONDS, (double) settings.routineSeconds()),
                              "routine measurement every " + settings.routineSeconds() + " s",
                              null)));
    }
    current = null;
    commander = null;
    highFrequencyStations.clear();
    checklist.clear();
    dispatches.clear();
    plumeSource = null;
    plume = null;
    journalledRate = Double.NaN;
    return ended;
  }

  public synchronized TimelineEvent note(User user, Origin origin, String text) {
    requireCommander(user, origin, "incident.note");
    Incident open = requireOpen(user, origin, "incident.note");
    if (text == null || text.isBlank()) {
      throw refused(user, origin, "incident.note", EmergencyRefusal.badRequest("note is empty"));
    }
    checkNote(user, origin, "incident.note", text);
    audited(user, origin, "incident.note", open.id(), text);
    return record(now(), EventKind.NOTE, user.name(), text, new JsonObject());
  }

  /** Ticks off a checklist step a person carries out (a notification). */
  public synchronized PlanStep completeStep(
      User user, Origin origin, String stepId, String comment) {
    requireCommander(user, origin, "incident.step");
    Incident open = requireOpen(user, origin, "incident.step");
    PlanStep step = checklist.get(stepId);
    if (step == null) {
      throw refused(
          user,
          origin,
          "incident.step",
          EmergencyRefusal.notFound("no checklist step '" + stepId + "' in " + open.id()));
    }
    if (step.state() == PlanStep.State.DONE) {
      throw refused(
          user,
          origin,
          "incident.step",
          EmergencyRefusal.conflict(
              "step " + stepId + " was done by " + step.doneBy() + " at " + step.doneAt()));
    }
    checkNote(user, origin, "incident.step", comment);
    audited(
        user, origin, "incident.step", open.id() + "/" + stepId, comment == null ? "" : comment);
    PlanStep done = step.finished(true, user.name(), now(), comment == null ? "done" : comment);
    stepChanged(done);
    return done;
  }

  /** Sets the weather and release the plume estimate assumes, and recomputes it at once. */
  public PlumeEstimate setPlumeSource(
      User user, Origin origin, Weather weather, double releaseRate, double releaseHeight) {
    synchronized (this) {
      requireCommander(user, origin, "incident.plume");
      Incident open = requireOpen(user, origin, "incident.plume");
      checkRate(user, origin, "incident.plume", releaseRate);
      if (!(releaseHeight >= 0 && releaseHeight <= 1000)) {
        throw refused(
            user,
            origin,
            "incident.plume",
            EmergencyRefusal.badRequest(
                "release height " + releaseHeight + " m is not 0 to 1000 m"));
      }
      plumeSource =
          new Source(open.latitude(), open.longitude(), releaseHeight, weather, releaseRate);
      audited(user, origin, "incident.plume", open.id(), sourceJson(plumeSource).encode());
      record(
          now(),
          EventKind.PLUME,
          user.name(),
          "plume source set: wind "
              + weather.windSpeed()
              + " m/s from "
              + weather.windFrom()
              + "°"
              + (Double.isNaN(releaseRate)
                  ? ", release rate fitted"
                  : ", " + releaseRate + " Bq/s"),
          new JsonObject().put("source", sourceJson(plumeSource)));
    }
    recompute();
    return plume;
  }

  /**
   * Orders every sampler (aerosol and iodine) at every radiation station downwind of the incident
   * within the emergency radius, through the command service in the commander's name. Returns the
   * stations; the orders' results follow on the timeline.
   */
  public synchronized List<String> orderDownwindSamplers(User user, Origin origin) {
    requireCommander(user, origin, "incident.order-samplers");
    Incident open = requireOpen(user, origin, "incident.order-samplers");
    Weather weather = weather(open);
    if (weather == null) {
      throw refused(
          user,
          origin,
          "incident.order-samplers",
          EmergencyRefusal.conflict("no wind known: set the plume's weather first"));
    }
    List<String> downwind = downwindStations(open, weather);
    if (downwind.isEmpty()) {
      throw refused(
          user,
          origin,
          "incident.order-samplers",
          EmergencyRefusal.conflict(
              "no radiation station within "
                  + settings.radiusKm()
                  + " km downwind (wind from "
                  + weather.windFrom()
                  + "°)"));
    }
    audited(user, origin, "incident.order-samplers", open.id(), String.join(",", downwind));
    record(
        now(),
        EventKind.ORDER,
        user.name(),
        "start aerosol and iodine samplers at every downwind station: "
            + String.join(", ", downwind),
        new JsonObject().put("stations", new JsonArray(downwind)));
    for (String stationId : downwind) {
      for (Target target : samplerCommands(stationId)) {
        orders.submit(() -> order(open.id(), user, origin, target, Map.of(), target.name(), null));
      }
    }
    return downwind;
  }

  /** Puts the registered radioactive sources within the emergency radius on the timeline. */
  private void recordSourcesInRange(Incident incident) {
    List<RadioactiveSource> near = sourcesInRange(incident);
    JsonArray listed = new JsonArray();
    near.forEach(source -> listed.add(SourceJson.source(source)));
    record(
        now(),
        EventKind.SOURCES,
        SYSTEM,
        near.isEmpty()
            ? "no registered radioactive source within " + settings.radiusKm() + " km"
            : near.size()
                + " registered radioactive sources within "
                + settings.radiusKm()
                + " km: "
                + String.join(
                    ", ",
                    near.stream()
                        .map(
                            s ->
                                s.name()
                                    + " (Class "
                                    + s.sourceClass()
                                    + ", "
                                    + s.nuclide()
                                    + ", "
                                    + s.holder()
                                    + ")")
                        .toList()),
        new JsonObject().put("sources", listed));
  }

  /** The registered radioactive sources within the emergency radius of the incident. */
  public List<RadioactiveSource> sourcesInRange(Incident incident) {
    return sources.within(incident.latitude(), incident.longitude(), settings.radiusKm() * 1000);
  }

  /**
   * Sends a monitoring vehicle to a place through the command service, in the commander's name; the
   * dispatch and, once the vehicle reports its position there, its arrival with its reading go on
   * the timeline.
   */
  public synchronized Dispatch dispatch(
      User user, Origin origin, String vehicleId, double latitude, double longitude) {
    requireCommander(user, origin, "incident.dispatch");
    Incident open = requireOpen(user, origin, "incident.dispatch");
    Vehicle vehicle =
        vehicle(vehicleId)
            .orElseThrow(
                () ->
                    refused(
                        user,
                        origin,
                        "incident.dispatch",
                        EmergencyRefusal.notFound(
                            "no vehicle '"
                                + vehicleId
                                + "'; the site's are "
                                + vehicles.stream().map(Vehicle::id).toList())));
    checkPlace(user, origin, "incident.dispatch", latitude, longitude);
    Dispatch dispatch =
        new Dispatch(vehicle.id(), open.id(), latitude, longitude, user.name(), now());
    audited(
        user,
        origin,
        "incident.dispatch",
        open.id() + "/" + vehicle.id(),
        latitude + ", " + longitude);
    VehicleState state = state(vehicle);
    record(
        dispatch.time(),
        EventKind.VEHICLE,
        user.name(),
        vehicle.name()
            + " sent to "
            + String.format(Locale.ROOT, "%.4f, %.4f", latitude, longitude)
            + (state.reporting()
                ? String.format(
                    Locale.ROOT,
                    " (%.1f km from where it is)",
                    new LocalFrame(latitude, longitude)
                            .distance(state.latitude(), state.longitude())
                        / 1000)
                : ""),
        vehicleJson(state).put("destination", destinationJson(latitude, longitude)));
    dispatches.put(vehicle.id(), dispatch);
    Target target =
        new Target(vehicle.id(), vehicle.deviceId(), vehicle.dispatchCommand(), "dispatch");
    orders.submit(
        () ->
            order(
                open.id(),
                user,
                origin,
                target,
                Map.of(CommandKind.LATITUDE, latitude, CommandKind.LONGITUDE, longitude),
                String.format(Locale.ROOT, "drive to %.4f, %.4f", latitude, longitude),
                null));
    return dispatch;
  }

  public List<Vehicle> vehicles() {
    return vehicles;
  }

  public Optional<Vehicle> vehicle(String id) {
    return vehicles.stream().filter(v -> v.id().equals(id)).findFirst();
  }

  /** Every vehicle as it reports now, with where it was sent. */
  public List<VehicleState> vehicleStates() {
    return vehicles.stream().map(this::state).toList();
  }

  private VehicleState state(Vehicle vehicle) {
    PointValue latitude = new PointValue();
    PointValue longitude = new PointValue();
    PointValue doseRate = new PointValue();
    values.read(vehicle.latitude().index(), latitude);
    values.read(vehicle.longitude().index(), longitude);
    values.read(vehicle.doseRate().index(), doseRate);
    boolean reporting = good(latitude) && good(longitude) && good(doseRate);
    Optional<Dispatch> dispatch;
    synchronized (this) {
      dispatch = Optional.ofNullable(dispatches.get(vehicle.id()));
    }
    return new VehicleState(
        vehicle,
        reporting,
        reporting ? latitude.value() : Double.NaN,
        reporting ? longitude.value() : Double.NaN,
        reporting ? doseRate.value() : Double.NaN,
        doseRate.hasValue() ? doseRate.flag() : DataFlag.N,
        dispatch);
  }

  private static boolean good(PointValue value) {
    return value.hasValue() && value.quality() == Quality.GOOD && Double.isFinite(value.value());
  }

  /** Puts each dispatched vehicle that has reached its destination on the timeline, once. */
  void checkArrivals() {
    List<Dispatch> under;
    synchronized (this) {
      under = List.copyOf(dispatches.values());
    }
    for (Dispatch dispatch : under) {
      VehicleState state = state(vehicle(dispatch.vehicleId()).orElseThrow());
      if (!state.reporting()
          || new LocalFrame(dispatch.latitude(), dispatch.longitude())
                  .distance(state.latitude(), state.longitude())
              > ARRIVAL_METRES) {
        continue;
      }
      synchronized (this) {
        if (!dispatch.equals(dispatches.get(dispatch.vehicleId()))) {
          continue; // sent elsewhere meanwhile, or the incident ended
        }
        dispatches.remove(dispatch.vehicleId());
        PlumeEstimate estimate = plume;
        Optional<PlumeEstimate.StationEstimate> compared =
            estimate == null
                ? Optional.empty()
                : estimate.vehicles().stream()
                    .filter(v -> v.stationId().equals(dispatch.vehicleId()))
                    .findFirst();
        recordFor(
            dispatch.incidentId(),
            EventKind.VEHICLE,
            SYSTEM,
            state.vehicle().name()
                + String.format(
                    Locale.ROOT,
                    " arrived at %.4f, %.4f: %.1f nGy/h",
                    state.latitude(),
                    state.longitude(),
                    state.doseRate())
                + compared
                    .map(
                        c ->
                            String.format(
                                Locale.ROOT,
                                " (estimated increase %.1f nGy/h)",
                                c.estimatedIncrease()))
                    .orElse(""),
            vehicleJson(state)
                .put("destination", destinationJson(dispatch.latitude(), dispatch.longitude()))
                .put("arrived", true));
      }
    }
  }

  private static JsonObject destinationJson(double latitude, double longitude) {
    return new JsonObject().put("latitude", latitude).put("longitude", longitude);
  }

  private static JsonObject vehicleJson(VehicleState state) {
    return new JsonObject()
        .put("vehicle", state.vehicle().id())
        .put("latitude", state.reporting() ? state.latitude() : null)
        .put("longitude", state.reporting() ? state.longitude() : null)
        .put("doseRate", state.reporting() ? state.doseRate() : null);
  }

  // --- what the platform shows -----------------------------------------------------------------

  public synchronized Optional<Incident> current() {
    return Optional.ofNullable(current);
  }

  /** Every incident and drill, newest first. */
  public synchronized List<Incident> incidents() {
    List<Incident> newestFirst = new ArrayList<>(incidents);
    java.util.Collections.reverse(newestFirst);
    return newestFirst;
  }

  public synchronized Optional<Incident> incident(String id) {
    if ("current".equals(id)) {
      return current();
    }
    return incidents.stream().filter(i -> i.id().equals(id)).findFirst();
  }

  public synchronized List<TimelineEvent> timeline(String incidentId) {
    return List.copyOf(timelines.getOrDefault(incidentId, List.of()));
  }

  public synchronized List<PlanStep> checklist() {
    return List.copyOf(checklist.values());
  }

  /** Stations measuring at high frequency for the open incident. */
  public synchronized Set<String> highFrequencyStations() {
    return Set.copyOf(highFrequencyStations);
  }

  public Optional<PlumeEstimate> plume() {
    return Optional.ofNullable(plume);
  }

  /**
   * Why the site's configuration may not change now, or empty: while an incident is open the
   * stations, plans and limits the commanders work with stay as they are.
   */
  public synchronized Optional<String> siteChangeRefusal() {
    return current == null
        ? Optional.empty()
        : Optional.of(
            "site configuration is locked while "
                + (current.drill() ? "drill " : "incident ")
                + current.id()
                + " is open");
  }

  /** Radiation stations within the emergency radius of a place, nearest first. */
  public List<String> stationsInRange(double latitude, double longitude) {
    LocalFrame frame = new LocalFrame(latitude, longitude);
    return radiationStations().stream()
        .filter(s -> frame.distance(s.latitude(), s.longitude()) <= settings.radiusKm() * 1000)
        .sorted(
            java.util.Comparator.comparingDouble(s -> frame.distance(s.latitude(), s.longitude())))
        .map(Station::id)
        .toList();
  }

  /** The weather the estimate of the incident uses: entered, or the nearest station's wind. */
  synchronized Weather weather(Incident incident) {
    if (plumeSource != null && plumeSource.weather() != null) {
      return plumeSource.weather();
    }
    return nearestWind(incident.latitude(), incident.longitude());
  }

  /** Radiation stations within the radius whose bearing from the source is within the sector. */
  List<String> downwindStations(Incident incident, Weather weather) {
    LocalFrame frame = new LocalFrame(incident.latitude(), incident.longitude());
    double towards = (weather.windFrom() + 180) % 360;
    List<String> downwind = new ArrayList<>();
    for (String stationId : stationsInRange(incident.latitude(), incident.longitude())) {
      Station station = site.station(stationId).orElseThrow();
      double east = frame.east(station.latitude(), station.longitude());
      double north = frame.north(station.latitude());
      double bearing = (Math.toDegrees(Math.atan2(east, north)) + 360) % 360;
      double off = Math.abs(((bearing - towards + 540) % 360) - 180);
      if (off <= DOWNWIND_HALF_ANGLE) {
        downwind.add(stationId);
      }
    }
    return downwind;
  }

  // --- plan and orders -------------------------------------------------------------------------

  /** The checklist of the class's plan: measurement and samplers are ordered, people notified. */
  private List<PlanStep> planSteps(Incident incident, EmergencyClass emergencyClass) {
    Optional<EmergencyPlan> plan = settings.plan(emergencyClass);
    int interval = plan.map(EmergencyPlan::intervalSeconds).orElse(settings.highFrequencySeconds());
    Set<String> measured =
        new LinkedHashSet<>(stationsInRange(incident.latitude(), incident.longitude()));
    plan.ifPresent(p -> measured.addAll(p.stations()));
    List<PlanStep> steps = new ArrayList<>();
    String prefix = emergencyClass.key() + ".";
    for (String stationId : measured) {
      steps.add(
          pending(
              prefix + "measure." + stationId,
              emergencyClass,
              Kind.MEASUREMENT,
              stationId,
              stationName(stationId) + ": measure every " + interval + " s"));
    }
    for (String stationId : plan.map(EmergencyPlan::samplers).orElse(List.of())) {
      steps.add(
          pending(
              prefix + "samplers." + stationId,
              emergencyClass,
              Kind.SAMPLERS,
              stationId,
              stationName(stationId) + ": start the samplers"));
    }
    List<String> notify = plan.map(EmergencyPlan::notifications).orElse(List.of());
    for (int i = 0; i < notify.size(); i++) {
      steps.add(
          pending(
              prefix + "notify." + i,
              emergencyClass,
              Kind.NOTIFICATION,
              notify.get(i),
              "notify " + notify.get(i)));
    }
    for (PlanStep step : steps) {
      checklist.put(step.id(), step);
    }
    return steps;
  }

  private static PlanStep pending(
      String id, EmergencyClass emergencyClass, Kind kind, String target, String description) {
    return new PlanStep(
        id, emergencyClass, kind, target, description, PlanStep.State.PENDING, null, null, null);
  }

  /** Orders what the steps ask of the devices, in the current commander's name. */
  private void carryOut(List<PlanStep> steps) {
    User user = commander;
    String incidentId = current.id();
    Origin origin = commanderOrigin;
    int interval =
        settings
            .plan(current.emergencyClass())
            .map(EmergencyPlan::intervalSeconds)
            .orElse(settings.highFrequencySeconds());
    for (PlanStep step : steps) {
      switch (step.kind()) {
        case MEASUREMENT -> {
          Optional<Target> target = measurementCommand(step.target());
          if (target.isEmpty()) {
            stepChanged(
                step.finished(false, user.name(), now(), "no emergency-measurement command"));
            continue;
          }
          highFrequencyStations.add(step.target());
          stepChanged(step.running(user.name()));
          orders.submit(
              () ->
                  order(
                      incidentId,
                      user,
                      origin,
                      target.get(),
                      Map.of(CommandKind.INTERVAL_SECONDS, (double) interval),
                      "measure every " + interval + " s",
                      step.id()));
        }
        case SAMPLERS -> {
          stepChanged(step.running(user.name()));
          for (Target target : samplerCommands(step.target())) {
            orders.submit(
                () -> order(incidentId, user, origin, target, Map.of(), target.name(), step.id()));
          }
        }
        case NOTIFICATION -> {
          // a person carries it out and ticks it off
        }
      }
    }
  }

  /** One device command to order: the device and the command's id. */
  record Target(String stationId, String deviceId, String commandId, String name) {}

  private Optional<Target> measurementCommand(String stationId) {
    return commandsOf(stationId, CommandKind.EMERGENCY_MEASUREMENT).stream().findFirst();
  }

  private List<Target> samplerCommands(String stationId) {
    return commandsOf(stationId, CommandKind.SAMPLER_START);
  }

  private List<Target> commandsOf(String stationId, CommandKind kind) {
    List<Target> targets = new ArrayList<>();
    for (Device device : site.station(stationId).orElseThrow().devices()) {
      for (CommandDefinition command : device.commands()) {
        if (command.kind() == kind) {
          targets.add(new Target(stationId, device.id(), command.id(), command.name()));
        }
      }
    }
    return targets;
  }

  /**
   * Runs on the order thread: select and operate through the command service, wait for the device's
   * answer, put the order and its result on the timeline and, for a plan step, on the checklist.
   */
  private void order(
      String incidentId,
      User user,
      Origin origin,
      Target target,
      Map<String, Double> parameters,
      String what,
      String stepId) {
    order(incidentId, user, origin, target, parameters, what, stepId, 1);
  }

  /** Whether the incident is still the open one: retries of its orders stop when it ends. */
  private synchronized boolean stillOpen(String incidentId) {
    return current != null && current.id().equals(incidentId);
  }

  private void order(
      String incidentId,
      User user,
      Origin origin,
      Target target,
      Map<String, Double> parameters,
      String what,
      String stepId,
      int attempt) {
    String describe = stationName(target.stationId()) + ": " + what;
    boolean routine = stepId == null && parameters.containsKey(CommandKind.INTERVAL_SECONDS);
    CommandRecord result;
    try {
      CommandRecord selected =
          commands.select(user, origin, target.deviceId(), target.commandId(), parameters);
      if (selected.state() == CommandState.REFUSED
          && selected.refusal() == CommandRefusal.INTERLOCK
          && attempt < ORDER_ATTEMPTS) {
        if (attempt == 1) {
          recordFor(
              incidentId,
              EventKind.ORDER_RESULT,
              SYSTEM,
              describe + ": not now (" + selected.detail() + "), trying again",
              commandJson(selected));
        }
        tryAgain(
            incidentId,
            routine,
            () -> order(incidentId, user, origin, target, parameters, what, stepId, attempt + 1));
        return;
      }
      recordFor(incidentId, EventKind.ORDER, user.name(), describe, commandJson(selected));
      result =
          selected.state() == CommandState.SELECTED
              ? commands
                  .operate(user, origin, selected.id())
                  .get(ORDER_TIMEOUT_SECONDS, TimeUnit.SECONDS)
              : selected;
    } catch (Exception e) {
      LOG.warn("Order {} at {} failed", target.commandId(), target.deviceId(), e);
      recordFor(
          incidentId,
          EventKind.ORDER_RESULT,
          SYSTEM,
          describe + ": failed: " + e.getMessage(),
          new JsonObject().put("device", target.deviceId()).put("command", target.commandId()));
      finishStep(stepId, false, user.name(), e.getMessage());
      return;
    }
    boolean ok =
        result.state() == CommandState.COMPLETED || result.state() == CommandState.ACKNOWLEDGED;
    // the link dropped on the way, or the device did not answer in time: not the device's refusal
    boolean again =
        (result.notDelivered() || result.state() == CommandState.TIMED_OUT)
            && attempt < ORDER_ATTEMPTS;
    LOG.info(
        "Order {} at {} for {}: {}",
        target.commandId(),
        target.deviceId(),
        incidentId,
        result.state());
    recordFor(
        incidentId,
        EventKind.ORDER_RESULT,
        SYSTEM,
        describe
            + ": "
            + result.state()
            + (result.detail() == null ? "" : " — " + result.detail())
            + (again ? ", trying again" : ""),
        commandJson(result));
    if (again) {
      tryAgain(
          incidentId,
          routine,
          () -> order(incidentId, user, origin, target, parameters, what, stepId, attempt + 1));
      return;
    }
    finishStep(stepId, ok, user.name(), result.state() + ": " + result.detail());
  }

  /**
   * Runs {@code next} (the order's next attempt) in {@link #ORDER_RETRY_SECONDS}: the orders to
   * return to routine outlive the incident, the others end with it.
   */
  private void tryAgain(String incidentId, boolean routine, Runnable next) {
    orders.schedule(
        () -> {
          if (routine || stillOpen(incidentId)) {
            next.run();
          }
        },
        ORDER_RETRY_SECONDS,
        TimeUnit.SECONDS);
  }

  private synchronized void finishStep(String stepId, boolean ok, String user, String detail) {
    if (stepId == null) {
      return;
    }
    PlanStep step = checklist.get(stepId);
    if (step == null) {
      return;
    }
    // a step with several orders (samplers) fails if one does, and is done when all are
    boolean failed = !ok || step.state() == PlanStep.State.FAILED;
    stepChanged(step.finished(!failed, user, now(), detail));
  }

  private static JsonObject commandJson(CommandRecord record) {
    return new JsonObject()
        .put("command", record.id())
        .put("device", record.deviceId())
        .put("commandId", record.commandId())
        .put("state", record.state().name())
        .put("detail", record.detail());
  }

  // --- alarms and the plume --------------------------------------------------------------------

  /**
   * Puts an alarm's change on the open incident's timeline: the alarms of the radiation stations
   * and of the registered radioactive sources' monitors (a source leaving its fence, its container
   * reading rising), wherever the source is.
   */
  private void alarmChanged(AlarmRecord alarm) {
    Incident open;
    synchronized (this) {
      open = current;
    }
    if (open == null) {
      return;
    }
    Optional<RadioactiveSource> source = sourceOf(alarm);
    if (source.isEmpty() && !isRadiationStation(alarm.stationId())) {
      return;
    }
    JsonObject detail =
        new JsonObject()
            .put("alarm", alarm.id())
            .put("station", alarm.stationId())
            .put("state", alarm.state().name())
            .put("value", alarm.value())
            .put("limit", alarm.limit());
    source.ifPresent(s -> detail.put("source", s.id()));
    String text =
        "alarm "
            + alarm.id()
            + " "
            + alarm.state()
            + " at "
            + String.format("%.1f", alarm.value())
            + " (limit "
            + String.format("%.1f", alarm.limit())
            + ")"
            + source.map(s -> " of source " + s.name() + " (" + s.id() + ")").orElse("");
    orders.submit(() -> recordFor(open.id(), EventKind.ALARM, SYSTEM, text, detail));
  }

  private void recomputeSafely() {
    try {
      recompute();
      checkArrivals();
    } catch (RuntimeException e) {
      LOG.error("Plume estimate failed", e);
    }
  }

  /** Recomputes the plume estimate of the open incident from the stations' current readings. */
  void recompute() {
    Incident open;
    Source source;
    Weather weather;
    synchronized (this) {
      open = current;
      if (open == null) {
        return;
      }
      weather = weather(open);
      if (weather == null) {
        return;
      }
      source =
          new Source(
              open.latitude(),
              open.longitude(),
              plumeSource.releaseHeight(),
              weather,
              plumeSource.releaseRate());
    }
    PlumeEstimate estimate = estimator.estimate(source, readings(), vehicleReadings(), now());
    synchronized (this) {
      if (current == null || !current.id().equals(open.id())) {
        return;
      }
      plume = estimate;
      double rate = estimate.releaseRate();
      boolean marked =
          Double.isNaN(journalledRate)
              || Math.abs(rate - journalledRate) > MARKED_RATE_CHANGE * Math.max(journalledRate, 1);
      if (marked) {
        journalledRate = rate;
        record(
            estimate.time(),
            EventKind.PLUME,
            SYSTEM,
            String.format(
                "plume estimate: %.3g Bq/s (%s), class %s, wind %.1f m/s from %.0f° (%s)",
                rate,
                estimate.fitted() ? "fitted" : "entered",
                estimate.stability(),
                weather.windSpeed(),
                weather.windFrom(),
                weather.source()),
            EmergencyJson.plume(estimate, false).put("source", sourceJson(source)));
      }
    }
  }

  private List<Reading> readings() {
    List<Reading> readings = new ArrayList<>();
    PointValue value = new PointValue();
    for (Point point : doseRatePoints) {
      values.read(point.index(), value);
      if (!value.hasValue() || value.quality() != Quality.GOOD) {
        continue;
      }
      Station station = site.station(point.stationId()).orElseThrow();
      readings.add(
          new Reading(
              station.id(),
              station.latitude(),
              station.longitude(),
              value.value(),
              background(point)));
    }
    return readings;
  }

  /** Each reporting vehicle's reading where it is (no background: it takes no part in the fit). */
  private List<Reading> vehicleReadings() {
    List<Reading> readings = new ArrayList<>();
    for (VehicleState state : vehicleStates()) {
      if (state.reporting()) {
        readings.add(
            new Reading(
                state.vehicle().id(),
                state.latitude(),
                state.longitude(),
                state.doseRate(),
                Double.NaN));
      }
    }
    return readings;
  }

  /**
   * A station's background: the alarm engine's, learnt from its own dry, valid history; until that
   * is ready, the lowest normal reading seen since the server started; NaN (unknown) when the
   * station has sent none, as when a drill or an incident was already under way when it first
   * reported. A station of unknown background does not take part in the fit.
   */
  private double background(Point point) {
    Optional<RadiationBaseline> baseline = alarms.baseline(point.id());
    if (baseline.isPresent() && baseline.get().isReady()) {
      return baseline.get().mean();
    }
    return lowestSeen[point.index()];
  }

  /** Keeps the lowest normal reading of each station (the fallback background). */
  @Override
  public void onBatch(SampleBatch batch, long change) {
    for (int i = 0; i < batch.size(); i++) {
      int point = batch.point(i);
      if (isDoseRate[point]
          && batch.quality(i) == Quality.GOOD
          && batch.flag(i) == DataFlag.N
          && !(batch.value(i) >= lowestSeen[point])) {
        lowestSeen[point] = batch.value(i);
      }
    }
  }

  /** The wind measured nearest to a place, by a station reporting both speed and direction. */
  private Weather nearestWind(double latitude, double longitude) {
    LocalFrame frame = new LocalFrame(latitude, longitude);
    Weather best = null;
    double bestDistance = Double.MAX_VALUE;
    PointValue speed = new PointValue();
    PointValue direction = new PointValue();
    for (Device device : site.devices()) {
      Optional<Point> speedPoint = site.point(device.id() + ".wind-speed");
      Optional<Point> directionPoint = site.point(device.id() + ".wind-direction");
      if (speedPoint.isEmpty() || directionPoint.isEmpty()) {
        continue;
      }
      values.read(speedPoint.get().index(), speed);
      values.read(directionPoint.get().index(), direction);
      if (!speed.hasValue()
          || !direction.hasValue()
          || speed.quality() != Quality.GOOD
          || direction.quality() != Quality.GOOD) {
        continue;
      }
      Station station = site.station(device.stationId()).orElseThrow();
      double distance = frame.distance(station.latitude(), station.longitude());
      if (distance < bestDistance) {
        bestDistance = distance;
        best =
            new Weather(
                Math.max(0, Math.min(60, speed.value())),
                ((direction.value() % 360) + 360) % 360,
                UNKNOWN_CLOUD_COVER,
                null,
                station.id());
      }
    }
    return best;
  }

  // --- recording -------------------------------------------------------------------------------

  private synchronized TimelineEvent record(
      Instant time, EventKind kind, String user, String text, JsonObject detail) {
    return recordFor(current.id(), kind, user, text, detail, time);
  }

  private synchronized TimelineEvent recordFor(
      String incidentId, EventKind kind, String user, String text, JsonObject detail) {
    return recordFor(incidentId, kind, user, text, detail, now());
  }

  private synchronized TimelineEvent recordFor(
      String incidentId,
      EventKind kind,
      String user,
      String text,
      JsonObject detail,
      Instant time) {
    List<TimelineEvent> timeline = timelines.computeIfAbsent(incidentId, id -> new ArrayList<>());
    // A timeline reads in the order of recording, and its times never go back: an event stamped
    // before the last one recorded (a step done, an estimate computed, on another thread, moments
    // earlier) takes that one's time. Its own time stays in its detail where it has one.
    Instant stamped =
        timeline.isEmpty() || !time.isBefore(timeline.get(timeline.size() - 1).time())
            ? time
            : timeline.get(timeline.size() - 1).time();
    TimelineEvent event =
        new TimelineEvent(
            timeline.size() + 1, stamped, incidentId, kind, user, text, detail.encode());
    journal.append(event);
    timeline.add(event);
    for (Consumer<TimelineEvent> listener : listeners) {
      try {
        listener.accept(event);
      } catch (RuntimeException e) {
        LOG.warn("Timeline listener failed", e);
      }
    }
    return event;
  }

  private synchronized void stepChanged(PlanStep step) {
    checklist.put(step.id(), step);
    if (step.state() == PlanStep.State.DONE || step.state() == PlanStep.State.FAILED) {
      record(
          step.doneAt() == null ? now() : step.doneAt(),
          EventKind.STEP,
          step.doneBy() == null ? SYSTEM : step.doneBy(),
          step.description() + ": " + step.state(),
          new JsonObject().put("step", EmergencyJson.step(step)));
    }
  }

  /** Rebuilds state from one journalled event, oldest first. */
  private void replay(TimelineEvent event) {
    timelines.computeIfAbsent(event.incidentId(), id -> new ArrayList<>()).add(event);
    JsonObject detail = new JsonObject(event.detail());
    switch (event.kind()) {
      case DECLARED -> {
        current = EmergencyJson.incident(detail.getJsonObject("incident"));
        incidents.add(current);
        checklist.clear();
        highFrequencyStations.clear();
        JsonObject source = detail.getJsonObject("source");
        plumeSource = source == null ? null : source(source);
        replaySteps(detail.getJsonArray("steps"));
      }
      case ESCALATED, DE_ESCALATED -> {
        if (current != null) {
          current = current.withClass(EmergencyClass.fromKey(detail.getString("class")));
          replaceIncident(current);
          replaySteps(detail.getJsonArray("steps"));
        }
      }
      case STEP -> {
        PlanStep step = EmergencyJson.step(detail.getJsonObject("step"));
        checklist.put(step.id(), step);
      }
      case PLUME -> {
        JsonObject source = detail.getJsonObject("source");
        if (current != null
            && source != null
            && event.user() != null
            && !SYSTEM.equals(event.user())) {
          plumeSource = source(source);
        }
      }
      case ENDED -> {
        Incident ended = EmergencyJson.incident(detail.getJsonObject("incident"));
        replaceIncident(ended);
        current = null;
        checklist.clear();
        highFrequencyStations.clear();
        dispatches.clear();
        plumeSource = null;
      }
      case VEHICLE -> {
        JsonObject destination = detail.getJsonObject("destination");
        String vehicleId = detail.getString("vehicle");
        if (detail.getBoolean("arrived", false)) {
          dispatches.remove(vehicleId);
        } else if (current != null && destination != null && vehicle(vehicleId).isPresent()) {
          dispatches.put(
              vehicleId,
              new Dispatch(
                  vehicleId,
                  event.incidentId(),
                  destination.getDouble("latitude"),
                  destination.getDouble("longitude"),
                  event.user(),
                  event.time()));
        }
      }
      default -> {
        // notes, orders, alarms: on the timeline only
      }
    }
  }

  private void replaySteps(JsonArray steps) {
    if (steps == null) {
      return;
    }
    for (int i = 0; i < steps.size(); i++) {
      PlanStep step = EmergencyJson.step(steps.getJsonObject(i));
      checklist.put(step.id(), step);
      if (step.kind() == Kind.MEASUREMENT) {
        highFrequencyStations.add(step.target());
      }
    }
  }

  private static JsonArray stepsJson(List<PlanStep> steps) {
    JsonArray array = new JsonArray();
    steps.forEach(step -> array.add(EmergencyJson.step(step)));
    return array;
  }

  private static JsonObject sourceJson(Source source) {
    JsonObject json =
        new JsonObject()
            .put("latitude", source.latitude())
            .put("longitude", source.longitude())
            .put("releaseHeight", source.releaseHeight())
            .put("releaseRate", source.rateEntered() ? source.releaseRate() : null);
    Weather w = source.weather();
    if (w != null) {
      json.put(
          "weather",
          new JsonObject()
              .put("windSpeed", w.windSpeed())
              .put("windFrom", w.windFrom())
              .put("cloudCover", w.cloudCover())
              .put("stability", w.stability() == null ? null : w.stability().name())
              .put("source", w.source()));
    }
    return json;
  }

  private static Source source(JsonObject json) {
    JsonObject w = json.getJsonObject("weather");
    Weather weather =
        w == null
            ? null
            : new Weather(
                w.getDouble("windSpeed"),
                w.getDouble("windFrom"),
                w.getDouble("cloudCover"),
                w.getString("stability") == null
                    ? null
                    : io.helan.dispersion.StabilityClass.valueOf(w.getString("stability")),
                w.getString("source"));
    Double rate = json.getDouble("releaseRate");
    return new Source(
        json.getDouble("latitude"),
        json.getDouble("longitude"),
        json.getDouble("releaseHeight"),
        weather,
        rate == null ? Double.NaN : rate);
  }

  private void replaceIncident(Incident incident) {
    for (int i = 0; i < incidents.size(); i++) {
      if (incidents.get(i).id().equals(incident.id())) {
        incidents.set(i, incident);
      }
    }
  }

  // --- checks ----------------------------------------------------------------------------------

  private void requireCommander(User user, Origin origin, String action) {
    if (user.display() || !user.has(Role.COMMANDER)) {
      throw refused(
          user,
          origin,
          action,
          EmergencyRefusal.forbidden(
              action
                  + " needs the commander role; "
                  + user.name()
                  + " has "
                  + user.roles().stream().map(r -> r.name().toLowerCase()).sorted().toList()));
    }
  }

  private Incident requireOpen(User user, Origin origin, String action) {
    if (current == null) {
      throw refused(user, origin, action, EmergencyRefusal.conflict("no incident is open"));
    }
    return current;
  }

  private void checkPlace(User user, Origin origin, String action, double lat, double lon) {
    if (!settings.bounds().contains(lat, lon)) {
      throw refused(
          user,
          origin,
          action,
          EmergencyRefusal.badRequest(
              "location " + lat + ", " + lon + " is outside the site (" + settings.bounds() + ")"));
    }
  }

  private void checkNote(User user, Origin origin, String action, String note) {
    if (note != null && note.length() > MAX_NOTE_CHARS) {
      throw refused(
          user,
          origin,
          action,
          EmergencyRefusal.badRequest("text is longer than " + MAX_NOTE_CHARS + " characters"));
    }
  }

  private void checkRate(User user, Origin origin, String action, double rate) {
    if (!Double.isNaN(rate) && !(rate >= 0 && rate <= Release.MAX_RATE)) {
      throw refused(
          user,
          origin,
          action,
          EmergencyRefusal.badRequest(
              "release rate " + rate + " Bq/s is not between 0 and " + Release.MAX_RATE));
    }
  }

  /** Audits a refusal and returns it to throw. */
  private EmergencyRefusal refused(
      User user, Origin origin, String action, EmergencyRefusal refusal) {
    audit.append(
        user.name(),
        origin,
        action,
        current == null ? "-" : current.id(),
        refusal.getMessage(),
        "refused " + refusal.status());
    return refusal;
  }

  private void audited(User user, Origin origin, String action, String target, String detail) {
    audit.append(user.name(), origin, action, target, detail, "ok");
  }

  private List<Station> radiationStations() {
    return site.stations().stream().filter(s -> s.kind() == StationKind.RADIATION_GAMMA).toList();
  }

  private boolean isRadiationStation(String stationId) {
    return site.station(stationId).map(s -> s.kind() == StationKind.RADIATION_GAMMA).orElse(false);
  }

  /** The station's gamma dose-rate point, if it has one. */
  static Optional<Point> doseRatePoint(Station station) {
    return station.devices().stream()
        .flatMap(d -> d.points().stream())
        .filter(p -> p.id().endsWith(".dose-rate"))
        .findFirst();
  }

  private String stationName(String stationId) {
    return site.station(stationId).map(Station::name).orElse(stationId);
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }

  private static Thread daemon(Runnable task, String name) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    return thread;
  }

  @Override
  public void close() {
    ticker.shutdownNow();
    orders.shutdown();
    try {
      orders.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    orders.shutdownNow();
    journal.close();
  }
}
