package io.helan.historian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.helan.driver.DataFlag;
import io.helan.driver.Quality;
import io.helan.driver.SampleBatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The queue between driver threads and the writer: bounded, fed by many threads at once without
 * losing a sample, checking samples as it copies them.
 */
class SampleQueueTest {

  @Test
  void fullQueueRefusesAtOnceWithoutWaitAndAcceptsOnceTheWriterReleases() throws Exception {
    SampleQueue queue = new SampleQueue(1, 4, 10);
    assertThat(queue.offer(batch(4), 0)).isZero();

    assertThat(queue.offer(batch(1), 0)).isEqualTo(SampleQueue.FULL);
    long start = System.nanoTime();
    assertThat(queue.offer(batch(1), TimeUnit.MILLISECONDS.toNanos(100)))
        .isEqualTo(SampleQueue.FULL);
    assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(90));

    SampleBatch taken = queue.poll();
    assertThat(taken.size()).isEqualTo(4);
    CompletableFuture<Integer> waiting =
        CompletableFuture.supplyAsync(() -> queue.offer(batch(2), TimeUnit.SECONDS.toNanos(10)));
    await("an offer waiting for room")
        .during(Duration.ofMillis(100))
        .atMost(Duration.ofSeconds(8))
        .until(() -> !waiting.isDone());
    queue.release(taken);
    assertThat(waiting.get(5, TimeUnit.SECONDS)).isZero();
    assertThat(queue.samples()).isEqualTo(2);
  }

  @Test
  void samplesOfUnknownPointsOrBefore1970AreLeftOutWhileCopying() {
    SampleQueue queue = new SampleQueue(4, 100, 3);
    SampleBatch batch = new SampleBatch(5);
    batch.add(0, 1_000_000L, 1, Quality.GOOD, DataFlag.N);
    batch.add(3, 1_000_000L, 2, Quality.GOOD, DataFlag.N);
    batch.add(-1, 1_000_000L, 3, Quality.GOOD, DataFlag.N);
    batch.add(2, -1L, 4, Quality.GOOD, DataFlag.N);
    batch.add(2, 2_000_000L, 5, Quality.BAD, DataFlag.M);

    assertThat(queue.offer(batch, 0)).isEqualTo(3);
    queue.handOver();

    SampleBatch copied = queue.poll();
    assertThat(copied.size()).isEqualTo(2);
    assertThat(copied.value(0)).isEqualTo(1);
    assertThat(copied.point(1)).isEqualTo(2);
    assertThat(copied.value(1)).isEqualTo(5);
    assertThat(copied.quality(1)).isEqualTo(Quality.BAD);
    assertThat(copied.flag(1)).isEqualTo(DataFlag.M);
  }

  @Test
  void manyThreadsAppendingAtOnceLoseNothingAndHandOverCollectsEveryPartBuffer() throws Exception {
    int threads = 16;
    int batches = 500;
    int batchSize = 7;
    SampleQueue queue = new SampleQueue(256, 1_000, threads);
    List<Thread> feeders = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int point = t;
      feeders.add(
          new Thread(
              () -> {
                SampleBatch batch = new SampleBatch(batchSize);
                for (int b = 0; b < batches; b++) {
                  batch.clear();
                  for (int i = 0; i < batchSize; i++) {
                    batch.add(point, b * batchSize + i, 0, Quality.GOOD, DataFlag.N);
                  }
                  assertThat(queue.offer(batch, TimeUnit.SECONDS.toNanos(10))).isZero();
                }
              }));
    }
    feeders.forEach(Thread::start);
    for (Thread feeder : feeders) {
      feeder.join();
    }
    assertThat(queue.samples()).isEqualTo((long) threads * batches * batchSize);

    long handedOver = queue.handOver();
    Set<Long> seen = new HashSet<>();
    long[] lastTime = new long[threads];
    Arrays.fill(lastTime, -1);
    for (long taken = 0; taken < handedOver; taken++) {
      SampleBatch buffer = queue.poll();
      for (int i = 0; i < buffer.size(); i++) {
        int point = buffer.point(i);
        // a point's samples come from one thread and keep their order
        assertThat(buffer.timeMicros(i)).isGreaterThan(lastTime[point]);
        lastTime[point] = buffer.timeMicros(i);
        seen.add(point * 1_000_000L + buffer.timeMicros(i));
      }
      queue.release(buffer);
    }
    assertThat(queue.poll()).isNull();
    assertThat(seen).hasSize(threads * batches * batchSize);
    assertThat(queue.samples()).isZero();
  }

  @Test
  void theLagIsTheAgeOfTheOldestSampleNotYetReleased() {
    SampleQueue queue = new SampleQueue(4, 100, 10);
    assertThat(queue.oldestAgeNanos(System.nanoTime())).isZero();

    long before = System.nanoTime();
    queue.offer(batch(3), 0);
    long after = System.nanoTime();
    long later = after + TimeUnit.SECONDS.toNanos(5);
    assertThat(queue.oldestAgeNanos(later)).isBetween(later - after, later - before);

    queue.handOver();
    SampleBatch taken = queue.poll();
    assertThat(queue.oldestAgeNanos(later)).isBetween(later - after, later - before);
    queue.release(taken);
    assertThat(queue.oldestAgeNanos(later)).isZero();
  }

  private static SampleBatch batch(int size) {
    SampleBatch batch = new SampleBatch(size);
    for (int i = 0; i < size; i++) {
      batch.add(i, 1_000_000L + i, i, Quality.GOOD, DataFlag.N);
    }
    return batch;
  }
}
