package io.helan.driver.modbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.helan.config.CommandDefinition;
import io.helan.config.CommandKind;
import io.helan.config.DataType;
import io.helan.config.Device;
import io.helan.config.ModbusTcpConnection;
import io.helan.config.ParameterTarget;
import io.helan.config.Point;
import io.helan.config.WordOrder;
import io.helan.driver.CommandOutcome;
import io.helan.driver.DataFlag;
import io.helan.driver.DeviceCommand;
import io.helan.driver.DeviceLink;
import io.helan.driver.FieldRecorder;
import io.helan.driver.FieldRecorder.Sample;
import io.helan.driver.LinkState;
import io.helan.driver.Quality;
import io.helan.driver.SilentLinkProxy;
import io.helan.driver.TestDevices;
import io.helan.simulator.modbus.AirAnalyserRack;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Modbus driver against two simulated air analyser racks, one ABCD and one CDAB. */
class ModbusTcpDriverTest {
  private static final int POLL_MS = 250;

  /** Where the racks take the calibration period. */
  private static final ParameterTarget DURATION_TO_HR32 =
      new ParameterTarget.HoldingRegister("durationSeconds", 32, DataType.UINT16, 1);

  private final FieldRecorder recorder = new FieldRecorder();
  private final ModbusTcpDriver driver = new ModbusTcpDriver();
  private Device abcd;
  private Device cdab;
  private AirAnalyserRack abcdRack;
  private AirAnalyserRack cdabRack;

  @BeforeEach
  void startRacks() throws Exception {
    abcdRack =
        new AirAnalyserRack(TestDevices.airRack("yc-test-a", 0, WordOrder.ABCD, POLL_MS, 500));
    cdabRack =
        new AirAnalyserRack(TestDevices.airRack("yc-test-b", 11, WordOrder.CDAB, POLL_MS, 500));
    abcdRack.start();
    cdabRack.start();
    // at the free ports the racks took
    abcd = abcdRack.device();
    cdab = cdabRack.device();
  }

  @AfterEach
  void stopAll() {
    driver.close();
    abcdRack.stop();
    cdabRack.stop();
  }

  @Test
  void readsPlausibleGoodValuesInBothWordOrders() {
    driver.connect(abcd, recorder, recorder);
    driver.connect(cdab, recorder, recorder);

    await().atMost(Duration.ofSeconds(5)).until(() -> allGood(abcd) && allGood(cdab));

    for (Device device : List.of(abcd, cdab)) {
      assertThat(recorder.state(device)).isEqualTo(LinkState.CONNECTED);
      assertThat(value(device, "so2")).isBetween(0.0, 2000.0);
      assertThat(value(device, "co")).isBetween(0.0, 50.0);
      assertThat(value(device, "pm25")).isBetween(0.0, 1000.0);
      assertThat(value(device, "temperature")).isBetween(-40.0, 50.0);
      assertThat(value(device, "humidity")).isBetween(0.0, 100.0);
      assertThat(value(device, "wind-direction")).isBetween(0.0, 360.0);
      assertThat(value(device, "status")).isZero();
      assertThat(recorder.latest(point(device, "so2")).flag()).isEqualTo(DataFlag.N);
      long ageMicros =
          TimeUnit.MILLISECONDS.toMicros(System.currentTimeMillis())
              - recorder.latest(point(device, "so2")).timeMicros();
      assertThat(ageMicros).isBetween(0L, TimeUnit.SECONDS.toMicros(2));
    }
  }

  @Test
  void aLostRackGoesBadWithinTwoPollsWhileTheOtherStaysGoodAndRecovers() throws Exception {
    DeviceLink lost = driver.connect(abcd, recorder, recorder);
    driver.connect(cdab, recorder, recorder);
    await().atMost(Duration.ofSeconds(5)).until(() -> allGood(abcd) && allGood(cdab));

    long samplesBefore = recorder.count(point(abcd, "so2"));
    abcdRack.stop();

    await()
        .pollInterval(Duration.ofMillis(10))
        .atMost(Duration.ofSeconds(2))
        .until(() -> recorder.allOf(abcd, Quality.BAD_COMMUNICATION));
    // Bad within two polls: at most the poll already under way went out good, then the bad batch.
    assertThat(recorder.count(point(abcd, "so2")) - samplesBefore).isLessThanOrEqualTo(2);
    assertThat(Double.isNaN(value(abcd, "so2"))).isTrue();
    assertThat(recorder.state(abcd)).isEqualTo(LinkState.DISCONNECTED);
    assertThat(lost.state()).isEqualTo(LinkState.DISCONNECTED);

    CompletableFuture<CommandOutcome> refused =
        lost.execute(command(CommandKind.ZERO_CALIBRATION, "coil:0", Map.of()));
    assertThat(refused)
        .failsWithin(Duration.ofSeconds(2))
        .withThrowableThat()
        .withCauseInstanceOf(IllegalStateException.class);

    long cdabBefore = recorder.count(point(cdab, "so2"));
    await()
        .atMost(Duration.ofSeconds(2))
        .until(() -> recorder.count(point(cdab, "so2")) > cdabBefore);
    assertThat(allGood(cdab)).isTrue();

    abcdRack.start();

    await().atMost(Duration.ofSeconds(10)).until(() -> allGood(abcd));
    assertThat(recorder.state(abcd)).isEqualTo(LinkState.CONNECTED);
    assertThat(value(abcd, "temperature")).isBetween(-40.0, 50.0);
  }

  @Test
  void aSilentRackTimesOutWithinTwoPollsWithoutHoldingUpTheOther() throws Exception {
    try (SilentLinkProxy cable =
        new SilentLinkProxy(((ModbusTcpConnection) abcd.connection()).port())) {
      Device throughCable = TestDevices.reachedAt(abcd, cable.port(), 100);
      driver.connect(throughCable, recorder, recorder);
      driver.connect(cdab, recorder, recorder);
      await().atMost(Duration.ofSeconds(5)).until(() -> allGood(abcd) && allGood(cdab));

      long samplesBefore = recorder.count(point(abcd, "so2"));
      cable.fallSilent();

      await()
          .pollInterval(Duration.ofMillis(10))
          .atMost(Duration.ofSeconds(2))
          .until(() -> recorder.allOf(abcd, Quality.BAD_COMMUNICATION));
      // A request times out after 100 ms, before the next poll is due: bad within two polls.
      assertThat(recorder.count(point(abcd, "so2")) - samplesBefore).isLessThanOrEqualTo(2);
      // The other rack keeps polling while this one waits out timeouts and reconnects.
      long otherBefore = recorder.count(point(cdab, "so2"));
      await()
          .atMost(Duration.ofMillis(4 * POLL_MS))
          .until(() -> recorder.count(point(cdab, "so2")) - otherBefore >= 2);
      assertThat(recorder.allOf(cdab, Quality.GOOD)).isTrue();

      cable.speakAgain();

      await().atMost(Duration.ofSeconds(10)).until(() -> allGood(abcd));
      assertThat(recorder.state(abcd)).isEqualTo(LinkState.CONNECTED);
    }
  }

  @Test
  void zeroCalibrationShowsInTheStatusAndFlagsTheSamples() throws Exception {
    DeviceLink link = driver.connect(abcd, recorder, recorder);
    await().atMost(Duration.ofSeconds(5)).until(() -> allGood(abcd));

    CommandOutcome outcome =
        link.execute(command(CommandKind.ZERO_CALIBRATION, "coil:0", Map.of()))
            .get(5, TimeUnit.SECONDS);

    assertThat(outcome.accepted()).isTrue();
    assertThat(outcome.detail()).isEqualTo("coil:0=1; status=0x0001");
    // read at once after the writes: no waiting for the next poll
    assertThat(recorder.latest(point(abcd, "so2")).flag()).isEqualTo(DataFlag.C);
    assertThat(recorder.latest(point(abcd, "humidity")).flag()).isEqualTo(DataFlag.C);
    assertThat(recorder.latest(point(abcd, "so2")).quality()).isEqualTo(Quality.GOOD);
    assertThat(recorder.latest(point(abcd, "status")).flag()).isEqualTo(DataFlag.N);
    assertThat(value(abcd, "status")).isEqualTo(StatusWord.ZERO_CALIBRATION);
  }

  @Test
  void theCommandedDurationGoesToItsRegisterAndTheRackCalibratesThatLong() throws Exception {
    DeviceLink link = driver.connect(abcd, recorder, recorder);
    await().atMost(Duration.ofSeconds(5)).until(() -> allGood(abcd));

    CommandOutcome outcome =
        link.execute(
                command(
                    CommandKind.ZERO_CALIBRATION,
                    "coil:0",
                    Map.of("durationSeconds", 2.0),
                    DURATION_TO_HR32))
            .get(5, TimeUnit.SECONDS);
    long written = System.nanoTime();

    assertThat(outcome.detail()).isEqualTo("hr:32=2; coil:0=1; status=0x0001");
    // The rack's own default is 120 s: back to idle after 2 s means it took the commanded 2 s.
    await()
        .atMost(Duration.ofSeconds(4))
        .pollInterval(Duration.ofMillis(10))
        .until(() -> value(abcd, "status") == 0);
    assertThat(Duration.ofNanos(System.nanoTime() - written))
        .isBetween(Duration.ofMillis(1900), Duration.ofMillis(2000 + 2 * POLL_MS));
  }

  @Test
  void spanCalibrationWritesTheSpanValueWhereTheDefinitionSaysInTheDeviceWordOrder()
      throws Exception {
    DeviceLink link = driver.connect(cdab, recorder, recorder);
    await().atMost(Duration.ofSeconds(5)).until(() -> allGood(cdab));

    CommandOutcome outcome =
        link.execute(
                command(
                    CommandKind.SPAN_CALIBRATION,
                    "coil:1",
                    Map.of("spanValue", 250.0, "durationSeconds", 30.0),
                    new ParameterTarget.HoldingRegister("spanValue", 30, DataType.FLOAT32, 1),
                    DURATION_TO_HR32))
            .get(5, TimeUnit.SECONDS);

    assertThat(outcome.accepted()).isTrue();
    assertThat(outcome.detail()).isEqualTo("hr:30=250; hr:32=30; coil:1=1; status=0x0002");
    // On span gas the gas analysers read the span value, give or take half a percent of noise.
    Sample so2 = recorder.latest(point(cdab, "so2"));
    assertThat(so2.flag()).isEqualTo(DataFlag.C);
    assertThat(so2.value()).isBetween(240.0, 260.0);
  }

  @Test
  void aValueThatDoesNotFitItsRegisterWritesNothing() throws Exception {
    DeviceLink link = driver.connect(abcd, recorder, recorder);
    await().atMost(Duration.ofSeconds(5)).until(() -> allGood(abcd));

    CompletableFuture<CommandOutcome> outcome =
        link.execute(
            command(
                CommandKind.ZERO_CALIBRATION,
                "coil:0",
                Map.of("durationSeconds", 70_000.0),
                DURATION_TO_HR32));

    assertThat(outcome)
        .failsWithin(Duration.ofSeconds(2))
        .withThrowableThat()
        .withCauseInstanceOf(IllegalArgumentException.class)
        .withMessageContaining("70000.0 does not fit UINT16");
    long before = recorder.count(point(abcd, "status"));
    await()
        .atMost(Duration.ofSeconds(2))
        .until(() -> recorder.count(point(abcd, "status")) > before);
    assertThat(value(abcd, "status")).as("no calibration started").isZero();
  }

  /** The same device, reached at another port with another request timeout. */
  private boolean allGood(Device device) {
    return recorder.allOf(device, Quality.GOOD);
  }

  private double value(Device device, String name) {
    return recorder.latest(point(device, name)).value();
  }

  private static Point point(Device device, String name) {
    return TestDevices.point(device, name);
  }

  private static DeviceCommand command(
      CommandKind kind, String target, Map<String, Double> parameters, ParameterTarget... targets) {
    return new DeviceCommand(
        new CommandDefinition(kind.key(), kind, kind.key(), target, 120, List.of(targets), null),
        parameters);
  }
}
