package io.helan.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.helan.audit.Origin;
import io.helan.auth.Role;
import io.helan.auth.User;
import io.helan.commands.CommandTestbed.StoredSample;
import io.helan.config.DataType;
import io.helan.config.ModbusTcpConnection;
import io.helan.config.Point;
import io.helan.driver.DataFlag;
import io.helan.driver.LinkState;
import io.helan.driver.modbus.RegisterDecoder;
import io.helan.ingest.DeviceMode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Commanded parameters reach the device and the device's report, not a server timer, ends the
 * command: the simulated rack over Modbus TCP (calibration period in hr:32, span value in hr:30,
 * status bits) and the simulated gamma station over OPC UA (StartSampler(durationSeconds), the
 * sampler's flow).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CommandedParametersTest {
  static final User MAINTAINER = new User("maintainer", Set.of(Role.MAINTAINER));
  static final User COMMANDER = new User("commander", Set.of(Role.COMMANDER));
  static final Origin FROM = Origin.rest("127.0.0.1:40000");
  static final Duration POLL = Duration.ofMillis(CommandTestbed.POLL_MS);

  /**
   * How long after its period a device may take to report the end before the command is UNKNOWN.
   */
  static final Duration GRACE = Duration.ofSeconds(3);

  /**
   * Room for a request, an ingest and the service's own step, on a shared, busy machine (full
   * builds here run at load averages of 30 and more; 300 ms was missed by up to 0.4 s).
   */
  static final Duration SLACK = Duration.ofSeconds(1);

  /** How often the simulated gamma station reads its own sampler. */
  static final Duration STATION_TICK = Duration.ofSeconds(1);

  @TempDir static Path dataDir;
  static CommandTestbed bed;

  @BeforeAll
  static void start() throws Exception {
    bed = CommandTestbed.start(dataDir, new CommandSettings(Duration.ofSeconds(30), GRACE, 300));
  }

  @AfterAll
  static void stop() {
    if (bed != null) {
      bed.close();
    }
  }

  @Test
  @Order(1)
  void aZeroCalibrationOf15SecondsEndsItsCWindowWithinOnePollOf15Seconds() throws Exception {
    assertThat(bed.readRackRegisters(32, 1)).as("the rack's own period").containsExactly(120);
    Point so2 = bed.point(bed.airRack, "so2");
    Instant before = Instant.now();

    CommandRecord acknowledged =
        selectAndOperate(
            MAINTAINER, bed.airRack.id(), "zero-calibration", Map.of("durationSeconds", 15.0));

    assertThat(acknowledged.state()).isEqualTo(CommandState.ACKNOWLEDGED);
    assertThat(acknowledged.detail()).contains("hr:32=15", "coil:0=1", "status=0x0001");
    assertThat(bed.readRackRegisters(32, 1)).as("the period arrived").containsExactly(15);
    CommandRecord completed =
        bed.awaitState(acknowledged.id(), CommandState.COMPLETED, Duration.ofSeconds(25));
    Instant sent = bed.change(acknowledged.id(), CommandState.SENT).updated();
    assertThat(completed.detail())
        .contains("calibration over, as the device reports", "status = 0", "back to NORMAL");
    assertThat(bed.ingest.deviceModes().mode(bed.airRack.id())).isEqualTo(DeviceMode.NORMAL);

    // The C window: from SENT, 15 s and at most one more poll; N after it.
    await().atMost(Duration.ofSeconds(3)).until(() -> bed.value(so2).flag() == DataFlag.N);
    List<StoredSample> samples = bed.storedSamples(so2, before, Instant.now());
    Duration poll = longestPollGap(samples, sent, completed.updated());
    assertThat(bed.sinceSent(completed))
        .isBetween(Duration.ofSeconds(15), Duration.ofSeconds(15).plus(poll).plus(SLACK));
    List<StoredSample> flaggedC = samples.stream().filter(s -> s.flag() == DataFlag.C).toList();
    assertThat(flaggedC).hasSizeGreaterThanOrEqualTo(25);
    Instant lastC = flaggedC.get(flaggedC.size() - 1).time();
    assertThat(Duration.between(sent, lastC))
        .isBetween(
            Duration.ofSeconds(15).minus(poll), Duration.ofSeconds(15).plus(poll).plus(SLACK));
    assertThat(samples)
        .filteredOn(s -> s.time().isAfter(sent.plus(POLL)) && s.time().isBefore(lastC))
        .allSatisfy(s -> assertThat(s.flag()).isEqualTo(DataFlag.C));
    assertThat(samples)
        .filteredOn(s -> s.time().isAfter(lastC))
        .isNotEmpty()
        .allSatisfy(s -> assertThat(s.flag()).isEqualTo(DataFlag.N));
  }

  @Test
  @Order(2)
  void theCommandedSpanValueArrivesAtTheRackWhichReadsIt() throws Exception {
    Point so2 = bed.point(bed.airRack, "so2");

    CommandRecord acknowledged =
        selectAndOperate(
            MAINTAINER,
            bed.airRack.id(),
            "span-calibration",
            Map.of("spanValue", 321.5, "durationSeconds", 3.0));

    assertThat(acknowledged.state()).isEqualTo(CommandState.ACKNOWLEDGED);
    assertThat(acknowledged.detail()).contains("hr:30=321.5", "hr:32=3", "coil:1=1");
    double span =
        RegisterDecoder.decode(
            bed.readRackRegisters(30, 2),
            0,
            DataType.FLOAT32,
            ((ModbusTcpConnection) bed.airRack.connection()).wordOrder());
    assertThat(span).isEqualTo(321.5);
    await()
        .atMost(Duration.ofSeconds(2))
        .untilAsserted(() -> assertThat(bed.value(so2).value()).isBetween(315.0, 328.0));
    CommandRecord completed =
        bed.awaitState(acknowledged.id(), CommandState.COMPLETED, Duration.ofSeconds(8));
    Instant sent = bed.change(acknowledged.id(), CommandState.SENT).updated();
    Duration poll =
        longestPollGap(bed.storedSamples(so2, sent, Instant.now()), sent, completed.updated());
    assertThat(bed.sinceSent(completed))
        .isBetween(Duration.ofSeconds(3), Duration.ofSeconds(3).plus(poll).plus(SLACK));
  }

  /**
   * The longest gap between two polls of the point from {@code from} to {@code to}, and never less
   * than the configured poll period: the end of a device's period is seen at the next poll, and on
   * a loaded machine the polls themselves come late. Bounds are judged against the polls seen.
   */
  private static Duration longestPollGap(List<StoredSample> samples, Instant from, Instant to) {
    Duration longest = POLL;
    Instant previous = null;
    for (StoredSample sample : samples) {
      if (sample.time().isBefore(from)) {
        continue;
      }
      if (previous != null) {
        Duration gap = Duration.between(previous, sample.time());
        longest = gap.compareTo(longest) > 0 ? gap : longest;
      }
      if (sample.time().isAfter(to)) {
        break;
      }
      previous = sample.time();
    }
    return longest;
  }

  @Test
  @Order(3)
  void aSamplerRunOf3SecondsOverOpcUaEndsWhenTheStationsSamplerStops() throws Exception {
    Point flow = bed.point(bed.gamma, "sampler-flow");

    CommandRecord acknowledged =
        selectAndOperate(
            COMMANDER, bed.gamma.id(), "sampler-start", Map.of("durationSeconds", 3.0));

    assertThat(acknowledged.state()).isEqualTo(CommandState.ACKNOWLEDGED);
    await()
        .atMost(Duration.ofSeconds(2))
        .untilAsserted(() -> assertThat(bed.value(flow).value()).isGreaterThan(10));
    CommandRecord completed =
        bed.awaitState(acknowledged.id(), CommandState.COMPLETED, Duration.ofSeconds(8));
    assertThat(completed.detail()).contains("sampler run over, as the device reports");
    assertThat(bed.value(flow).value()).isZero();
    // The station reads its sampler once a second and the link samples every 500 ms: the run
    // of 3 s ends at the station within a tick of 3 s, and shows here at the next poll seen.
    Instant sent = bed.change(acknowledged.id(), CommandState.SENT).updated();
    Duration poll =
        longestPollGap(bed.storedSamples(flow, sent, Instant.now()), sent, completed.updated());
    assertThat(bed.sinceSent(completed))
        .isBetween(
            Duration.ofSeconds(3), Duration.ofSeconds(3).plus(STATION_TICK).plus(poll).plus(SLACK));
  }

  @Test
  @Order(4)
  void aParameterTheDeviceTypeNamesNoPlaceForIsRefused() {
    CommandRecord refused =
        bed.commands.select(
            MAINTAINER, FROM, bed.airRack.id(), "maintenance-on", Map.of("durationSeconds", 5.0));

    assertThat(refused.state()).isEqualTo(CommandState.REFUSED);
    assertThat(refused.refusal()).isEqualTo(CommandRefusal.BAD_PARAMETER);
    assertThat(refused.detail()).isEqualTo("maintenance-on takes no parameter 'durationSeconds'");
  }

  @Test
  @Order(5)
  void aDeviceThatNeverReportsTheEndLeavesTheCommandUnknownAfterItsPeriodAndTheGrace()
      throws Exception {
    CommandRecord acknowledged =
        selectAndOperate(
            MAINTAINER, bed.airRack.id(), "zero-calibration", Map.of("durationSeconds", 2.0));
    assertThat(acknowledged.state()).isEqualTo(CommandState.ACKNOWLEDGED);
    bed.airSimulator.stop(); // the link goes down: no report can come
    try {
      CommandRecord unknown =
          bed.awaitState(acknowledged.id(), CommandState.UNKNOWN, Duration.ofSeconds(10));

      assertThat(unknown.detail())
          .isEqualTo(
              "the device did not report the end of its 2 s calibration within 5 s: outcome not"
                  + " known; check the device");
      assertThat(Duration.between(acknowledged.updated(), unknown.updated()))
          .isBetween(
              Duration.ofSeconds(2).plus(GRACE), Duration.ofSeconds(2).plus(GRACE).plus(SLACK));
      assertThat(bed.ingest.deviceModes().mode(bed.airRack.id())).isEqualTo(DeviceMode.NORMAL);
    } finally {
      bed.airSimulator.start();
    }
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> bed.links.state(bed.airRack.id()) == LinkState.CONNECTED);
  }

  private static CommandRecord selectAndOperate(
      User user, String deviceId, String commandId, Map<String, Double> parameters)
      throws Exception {
    return bed.selectAndOperate(user, FROM, deviceId, commandId, parameters);
  }
}
