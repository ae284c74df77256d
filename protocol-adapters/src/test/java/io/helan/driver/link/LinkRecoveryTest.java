package io.helan.driver.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.helan.config.Device;
import io.helan.config.WordOrder;
import io.helan.driver.FieldRecorder;
import io.helan.driver.LinkState;
import io.helan.driver.Quality;
import io.helan.driver.TestDevices;
import io.helan.driver.registry.FieldDrivers;
import io.helan.simulator.FieldSimulator;
import io.helan.simulator.gamma.GammaStation;
import io.helan.simulator.modbus.AirAnalyserRack;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A link comes back within 5 s of its device returning, however long the device was away: the
 * reconnect backoff must not have grown past that by then. The devices poll and publish every
 * second like the default site's, so their backoff starts at 1 s.
 */
class LinkRecoveryTest {
  private static final Logger log = LoggerFactory.getLogger(LinkRecoveryTest.class);

  /** Long enough for a backoff doubling from 1 s without a low cap to wait 8 s and more. */
  private static final Duration OUTAGE = Duration.ofSeconds(16);

  private static final Duration RECOVERY = Duration.ofSeconds(5);

  private final FieldRecorder recorder = new FieldRecorder();
  private final FieldDrivers drivers = new FieldDrivers();
  private final AirAnalyserRack rack =
      new AirAnalyserRack(TestDevices.airRack("yc-recovery", 0, WordOrder.CDAB, 1000, 500));
  private final GammaStation gamma =
      new GammaStation(TestDevices.gammaStation("wz-recovery", 11, 1000));

  @AfterEach
  void closeAll() {
    drivers.close();
    rack.close();
    gamma.close();
  }

  @Test
  void aRackAndAGammaStationAreConnectedAgainWithinFiveSecondsOfTheirRestart() throws Exception {
    List<FieldSimulator> field = List.of(rack, gamma);
    for (FieldSimulator simulator : field) {
      simulator.start();
      // at the free port the simulator took, which it keeps for its restart
      drivers.connect(simulator.device(), recorder, recorder);
    }
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> field.stream().allMatch(s -> recorder.allOf(s.device(), Quality.GOOD)));

    field.forEach(FieldSimulator::stop);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> field.stream().allMatch(s -> isDisconnected(s.device())));
    await("the links stay down while the field is away")
        .during(OUTAGE)
        .atMost(OUTAGE.plusSeconds(5))
        .until(() -> field.stream().allMatch(s -> isDisconnected(s.device())));

    long restarted = System.nanoTime();
    for (FieldSimulator simulator : field) {
      simulator.start();
    }
    Map<String, Duration> backAfter = new ConcurrentHashMap<>();
    await()
        .pollInterval(Duration.ofMillis(20))
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              for (FieldSimulator simulator : field) {
                Device device = simulator.device();
                if (recorder.state(device) == LinkState.CONNECTED) {
                  backAfter.putIfAbsent(
                      device.id(), Duration.ofNanos(System.nanoTime() - restarted));
                }
              }
              return backAfter.size() == field.size();
            });
    log.info("Links connected again after a {} s outage: {}", OUTAGE.toSeconds(), backAfter);

    assertThat(backAfter.values()).allSatisfy(took -> assertThat(took).isLessThan(RECOVERY));
    for (FieldSimulator simulator : field) {
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> recorder.allOf(simulator.device(), Quality.GOOD));
    }
  }

  private boolean isDisconnected(Device device) {
    return recorder.state(device) == LinkState.DISCONNECTED
        && recorder.allOf(device, Quality.BAD_COMMUNICATION);
  }
}
