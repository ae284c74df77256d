package io.helan.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.helan.config.Site;
import io.helan.config.SiteLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoadSiteTest {

  @Test
  void theSiteFileLoadsWithThePointsAndPortsAsked(@TempDir Path dir) throws Exception {
    LoadSite load = LoadSite.of(1000, 2);
    Path file = dir.resolve("site.yaml");
    Files.writeString(file, load.yaml(Map.of(LoadSite.airStation(0), 20001)));

    Site site = SiteLoader.load(file);

    assertThat(site.points()).hasSize(load.points());
    assertThat(load.points()).isBetween(1000, 1010);
    assertThat(site.devices()).hasSize(load.devices());
    assertThat(site.devices().get(0).connection().toString()).contains("20001").contains("500");
    assertThat(site.devices().stream().filter(d -> d.type().equals("gamma-station")).count())
        .isEqualTo(load.gammaStations());
  }

  @Test
  void aSizeBeyondTheMachineIsRefusedWithTheReason() throws Exception {
    assertThat(LoadBenchmark.refusal(LoadSite.of(20_000_000, 1)))
        .isNotNull()
        .containsAnyOf("cores", "open files", "threads", "MiB");
    assertThat(LoadBenchmark.refusal(LoadSite.of(1000, 1))).isNull();
  }

  @Test
  void aSizeTheServerCannotKeepUpWithOnTheseCoresIsRefused() throws Exception {
    LoadSite province = LoadSite.of(100_000, 1);
    double cores = LoadBenchmark.serverCoresNeeded(province);
    assertThat(cores).isGreaterThan(LoadBenchmark.serverCoresNeeded(LoadSite.of(10_000, 1)));
    assumeTrue(cores > Runtime.getRuntime().availableProcessors(), "a machine with more cores");
    assertThat(LoadBenchmark.refusal(province)).contains("cores");
  }
}
