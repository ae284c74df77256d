package io.helan.historian;

import static org.assertj.core.api.Assertions.assertThat;

import io.helan.driver.DataFlag;
import io.helan.driver.Quality;
import io.helan.driver.SampleBatch;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rows of a transaction in time order, the newest held back for the next one. */
class TimeOrderTest {
  static final long NOW = 1_800_000_000_000_000L;
  static final long CUTOFF = NOW - 1_000_000;

  final TimeOrder order = new TimeOrder();

  @Test
  void dueRowsComeOutInTimeOrderAndTheNewestStayInTheirOrder() {
    SampleBatch pending = batch(NOW - 5_000_000, NOW - 200, NOW - 9_000_000, NOW, NOW - 7_000_000);
    SampleBatch into = new SampleBatch(4);

    SampleBatch kept = order.takeDue(pending, CUTOFF, NOW, into);

    assertThat(times(into)).containsExactly(NOW - 9_000_000, NOW - 7_000_000, NOW - 5_000_000);
    assertThat(values(into)).containsExactly(2.0, 4.0, 0.0);
    assertThat(times(kept)).containsExactly(NOW - 200, NOW);
    assertThat(values(kept)).containsExactly(1.0, 3.0);
  }

  @Test
  void rowsOfTheSameTimeKeepTheOrderTheyCameIn() {
    SampleBatch pending = batch(NOW - 3_000_000, NOW - 4_000_000, NOW - 3_000_000, NOW - 4_000_000);
    SampleBatch into = new SampleBatch(4);

    order.takeDue(pending, CUTOFF, NOW, into);

    assertThat(values(into)).containsExactly(1.0, 3.0, 0.0, 2.0);
  }

  @Test
  void rowsStampedAfterNowAreNotHeldBack() {
    SampleBatch pending = batch(NOW + 3_600_000_000L, NOW - 100);
    SampleBatch into = new SampleBatch(2);

    SampleBatch kept = order.takeDue(pending, CUTOFF, NOW, into);

    assertThat(times(into)).containsExactly(NOW + 3_600_000_000L);
    assertThat(times(kept)).containsExactly(NOW - 100);
  }

  @Test
  void rowsYearsApartAreSortedToo() {
    long yearAgo = NOW - 365L * 86_400_000_000L;
    SampleBatch pending = batch(NOW - 2_000_000, yearAgo, NOW - 3_000_000);
    SampleBatch into = new SampleBatch(3);

    order.takeDue(pending, CUTOFF, NOW, into);

    assertThat(times(into)).containsExactly(yearAgo, NOW - 3_000_000, NOW - 2_000_000);
  }

  @Test
  void onlyABatchWhollyDueAndInOrderIsWrittenAsItIs() {
    assertThat(TimeOrder.allDueInOrder(batch(NOW - 3_000_000, NOW - 2_000_000), CUTOFF, NOW))
        .isTrue();
    assertThat(TimeOrder.allDueInOrder(batch(NOW - 2_000_000, NOW - 3_000_000), CUTOFF, NOW))
        .isFalse();
    assertThat(TimeOrder.allDueInOrder(batch(NOW - 3_000_000, NOW - 10), CUTOFF, NOW)).isFalse();
  }

  /** Samples of point 0 at the given times, valued by their position. */
  static SampleBatch batch(long... times) {
    SampleBatch batch = new SampleBatch(times.length);
    for (int i = 0; i < times.length; i++) {
      batch.add(0, times[i], i, Quality.GOOD, DataFlag.N);
    }
    return batch;
  }

  static List<Long> times(SampleBatch batch) {
    List<Long> times = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      times.add(batch.timeMicros(i));
    }
    return times;
  }

  static List<Double> values(SampleBatch batch) {
    List<Double> values = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      values.add(batch.value(i));
    }
    return values;
  }
}
