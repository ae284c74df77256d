package io.helan.driver.link;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class ReconnectBackoffTest {

  @RepeatedTest(20)
  void startsAtTheFirstDelayAndDoublesUpToTheCap() {
    ReconnectBackoff backoff = new ReconnectBackoff(500);

    assertThat(backoff.nextDelayMs()).isBetween(375L, 500L);
    assertThat(backoff.nextDelayMs()).isBetween(750L, 1000L);
    assertThat(backoff.nextDelayMs()).isBetween(1500L, 2000L);
    assertThat(backoff.nextDelayMs()).as("capped").isBetween(2250L, 3000L);
    for (int i = 0; i < 40; i++) {
      assertThat(backoff.nextDelayMs()).isBetween(1L, ReconnectBackoff.MAX_DELAY_MS);
    }
    assertThat(backoff.nextDelayMs()).isBetween(2_250L, 3_000L);
  }

  @Test
  void resetStartsOver() {
    ReconnectBackoff backoff = new ReconnectBackoff(1000);
    for (int i = 0; i < 10; i++) {
      backoff.nextDelayMs();
    }

    backoff.reset();

    assertThat(backoff.nextDelayMs()).isBetween(750L, 1000L);
  }
}
