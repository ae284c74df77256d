package io.helan.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.helan.config.Site;
import io.helan.config.SiteLoader;
import io.helan.driver.DataFlag;
import io.helan.driver.Quality;
import io.helan.driver.SampleBatch;
import org.junit.jupiter.api.Test;

class DrillDataTest {
  private final Site site = SiteLoader.loadDefault();
  private final DrillData drill = new DrillData(site);

  private int index(String pointId) {
    return site.point(pointId).orElseThrow().index();
  }

  @Test
  void aStationPlayingADrillHasItsNormalDataFlaggedXUntilTheDrillEnds() {
    int dose = index("yc-fushe.gamma.dose-rate");
    int drillPoint = index("yc-fushe.gamma.drill");
    int otherDose = index("zw-fushe.gamma.dose-rate");

    SampleBatch batch = new SampleBatch(4);
    batch.add(dose, 1, 500, Quality.GOOD, DataFlag.N);
    batch.add(drillPoint, 1, 1, Quality.GOOD, DataFlag.N);
    batch.add(otherDose, 1, 90, Quality.GOOD, DataFlag.N);
    drill.apply(batch);
    assertThat(batch.flag(0)).isEqualTo(DataFlag.X);
    assertThat(batch.flag(2)).isEqualTo(DataFlag.N);

    // the drill point is only sent when it changes: the device stays drilling meanwhile
    SampleBatch next = new SampleBatch(2);
    next.add(dose, 2, 480, Quality.GOOD, DataFlag.N);
    next.add(dose, 3, 470, Quality.GOOD, DataFlag.M);
    drill.apply(next);
    assertThat(next.flag(0)).isEqualTo(DataFlag.X);
    assertThat(next.flag(1)).as("maintenance stays maintenance").isEqualTo(DataFlag.M);

    SampleBatch ended = new SampleBatch(2);
    ended.add(drillPoint, 4, 0, Quality.GOOD, DataFlag.N);
    ended.add(dose, 4, 95, Quality.GOOD, DataFlag.N);
    drill.apply(ended);
    assertThat(ended.flag(1)).isEqualTo(DataFlag.N);
  }

  @Test
  void drillIsNotAnHj212FlagOnTheWire() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> DataFlag.of('X'))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
