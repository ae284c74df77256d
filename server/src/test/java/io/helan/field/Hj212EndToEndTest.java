package io.helan.field;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.helan.audit.AuditTrail;
import io.helan.audit.Origin;
import io.helan.auth.Role;
import io.helan.auth.User;
import io.helan.commands.CommandRecord;
import io.helan.commands.CommandSettings;
import io.helan.commands.CommandState;
import io.helan.commands.DefaultCommandService;
import io.helan.config.CommandKind;
import io.helan.config.Point;
import io.helan.config.Site;
import io.helan.config.SiteLoader;
import io.helan.driver.DataFlag;
import io.helan.driver.DriverOptions;
import io.helan.driver.LinkState;
import io.helan.driver.Quality;
import io.helan.driver.hj212.Hj212Counters.Kind;
import io.helan.driver.hj212.Hj212Driver;
import io.helan.driver.registry.FieldDrivers;
import io.helan.historian.CommitCadence;
import io.helan.historian.QuestDbEmbedded;
import io.helan.historian.QuestDbHistorian;
import io.helan.historian.RawSample;
import io.helan.ingest.CurrentValueTable;
import io.helan.ingest.DeviceModes;
import io.helan.ingest.IngestPipeline;
import io.helan.simulator.SimulatedNetwork;
import io.helan.simulator.hj212.Hj212Logger;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Simulated HJ 212 loggers dial in to the driver on a free port; their uploads go through ingest
 * into embedded QuestDB, commands go through the command service down the loggers' sockets. Loggers
 * run fast: real-time data every second, a "minute" of 1 s, calibrations of 3 s.
 */
class Hj212EndToEndTest {
  private static final Hj212Logger.Timing FAST =
      new Hj212Logger.Timing(
          Duration.ofSeconds(1),
          Duration.ofSeconds(1),
          Duration.ofSeconds(5),
          Duration.ofSeconds(3));
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final User MAINTAINER = new User("maintainer", Set.of(Role.MAINTAINER));
  private static final Origin FROM = Origin.rest("127.0.0.1:40000");

  @TempDir static Path dataDir;
  static SimulatedNetwork field;
  static Site site;
  static QuestDbEmbedded questDb;
  static QuestDbHistorian historian;
  static FieldDrivers drivers;
  static FieldLinks links;
  static AuditTrail audit;
  static DefaultCommandService commands;
  static Hj212Driver driver;
  static final Queue<CommandRecord> changes = new ConcurrentLinkedQueue<>();

  @BeforeAll
  static void start() throws Exception {
    field = SimulatedNetwork.onFreePorts(SiteLoader.loadResource("sites/hj212.yaml"), FAST);
    site = field.site();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    questDb = QuestDbEmbedded.start(dataDir.resolve("questdb"));
    historian =
        new QuestDbHistorian(
            site, () -> questDb, CommitCadence.DEFAULT, registry, dataDir.resolve("spool"));
    historian.start();
    IngestPipeline ingest =
        new IngestPipeline(
            site, new CurrentValueTable(site), new DeviceModes(site), historian, registry);
    drivers =
        new FieldDrivers(new DriverOptions(Map.of("hj212.port", "0", "hj212.host", "127.0.0.1")));
    links = new FieldLinks(site, drivers::find, ingest, registry);
    audit = AuditTrail.open(dataDir);
    commands =
        new DefaultCommandService(site, links, ingest, audit, dataDir, CommandSettings.defaults());
    commands.addListener(changes::add);
    commands.start();
    links.start();
    driver = (Hj212Driver) drivers.driverFor("hj212");
    field.dialHj212(new InetSocketAddress(InetAddress.getLoopbackAddress(), driver.port()));
    await()
        .atMost(WAIT)
        .until(
            () ->
                links.state("nd-power.cems") == LinkState.CONNECTED
                    && links.state("nd-chem.outlet") == LinkState.CONNECTED);
  }

  @AfterAll
  static void stop() throws Exception {
    for (AutoCloseable part :
        new AutoCloseable[] {commands, links, drivers, field, historian, questDb, audit}) {
      if (part != null) {
        part.close();
      }
    }
  }

  private static Point point(String id) {
    return site.point(id).orElseThrow();
  }

  /** What the device answered to a command, as its ACKNOWLEDGED change says. */
  private static String answer(String commandId) {
    return changes.stream()
        .filter(c -> c.id().equals(commandId) && c.state() == CommandState.ACKNOWLEDGED)
        .map(CommandRecord::detail)
        .findFirst()
        .orElse(null);
  }

  private static List<RawSample> stored(Point point, Instant from) throws Exception {
    historian.flush().get(10, TimeUnit.SECONDS);
    return historian
        .raw(point, from, Instant.now().plusSeconds(60), 100_000, false)
        .get(10, TimeUnit.SECONDS);
  }

  @Test
  void loggersUploadsLandInQuestDbWithTheirFlagsAndFieldsApart() throws Exception {
    Instant from = Instant.now().minusSeconds(120);
    await().atMost(WAIT).until(() -> stored(point("nd-power.cems.so2-minute"), from).size() >= 2);

    List<RawSample> so2 = stored(point("nd-power.cems.so2"), from);
    List<RawSample> so2Zs = stored(point("nd-power.cems.so2-zs"), from);
    List<RawSample> minute = stored(point("nd-power.cems.so2-minute"), from);
    assertThat(so2).isNotEmpty().allSatisfy(s -> assertThat(s.quality()).isEqualTo(Quality.GOOD));
    assertThat(so2.get(0).flag()).isEqualTo(DataFlag.N);
    RawSample firstZs = so2Zs.get(0);
    RawSample sameTimeRtd =
        so2.stream().filter(s -> s.time().equals(firstZs.time())).findFirst().orElseThrow();
    assertThat(firstZs.value())
        .as("ZsRtd is SO2 at reference O2, a value of its own")
        .isNotEqualTo(sameTimeRtd.value());
    assertThat(minute)
        .as("minute data are stamped at the start of their period (whole seconds)")
        .allSatisfy(s -> assertThat(s.time().getNano()).isZero());
    assertThat(stored(point("nd-chem.outlet.cod"), from)).isNotEmpty();
    assertThat(stored(point("nd-chem.outlet.ph"), from))
        .allSatisfy(s -> assertThat(s.value()).isBetween(6.0, 9.0));
    Hj212Logger cems = (Hj212Logger) field.simulator("nd-power.cems").orElseThrow();
    assertThat(cems.answersReceived()).as("every upload asks for 9014 and gets it").isPositive();
    assertThat(driver.counters().get(Kind.BAD_CRC)).isZero();
  }

  @Test
  void zeroCalibrationOverHj212ReadsZeroGasFlaggedCThenTheDriftIsGone() throws Exception {
    Hj212Logger cems = (Hj212Logger) field.simulator("nd-power.cems").orElseThrow();
    await().atMost(WAIT).until(() -> cems.drift("a21026") > 0);
    Instant before = Instant.now();
    double driftBefore = cems.drift("a21026");

    CommandRecord selected =
        commands.select(MAINTAINER, FROM, "nd-power.cems", "zero-calibration-so2", Map.of());
    assertThat(selected.state()).isEqualTo(CommandState.SELECTED);
    CommandRecord acknowledged =
        commands.operate(MAINTAINER, FROM, selected.id()).get(20, TimeUnit.SECONDS);

    assertThat(acknowledged.state()).isEqualTo(CommandState.ACKNOWLEDGED);
    assertThat(acknowledged.detail()).contains("QnRtn=1");
    await()
        .atMost(WAIT)
        .until(
            () -> commands.command(selected.id()).orElseThrow().state() == CommandState.COMPLETED);
    assertThat(cems.drift("a21026"))
        .as("the calibration took the analyser's drift away (it grows again from 0)")
        .isLessThan(driftBefore);
    List<RawSample> during =
        stored(point("nd-power.cems.so2"), before).stream()
            .filter(s -> s.flag() == DataFlag.C)
            .toList();
    assertThat(during).as("readings of the calibration window").isNotEmpty();
    assertThat(during.stream().mapToDouble(RawSample::value).min().orElseThrow())
        .as("zero gas")
        .isLessThan(1.0);
  }

  @Test
  void afterAnOutageTheMissedMinutesAreFetchedWithoutDuplicateRows() throws Exception {
    Hj212Logger outlet = (Hj212Logger) field.simulator("nd-chem.outlet").orElseThrow();
    Point minute = point("nd-chem.outlet.cod-minute");
    Instant from = Instant.now().minusSeconds(300);
    await().atMost(WAIT).until(() -> stored(minute, from).size() >= 2);

    outlet.stop();
    await().atMost(WAIT).until(() -> links.state("nd-chem.outlet") == LinkState.DISCONNECTED);
    Instant outageStart = Instant.now();
    // offline, the logger goes on measuring: wait for minutes it records that the server misses
    await()
        .atMost(WAIT)
        .until(
            () -> outlet.minuteRecords().stream().filter(t -> t.isAfter(outageStart)).count() >= 3);
    outlet.start();
    await().atMost(WAIT).until(() -> links.state("nd-chem.outlet") == LinkState.CONNECTED);
    Instant back = Instant.now();
    await().atMost(WAIT).until(() -> stored(minute, back).size() >= 2);

    // the backfill's answer and the live uploads arrive in no set order: wait for the whole run
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              List<RawSample> rows = stored(minute, from);
              Set<Instant> times = rows.stream().map(RawSample::time).collect(Collectors.toSet());
              assertThat(rows).as("re-sent records replace themselves").hasSize(times.size());
              Instant first = rows.get(0).time();
              Instant last = rows.get(rows.size() - 1).time();
              // the logger's own record: a loaded machine may stall its clock past a period
              List<Instant> recorded =
                  outlet.minuteRecords().stream()
                      .filter(t -> !t.isBefore(first) && !t.isAfter(last))
                      .toList();
              assertThat(recorded.stream().filter(t -> t.isAfter(outageStart)).count())
                  .isGreaterThanOrEqualTo(3);
              assertThat(times)
                  .as("every minute the logger recorded from the first to the last, the outage's")
                  .containsExactlyInAnyOrderElementsOf(recorded);
            });
  }

  @Test
  void samplingRetentionAndClockCommandsCompleteOnTheirResult() throws Exception {
    for (String command : List.of("instant-sampling", "sample-retention", "time-sync")) {
      CommandRecord selected =
          commands.select(MAINTAINER, FROM, "nd-chem.outlet", command, Map.of());
      assertThat(selected.state()).as(command).isEqualTo(CommandState.SELECTED);

      CommandRecord done =
          commands.operate(MAINTAINER, FROM, selected.id()).get(20, TimeUnit.SECONDS);

      assertThat(done.state()).as(command).isEqualTo(CommandState.COMPLETED);
      await().atMost(WAIT).until(() -> answer(selected.id()) != null);
      assertThat(answer(selected.id())).as(command).contains("ExeRtn=1 (success)");
      if (command.equals("sample-retention")) {
        assertThat(answer(selected.id())).as("the retention's data packet").contains("VaseNo=1");
      }
    }
  }

  @Test
  void settingsCommandsChangeTheLoggersTimeoutsAndIntervalsOnTheRecord() throws Exception {
    await().atMost(WAIT).until(() -> links.state("nd-boiler.cems") == LinkState.CONNECTED);
    Hj212Logger boiler = (Hj212Logger) field.simulator("nd-boiler.cems").orElseThrow();

    complete("timeouts", Map.of(CommandKind.OVER_TIME_SECONDS, 5.0, CommandKind.RE_COUNT, 2.0));
    complete("real-time-interval", Map.of(CommandKind.INTERVAL_SECONDS, 30.0));
    complete("minute-interval", Map.of(CommandKind.INTERVAL_MINUTES, 2.0));

    assertThat(boiler.overTime()).isEqualTo(Duration.ofSeconds(5));
    assertThat(boiler.reCount()).isEqualTo(2);
    assertThat(boiler.timing().realTime()).isEqualTo(Duration.ofSeconds(30));
    assertThat(boiler.timing().minute()).isEqualTo(Duration.ofMinutes(2));
    assertThat(audit.read(r -> r.target() != null && r.target().startsWith("nd-boiler.cems")))
        .extracting(r -> r.action() + " " + r.result())
        .as("select and operate of each on the audit trail")
        .hasSizeGreaterThanOrEqualTo(6);
    CommandRecord refused =
        commands.select(
            MAINTAINER,
            FROM,
            "nd-boiler.cems",
            "minute-interval",
            Map.of(CommandKind.INTERVAL_MINUTES, 7.0));
    assertThat(refused.state()).isEqualTo(CommandState.REFUSED);
    assertThat(refused.detail()).contains("must divide the hour");
  }

  /** Selects and operates a command of the boiler's logger; it completes on 9012 ExeRtn=1. */
  private static void complete(String command, Map<String, Double> parameters) throws Exception {
    CommandRecord selected =
        commands.select(MAINTAINER, FROM, "nd-boiler.cems", command, parameters);
    assertThat(selected.state()).as(command).isEqualTo(CommandState.SELECTED);
    CommandRecord done =
        commands.operate(MAINTAINER, FROM, selected.id()).get(20, TimeUnit.SECONDS);
    assertThat(done.state()).as(command + ": " + done.detail()).isEqualTo(CommandState.COMPLETED);
    await().atMost(WAIT).until(() -> answer(selected.id()) != null);
    assertThat(answer(selected.id())).as(command).contains("ExeRtn=1 (success)");
  }
}
