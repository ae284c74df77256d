package io.helan.driver.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.helan.config.Device;
import io.helan.config.WordOrder;
import io.helan.driver.FieldRecorder;
import io.helan.driver.LinkState;
import io.helan.driver.Quality;
import io.helan.driver.TestDevices;
import io.helan.driver.modbus.ModbusTcpDriver;
import io.helan.driver.opcua.OpcUaClientDriver;
import io.helan.simulator.gamma.GammaStation;
import io.helan.simulator.modbus.AirAnalyserRack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Links share a pool: many devices connected and polled do not cost a thread each. */
class LinkThreadsBoundedTest {
  private static final int MODBUS_DEVICES = 200;
  private static final int OPC_UA_DEVICES = 20;

  /** Threads Milo starts once for all its clients: event loop (2 a core), timers. */
  private static final int MILO_FIXED_THREADS = 16;

  private final FieldRecorder recorder = new FieldRecorder();
  private final ModbusTcpDriver modbus = new ModbusTcpDriver();
  private final OpcUaClientDriver opcUa = new OpcUaClientDriver();
  private final List<AirAnalyserRack> racks = new ArrayList<>();
  private GammaStation gamma;

  @AfterEach
  void stopAll() {
    modbus.close();
    opcUa.close();
    racks.forEach(AirAnalyserRack::stop);
    if (gamma != null) {
      gamma.close();
    }
  }

  @Test
  void threadCountDoesNotGrowWithTheDevices() throws Exception {
    // four racks and a gamma station serve every device: each device is a link of its own
    for (int r = 0; r < 4; r++) {
      AirAnalyserRack rack =
          new AirAnalyserRack(TestDevices.airRack("rack-" + r, 0, WordOrder.ABCD, 500, 2000));
      rack.start();
      racks.add(rack);
    }
    gamma = new GammaStation(TestDevices.gammaStation("gamma", 0, 500));
    gamma.start();
    int before = driverSideThreads();

    List<Device> devices = new ArrayList<>();
    int index = 0;
    for (int d = 0; d < MODBUS_DEVICES; d++) {
      Device rack = racks.get(d % racks.size()).device();
      Device device = renamed(TestDevices.airRack("m" + d, index, WordOrder.ABCD, 500, 2000), rack);
      index += device.points().size();
      devices.add(device);
      modbus.connect(device, recorder, recorder);
    }
    for (int d = 0; d < OPC_UA_DEVICES; d++) {
      Device station = TestDevices.gammaStation("g" + d, index, 500);
      index += station.points().size();
      Device device = station.withConnection(gamma.device().connection());
      devices.add(device);
      opcUa.connect(device, recorder, recorder);
    }

    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                devices.stream()
                    .allMatch(
                        device ->
                            recorder.state(device) == LinkState.CONNECTED
                                && recorder.allOf(device, Quality.GOOD)));
    int added = driverSideThreads() - before;

    assertThat(added)
        .as("threads added for %d links: %s", devices.size(), threadNames())
        .isLessThanOrEqualTo(LinkThread.poolThreads() + MILO_FIXED_THREADS)
        .isLessThan(devices.size() / 4);
  }

  /** The device at the rack's address (the rack's free port). */
  private static Device renamed(Device device, Device rack) {
    return device.withConnection(rack.connection());
  }

  private static List<String> threadNames() {
    return Thread.getAllStackTraces().keySet().stream().map(Thread::getName).sorted().toList();
  }

  /**
   * Live threads, without those the simulators run for the masters connected to them, and without
   * Milo's cached pool: it is shared by every Milo client and server in the JVM, grows with the
   * callbacks running at once (not with the clients) and lets idle threads go after a minute.
   */
  private static int driverSideThreads() {
    return (int)
        Thread.getAllStackTraces().keySet().stream()
            .map(Thread::getName)
            .filter(name -> !name.startsWith("modbus-slave-"))
            .filter(name -> !name.startsWith("milo-shared-thread-pool"))
            .count();
  }
}
