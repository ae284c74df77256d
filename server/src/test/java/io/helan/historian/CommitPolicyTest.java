package io.helan.historian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Commits by time and by size, whichever comes first, on a clock the test moves. */
class CommitPolicyTest {
  static final long MS = 1_000_000L;
  final AtomicLong clock = new AtomicLong(42 * MS);
  final CommitPolicy policy =
      new CommitPolicy(new CommitCadence(Duration.ofSeconds(1), 1_000), clock::get);

  @Test
  void aCycleEndsOneIntervalAfterItStarted() {
    assertThat(policy.cycleEnd()).isEqualTo(1_042 * MS);
    clock.addAndGet(999 * MS);
    assertThat(policy.cycleOver()).isFalse();
    clock.addAndGet(MS);
    assertThat(policy.cycleOver()).isTrue();

    clock.addAndGet(250 * MS);
    policy.startCycle();
    assertThat(policy.cycleOver()).isFalse();
    assertThat(policy.cycleEnd()).isEqualTo(2_292 * MS);
  }

  @Test
  void aTransactionIsDueAtTheRowLimitWhateverTheTime() {
    assertThat(policy.rowsDue(999)).isFalse();
    assertThat(policy.rowsDue(1_000)).isTrue();
    assertThat(policy.cycleOver()).isFalse();
  }

  @Test
  void aCadenceNeedsAPositiveIntervalAndRowLimit() {
    assertThatThrownBy(() -> new CommitCadence(Duration.ZERO, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("interval");
    assertThatThrownBy(() -> new CommitCadence(Duration.ofSeconds(1), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rows");
  }
}
