package io.helan.server;

import io.helan.aggregates.AveragingRules;
import io.helan.aggregates.MeanRecomputation;
import io.helan.aggregates.MeanStore;
import io.helan.aggregates.ValidatedAverages;
import io.helan.alarms.AlarmApi;
import io.helan.alarms.AlarmEngine;
import io.helan.alarms.AlarmJournal;
import io.helan.alarms.AlarmJson;
import io.helan.alarms.AlarmService;
import io.helan.alarms.AlarmSettings;
import io.helan.audit.AuditTrail;
import io.helan.audit.RelayedOrigin;
import io.helan.auth.AuthApi;
import io.helan.auth.BearerAuth;
import io.helan.auth.DemoUsers;
import io.helan.auth.DisplayApi;
import io.helan.auth.LoginThrottle;
import io.helan.auth.ScrapeToken;
import io.helan.auth.Sessions;
import io.helan.auth.UserDirectory;
import io.helan.cluster.ClusterAlarms;
import io.helan.cluster.ClusterApi;
import io.helan.cluster.ClusterCommands;
import io.helan.cluster.ClusterEmergency;
import io.helan.cluster.ClusterNode;
import io.helan.cluster.ClusterUsers;
import io.helan.cluster.ClusterValues;
import io.helan.cluster.DeviceOwnership;
import io.helan.commands.CommandApi;
import io.helan.commands.CommandJson;
import io.helan.commands.CommandService;
import io.helan.commands.CommandSettings;
import io.helan.commands.DefaultCommandService;
import io.helan.config.Hj212Connection;
import io.helan.config.Site;
import io.helan.driver.DriverOptions;
import io.helan.driver.hj212.Hj212Driver;
import io.helan.driver.registry.FieldDrivers;
import io.helan.emergency.EmergencyApi;
import io.helan.emergency.EmergencyJson;
import io.helan.emergency.EmergencyService;
import io.helan.emergency.EurdepExport;
import io.helan.emergency.IncidentReport;
import io.helan.emergency.TimelineEvent;
import io.helan.emergency.VehicleTrack;
import io.helan.field.FieldLinks;
import io.helan.historian.Historian;
import io.helan.historian.HistorianSettings;
import io.helan.historian.IlpHistorian;
import io.helan.historian.QuestDbEmbedded;
import io.helan.historian.QuestDbHistorian;
import io.helan.http.Route;
import io.helan.ingest.CurrentValueTable;
import io.helan.ingest.DeviceModes;
import io.helan.ingest.IngestPipeline;
import io.helan.opcua.HelanOpcUaServer;
import io.helan.opcua.OpcUaSettings;
import io.helan.products.DataProducts;
import io.helan.products.ExceedanceWatch;
import io.helan.products.ProductsApi;
import io.helan.publication.PublicApi;
import io.helan.publication.PublicationSettings;
import io.helan.quality.QualityMarks;
import io.helan.quality.QualityRuleSet;
import io.helan.reports.ReportActivity;
import io.helan.reports.ReportApi;
import io.helan.reports.ReportBuilder;
import io.helan.reports.ReportJobs;
import io.helan.reports.ReportService;
import io.helan.simulator.SimulatedNetwork;
import io.helan.sources.SourceApi;
import io.helan.sources.SourceRegister;
import io.helan.sources.SourceWatch;
import io.helan.upstream.UpstreamForwarding;
import io.helan.validation.ValidationApi;
import io.helan.validation.ValidationLog;
import io.helan.validation.ValidationService;
import io.helan.web.HmiRoutes;
import io.helan.web.PushSettings;
import io.helan.web.WebVerticle;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One supervisory server: starts the parts in data-flow order (storage, ingest, alarms, commands,
 * web, OPC UA, then the field links) and stops them in reverse. A failure while starting stops what
 * was started.
 */
public final class HelanServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HelanServer.class);

  /** How often the validated means catch up with what ingest stored. */
  private static final Duration MEAN_RECOMPUTATION_INTERVAL = Duration.ofMinutes(1);

  private static final Duration REPORT_INTERVAL = Duration.ofMinutes(5);

  /** Where a cluster node keeps the alarm journal's rows while the shared QuestDB is away. */
  private static final String JOURNAL_SPOOL_DIR = "alarm-journal-spool";

  // as served: devices configured at port 0 are where their simulators listen, once started
  private Site site;
  private final ServerSettings settings;
  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private PrometheusMeterRegistry metrics;
  private SimulatedNetwork simulators;
  private QuestDbEmbedded questDb;
  private Historian historian;
  private QualityMarks qualityMarks;
  private MeanStore means;
  private MeanRecomputation recomputation;
  private ValidationService validations;
  private DataProducts products;
  private AlarmJournal alarmJournal;
  private ReportService reports;
  private ReportJobs reportJobs;
  private PublicationSettings publication = PublicationSettings.defaults();
  private boolean fieldLinks = true;
  private IngestPipeline ingest;
  private FieldLinks links;
  private AlarmEngine alarms;
  private UserDirectory users;

  /** One throttle for REST and OPC UA logins: switching protocol gains a guesser nothing. */
  private final LoginThrottle loginThrottle = new LoginThrottle(LoginThrottle.Settings.defaults());

  private AuditTrail audit;
  private DefaultCommandService commands;
  // what the API, OPC UA and emergency orders use: in a cluster, commands on any node's devices
  private CommandService anyNodeCommands;
  // what the API and the WebSocket push show: in a cluster, every node's alarms
  private AlarmService anyNodeAlarms;
  private EmergencyService emergency;
  private SourceRegister sources;
  private FieldDrivers drivers;
  private WebVerticle web;
  private HelanOpcUaServer opcUa;
  private UpstreamForwarding upstreams;
  private ClusterNode cluster;
  private ClusterEmergency clusterEmergency;
  private DeviceOwnership ownership;

  public HelanServer(Site site, ServerSettings settings) {
    this.site = site;
    this.settings = settings;
  }

  /** How data is released on the public API (default: one hour's delay); set before start. */
  public HelanServer publication(PublicationSettings newPublication) {
    this.publication = newPublication;
    return this;
  }

  /**
   * Starts no field link: every device's link stays closed, so no device is polled or dialled and
   * none raises a communication alarm. For measuring the server's other paths alone (the public
   * API's benchmark); set before start.
   */
  public HelanServer withoutFieldLinks() {
    this.fieldLinks = false;
    return this;
  }

  /** Starts everything; returns when the HTTP listener is up and the field links are starting. */
  public HelanServer start() throws Exception {
    try {
      Files.createDirectories(settings.dataDir());
      startMetrics();
      if (settings.simulators()) {
        simulators = new SimulatedNetwork(site);
        started.push(simulators);
        simulators.start();
        site = simulators.site();
        LOG.info("Simulated field network up: {} devices", simulators.simulators().size());
      }
      if (settings.cluster() != null) {
        // before storage and web: the clustered Vert.x serves the web too; closed last
        cluster = ClusterNode.start(settings.cluster());
        started.push(cluster);
      }
      // first: alarms and commands put operator actions on record; closed last
      audit = AuditTrail.open(settings.dataDir());
      started.push(audit);
      startStorage();
      qualityMarks = new QualityMarks(site, questDb.engine());
      started.push(qualityMarks);
      ingest =
          new IngestPipeline(
              site,
              new CurrentValueTable(site),
              new DeviceModes(site),
              qualityRules(site),
              qualityMarks,
              historian,
              metrics);
      drivers =
          new FieldDrivers(
              new DriverOptions(
                  Map.of(
                      "hj212.port", String.valueOf(settings.hj212Port()),
                      "hj212.host", settings.bindHost())));
      started.push(drivers);
      links = new FieldLinks(site, drivers::find, ingest, metrics);
      startMeans();
      startAlarms();
      startCommands();
      startReports();
      startEmergency();
      startWeb();
      startOpcUa();
      startUpstreams();
      // Closed first after alarms and commands: links, then drivers and simulators, while the web
      // and OPC UA still hear the links' last changes.
      started.push(this::closeField);
      if (cluster == null && fieldLinks) {
        links.start();
      } else if (cluster == null) {
        links.prepare();
      } else {
        links.prepare();
        ClusterValues shared =
            new ClusterValues(
                cluster.vertx(),
                cluster.hazelcast().getCluster().getLocalMember().getUuid().toString(),
                ingest.currentValues(),
                links,
                metrics);
        started.push(shared);
        shared.start();
        ingest.addListener(shared);
        shared.addRemoteListener(opcUa.liveValues());
        links.addListener(shared);
        started.push(ownership);
        ownership.start();
      }
      if (simulators != null) {
        hj212()
            .ifPresent(
                driver ->
                    simulators.dialHj212(
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), driver.port())));
      }
      return this;
    } catch (Exception | Error e) {
      close();
      throw e;
    }
  }

  /**
   * The rules every site gets: PM2.5 ≤ PM10 and NO2 ≤ NOx within a station for samples at most a
   * minute apart, and flue-gas O2 within 0–21 %; and the per-point checks (range, flatline, spike,
   * rate, stale) the site file configures under {@code quality:}.
   */
  static QualityRuleSet qualityRules(Site site) {
    return QualityRuleSet.builder(site)
        .configuredChecks()
        .standardCrossChecks(0, Duration.ofMinutes(1))
        .build();
  }

  private void startMetrics() {
    metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    started.push(metrics::close);
    new JvmMemoryMetrics().bindTo(metrics);
    // it listens to the JVM's collectors, which live as long as the JVM: until it is closed, they
    // hold the registry and, through its gauges, every part of this server
    JvmGcMetrics gcMetrics = new JvmGcMetrics();
    started.push(gcMetrics);
    gcMetrics.bindTo(metrics);
    new JvmThreadMetrics().bindTo(metrics);
    new ClassLoaderMetrics().bindTo(metrics);
    new ProcessorMetrics().bindTo(metrics);
    new UptimeMetrics().bindTo(metrics);
  }

  /**
   * The local QuestDB always runs: it keeps the samples (embedded mode) and the alarm journal. With
   * an external QuestDB the samples go there and the local one keeps only events (and, for a node
   * of a cluster, not the alarm journal: that is the cluster's, on the external QuestDB). Its
   * network listeners are off unless the operator console was asked for.
   */
  private void startStorage() {
    HistorianSettings storage = settings.historian();
    boolean embedded = storage.mode() == HistorianSettings.Mode.EMBEDDED;
    questDb = QuestDbEmbedded.start(storage.questDbDir(), storage.console());
    started.push(questDb);
    historian =
        embedded
            ? new QuestDbHistorian(
                site, () -> questDb, storage.commits(), metrics, storage.spoolDir())
            : new IlpHistorian(
                site, storage.externalUrl(), storage.commits(), metrics, storage.spoolDir());
    started.push(historian);
    historian.start();
  }

  /** Validated means kept up to date from what ingest stores, late data included. */
  private void startMeans() {
    means = new MeanStore(questDb.engine());
    ValidationLog validationLog = new ValidationLog(questDb.engine());
    recomputation =
        new MeanRecomputation(
            site,
            historian,
            means,
            new ValidatedAverages(AveragingRules.DEFAULT, ValidatedAverages.NETWORK_ZONE),
            validationLog,
            Clock.systemUTC());
    started.push(recomputation);
    ingest.addListener(recomputation);
    recomputation.start(MEAN_RECOMPUTATION_INTERVAL);
    validations =
        new ValidationService(
            site,
            historian,
            validationLog,
            recomputation,
            audit,
            ValidatedAverages.NETWORK_ZONE,
            Clock.systemUTC());
    products = new DataProducts(site, means, ValidatedAverages.NETWORK_ZONE);
  }

  /**
   * Reports on the validated means with the alarms and commands of their stations; started before
   * the field links, so no recomputed day goes unnoticed.
   */
  private void startReports() {
    reports =
        new ReportService(
            new ReportBuilder(
                products,
                means,
                ValidatedAverages.NETWORK_ZONE,
                ReportActivity.of(alarmJournal, commands)),
            settings.dataDir().resolve("reports"),
            ValidatedAverages.NETWORK_ZONE,
            Clock.systemUTC());
    started.push(reports);
    recomputation.addListener(reports);
    reports.start(REPORT_INTERVAL);
    reportJobs = new ReportJobs(reports, Clock.systemUTC());
    started.push(reportJobs);
  }

  /**
   * The alarm engine and its journal: in this process's QuestDB, or, for a node of a cluster on an
   * external QuestDB, the one journal all nodes share there (rows spooled to disk while it is
   * away). Each node of such a cluster restores a device's alarms when it takes the device over,
   * not at start.
   */
  private void startAlarms() {
    HistorianSettings storage = settings.historian();
    boolean shared = cluster != null && storage.mode() == HistorianSettings.Mode.EXTERNAL;
    alarmJournal =
        shared
            ? AlarmJournal.shared(
                storage.externalUrl(), settings.dataDir().resolve(JOURNAL_SPOOL_DIR))
            : new AlarmJournal(questDb.engine());
    alarmJournal.start();
    started.push(alarmJournal);
    alarms = new AlarmEngine(site, AlarmSettings.defaults(), alarmJournal, audit, metrics);
    started.push(alarms);
    alarms.seedBackgrounds(historian);
    if (shared) {
      alarms.startInCluster();
    } else {
      alarms.start();
    }
    ingest.addListener(alarms);
    links.addListener(alarms);
    recomputation.addListener(
        new ExceedanceWatch(products, ValidatedAverages.NETWORK_ZONE, Clock.systemUTC(), alarms));
  }

  private void startCommands() throws Exception {
    users = UserDirectory.open(settings.dataDir());
    DemoUsers.apply(users, settings.demoSite());
    commands =
        new DefaultCommandService(
            site, links, ingest, audit, settings.dataDir(), CommandSettings.defaults());
    commands.start();
    started.push(commands);
    anyNodeCommands = commands;
    anyNodeAlarms = alarms;
    if (cluster != null) {
      // started at the end, once the web and OPC UA are up: devices are owned only from then on
      ownership = new DeviceOwnership(site, links, cluster, metrics);
      ClusterCommands clusterCommands =
          new ClusterCommands(
              commands, ownership, cluster, users, audit, CommandSettings.defaults());
      started.push(clusterCommands);
      clusterCommands.start();
      anyNodeCommands = clusterCommands;
      ClusterAlarms clusterAlarms = new ClusterAlarms(alarms, ownership, cluster, users);
      started.push(clusterAlarms);
      clusterAlarms.start();
      anyNodeAlarms = clusterAlarms;
    }
  }

  private void startEmergency() throws IOException {
    // part of the site's configuration: locked while an incident is open
    sources =
        SourceRegister.open(
            site,
            settings.dataDir(),
            audit,
            () ->
                clusterEmergency != null
                    ? clusterEmergency.siteChangeRefusal()
                    : emergency.siteChangeRefusal());
    if (settings.demoSite()) {
      sources.seedIfNew(SourceRegister.defaultSiteSources());
    }
    emergency =
        EmergencyService.open(
            site,
            anyNodeCommands,
            audit,
            questDb.engine(),
            ingest.currentValues(),
            alarms,
            sources);
    started.push(emergency);
    emergency.start();
    ingest.addListener(emergency);
    if (cluster != null) {
      // started once the web is up: it answers relayed requests through it
      clusterEmergency = new ClusterEmergency(emergency, ownership, cluster);
      started.push(clusterEmergency);
    }
    SourceWatch fences = new SourceWatch(site, sources, ingest.currentValues(), alarms);
    started.push(fences);
    fences.start();
  }

  private void startWeb() throws Exception {
    Sessions sessions;
    if (cluster == null) {
      sessions = new Sessions(users, Sessions.DEFAULT_IDLE_TIMEOUT);
    } else {
      sessions = new Sessions(users, Sessions.DEFAULT_IDLE_TIMEOUT, cluster.sessions());
      ClusterUsers sharedUsers = new ClusterUsers(users, cluster);
      started.push(sharedUsers);
      sharedUsers.start();
    }
    BearerAuth auth =
        new BearerAuth(
            sessions,
            users,
            ScrapeToken.open(settings.dataDir(), System.out),
            cluster == null ? null : new RelayedOrigin(cluster.settings().secret()));
    List<Route> apiRoutes = new ArrayList<>();
    AuthApi authApi =
        new AuthApi(users, sessions, audit, Sessions.DEFAULT_IDLE_TIMEOUT, loginThrottle);
    started.push(authApi);
    apiRoutes.addAll(authApi.routes());
    apiRoutes.addAll(new DisplayApi(users, audit).routes());
    apiRoutes.addAll(new CommandApi(site, anyNodeCommands).routes());
    apiRoutes.addAll(new AlarmApi(alarms, anyNodeAlarms).routes());
    List<Route> emergencyRoutes =
        new EmergencyApi(
                emergency,
                new EurdepExport(site, historian),
                new IncidentReport(site, historian),
                new VehicleTrack(historian),
                Optional.ofNullable(simulators))
            .routes();
    apiRoutes.addAll(
        clusterEmergency == null ? emergencyRoutes : clusterEmergency.relayed(emergencyRoutes));
    apiRoutes.addAll(new SourceApi(sources, site, ingest.currentValues()).routes());
    apiRoutes.addAll(new ValidationApi(site, validations, historian, qualityMarks, means).routes());
    apiRoutes.addAll(new ProductsApi(products, ValidatedAverages.NETWORK_ZONE).routes());
    apiRoutes.addAll(
        new PublicApi(
                products, means, publication, ValidatedAverages.NETWORK_ZONE, Clock.systemUTC())
            .routes());
    apiRoutes.addAll(new ReportApi(reports, reportJobs).routes());
    apiRoutes.addAll(new HmiRoutes(settings.dataDir().resolve("mimics")).routes());
    if (cluster != null) {
      apiRoutes.addAll(new ClusterApi(cluster, ownership).routes());
    }
    Vertx vertx;
    if (cluster == null) {
      Vertx local = Vertx.vertx();
      started.push(() -> local.close().await(10, TimeUnit.SECONDS));
      vertx = local;
    } else {
      vertx = cluster.vertx();
    }
    web =
        new WebVerticle(
            site,
            ingest,
            links,
            historian,
            metrics,
            settings.bindHost(),
            settings.httpPort(),
            auth,
            apiRoutes,
            PushSettings.defaults());
    vertx.deployVerticle(web).await(30, TimeUnit.SECONDS);
    AlarmJson alarmJson = new AlarmJson(site);
    anyNodeAlarms.addListener(alarm -> web.broadcast(alarmJson.pushMessage(alarm).encode()));
    anyNodeCommands.addListener(command -> web.broadcast(CommandJson.message(command).encode()));
    sources.addListener(
        change -> web.broadcast(new JsonObject().put("type", "source").mergeIn(change).encode()));
    Consumer<TimelineEvent> incidentPush =
        event ->
            web.broadcast(
                new JsonObject()
                    .put("type", "incident-event")
                    .mergeIn(EmergencyJson.event(event))
                    .encode());
    emergency.addListener(incidentPush);
    if (clusterEmergency != null) {
      clusterEmergency.addRemoteListener(incidentPush);
      String host = "0.0.0.0".equals(settings.bindHost()) ? "127.0.0.1" : settings.bindHost();
      clusterEmergency.start(host, web.actualPort());
    }
  }

  /** Forwarding to the higher platforms of the site file, if any; fed by ingest. */
  private void startUpstreams() {
    if (site.upstreams().isEmpty()) {
      return;
    }
    upstreams =
        new UpstreamForwarding(
            site, settings.dataDir(), historian, ingest.currentValues(), metrics);
    started.push(upstreams);
    ingest.addListener(upstreams);
    web.addHealthCheck(upstreams::healthProblems);
    upstreams.onDropping(alarms::upstreamRecordsDropped);
    upstreams.start();
  }

  private void startOpcUa() throws Exception {
    opcUa =
        new HelanOpcUaServer(
            new OpcUaSettings(
                settings.bindHost(),
                null,
                settings.opcUaPort(),
                settings.dataDir(),
                settings.opcUaAnonymous(),
                settings.opcUaSecurityNone()),
            site,
            ingest,
            links,
            historian,
            anyNodeCommands,
            alarms,
            users::authenticate,
            loginThrottle);
    opcUa.aggregates(products);
    started.push(opcUa);
    opcUa.start();
    recomputation.addListener((firstDay, lastDay) -> opcUa.refreshAggregates());
  }

  public Site site() {
    return site;
  }

  public ServerSettings settings() {
    return settings;
  }

  public int httpPort() {
    return web.actualPort();
  }

  /** The OPC UA endpoint clients connect to. */
  public String opcUaEndpoint() {
    return opcUa.endpointUrl();
  }

  public Historian historian() {
    return historian;
  }

  /** The QuestDB in this process (samples in embedded mode, and the alarm journal). */
  public QuestDbEmbedded questDb() {
    return questDb;
  }

  /** The names of the quality rules samples failed. */
  public QualityMarks qualityMarks() {
    return qualityMarks;
  }

  /** The stored validated means. */
  public MeanStore means() {
    return means;
  }

  public ReportService reports() {
    return reports;
  }

  public MeanRecomputation recomputation() {
    return recomputation;
  }

  public IngestPipeline ingest() {
    return ingest;
  }

  public FieldLinks links() {
    return links;
  }

  public AlarmEngine alarms() {
    return alarms;
  }

  /** The alarm journal: this process's, or the cluster's one on the shared QuestDB. */
  public AlarmJournal alarmJournal() {
    return alarmJournal;
  }

  public DefaultCommandService commands() {
    return commands;
  }

  /** The audit trail every operator action goes on. */
  public AuditTrail audit() {
    return audit;
  }

  public EmergencyService emergency() {
    return emergency;
  }

  /** The radioactive-source register. */
  public SourceRegister sources() {
    return sources;
  }

  public UserDirectory users() {
    return users;
  }

  public WebVerticle web() {
    return web;
  }

  /** This server's cluster membership, if it is a node of a cluster. */
  public Optional<ClusterNode> cluster() {
    return Optional.ofNullable(cluster);
  }

  /** Where the cluster's emergency service lives, if this is a node of a cluster. */
  public Optional<ClusterEmergency> clusterEmergency() {
    return Optional.ofNullable(clusterEmergency);
  }

  /** Which devices this node polls, if it is a node of a cluster. */
  public Optional<DeviceOwnership> ownership() {
    return Optional.ofNullable(ownership);
  }

  /** Forwarding to the higher platforms, if the site has any. */
  public Optional<UpstreamForwarding> upstreams() {
    return Optional.ofNullable(upstreams);
  }

  /** The HJ 212 driver, if the site has data loggers (it listens for them once started). */
  public Optional<Hj212Driver> hj212() {
    boolean loggers =
        site.devices().stream().anyMatch(d -> d.connection() instanceof Hj212Connection);
    return loggers
        ? drivers.find(Hj212Connection.PROTOCOL).map(Hj212Driver.class::cast)
        : Optional.empty();
  }

  /** The in-process field network, if this server started one. */
  public Optional<SimulatedNetwork> simulators() {
    return Optional.ofNullable(simulators);
  }

  public PrometheusMeterRegistry metrics() {
    return metrics;
  }

  /**
   * Stops the server so that the stop looks like a stop, not a field outage. First alarms stop
   * judging (their listeners still hear the changes made until then) and commands stop executing:
   * links closing and data ceasing then raise no alarm, and a command in flight is left for the
   * next start to mark UNKNOWN instead of failing on a closed link. Then the field (links, drivers,
   * simulators), then the other parts in reverse order of their start: upstreams, OPC UA, the web,
   * ..., the historian's flush and QuestDB last. Milo's shared threads stay (other Milo users in
   * the JVM need them): the process owner calls {@code Stack.releaseSharedResources()} at exit.
   */
  @Override
  public void close() {
    if (started.isEmpty()) {
      return;
    }
    long begun = System.nanoTime();
    LOG.info("Stopping: alarms and commands first, then the field links");
    if (alarms != null) {
      alarms.stopJudging();
    }
    closeFirst(commands);
    while (!started.isEmpty()) {
      closePart(started.pop());
    }
    LOG.info("Stopped in {} ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begun));
  }

  /** Closes a started part ahead of the reverse order; nothing if it was not started. */
  private void closeFirst(AutoCloseable part) {
    if (part != null && started.remove(part)) {
      closePart(part);
    }
  }

  /** The field links, then the drivers (their listeners), then the simulated network. */
  private void closeField() {
    closePart(links);
    closeFirst(drivers);
    closeFirst(simulators);
  }

  private static void closePart(AutoCloseable part) {
    try {
      part.close();
    } catch (Exception e) {
      LOG.warn("Error while stopping {}", part, e);
    }
  }
}
