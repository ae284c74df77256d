package io.helan.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helan.bench.SyntheticSite;
import io.helan.config.Site;
import io.helan.driver.DataFlag;
import io.helan.driver.Quality;
import org.junit.jupiter.api.Test;

/** Change numbering of the current-value table: the completed-write watermark and the stamps. */
class CurrentValueTableTest {
  /** One station of two racks with one point each: point 0 on the first, point 1 on the second. */
  private final Site site = SyntheticSite.create(1, 2, 1);

  private final CurrentValueTable table = new CurrentValueTable(site);

  @Test
  void watermarkStaysBelowTheOldestChangeInProgress() {
    long first = table.beginChange();
    long second = table.beginChange();
    assertThat(table.completedChange()).isEqualTo(first - 1);

    table.write(1, 1, 2.0, Quality.GOOD, DataFlag.N, second);
    table.completeChange(second);
    assertThat(table.completedChange())
        .as("the first change is still being written")
        .isEqualTo(first - 1);

    table.write(0, 1, 1.0, Quality.GOOD, DataFlag.N, first);
    table.completeChange(first);
    assertThat(table.completedChange()).isEqualTo(second);
  }

  @Test
  void anOlderSampleDoesNotOverwriteANewerOne() {
    long first = table.beginChange();
    assertThat(table.write(0, 2_000, 2.0, Quality.GOOD, DataFlag.N, first)).isTrue();
    table.completeChange(first);

    long late = table.beginChange();
    boolean taken = table.write(0, 1_000, 1.0, Quality.BAD_COMMUNICATION, DataFlag.D, late);
    table.completeChange(late);

    assertThat(taken).isFalse();
    PointValue current = new PointValue();
    table.read(0, current);
    assertThat(current.value()).isEqualTo(2.0);
    assertThat(current.timeMicros()).isEqualTo(2_000);
    assertThat(current.quality()).isEqualTo(Quality.GOOD);
    assertThat(current.flag()).isEqualTo(DataFlag.N);
    assertThat(table.pointChange(0)).as("push clients see no change").isEqualTo(first);
    assertThat(table.stationChange(0)).isEqualTo(first);

    long sameTime = table.beginChange();
    assertThat(table.write(0, 2_000, 3.0, Quality.GOOD, DataFlag.N, sameTime)).isTrue();
    table.completeChange(sameTime);
    table.read(0, current);
    assertThat(current.value()).as("a sample of the same time replaces it").isEqualTo(3.0);
  }

  @Test
  void aBegunChangeIsNotCompleteBeforeItsWritesAre() {
    long change = table.beginChange();
    table.write(0, 1, 1.0, Quality.GOOD, DataFlag.N, change);

    assertThat(table.completedChange()).isLessThan(change);
    table.completeChange(change);
    assertThat(table.completedChange()).isEqualTo(change);
  }

  @Test
  void aStationsStampNeverGoesBackwards() {
    long first = table.beginChange();
    long second = table.beginChange();
    // The two devices of the station write concurrently; the later change lands first.
    table.write(1, 1, 2.0, Quality.GOOD, DataFlag.N, second);
    table.write(0, 1, 1.0, Quality.GOOD, DataFlag.N, first);
    table.completeChange(first);
    table.completeChange(second);

    assertThat(table.stationChange(0)).isEqualTo(second);
    assertThat(table.pointChange(0)).isEqualTo(first);
    assertThat(table.pointChange(1)).isEqualTo(second);
  }

  @Test
  void completingAChangeNotInProgressIsRefused() {
    long change = table.beginChange();
    table.completeChange(change);

    assertThatThrownBy(() -> table.completeChange(change))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not in progress");
    assertThat(table.completedChange()).isEqualTo(change);
  }
}
