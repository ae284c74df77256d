package io.helan.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.helan.config.Point;
import io.helan.config.Site;
import io.helan.config.SiteLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoadLossTest {
  private static Point rackPoint;
  private static Point gammaPoint;

  @BeforeAll
  static void site(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("site.yaml");
    Files.writeString(file, LoadSite.of(300, 1).yaml(Map.of()));
    Site site = SiteLoader.load(file);
    rackPoint = site.devices().get(0).points().get(0);
    gammaPoint =
        site.devices().stream()
            .filter(d -> d.type().equals("gamma-station"))
            .findFirst()
            .orElseThrow()
            .points()
            .get(0);
  }

  private static TreeMap<Long, Long> perSecond(long... secondAndCount) {
    TreeMap<Long, Long> counts = new TreeMap<>();
    for (int i = 0; i < secondAndCount.length; i += 2) {
      counts.put(secondAndCount[i], secondAndCount[i + 1]);
    }
    return counts;
  }

  @Test
  void everySampleStoredInItsSecondIsNoLoss() {
    LoadBenchmark.Loss loss = new LoadBenchmark.Loss();
    loss.add(rackPoint, perSecond(100, 1, 101, 1, 102, 1), perSecond(100, 1, 101, 1, 102, 1));

    assertThat(loss.modbusSent).isEqualTo(3);
    assertThat(loss.stored).isEqualTo(3);
    assertThat(loss.lost).isZero();
  }

  @Test
  void aSampleStampedInTheSecondBeforeOrAfterIsNoLoss() {
    LoadBenchmark.Loss loss = new LoadBenchmark.Loss();
    // sent at 101 stored at 100; sent at 103 stored at 104
    loss.add(
        rackPoint, perSecond(100, 1, 101, 1, 102, 1, 103, 1), perSecond(100, 2, 102, 1, 104, 1));

    assertThat(loss.stored).isEqualTo(4);
    assertThat(loss.lost).isZero();
  }

  @Test
  void aMissingSecondIsCountedWithThePointAndTheSecond() {
    LoadBenchmark.Loss loss = new LoadBenchmark.Loss();
    loss.add(rackPoint, perSecond(100, 1, 101, 1, 102, 1, 103, 1), perSecond(100, 1, 103, 1));
    loss.add(gammaPoint, perSecond(200, 1, 201, 1), perSecond(200, 1, 201, 1));

    assertThat(loss.modbusSent).isEqualTo(4);
    assertThat(loss.opcUaSent).isEqualTo(2);
    assertThat(loss.stored).isEqualTo(4);
    assertThat(loss.lost).isEqualTo(2);
    assertThat(loss.pointSeconds).isEqualTo(2);
    assertThat(loss.examples)
        .containsExactly(
            rackPoint.id() + " at 1970-01-01T00:01:41Z: 1",
            rackPoint.id() + " at 1970-01-01T00:01:42Z: 1");
  }
}
