package io.helan.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.helan.audit.AuditTrail;
import io.helan.audit.Origin;
import io.helan.auth.Role;
import io.helan.auth.User;
import io.helan.driver.LinkState;
import io.helan.ingest.DeviceMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way a command is refused or fails, against the real simulators and drivers. */
class CommandRefusalTest {
  static final User VIEWER = new User("viewer", Set.of(Role.VIEWER));
  static final User MAINTAINER = new User("maintainer", Set.of(Role.MAINTAINER));
  static final User OTHER_MAINTAINER = new User("zhang.wei", Set.of(Role.MAINTAINER));
  static final User COMMANDER = new User("commander", Set.of(Role.COMMANDER));
  static final Origin FROM = Origin.rest("127.0.0.1:40001");
  static final Duration SELECTION = Duration.ofSeconds(2);

  @TempDir static Path dataDir;
  static CommandTestbed bed;
  static String rack;

  @BeforeAll
  static void start() throws Exception {
    bed = CommandTestbed.start(dataDir, new CommandSettings(SELECTION, Duration.ofSeconds(5), 300));
    rack = bed.airRack.id();
  }

  @AfterAll
  static void stop() {
    if (bed != null) {
      bed.close();
    }
  }

  /** Each test leaves no command armed on the rack. */
  @AfterEach
  void nothingLeftArmed() {
    assertThat(bed.commands.recent(100))
        .noneMatch(r -> r.deviceId().equals(rack) && !r.state().isFinal());
  }

  @Test
  void wrongRoleIsRefusedWithTheRoleItNeeds() throws Exception {
    CommandRecord byViewer = select(VIEWER, rack, "zero-calibration", Map.of());
    assertThat(byViewer.state()).isEqualTo(CommandState.REFUSED);
    assertThat(byViewer.refusal()).isEqualTo(CommandRefusal.NOT_AUTHORISED);
    assertThat(byViewer.detail()).contains("needs the maintainer role", "viewer has [viewer]");

    CommandRecord calibrationByCommander = select(COMMANDER, rack, "zero-calibration", Map.of());
    assertThat(calibrationByCommander.refusal()).isEqualTo(CommandRefusal.NOT_AUTHORISED);

    CommandRecord radiationSamplerByMaintainer =
        select(MAINTAINER, bed.gamma.id(), "sampler-start", Map.of());
    assertThat(radiationSamplerByMaintainer.refusal()).isEqualTo(CommandRefusal.NOT_AUTHORISED);
    assertThat(radiationSamplerByMaintainer.detail()).contains("needs the commander role");

    CommandRecord emergencyByMaintainer =
        select(MAINTAINER, bed.gamma.id(), "emergency-measurement", Map.of());
    assertThat(emergencyByMaintainer.refusal()).isEqualTo(CommandRefusal.NOT_AUTHORISED);

    assertThat(bed.commands.command(byViewer.id())).contains(byViewer);
    assertThat(auditLog()).contains("REFUSED NOT_AUTHORISED");
  }

  @Test
  void expiredSelectionCannotBeOperated() throws Exception {
    CommandRecord selected = select(MAINTAINER, rack, "zero-calibration", Map.of());
    assertThat(selected.state()).isEqualTo(CommandState.SELECTED);
    CommandRecord expired =
        bed.awaitState(selected.id(), CommandState.EXPIRED, SELECTION.plusSeconds(2));
    assertThat(expired.detail()).contains("not operated within 2 s");
    assertThatThrownBy(() -> operate(MAINTAINER, selected.id()))
        .hasCauseInstanceOf(CommandRefusedException.class)
        .hasMessageContaining("EXPIRED, not SELECTED");
    assertThat(bed.ingest.deviceModes().mode(rack)).isEqualTo(DeviceMode.NORMAL);
  }

  @Test
  void onlyTheSelectingUserMayOperateOrCancel() throws Exception {
    CommandRecord selected = select(MAINTAINER, rack, "zero-calibration", Map.of());
    assertThatThrownBy(() -> operate(OTHER_MAINTAINER, selected.id()))
        .hasCauseInstanceOf(CommandRefusedException.class)
        .hasMessageContaining("only maintainer, who selected the command");
    assertThatThrownBy(() -> bed.commands.cancel(OTHER_MAINTAINER, FROM, selected.id()))
        .isInstanceOf(CommandRefusedException.class)
        .extracting(e -> ((CommandRefusedException) e).refusal())
        .isEqualTo(CommandRefusal.NOT_AUTHORISED);
    // the selection stays armed for its owner
    assertThat(bed.commands.command(selected.id()).orElseThrow().state())
        .isEqualTo(CommandState.SELECTED);
    assertThat(bed.commands.cancel(MAINTAINER, FROM, selected.id()).state())
        .isEqualTo(CommandState.CANCELLED);
    assertThat(auditLog()).contains("only maintainer, who selected the command");
  }

  @Test
  void aBusyDeviceTakesNoSecondCommand() {
    CommandRecord first = select(MAINTAINER, rack, "zero-calibration", Map.of());
    CommandRecord second =
        select(OTHER_MAINTAINER, rack, "span-calibration", Map.of("spanValue", 400.0));
    assertThat(second.refusal()).isEqualTo(CommandRefusal.INTERLOCK);
    assertThat(second.detail()).contains("is busy", first.id(), "SELECTED");
    bed.commands.cancel(MAINTAINER, FROM, first.id());
    CommandRecord again =
        select(OTHER_MAINTAINER, rack, "span-calibration", Map.of("spanValue", 400.0));
    assertThat(again.state()).isEqualTo(CommandState.SELECTED);
    bed.commands.cancel(OTHER_MAINTAINER, FROM, again.id());
  }

  @Test
  void emergencyModeLocksCalibration() {
    bed.ingest.deviceModes().set(rack, DeviceMode.EMERGENCY);
    try {
      CommandRecord refused = select(MAINTAINER, rack, "zero-calibration", Map.of());
      assertThat(refused.refusal()).isEqualTo(CommandRefusal.INTERLOCK);
      assertThat(refused.detail()).contains("locks calibration");
    } finally {
      bed.ingest.deviceModes().set(rack, DeviceMode.NORMAL);
    }
  }

  @Test
  void anOfflineDeviceIsRefusedAtSelectAndAtOperate() throws Exception {
    CommandRecord selected = select(MAINTAINER, rack, "maintenance-on", Map.of());
    assertThat(selected.state()).isEqualTo(CommandState.SELECTED);
    bed.airSimulator.stop();
    try {
      await()
          .atMost(Duration.ofSeconds(10))
          .pollInterval(Duration.ofMillis(50))
          .until(() -> bed.links.state(rack) != LinkState.CONNECTED);
      CommandRecord atOperate = operate(MAINTAINER, selected.id());
      assertThat(atOperate.state()).isEqualTo(CommandState.REFUSED);
      assertThat(atOperate.refusal()).isEqualTo(CommandRefusal.INTERLOCK);
      assertThat(atOperate.detail()).contains("is offline");

      CommandRecord atSelect = select(MAINTAINER, rack, "maintenance-on", Map.of());
      assertThat(atSelect.refusal()).isEqualTo(CommandRefusal.INTERLOCK);
      assertThat(atSelect.detail()).contains("is offline");
      assertThat(bed.ingest.deviceModes().mode(rack)).isEqualTo(DeviceMode.NORMAL);
    } finally {
      bed.airSimulator.start();
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> bed.links.state(rack) == LinkState.CONNECTED);
    }
  }

  @Test
  void badParametersAndUnknownTargetsAreRefusedWithTheReason() {
    assertThat(select(MAINTAINER, rack, "span-calibration", Map.of()).detail())
        .contains("needs parameter 'spanValue'");
    CommandRecord unknownParameter =
        select(MAINTAINER, rack, "zero-calibration", Map.of("speed", 1.0));
    assertThat(unknownParameter.refusal()).isEqualTo(CommandRefusal.BAD_PARAMETER);
    assertThat(unknownParameter.detail()).contains("takes no parameter 'speed'");
    assertThat(
            select(MAINTAINER, rack, "zero-calibration", Map.of("durationSeconds", 1.5)).detail())
        .contains("whole number of seconds");
    assertThat(
            select(MAINTAINER, rack, "zero-calibration", Map.of("durationSeconds", 7200.0))
                .detail())
        .contains("between 1 and 3600 s");
    CommandRecord noDevice = select(MAINTAINER, "nowhere.aqm", "zero-calibration", Map.of());
    assertThat(noDevice.refusal()).isEqualTo(CommandRefusal.UNKNOWN_TARGET);
    CommandRecord noCommand = select(MAINTAINER, rack, "self-destruct", Map.of());
    assertThat(noCommand.refusal()).isEqualTo(CommandRefusal.UNKNOWN_TARGET);
    assertThat(noCommand.detail()).contains("offers zero-calibration, span-calibration");
    assertThatThrownBy(() -> operate(MAINTAINER, "no-such-id"))
        .hasCauseInstanceOf(CommandRefusedException.class);
  }

  @Test
  void aDeviceThatDoesNotAnswerInTimeTimesOutAndItsLateAnswerIsAudited() throws Exception {
    // A second service on the same field that waits no time at all for answers.
    DefaultCommandService impatient =
        new DefaultCommandService(
            bed.site,
            bed.links,
            bed.ingest,
            bed.audit,
            dataDir.resolve("impatient"),
            new CommandSettings(SELECTION, Duration.ZERO, 300));
    impatient.start();
    try {
      for (String command : new String[] {"maintenance-on", "maintenance-off"}) {
        CommandRecord selected = impatient.select(MAINTAINER, FROM, rack, command, Map.of());
        CommandRecord timedOut =
            impatient.operate(MAINTAINER, FROM, selected.id()).get(10, TimeUnit.SECONDS);
        assertThat(timedOut.state()).isEqualTo(CommandState.TIMED_OUT);
        assertThat(timedOut.detail()).contains("no answer from the device within 0 s");
        assertThat(bed.ingest.deviceModes().mode(rack)).isEqualTo(DeviceMode.NORMAL);
        await()
            .atMost(Duration.ofSeconds(5))
            .pollInterval(Duration.ofMillis(50))
            .until(() -> auditLog().contains(selected.id() + ": the device accepted"));
      }
      assertThat(auditLog()).contains("\"action\":\"command.late-answer\"");
    } finally {
      impatient.close();
    }
  }

  private static CommandRecord select(
      User user, String device, String command, Map<String, Double> parameters) {
    return bed.commands.select(user, FROM, device, command, parameters);
  }

  private static CommandRecord operate(User user, String commandId) throws Exception {
    CompletableFuture<CommandRecord> operated = bed.commands.operate(user, FROM, commandId);
    try {
      return operated.get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new ExecutionException(e.getCause().getMessage(), e.getCause());
    }
  }

  private static String auditLog() throws Exception {
    return Files.readString(dataDir.resolve(AuditTrail.DIRECTORY).resolve(AuditTrail.LOG_FILE));
  }
}
