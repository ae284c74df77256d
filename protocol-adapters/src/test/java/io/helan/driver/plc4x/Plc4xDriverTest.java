package io.helan.driver.plc4x;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.helan.config.CommandDefinition;
import io.helan.config.Device;
import io.helan.config.Plc4xConnection;
import io.helan.config.Site;
import io.helan.config.SiteLoader;
import io.helan.driver.CommandOutcome;
import io.helan.driver.DeviceCommand;
import io.helan.driver.DeviceLink;
import io.helan.driver.FieldRecorder;
import io.helan.driver.LinkState;
import io.helan.driver.Quality;
import io.helan.driver.TestDevices;
import io.helan.simulator.modbus.WaterStationPlc;
import io.helan.simulator.modbus.WaterStationPlc.SamplerState;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The PLC4X driver against a simulated water-station PLC, through PLC4X's modbus-tcp driver. */
class Plc4xDriverTest {
  private final FieldRecorder recorder = new FieldRecorder();
  private final Plc4xDriver driver = new Plc4xDriver();
  private WaterStationPlc plc;
  private Device device;

  @BeforeEach
  void startPlc() throws Exception {
    Site site = SiteLoader.loadResource("sites/water-station-plc.yaml");
    Device configured = site.device("yc-test.plc").orElseThrow();
    plc =
        new WaterStationPlc(
            configured.withConnection(((Plc4xConnection) configured.connection()).atPort(0)));
    plc.start();
    // at the free port the simulator took
    device = plc.device();
  }

  @AfterEach
  void stopAll() {
    driver.close();
    plc.stop();
  }

  @Test
  void readsEveryTagGoodWithThePlcsValues() {
    driver.connect(device, recorder, recorder);

    awaitAllGood();

    assertThat(recorder.state(device)).isEqualTo(LinkState.CONNECTED);
    assertThat(value("flow")).isBetween(2.0, 2.8);
    assertThat(value("pump")).isEqualTo(1);
    assertThat(value("inlet-valve")).isEqualTo(1);
    assertThat(value("drain-valve")).isZero();
    assertThat(value("sampler-state")).isZero();
    assertThat(value("bottles")).isZero();
  }

  @Test
  void aCommandWritesItsTargetTagAndTheSamplerStarts() {
    DeviceLink link = driver.connect(device, recorder, recorder);
    awaitAllGood();

    CommandOutcome started = link.execute(command("instant-sampling")).join();

    assertThat(started.accepted()).as(started.detail()).isTrue();
    assertThat(started.detail()).isEqualTo("coil:4=true");
    assertThat(plc.samplerState()).isEqualTo(SamplerState.SAMPLING);
    // the link reads the PLC right after the write
    assertThat(value("sampler-state")).isEqualTo(1);

    CommandOutcome stopped = link.execute(command("sampler-stop")).join();

    assertThat(stopped.accepted()).as(stopped.detail()).isTrue();
    assertThat(plc.samplerState()).isEqualTo(SamplerState.IDLE);
    assertThat(value("sampler-state")).isZero();
  }

  @Test
  void aLostPlcGoesBadAndComesBack() throws Exception {
    DeviceLink link = driver.connect(device, recorder, recorder);
    awaitAllGood();

    plc.stop();

    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> recorder.allOf(device, Quality.BAD_COMMUNICATION));
    assertThat(recorder.state(device)).isEqualTo(LinkState.DISCONNECTED);
    assertThat(link.execute(command("instant-sampling")))
        .failsWithin(Duration.ofSeconds(5))
        .withThrowableThat()
        .withCauseInstanceOf(IllegalStateException.class);

    plc.start();

    awaitAllGood();
    assertThat(recorder.state(device)).isEqualTo(LinkState.CONNECTED);
  }

  /**
   * The first read of a cold JVM may take longer than the one second PLC4X's connection cache
   * allows a read: the link then reconnects, which takes about two seconds more.
   */
  private void awaitAllGood() {
    await().atMost(Duration.ofSeconds(20)).until(() -> recorder.allOf(device, Quality.GOOD));
  }

  private double value(String point) {
    return recorder.latest(TestDevices.point(device, point)).value();
  }

  private DeviceCommand command(String id) {
    CommandDefinition definition =
        device.commands().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
    return new DeviceCommand(definition, Map.of());
  }
}
