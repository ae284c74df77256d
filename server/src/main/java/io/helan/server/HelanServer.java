package io.helan.server;

import io.helan.alarms.AlarmApi;
import io.helan.alarms.AlarmEngine;
import io.helan.alarms.AlarmJournal;
import io.helan.alarms.AlarmJson;
import io.helan.alarms.AlarmSettings;
import io.helan.audit.AuditTrail;
import io.helan.auth.AuthApi;
import io.helan.auth.BearerAuth;
import io.helan.auth.DemoUsers;
import io.helan.auth.LoginThrottle;
import io.helan.auth.ScrapeToken;
import io.helan.auth.Sessions;
import io.helan.auth.UserDirectory;
import io.helan.commands.CommandApi;
import io.helan.commands.CommandJson;
import io.helan.commands.CommandSettings;
import io.helan.commands.DefaultCommandService;
import io.helan.config.Site;
import io.helan.driver.DriverOptions;
import io.helan.driver.registry.FieldDrivers;
import io.helan.emergency.EmergencyApi;
import io.helan.emergency.EmergencyJson;
import io.helan.emergency.EmergencyService;
import io.helan.emergency.EurdepExport;
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
import io.helan.simulator.SimulatedNetwork;
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
import java.nio.file.Files;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One supervisory server: starts the parts in data-flow order (storage, ingest, alarms, commands,
 * web, OPC UA, then the field links) and stops them in reverse. A failure while starting stops what
 * was started.
 */
public final class HelanServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HelanServer.class);

  // as served: devices configured at port 0 are where their simulators listen, once started
  private Site site;
  private final ServerSettings settings;
  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private PrometheusMeterRegistry metrics;
  private SimulatedNetwork simulators;
  private QuestDbEmbedded questDb;
  private Historian historian;
  private IngestPipeline ingest;
  private FieldLinks links;
  private AlarmEngine alarms;
  private UserDirectory users;
  private AuditTrail audit;
  private DefaultCommandService commands;
  private EmergencyService emergency;
  private WebVerticle web;
  private HelanOpcUaServer opcUa;

  public HelanServer(Site site, ServerSettings settings) {
    this.site = site;
    this.settings = settings;
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
      // first: alarms and commands put operator actions on record; closed last
      audit = AuditTrail.open(settings.dataDir());
      started.push(audit);
      startStorage();
      ingest =
          new IngestPipeline(
              site, new CurrentValueTable(site), new DeviceModes(site), historian, metrics);
      FieldDrivers drivers =
          new FieldDrivers(
              new DriverOptions(Map.of("hj212.port", String.valueOf(settings.hj212Port()))));
      started.push(drivers);
      links = new FieldLinks(site, drivers::find, ingest, metrics);
      startAlarms();
      startCommands();
      startEmergency();
      startWeb();
      startOpcUa();
      // Links close first, while alarms, commands and the web still hear their last changes.
      started.push(links);
      links.start();
      return this;
    } catch (Exception | Error e) {
      close();
      throw e;
    }
  }

  private void startMetrics() {
    metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(metrics);
    new JvmGcMetrics().bindTo(metrics);
    new JvmThreadMetrics().bindTo(metrics);
    new ClassLoaderMetrics().bindTo(metrics);
    new ProcessorMetrics().bindTo(metrics);
    new UptimeMetrics().bindTo(metrics);
    started.push(metrics::close);
  }

  /**
   * The local QuestDB always runs: it keeps the samples (embedded mode) and the alarm journal. With
   * an external QuestDB the samples go there and the local one keeps only events. Its network
   * listeners are off unless the operator console was asked for.
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

  private void startAlarms() {
    AlarmJournal journal = new AlarmJournal(questDb.engine());
    journal.start();
    started.push(journal);
    alarms = new AlarmEngine(site, AlarmSettings.defaults(), journal, audit, metrics);
    started.push(alarms);
    alarms.seedBackgrounds(historian);
    alarms.start();
    ingest.addListener(alarms);
    links.addListener(alarms);
  }

  private void startCommands() throws Exception {
    users = UserDirectory.open(settings.dataDir());
    DemoUsers.apply(users, settings.demoSite());
    commands =
        new DefaultCommandService(
            site, links, ingest, audit, settings.dataDir(), CommandSettings.defaults());
    commands.start();
    started.push(commands);
  }

  private void startEmergency() {
    emergency =
        EmergencyService.open(
            site, commands, audit, questDb.engine(), ingest.currentValues(), alarms);
    started.push(emergency);
    emergency.start();
    ingest.addListener(emergency);
  }

  private void startWeb() throws Exception {
    Sessions sessions = new Sessions(users, Sessions.DEFAULT_IDLE_TIMEOUT);
    BearerAuth auth =
        new BearerAuth(sessions, users, ScrapeToken.open(settings.dataDir(), System.out));
    List<Route> apiRoutes = new ArrayList<>();
    AuthApi authApi =
        new AuthApi(
            users,
            sessions,
            audit,
            Sessions.DEFAULT_IDLE_TIMEOUT,
            new LoginThrottle(LoginThrottle.Settings.defaults()));
    started.push(authApi);
    apiRoutes.addAll(authApi.routes());
    apiRoutes.addAll(new CommandApi(site, commands).routes());
    apiRoutes.addAll(new AlarmApi(alarms).routes());
    apiRoutes.addAll(
        new EmergencyApi(
                emergency, new EurdepExport(site, historian), Optional.ofNullable(simulators))
            .routes());
    apiRoutes.addAll(new HmiRoutes(settings.dataDir().resolve("mimics")).routes());
    Vertx vertx = Vertx.vertx();
    started.push(() -> vertx.close().await(10, TimeUnit.SECONDS));
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
    alarms.addListener(alarm -> web.broadcast(alarmJson.pushMessage(alarm).encode()));
    commands.addListener(command -> web.broadcast(CommandJson.message(command).encode()));
    emergency.addListener(
        event ->
            web.broadcast(
                new JsonObject()
                    .put("type", "incident-event")
                    .mergeIn(EmergencyJson.event(event))
                    .encode()));
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
            commands,
            alarms,
            users::authenticate);
    started.push(opcUa);
    opcUa.start();
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

  public IngestPipeline ingest() {
    return ingest;
  }

  public FieldLinks links() {
    return links;
  }

  public AlarmEngine alarms() {
    return alarms;
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

  public UserDirectory users() {
    return users;
  }

  public WebVerticle web() {
    return web;
  }

  /** The in-process field network, if this server started one. */
  public Optional<SimulatedNetwork> simulators() {
    return Optional.ofNullable(simulators);
  }

  public PrometheusMeterRegistry metrics() {
    return metrics;
  }

  /**
   * Stops every part in reverse order. Milo's shared threads stay (other Milo users in the JVM need
   * them): the process owner calls {@code Stack.releaseSharedResources()} at exit.
   */
  @Override
  public void close() {
    while (!started.isEmpty()) {
      AutoCloseable part = started.pop();
      try {
        part.close();
      } catch (Exception e) {
        LOG.warn("Error while stopping {}", part, e);
      }
    }
  }
}
