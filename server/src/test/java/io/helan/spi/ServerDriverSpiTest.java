package io.helan.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.helan.config.Point;
import io.helan.config.SiteLoader;
import io.helan.driver.LinkState;
import io.helan.driver.Quality;
import io.helan.ingest.PointValue;
import io.helan.server.HelanServer;
import io.helan.simulator.SimulatedNetwork;
import io.helan.testing.DefaultSiteServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A protocol that only this test source set knows (the level gauge: its connection type and driver,
 * listed in the two service files), served by the unchanged server: the site loader reads its
 * devices, the server connects them through its driver, and their samples reach the current values
 * and QuestDB like any other.
 */
class ServerDriverSpiTest {

  @Test
  void aDriverOnTheClassPathFeedsTheServer(@TempDir Path dir) throws Exception {
    var site = SiteLoader.loadResource("sites/level-gauge.yaml");
    Point level = site.point("yc-reservoir.gauge.level").orElseThrow();

    try (HelanServer server =
        new HelanServer(SimulatedNetwork.atFreePorts(site), DefaultSiteServer.settings(dir, false))
            .start()) {
      PointValue value = new PointValue();
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () -> {
                server.ingest().currentValues().read(level.index(), value);
                assertThat(value.quality()).isEqualTo(Quality.GOOD);
                assertThat(value.value()).isGreaterThanOrEqualTo(2);
              });
      assertThat(server.links().state("yc-reservoir.gauge")).isEqualTo(LinkState.CONNECTED);
      server.historian().flush().orTimeout(30, TimeUnit.SECONDS).join();
      assertThat(server.historian().count(level).orTimeout(10, TimeUnit.SECONDS).join())
          .isPositive();
    }
  }
}
