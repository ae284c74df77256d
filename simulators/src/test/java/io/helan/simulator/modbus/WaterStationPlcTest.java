package io.helan.simulator.modbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.helan.config.Device;
import io.helan.config.Plc4xConnection;
import io.helan.config.WordOrder;
import io.helan.simulator.modbus.WaterStationPlc.SamplerState;
import java.io.DataInputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The water-station PLC as a Modbus master sees it (0-based coils and registers). */
class WaterStationPlcTest {
  private WaterStationPlc plc;
  private RackProbe probe;

  @BeforeEach
  void start() throws Exception {
    Device device =
        new Device(
            "yc-test.plc",
            "yc-test",
            "PLC",
            "water-station-plc",
            new Plc4xConnection("modbus-tcp://127.0.0.1:0?default-unit-identifier=1", 1000, 1000),
            List.of(),
            List.of());
    plc = new WaterStationPlc(device);
    plc.start();
    probe = new RackProbe(((Plc4xConnection) plc.device().connection()).tcpPort(), WordOrder.ABCD);
  }

  @AfterEach
  void stop() throws Exception {
    probe.close();
    plc.stop();
  }

  @Test
  void waterFlowsWhilePumpAndInletAreOn() throws Exception {
    assertThat(probe.coil(0)).as("pump").isTrue();
    assertThat(probe.coil(1)).as("inlet valve").isTrue();
    assertThat(probe.coil(2)).as("drain valve").isFalse();
    assertThat(probe.readFloat(WaterStationPlc.FLOW_REGISTER)).isBetween(2.0f, 2.8f);

    probe.writeCoil(0, false);

    assertThat(plc.pumpRunning()).isFalse();
    assertThat(probe.readFloat(WaterStationPlc.FLOW_REGISTER)).isZero();
  }

  @Test
  void theSamplerCoilStartsAndCancelsASamplingRun() throws Exception {
    probe.writeCoil(3, true);

    assertThat(plc.samplerState()).isEqualTo(SamplerState.SAMPLING);
    assertThat(probe.word(WaterStationPlc.SAMPLER_STATE_REGISTER)).isEqualTo(1);

    probe.writeCoil(3, false);

    assertThat(probe.word(WaterStationPlc.SAMPLER_STATE_REGISTER)).isZero();
    assertThat(probe.word(WaterStationPlc.BOTTLES_REGISTER)).isZero();
  }

  /** A master on a plain socket, so that nothing reconnects behind the test's back. */
  @Test
  void aMasterThatPollsEveryFewSecondsStaysConnected() throws Exception {
    int port = ((Plc4xConnection) plc.device().connection()).tcpPort();
    try (Socket master = new Socket(InetAddress.getLoopbackAddress(), port)) {
      master.setSoTimeout(2_000);
      assertThat(readPumpCoil(master)).isEqualTo(1);
      // silent for longer than j2mod's 3 s default, as a master polling every 5 s is
      await().pollDelay(Duration.ofMillis(3_500)).atMost(Duration.ofSeconds(5)).until(() -> true);

      assertThat(readPumpCoil(master)).isEqualTo(1);
    }
  }

  /** Reads coil 0 with a raw Modbus TCP request (function 1) and returns its bit. */
  private static int readPumpCoil(Socket master) throws Exception {
    byte[] request = {0, 1, 0, 0, 0, 6, 1, 1, 0, 0, 0, 1};
    master.getOutputStream().write(request);
    byte[] response = new DataInputStream(master.getInputStream()).readNBytes(10);
    assertThat(response).hasSize(10);
    return response[9] & 1;
  }
}
