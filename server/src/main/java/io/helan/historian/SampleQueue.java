package io.helan.historian;

import io.helan.driver.SampleBatch;
import java.util.ArrayDeque;

/**
 * The bounded hand-off between callers of {@link Historian#append} and the writer thread: a fixed
 * pool of reusable sample buffers. Callers copy into the buffer being filled; the writer takes full
 * buffers in order and gives them back once their rows are committed, so the steady state allocates
 * nothing.
 */
final class SampleQueue {
  private final int bufferSamples;
  private final ArrayDeque<SampleBatch> free = new ArrayDeque<>();
  private final ArrayDeque<SampleBatch> full = new ArrayDeque<>();
  private SampleBatch filling;
  private long samples;
  private long handedOver;
  private boolean wakeUp;

  /**
   * @param buffers how many buffers exist; when all are in use, {@link #offer} refuses
   * @param bufferSamples a buffer goes to the writer once it holds this many samples
   */
  SampleQueue(int buffers, int bufferSamples) {
    this.bufferSamples = bufferSamples;
    for (int i = 0; i < buffers; i++) {
      free.add(new SampleBatch(bufferSamples));
    }
  }

  /**
   * Copies the batch into a buffer, waiting up to {@code waitNanos} for the writer to free one;
   * false when every buffer is still in use then (nothing was copied).
   */
  synchronized boolean offer(SampleBatch batch, long waitNanos) {
    if (filling == null || filling.size() + batch.size() > bufferSamples) {
      long deadline = System.nanoTime() + waitNanos;
      while (free.isEmpty()) {
        long left = deadline - System.nanoTime();
        if (left <= 0 || !awaitRelease(left)) {
          return false;
        }
      }
      SampleBatch next = free.poll();
      handOverFilling();
      filling = next;
    }
    filling.addAll(batch);
    samples += batch.size();
    if (filling.size() >= bufferSamples) {
      handOverFilling();
    }
    return true;
  }

  /**
   * The next buffer to write, in append order. Waits for a full buffer until the deadline (or a
   * {@link #handOver()}); then hands over the partly filled one, or returns null if there is none.
   */
  synchronized SampleBatch take(long deadlineNanos) throws InterruptedException {
    while (full.isEmpty() && !wakeUp) {
      long waitNanos = deadlineNanos - System.nanoTime();
      if (waitNanos <= 0) {
        break;
      }
      wait(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
    }
    if (full.isEmpty()) {
      wakeUp = false;
      handOverFilling();
    }
    return full.poll();
  }

  /** The next buffer to write without waiting, the partly filled one included; null if none. */
  synchronized SampleBatch poll() {
    if (full.isEmpty()) {
      handOverFilling();
    }
    return full.poll();
  }

  /**
   * Hands the partly filled buffer to the writer and wakes it.
   *
   * @return how many buffers have been handed over since the start: once the writer has taken that
   *     many, it has taken every sample appended before this call
   */
  synchronized long handOver() {
    handOverFilling();
    wakeUp = true;
    notifyAll();
    return handedOver;
  }

  /** Returns a buffer whose rows are committed or spooled, and wakes a caller waiting for one. */
  synchronized void release(SampleBatch buffer) {
    samples -= buffer.size();
    buffer.clear();
    free.add(buffer);
    notifyAll();
  }

  /** Waits on the monitor; false if interrupted (the interrupt is kept for the caller). */
  private boolean awaitRelease(long nanos) {
    try {
      wait(nanos / 1_000_000, (int) (nanos % 1_000_000));
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Samples copied in and not yet released: waiting, being written, or awaiting commit. */
  synchronized long samples() {
    return samples;
  }

  private void handOverFilling() {
    if (filling != null && !filling.isEmpty()) {
      full.add(filling);
      handedOver++;
      notifyAll();
    } else if (filling != null) {
      free.add(filling);
    }
    filling = null;
  }
}
