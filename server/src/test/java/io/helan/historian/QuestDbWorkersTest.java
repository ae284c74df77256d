package io.helan.historian;

import static org.assertj.core.api.Assertions.assertThat;

import io.questdb.ServerConfiguration;
import io.questdb.mp.WorkerPoolConfiguration;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded QuestDB's workers sleep soon after their last work instead of napping 1 ms at a time
 * for seconds: the settings Helan gives reach every pool (a misspelt variable would leave QuestDB's
 * defaults in place without a word).
 */
class QuestDbWorkersTest {
  @Test
  void idleWorkersSleepAfterAHundredRoundsWithoutNaps(@TempDir Path root) {
    try (QuestDbEmbedded questDb = QuestDbEmbedded.start(root)) {
      ServerConfiguration configuration = questDb.configuration();
      List<WorkerPoolConfiguration> pools =
          List.of(
              configuration.getSharedWorkerPoolNetworkConfiguration(),
              configuration.getSharedWorkerPoolQueryConfiguration(),
              configuration.getSharedWorkerPoolWriteConfiguration(),
              configuration.getWalApplyPoolConfiguration(),
              configuration.getMatViewRefreshPoolConfiguration(),
              configuration.getViewCompilerPoolConfiguration(),
              configuration.getExportPoolConfiguration());
      for (WorkerPoolConfiguration pool : pools) {
        assertThat(pool.getSleepThreshold())
            .as(pool.getPoolName() + " sleep threshold")
            .isEqualTo(QuestDbEmbedded.IDLE_ROUNDS_BEFORE_SLEEP);
        assertThat(pool.getNapThreshold())
            .as(pool.getPoolName() + " nap threshold: no naps before the sleep")
            .isEqualTo(pool.getSleepThreshold());
        assertThat(pool.getSleepTimeout())
            .as(pool.getPoolName() + " sleep timeout")
            .isGreaterThanOrEqualTo(50);
      }
      assertThat(configuration.getWalApplyPoolConfiguration().getWorkerCount()).isEqualTo(1);
      assertThat(configuration.getMatViewRefreshPoolConfiguration().getWorkerCount()).isEqualTo(1);
    }
  }
}
