package io.helan.historian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.helan.driver.DataFlag;
import io.helan.driver.Quality;
import io.helan.driver.SampleBatch;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A full queue makes a caller wait for the writer to free a buffer, within its bound. */
class SampleQueueTest {

  @Test
  void fullQueueRefusesAtOnceWithoutWaitAndAcceptsOnceTheWriterReleases() throws Exception {
    SampleQueue queue = new SampleQueue(1, 4);
    assertThat(queue.offer(batch(4), 0)).isTrue();

    assertThat(queue.offer(batch(1), 0)).isFalse();
    long start = System.nanoTime();
    assertThat(queue.offer(batch(1), TimeUnit.MILLISECONDS.toNanos(100))).isFalse();
    assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(90));

    SampleBatch taken = queue.poll();
    assertThat(taken.size()).isEqualTo(4);
    CompletableFuture<Boolean> waiting =
        CompletableFuture.supplyAsync(() -> queue.offer(batch(2), TimeUnit.SECONDS.toNanos(10)));
    await("an offer waiting for room")
        .during(Duration.ofMillis(100))
        .atMost(Duration.ofSeconds(2))
        .until(() -> !waiting.isDone());
    queue.release(taken);
    assertThat(waiting.get(5, TimeUnit.SECONDS)).isTrue();
    assertThat(queue.samples()).isEqualTo(2);
  }

  private static SampleBatch batch(int size) {
    SampleBatch batch = new SampleBatch(size);
    for (int i = 0; i < size; i++) {
      batch.add(i, 1_000_000L + i, i, Quality.GOOD, DataFlag.N);
    }
    return batch;
  }
}
