package io.helan.commands;

import static org.awaitility.Awaitility.await;

import com.ghgande.j2mod.modbus.facade.ModbusTCPMaster;
import com.ghgande.j2mod.modbus.procimg.Register;
import io.helan.audit.AuditTrail;
import io.helan.audit.Origin;
import io.helan.auth.User;
import io.helan.config.Connection;
import io.helan.config.Device;
import io.helan.config.ModbusTcpConnection;
import io.helan.config.Point;
import io.helan.config.Region;
import io.helan.config.Site;
import io.helan.config.SiteLoader;
import io.helan.config.Station;
import io.helan.driver.DataFlag;
import io.helan.driver.LinkState;
import io.helan.driver.registry.FieldDrivers;
import io.helan.field.FieldLinks;
import io.helan.historian.CommitCadence;
import io.helan.historian.QuestDbEmbedded;
import io.helan.historian.QuestDbHistorian;
import io.helan.ingest.CurrentValueTable;
import io.helan.ingest.DeviceModes;
import io.helan.ingest.IngestPipeline;
import io.helan.ingest.PointValue;
import io.helan.simulator.SimulatedNetwork;
import io.helan.simulator.gamma.GammaStation;
import io.helan.simulator.modbus.AirAnalyserRack;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.questdb.cairo.CairoEngine;
import io.questdb.cairo.security.AllowAllSecurityContext;
import io.questdb.cairo.sql.Record;
import io.questdb.cairo.sql.RecordCursor;
import io.questdb.cairo.sql.RecordCursorFactory;
import io.questdb.griffin.SqlExecutionContextImpl;
import io.questdb.griffin.engine.functions.bind.BindVariableServiceImpl;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A small real system for command tests: an air-quality station (Modbus analyser rack) and a gamma
 * station (OPC UA) cut from the default Ningxia site, their simulators on free ports, the real
 * drivers, ingest, embedded QuestDB, the audit trail and the command service. The "server" part can
 * be stopped and started again on the same data directory while the simulated field keeps running,
 * as a restart would.
 */
final class CommandTestbed implements AutoCloseable {
  /** Polls of the air rack; the test site polls faster than the default to keep tests short. */
  static final int POLL_MS = 500;

  final Path dataDir;
  final CommandSettings settings;
  final Site site;
  final Device airRack;
  final Device gamma;
  final AirAnalyserRack airSimulator;
  final GammaStation gammaSimulator;
  private final SimulatedNetwork field;

  /** Every state change the current command service published. */
  final List<CommandRecord> changes = new CopyOnWriteArrayList<>();

  QuestDbEmbedded questDb;
  QuestDbHistorian historian;
  IngestPipeline ingest;
  FieldDrivers drivers;
  FieldLinks links;
  AuditTrail audit;
  DefaultCommandService commands;

  private CommandTestbed(Path dataDir, CommandSettings settings, SimulatedNetwork field) {
    this.dataDir = dataDir;
    this.settings = settings;
    this.field = field;
    this.site = field.site();
    this.airRack = firstDevice(site, "air-analyser-rack");
    this.gamma = firstDevice(site, "gamma-station");
    this.airSimulator = (AirAnalyserRack) field.simulator(airRack.id()).orElseThrow();
    this.gammaSimulator = (GammaStation) field.simulator(gamma.id()).orElseThrow();
  }

  static CommandTestbed start(Path dataDir, CommandSettings settings) throws Exception {
    CommandTestbed bed =
        new CommandTestbed(dataDir, settings, SimulatedNetwork.onFreePorts(cutFromDefaultSite()));
    try {
      bed.startServer();
    } catch (Exception | Error e) {
      bed.close();
      throw e;
    }
    return bed;
  }

  /** Starts everything of the server on the data directory and waits for both links. */
  void startServer() throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    questDb = QuestDbEmbedded.start(dataDir.resolve("questdb"));
    historian =
        new QuestDbHistorian(
            site, () -> questDb, CommitCadence.DEFAULT, registry, dataDir.resolve("spool"));
    historian.start();
    ingest =
        new IngestPipeline(
            site, new CurrentValueTable(site), new DeviceModes(site), historian, registry);
    drivers = new FieldDrivers();
    links = new FieldLinks(site, drivers::find, ingest, registry);
    audit = AuditTrail.open(dataDir);
    commands = new DefaultCommandService(site, links, ingest, audit, dataDir, settings);
    commands.addListener(changes::add);
    commands.start();
    links.start();
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () ->
                links.state(airRack.id()) == LinkState.CONNECTED
                    && links.state(gamma.id()) == LinkState.CONNECTED
                    && value(point(airRack, "so2")).hasValue()
                    && value(point(gamma, "sampler-flow")).hasValue());
  }

  /** Stops the server part, as a process exit would; the simulators keep running. */
  void stopServer() {
    closeQuietly(commands);
    closeQuietly(links);
    closeQuietly(drivers);
    closeQuietly(historian);
    closeQuietly(questDb);
    closeQuietly(audit);
    commands = null;
    links = null;
    drivers = null;
    historian = null;
    questDb = null;
    audit = null;
    ingest = null;
    changes.clear();
  }

  @Override
  public void close() {
    stopServer();
    field.close();
  }

  /** Reads holding registers of the rack, as a field engineer with a Modbus master would. */
  int[] readRackRegisters(int first, int count) throws Exception {
    return onRack(
        master -> {
          int[] words = new int[count];
          Register[] registers =
              master.readMultipleRegisters(
                  ((ModbusTcpConnection) airRack.connection()).unitId(), first, count);
          for (int i = 0; i < count; i++) {
            words[i] = registers[i].toUnsignedShort();
          }
          return words;
        });
  }

  /** The rack's status word (hr:20: bit 0 zero, bit 1 span calibration, bit 2 maintenance). */
  int rackStatus() throws Exception {
    return readRackRegisters(20, 1)[0];
  }

  /** What a Modbus master connected to the rack for the moment answers. */
  private <T> T onRack(RackExchange<T> exchange) throws Exception {
    ModbusTcpConnection c = (ModbusTcpConnection) airRack.connection();
    ModbusTCPMaster master = new ModbusTCPMaster(c.host(), c.port(), c.timeoutMs(), false, false);
    master.connect();
    try {
      return exchange.with(master);
    } finally {
      master.disconnect();
    }
  }

  /** Selects and, if selected, operates the command; the record the operate completed with. */
  CommandRecord selectAndOperate(
      User user, Origin origin, String deviceId, String commandId, Map<String, Double> parameters)
      throws Exception {
    CommandRecord selected = commands.select(user, origin, deviceId, commandId, parameters);
    if (selected.state() != CommandState.SELECTED) {
      return selected;
    }
    return commands.operate(user, origin, selected.id()).get(20, TimeUnit.SECONDS);
  }

  /** How long after it was SENT the command reached the state of {@code record}. */
  Duration sinceSent(CommandRecord record) {
    return Duration.between(change(record.id(), CommandState.SENT).updated(), record.updated());
  }

  private interface RackExchange<T> {
    T with(ModbusTCPMaster master) throws Exception;
  }

  CommandRecord awaitState(String commandId, CommandState state, Duration atMost) {
    await()
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(50))
        .until(() -> commands.command(commandId).map(CommandRecord::state).orElse(null) == state);
    return commands.command(commandId).orElseThrow();
  }

  /**
   * The first published record of the command in that state. Listeners hear of a change just after
   * the command takes it: a state the command has reached is awaited here for a few seconds.
   */
  CommandRecord change(String commandId, CommandState state) {
    try {
      return await()
          .atMost(Duration.ofSeconds(5))
          .pollInterval(Duration.ofMillis(20))
          .until(() -> firstChange(commandId, state), Optional::isPresent)
          .orElseThrow();
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("command " + commandId + " was never " + state, e);
    }
  }

  private Optional<CommandRecord> firstChange(String commandId, CommandState state) {
    return changes.stream().filter(r -> r.id().equals(commandId) && r.state() == state).findFirst();
  }

  Point point(Device device, String name) {
    return site.point(device.id() + "." + name).orElseThrow();
  }

  PointValue value(Point point) {
    PointValue value = new PointValue();
    ingest.currentValues().read(point.index(), value);
    return value;
  }

  /** One stored sample. */
  record StoredSample(Instant time, double value, DataFlag flag) {}

  /** The point's samples in QuestDB from (inclusive) to (exclusive), oldest first. */
  List<StoredSample> storedSamples(Point point, Instant from, Instant to) throws Exception {
    historian.flush().get(20, TimeUnit.SECONDS);
    CairoEngine engine = questDb.engine();
    try (SqlExecutionContextImpl context =
        new SqlExecutionContextImpl(engine, 1)
            .with(
                AllowAllSecurityContext.INSTANCE,
                new BindVariableServiceImpl(engine.getConfiguration()))) {
      context.getBindVariableService().setStr(0, point.id());
      context.getBindVariableService().setTimestamp(1, micros(from));
      context.getBindVariableService().setTimestamp(2, micros(to));
      try (RecordCursorFactory factory =
              engine.select(
                  "SELECT ts, value, flag FROM samples WHERE point = $1 AND ts >= $2 AND ts < $3"
                      + " ORDER BY ts",
                  context);
          RecordCursor cursor = factory.getCursor(context)) {
        Record record = cursor.getRecord();
        List<StoredSample> samples = new ArrayList<>();
        while (cursor.hasNext()) {
          long ts = record.getTimestamp(0);
          samples.add(
              new StoredSample(
                  Instant.ofEpochSecond(ts / 1_000_000, (ts % 1_000_000) * 1_000),
                  record.getDouble(1),
                  DataFlag.valueOf(record.getSymA(2).toString())));
        }
        return samples;
      }
    }
  }

  private static long micros(Instant time) {
    return time.getEpochSecond() * 1_000_000 + time.getNano() / 1_000;
  }

  /** The first air-rack station and the first gamma station of the default site, re-indexed. */
  private static Site cutFromDefaultSite() {
    Site full = SiteLoader.loadDefault();
    List<Station> picked = new ArrayList<>();
    int[] nextIndex = {0};
    for (String type : List.of("air-analyser-rack", "gamma-station")) {
      Station station =
          full.stations().stream()
              .filter(s -> s.devices().size() == 1 && s.devices().get(0).type().equals(type))
              .findFirst()
              .orElseThrow();
      Device device = station.devices().get(0);
      List<Point> points = new ArrayList<>();
      for (Point p : device.points()) {
        points.add(
            new Point(
                nextIndex[0]++,
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
      Device moved =
          new Device(
              device.id(),
              device.stationId(),
              device.name(),
              device.type(),
              fastPolling(device.connection()),
              points,
              device.commands());
      picked.add(
          new Station(
              station.id(),
              station.name(),
              station.nameEn(),
              station.kind(),
              station.regionId(),
              station.latitude(),
              station.longitude(),
              List.of(moved)));
    }
    List<Region> regions =
        full.regions().stream()
            .filter(r -> picked.stream().anyMatch(s -> s.regionId().equals(r.id())))
            .toList();
    return new Site("command-test", "command test site", regions, picked);
  }

  private static Connection fastPolling(Connection c) {
    if (c instanceof ModbusTcpConnection m) {
      return new ModbusTcpConnection(
          m.host(), m.port(), m.unitId(), m.wordOrder(), POLL_MS, m.timeoutMs());
    }
    return c;
  }

  private static Device firstDevice(Site site, String type) {
    return site.devices().stream().filter(d -> d.type().equals(type)).findFirst().orElseThrow();
  }

  private static void closeQuietly(AutoCloseable part) {
    if (part == null) {
      return;
    }
    try {
      part.close();
    } catch (Exception e) {
      throw new IllegalStateException("stopping " + part + " failed", e);
    }
  }
}
