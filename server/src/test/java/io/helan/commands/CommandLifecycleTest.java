package io.helan.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.helan.audit.AuditCommand;
import io.helan.audit.AuditTrail;
import io.helan.audit.Origin;
import io.helan.auth.Role;
import io.helan.auth.User;
import io.helan.commands.CommandTestbed.StoredSample;
import io.helan.config.Point;
import io.helan.driver.DataFlag;
import io.helan.ingest.DeviceMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole command lifecycles against the simulators: zero calibration over Modbus with C flags,
 * maintenance with M flags, the sampler and emergency measurement over OPC UA, a restart in the
 * middle of a command, and the audit trail they leave.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CommandLifecycleTest {
  static final int CALIBRATION_SECONDS = 4;

  static final User MAINTAINER = new User("maintainer", Set.of(Role.MAINTAINER));
  static final User COMMANDER = new User("commander", Set.of(Role.COMMANDER));
  static final Origin FROM = Origin.rest("127.0.0.1:40000");

  @TempDir static Path dataDir;
  static CommandTestbed bed;

  @BeforeAll
  static void start() throws Exception {
    bed = CommandTestbed.start(dataDir, CommandSettings.defaults());
  }

  @AfterAll
  static void stop() {
    if (bed != null) {
      bed.close();
    }
  }

  @Test
  @Order(1)
  void zeroCalibrationOverModbusReadsNearZeroFlaggedCForItsWindowThenReturns() throws Exception {
    Point so2 = bed.point(bed.airRack, "so2");
    Point no2 = bed.point(bed.airRack, "no2");
    double so2Before = bed.value(so2).value();
    double no2Before = bed.value(no2).value();
    Instant before = Instant.now();

    CommandRecord selected =
        bed.commands.select(
            MAINTAINER,
            FROM,
            bed.airRack.id(),
            "zero-calibration",
            Map.of("durationSeconds", (double) CALIBRATION_SECONDS));
    assertThat(selected.state()).isEqualTo(CommandState.SELECTED);
    assertThat(selected.parameters()).containsEntry("durationSeconds", 4.0);

    CommandRecord acknowledged =
        bed.commands.operate(MAINTAINER, FROM, selected.id()).get(10, TimeUnit.SECONDS);
    assertThat(acknowledged.state()).isEqualTo(CommandState.ACKNOWLEDGED);
    assertThat(acknowledged.detail()).contains("status=0x0001");
    assertThat(acknowledged.effectUntil()).isAfter(acknowledged.updated());
    assertThat(bed.ingest.deviceModes().mode(bed.airRack.id())).isEqualTo(DeviceMode.CALIBRATION);

    await()
        .atMost(Duration.ofSeconds(3))
        .pollInterval(Duration.ofMillis(100))
        .untilAsserted(
            () -> {
              assertThat(bed.value(so2).flag()).isEqualTo(DataFlag.C);
              assertThat(bed.value(so2).value()).isLessThan(0.1 * so2Before);
              assertThat(bed.value(no2).value()).isLessThan(0.1 * no2Before);
            });

    CommandRecord completed =
        bed.awaitState(selected.id(), CommandState.COMPLETED, Duration.ofSeconds(10));
    assertThat(bed.ingest.deviceModes().mode(bed.airRack.id())).isEqualTo(DeviceMode.NORMAL);
    await()
        .atMost(Duration.ofSeconds(4))
        .pollInterval(Duration.ofMillis(100))
        .untilAsserted(
            () -> {
              assertThat(bed.value(so2).flag()).isEqualTo(DataFlag.N);
              assertThat(bed.value(no2).value()).isGreaterThan(0.5 * no2Before);
            });
    assertThat(
            List.of(
                CommandState.SELECTED,
                CommandState.SENT,
                CommandState.ACKNOWLEDGED,
                CommandState.COMPLETED))
        .allSatisfy(state -> bed.change(selected.id(), state));

    // The stored samples carry C exactly for the window from SENT to COMPLETED, which the rack's
    // report ends. Slack at the edges: one poll period (a sample read just before the mode
    // changed is ingested just after).
    Duration poll = Duration.ofMillis(CommandTestbed.POLL_MS);
    Instant sent = bed.change(selected.id(), CommandState.SENT).updated();
    Instant done = completed.updated();
    List<StoredSample> samples = storedOnceAfter(so2, before, done.plus(poll), 2);
    List<StoredSample> inside = between(samples, sent.plus(poll), done.minus(poll));
    List<StoredSample> outside = outside(samples, sent.minus(poll), done.plus(poll));
    assertThat(inside).hasSizeGreaterThanOrEqualTo(CALIBRATION_SECONDS);
    assertThat(inside).allSatisfy(s -> assertThat(s.flag()).isEqualTo(DataFlag.C));
    assertThat(inside).allSatisfy(s -> assertThat(s.value()).isLessThan(0.1 * so2Before));
    assertThat(outside).isNotEmpty();
    assertThat(outside).allSatisfy(s -> assertThat(s.flag()).isEqualTo(DataFlag.N));
  }

  @Test
  @Order(2)
  void maintenanceFlagsMFromOnUntilOffAndACalibrationInsideReturnsToMaintenance() throws Exception {
    Point pm25 = bed.point(bed.airRack, "pm25");
    Instant before = Instant.now();
    CommandRecord on = selectAndOperate(MAINTAINER, bed.airRack.id(), "maintenance-on", Map.of());
    assertThat(on.state()).isEqualTo(CommandState.COMPLETED);
    assertThat(bed.ingest.deviceModes().mode(bed.airRack.id())).isEqualTo(DeviceMode.MAINTENANCE);
    Duration poll = Duration.ofMillis(CommandTestbed.POLL_MS);
    storedOnceAfter(pm25, before, bed.change(on.id(), CommandState.SENT).updated().plus(poll), 4);

    CommandRecord calibration =
        selectAndOperate(
            MAINTAINER,
            bed.airRack.id(),
            "zero-calibration",
            Map.of("durationSeconds", (double) CALIBRATION_SECONDS));
    assertThat(calibration.state()).isEqualTo(CommandState.ACKNOWLEDGED);
    CommandRecord calibrated =
        bed.awaitState(calibration.id(), CommandState.COMPLETED, Duration.ofSeconds(10));
    assertThat(bed.ingest.deviceModes().mode(bed.airRack.id())).isEqualTo(DeviceMode.MAINTENANCE);
    storedOnceAfter(pm25, before, calibrated.updated().plus(poll), 4);

    CommandRecord off = selectAndOperate(MAINTAINER, bed.airRack.id(), "maintenance-off", Map.of());
    assertThat(off.state()).isEqualTo(CommandState.COMPLETED);
    assertThat(bed.ingest.deviceModes().mode(bed.airRack.id())).isEqualTo(DeviceMode.NORMAL);

    // M from maintenance-on SENT to maintenance-off COMPLETED, C inside that for the
    // calibration's own window, N outside; one poll period of slack at each edge.
    Instant onSent = bed.change(on.id(), CommandState.SENT).updated();
    Instant calibrationSent = bed.change(calibration.id(), CommandState.SENT).updated();
    List<StoredSample> samples = storedOnceAfter(pm25, before, off.updated().plus(poll), 2);
    List<StoredSample> maintenance = between(samples, onSent.plus(poll), off.updated().minus(poll));
    assertThat(outside(maintenance, calibrationSent.minus(poll), calibrated.updated().plus(poll)))
        .hasSizeGreaterThanOrEqualTo(6)
        .allSatisfy(s -> assertThat(s.flag()).isEqualTo(DataFlag.M));
    assertThat(between(maintenance, calibrationSent.plus(poll), calibrated.updated().minus(poll)))
        .hasSizeGreaterThanOrEqualTo(CALIBRATION_SECONDS)
        .allSatisfy(s -> assertThat(s.flag()).isEqualTo(DataFlag.C));
    assertThat(outside(samples, onSent.minus(poll), off.updated().plus(poll)))
        .isNotEmpty()
        .allSatisfy(s -> assertThat(s.flag()).isEqualTo(DataFlag.N));
  }

  @Test
  @Order(3)
  void samplerOverOpcUaRunsWithFlowForItsDurationThenStops() throws Exception {
    Point flow = bed.point(bed.gamma, "sampler-flow");
    assertThat(bed.value(flow).value()).isZero();
    CommandRecord run =
        selectAndOperate(
            COMMANDER, bed.gamma.id(), "sampler-start", Map.of("durationSeconds", 4.0));
    assertThat(run.state()).isEqualTo(CommandState.ACKNOWLEDGED);
    await()
        .atMost(Duration.ofSeconds(3))
        .pollInterval(Duration.ofMillis(100))
        .untilAsserted(() -> assertThat(bed.value(flow).value()).isGreaterThan(10));
    bed.awaitState(run.id(), CommandState.COMPLETED, Duration.ofSeconds(8));
    await()
        .atMost(Duration.ofSeconds(4))
        .pollInterval(Duration.ofMillis(100))
        .untilAsserted(() -> assertThat(bed.value(flow).value()).isZero());
  }

  @Test
  @Order(4)
  void samplerStopEndsARunningSamplerEarly() throws Exception {
    Point flow = bed.point(bed.gamma, "sampler-flow");
    CommandRecord run =
        selectAndOperate(
            COMMANDER, bed.gamma.id(), "sampler-start", Map.of("durationSeconds", 600.0));
    await()
        .atMost(Duration.ofSeconds(3))
        .pollInterval(Duration.ofMillis(100))
        .untilAsserted(() -> assertThat(bed.value(flow).value()).isGreaterThan(10));
    CommandRecord stop = selectAndOperate(COMMANDER, bed.gamma.id(), "sampler-stop", Map.of());
    assertThat(stop.state()).isEqualTo(CommandState.COMPLETED);
    CommandRecord stopped = bed.awaitState(run.id(), CommandState.COMPLETED, Duration.ofSeconds(2));
    assertThat(stopped.detail()).contains("stopped early by commander");
    await()
        .atMost(Duration.ofSeconds(4))
        .pollInterval(Duration.ofMillis(100))
        .untilAsserted(() -> assertThat(bed.value(flow).value()).isZero());
  }

  @Test
  @Order(4)
  void aRunningSamplerLeavesRoomForTheIodineSamplerAndTheMeasurementInterval() throws Exception {
    Point iodineFlow = bed.point(bed.gamma, "iodine-sampler-flow");
    CommandRecord aerosol =
        selectAndOperate(
            COMMANDER, bed.gamma.id(), "sampler-start", Map.of("durationSeconds", 600.0));
    assertThat(aerosol.state()).isEqualTo(CommandState.ACKNOWLEDGED);

    CommandRecord iodine =
        selectAndOperate(
            COMMANDER, bed.gamma.id(), "iodine-sampler-start", Map.of("durationSeconds", 600.0));
    assertThat(iodine.state()).as(iodine.detail()).isEqualTo(CommandState.ACKNOWLEDGED);
    await()
        .atMost(Duration.ofSeconds(3))
        .pollInterval(Duration.ofMillis(100))
        .untilAsserted(() -> assertThat(bed.value(iodineFlow).value()).isGreaterThan(1));
    // the same sampler twice is still refused
    CommandRecord again =
        bed.commands.select(COMMANDER, FROM, bed.gamma.id(), "sampler-start", Map.of());
    assertThat(again.state()).isEqualTo(CommandState.REFUSED);
    // an incident ending while samplers run restores routine measurement
    CommandRecord routine =
        selectAndOperate(
            COMMANDER, bed.gamma.id(), "emergency-measurement", Map.of("intervalSeconds", 300.0));
    assertThat(routine.state()).as(routine.detail()).isEqualTo(CommandState.COMPLETED);

    selectAndOperate(COMMANDER, bed.gamma.id(), "iodine-sampler-stop", Map.of());
    selectAndOperate(COMMANDER, bed.gamma.id(), "sampler-stop", Map.of());
    bed.awaitState(aerosol.id(), CommandState.COMPLETED, Duration.ofSeconds(2));
    bed.awaitState(iodine.id(), CommandState.COMPLETED, Duration.ofSeconds(2));
    await()
        .atMost(Duration.ofSeconds(4))
        .pollInterval(Duration.ofMillis(100))
        .untilAsserted(() -> assertThat(bed.value(iodineFlow).value()).isZero());
  }

  @Test
  @Order(5)
  void emergencyMeasurementOverOpcUaLocksMaintenanceUntilRoutineResumes() throws Exception {
    Point mode = bed.point(bed.gamma, "mode");
    CommandRecord emergency =
        selectAndOperate(COMMANDER, bed.gamma.id(), "emergency-measurement", Map.of());
    assertThat(emergency.state()).isEqualTo(CommandState.COMPLETED);
    assertThat(emergency.parameters()).containsEntry("intervalSeconds", 30.0);
    assertThat(bed.ingest.deviceModes().mode(bed.gamma.id())).isEqualTo(DeviceMode.EMERGENCY);
    await()
        .atMost(Duration.ofSeconds(4))
        .pollInterval(Duration.ofMillis(100))
        .untilAsserted(() -> assertThat(bed.value(mode).value()).isEqualTo(2));

    CommandRecord maintenance =
        bed.commands.select(MAINTAINER, FROM, bed.gamma.id(), "maintenance-on", Map.of());
    assertThat(maintenance.state()).isEqualTo(CommandState.REFUSED);
    assertThat(maintenance.refusal()).isEqualTo(CommandRefusal.INTERLOCK);
    assertThat(maintenance.detail()).contains("emergency measurement is running");

    CommandRecord routine =
        selectAndOperate(
            COMMANDER, bed.gamma.id(), "emergency-measurement", Map.of("intervalSeconds", 300.0));
    assertThat(routine.state()).isEqualTo(CommandState.COMPLETED);
    assertThat(bed.ingest.deviceModes().mode(bed.gamma.id())).isEqualTo(DeviceMode.NORMAL);
  }

  @Test
  @Order(6)
  void restartInTheMiddleOfACommandLeavesItUnknownAndNeverSendsItAgain() throws Exception {
    CommandRecord running =
        selectAndOperate(
            MAINTAINER, bed.airRack.id(), "zero-calibration", Map.of("durationSeconds", 2.0));
    assertThat(running.state()).isEqualTo(CommandState.ACKNOWLEDGED);
    CommandRecord armed =
        bed.commands.select(COMMANDER, FROM, bed.gamma.id(), "sampler-start", Map.of());
    assertThat(armed.state()).isEqualTo(CommandState.SELECTED);
    CommandRecord maintenance =
        selectAndOperate(MAINTAINER, bed.gamma.id(), "maintenance-on", Map.of());
    assertThat(maintenance.state()).isEqualTo(CommandState.REFUSED); // the gamma is busy: armed

    bed.stopServer();
    // the rack finishes its calibration while the server is down
    await().atMost(Duration.ofSeconds(10)).until(() -> bed.rackStatus() == 0);
    bed.startServer();
    long restartedMicros = TimeUnit.MILLISECONDS.toMicros(System.currentTimeMillis());

    CommandRecord unknown = bed.commands.command(running.id()).orElseThrow();
    assertThat(unknown.state()).isEqualTo(CommandState.UNKNOWN);
    assertThat(unknown.detail()).contains("was ACKNOWLEDGED", "not sent again");
    assertThat(bed.commands.command(armed.id()).orElseThrow().state())
        .isEqualTo(CommandState.EXPIRED);
    // Not replayed: the journal holds one SENT for it, the rack stays out of calibration and
    // its data unflagged.
    List<String> journal =
        Files.readAllLines(dataDir.resolve("commands").resolve("commands.jsonl"));
    assertThat(
            journal.stream()
                .filter(l -> l.contains(running.id()) && l.contains("\"state\":\"SENT\""))
                .count())
        .isEqualTo(1);
    Point so2 = bed.point(bed.airRack, "so2");
    long threePollsLater =
        restartedMicros + TimeUnit.MILLISECONDS.toMicros(3L * CommandTestbed.POLL_MS);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> bed.value(so2).timeMicros() >= threePollsLater);
    assertThat(bed.value(so2).flag()).isEqualTo(DataFlag.N);
    assertThat(bed.ingest.deviceModes().mode(bed.airRack.id())).isEqualTo(DeviceMode.NORMAL);
    // the device is free again for new commands
    CommandRecord next =
        bed.commands.select(MAINTAINER, FROM, bed.airRack.id(), "maintenance-off", Map.of());
    assertThat(next.state()).isEqualTo(CommandState.SELECTED);
    bed.commands.cancel(MAINTAINER, FROM, next.id());
  }

  @Test
  @Order(7)
  void auditTrailOfAllThisVerifiesThenFailsOnceARecordIsAltered() throws Exception {
    bed.stopServer();
    assertThat(AuditCommand.execute("verify", "--data-dir", dataDir.toString())).isZero();
    Path log = dataDir.resolve(AuditTrail.DIRECTORY).resolve(AuditTrail.LOG_FILE);
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    assertThat(lines)
        .anyMatch(l -> l.contains("\"action\":\"command.operate\"") && l.contains("\"SENT\""))
        .anyMatch(l -> l.contains("\"action\":\"command.unknown\""))
        .anyMatch(l -> l.contains("\"channel\":\"rest\"") && l.contains("127.0.0.1:40000"));
    int index = lines.size() / 2;
    lines.set(index, lines.get(index).replace("\"user\":\"", "\"user\":\"x"));
    Files.write(log, lines, StandardCharsets.UTF_8);
    assertThat(AuditCommand.execute("verify", "--data-dir", dataDir.toString())).isEqualTo(1);
  }

  private static CommandRecord selectAndOperate(
      User user, String deviceId, String commandId, Map<String, Double> parameters)
      throws Exception {
    return bed.selectAndOperate(user, FROM, deviceId, commandId, parameters);
  }

  /**
   * The point's stored samples from {@code from} on, once {@code count} are later than {@code
   * past}.
   */
  private static List<StoredSample> storedOnceAfter(
      Point point, Instant from, Instant past, int count) {
    return await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> bed.storedSamples(point, from, Instant.now()),
            samples -> between(samples, past, Instant.MAX).size() >= count);
  }

  private static List<StoredSample> between(List<StoredSample> samples, Instant from, Instant to) {
    return samples.stream().filter(s -> s.time().isAfter(from) && s.time().isBefore(to)).toList();
  }

  private static List<StoredSample> outside(List<StoredSample> samples, Instant from, Instant to) {
    return samples.stream().filter(s -> s.time().isBefore(from) || s.time().isAfter(to)).toList();
  }
}
