package io.helan.opcua;

import io.helan.alarms.AlarmEngine;
import io.helan.alarms.AlarmJournal;
import io.helan.alarms.AlarmSettings;
import io.helan.audit.AuditTrail;
import io.helan.auth.LoginThrottle;
import io.helan.auth.PasswordHasher;
import io.helan.auth.Role;
import io.helan.auth.UserDirectory;
import io.helan.commands.CommandSettings;
import io.helan.commands.DefaultCommandService;
import io.helan.config.Device;
import io.helan.config.Point;
import io.helan.config.Region;
import io.helan.config.Site;
import io.helan.config.SiteLoader;
import io.helan.config.Station;
import io.helan.config.StationKind;
import io.helan.driver.registry.FieldDrivers;
import io.helan.field.FieldLinks;
import io.helan.historian.CommitCadence;
import io.helan.historian.QuestDbEmbedded;
import io.helan.historian.QuestDbHistorian;
import io.helan.ingest.CurrentValueTable;
import io.helan.ingest.DeviceModes;
import io.helan.ingest.IngestPipeline;
import io.helan.simulator.SimulatedNetwork;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * The real pipeline on a small slice of the default Ningxia site (one air, one water and one gamma
 * station, their simulators on free ports): simulators, Modbus and OPC UA drivers, ingest, embedded
 * QuestDB, commands with audit, the alarm engine, users, and Helan's OPC UA server on 127.0.0.1.
 */
final class OpcUaTestRig implements AutoCloseable {
  static final String PASSWORD = "secret-pass";

  final Path dataDir;
  final Site site;
  final SimulatedNetwork simulators;
  final QuestDbEmbedded questDb;
  final QuestDbHistorian historian;
  final IngestPipeline ingest;
  final FieldLinks links;
  final DefaultCommandService commands;
  final AlarmEngine alarms;
  final UserDirectory users;
  final int port;
  HelanOpcUaServer server;
  private final Deque<AutoCloseable> started = new ArrayDeque<>();

  OpcUaTestRig(Path dataDir) throws Exception {
    this.dataDir = dataDir;
    try {
      simulators = push(SimulatedNetwork.onFreePorts(slice(SiteLoader.loadDefault())));
      site = simulators.site();
      SimpleMeterRegistry registry = new SimpleMeterRegistry();
      questDb = push(QuestDbEmbedded.start(dataDir.resolve("questdb")));
      historian =
          push(
              new QuestDbHistorian(
                  site, () -> questDb, CommitCadence.DEFAULT, registry, dataDir.resolve("spool")));
      historian.start();
      DeviceModes modes = new DeviceModes(site);
      ingest = new IngestPipeline(site, new CurrentValueTable(site), modes, historian, registry);
      FieldDrivers drivers = push(new FieldDrivers());
      links = push(new FieldLinks(site, drivers::find, ingest, registry));
      AuditTrail audit = push(AuditTrail.open(dataDir));
      commands =
          push(
              new DefaultCommandService(
                  site, links, ingest, audit, dataDir, CommandSettings.defaults()));
      commands.start();
      AlarmJournal journal = push(new AlarmJournal(questDb.engine()));
      journal.start();
      alarms =
          push(
              new AlarmEngine(
                  site,
                  AlarmSettings.defaults().withCommLossOnDelay(Duration.ofSeconds(1)),
                  journal,
                  audit,
                  registry));
      alarms.start();
      ingest.addListener(alarms);
      links.addListener(alarms);
      users =
          UserDirectory.open(
              dataDir,
              new PasswordHasher(1024, 1, 1),
              new PrintStream(OutputStream.nullOutputStream()));
      users.add("viewer", PASSWORD, Set.of(Role.VIEWER));
      users.add("operator", PASSWORD, Set.of(Role.OPERATOR));
      users.add("maintainer", PASSWORD, Set.of(Role.MAINTAINER));
      server = startServer(0, true, true);
      // restarts come back at the same port
      port = URI.create(server.endpointUrl()).getPort();
      links.start();
    } catch (Exception | Error e) {
      close();
      throw e;
    }
  }

  /** Starts an OPC UA server on the rig's pipeline (the rig closes it). */
  HelanOpcUaServer startServer(boolean allowAnonymous, boolean securityNone) throws Exception {
    return startServer(port, allowAnonymous, securityNone);
  }

  HelanOpcUaServer startServer(int serverPort, boolean allowAnonymous, boolean securityNone)
      throws Exception {
    return startServer(
        serverPort,
        allowAnonymous,
        securityNone,
        new LoginThrottle(LoginThrottle.Settings.defaults()));
  }

  HelanOpcUaServer startServer(
      int serverPort, boolean allowAnonymous, boolean securityNone, LoginThrottle throttle)
      throws Exception {
    HelanOpcUaServer opcUa =
        new HelanOpcUaServer(
            new OpcUaSettings(
                "127.0.0.1", "127.0.0.1", serverPort, dataDir, allowAnonymous, securityNone),
            site,
            ingest,
            links,
            historian,
            commands,
            alarms,
            users::authenticate,
            throttle);
    started.push(opcUa);
    return opcUa.start();
  }

  Station station(StationKind kind) {
    return site.stations().stream().filter(s -> s.kind() == kind).findFirst().orElseThrow();
  }

  Point point(String pointId) {
    return site.point(pointId).orElseThrow();
  }

  private <T extends AutoCloseable> T push(T part) {
    started.push(part);
    return part;
  }

  @Override
  public void close() {
    while (!started.isEmpty()) {
      try {
        started.pop().close();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** One air (city), one water and one gamma station of the default site, renumbered. */
  private static Site slice(Site full) {
    List<Station> picked = new ArrayList<>();
    for (StationKind kind :
        List.of(StationKind.AIR_CITY, StationKind.WATER_SECTION, StationKind.RADIATION_GAMMA)) {
      full.stations().stream().filter(s -> s.kind() == kind).findFirst().ifPresent(picked::add);
    }
    List<Station> stations = new ArrayList<>();
    int index = 0;
    for (Station station : picked) {
      List<Device> devices = new ArrayList<>();
      for (Device device : station.devices()) {
        List<Point> points = new ArrayList<>();
        for (Point p : device.points()) {
          points.add(
              new Point(
                  index++,
                  p.id(),
                  p.stationId(),
                  p.deviceId(),
                  p.name(),
                  p.code(),
                  p.unit(),
                  p.dataType(),
                  p.address(),
                  p.scale(),
                  p.offset(),
                  p.rangeLow(),
                  p.rangeHigh(),
                  p.limits()));
        }
        devices.add(
            new Device(
                device.id(),
                device.stationId(),
                device.name(),
                device.type(),
                device.connection(),
                points,
                device.commands()));
      }
      stations.add(
          new Station(
              station.id(),
              station.name(),
              station.nameEn(),
              station.kind(),
              station.regionId(),
              station.latitude(),
              station.longitude(),
              devices));
    }
    List<Region> regions =
        full.regions().stream()
            .filter(r -> stations.stream().anyMatch(s -> s.regionId().equals(r.id())))
            .toList();
    return new Site(full.id(), full.name(), regions, stations);
  }
}
