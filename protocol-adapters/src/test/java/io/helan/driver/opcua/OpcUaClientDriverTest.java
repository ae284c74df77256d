package io.helan.driver.opcua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.helan.config.CommandDefinition;
import io.helan.config.CommandKind;
import io.helan.config.Device;
import io.helan.config.OpcUaConnection;
import io.helan.config.ParameterTarget;
import io.helan.config.Point;
import io.helan.driver.CommandOutcome;
import io.helan.driver.DataFlag;
import io.helan.driver.DeviceCommand;
import io.helan.driver.DeviceLink;
import io.helan.driver.FieldRecorder;
import io.helan.driver.LinkState;
import io.helan.driver.Quality;
import io.helan.driver.SilentLinkProxy;
import io.helan.driver.TestDevices;
import io.helan.simulator.gamma.GammaStation;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The OPC UA client driver against a simulated gamma station. */
class OpcUaClientDriverTest {
  /**
   * A session's first opening: Milo's client starts cold (class loading, crypto set-up), and on a
   * machine running two builds at once this once took longer than 20 s.
   */
  private static final Duration CONNECT = Duration.ofSeconds(60);

  private static Device station;
  private static GammaStation simulator;

  private final FieldRecorder recorder = new FieldRecorder();
  private final OpcUaClientDriver driver = new OpcUaClientDriver();

  @BeforeAll
  static void startStation() throws Exception {
    simulator = new GammaStation(TestDevices.gammaStation("wz-test-gamma", 0, 200));
    simulator.start();
    // at the free port the station took
    station = simulator.device();
  }

  @AfterAll
  static void stopStation() {
    simulator.stop();
  }

  @AfterEach
  void closeDriver() {
    driver.close();
  }

  @Test
  void doseRateArrivesGoodAndTheSamplerStartsOnCommand() throws Exception {
    DeviceLink link = driver.connect(station, recorder, recorder);

    await().atMost(CONNECT).until(() -> recorder.allOf(station, Quality.GOOD));
    assertThat(recorder.state(station)).isEqualTo(LinkState.CONNECTED);
    FieldRecorder.Sample doseRate = recorder.latest(point("dose-rate"));
    assertThat(doseRate.value()).isBetween(30.0, 300.0);
    assertThat(doseRate.flag()).isEqualTo(DataFlag.N);
    long ageMicros =
        TimeUnit.MILLISECONDS.toMicros(System.currentTimeMillis()) - doseRate.timeMicros();
    assertThat(ageMicros).isBetween(0L, TimeUnit.SECONDS.toMicros(3));
    assertThat(recorder.latest(point("sampler-flow")).value()).isZero();

    CommandOutcome outcome =
        link.execute(
                command(
                    CommandKind.SAMPLER_START, "StartSampler", Map.of("durationSeconds", 600.0)))
            .get(5, TimeUnit.SECONDS);

    assertThat(outcome.accepted()).as(outcome.detail()).isTrue();
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> recorder.latest(point("sampler-flow")).value() > 0);

    CommandOutcome stopped =
        link.execute(command(CommandKind.SAMPLER_STOP, "StopSampler", Map.of()))
            .get(5, TimeUnit.SECONDS);
    assertThat(stopped.accepted()).as(stopped.detail()).isTrue();
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> recorder.latest(point("sampler-flow")).value() == 0);
  }

  @Test
  void theCommandedRunTimeReachesTheSampler() throws Exception {
    DeviceLink link = driver.connect(station, recorder, recorder);
    await().atMost(CONNECT).until(() -> recorder.allOf(station, Quality.GOOD));

    CommandOutcome outcome =
        link.execute(
                command(CommandKind.SAMPLER_START, "StartSampler", Map.of("durationSeconds", 2.0)))
            .get(5, TimeUnit.SECONDS);
    long called = System.nanoTime();

    assertThat(outcome.accepted()).as(outcome.detail()).isTrue();
    await()
        .atMost(Duration.ofSeconds(2))
        .until(() -> recorder.latest(point("sampler-flow")).value() > 0);
    await()
        .atMost(Duration.ofSeconds(5))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> recorder.latest(point("sampler-flow")).value() == 0);
    // The station reads once a second and publishes every 200 ms here.
    assertThat(Duration.ofNanos(System.nanoTime() - called))
        .isBetween(Duration.ofMillis(1900), Duration.ofMillis(3500));
  }

  @Test
  void aStoppedServerMakesEveryPointBadAndARestartedOneGoodAgain() throws Exception {
    DeviceLink link = driver.connect(station, recorder, recorder);
    await().atMost(CONNECT).until(() -> recorder.allOf(station, Quality.GOOD));

    simulator.stop();

    await()
        .pollInterval(Duration.ofMillis(20))
        .atMost(Duration.ofSeconds(3))
        .until(() -> recorder.allOf(station, Quality.BAD_COMMUNICATION));
    assertThat(recorder.state(station)).isEqualTo(LinkState.DISCONNECTED);
    assertThat(link.execute(command(CommandKind.SAMPLER_STOP, "StopSampler", Map.of())))
        .failsWithin(Duration.ofSeconds(2));

    simulator.start();

    await().atMost(CONNECT).until(() -> recorder.allOf(station, Quality.GOOD));
    assertThat(recorder.state(station)).isEqualTo(LinkState.CONNECTED);
    assertThat(recorder.latest(point("dose-rate")).value()).isBetween(30.0, 300.0);
  }

  @Test
  void aSilentServerIsNoticedByTheWatchdog() throws Exception {
    try (SilentLinkProxy cable =
        new SilentLinkProxy(((OpcUaConnection) station.connection()).tcpPort())) {
      // The server advertises its own port; the driver must keep to the configured one.
      Device throughCable = reachedAt(station, cable.port());
      driver.connect(throughCable, recorder, recorder);
      await().atMost(CONNECT).until(() -> recorder.allOf(station, Quality.GOOD));

      long silenced = System.nanoTime();
      cable.fallSilent();

      await()
          .pollInterval(Duration.ofMillis(20))
          .atMost(Duration.ofSeconds(6))
          .until(() -> recorder.allOf(station, Quality.BAD_COMMUNICATION));
      // Two keep-alive periods (2 x 200 ms) plus the 2 s timeout, and a round of the watchdog.
      assertThat(recorder.latest(point("dose-rate")).arrivedNanos() - silenced)
          .isBetween(TimeUnit.MILLISECONDS.toNanos(2000), TimeUnit.MILLISECONDS.toNanos(4500));
      assertThat(recorder.state(station)).isEqualTo(LinkState.DISCONNECTED);

      cable.speakAgain();

      await().atMost(CONNECT).until(() -> recorder.allOf(station, Quality.GOOD));
      assertThat(recorder.state(station)).isEqualTo(LinkState.CONNECTED);
    }
  }

  private static Point point(String name) {
    return TestDevices.point(station, name);
  }

  /** The same station, reached at another port on 127.0.0.1. */
  private static Device reachedAt(Device device, int port) {
    return device.withConnection(((OpcUaConnection) device.connection()).atPort(port));
  }

  private static DeviceCommand command(
      CommandKind kind, String method, Map<String, Double> parameters) {
    return new DeviceCommand(
        new CommandDefinition(
            kind.key(),
            kind,
            kind.key(),
            TestDevices.GAMMA_NAMESPACE + method,
            0,
            List.of(new ParameterTarget.MethodArgument("durationSeconds", 0)),
            null),
        parameters);
  }
}
