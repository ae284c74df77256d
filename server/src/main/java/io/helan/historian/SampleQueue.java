package io.helan.historian;

import io.helan.driver.SampleBatch;
import java.util.ArrayDeque;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The bounded hand-off between callers of {@link Historian#append} and the writer thread: a fixed
 * pool of reusable sample buffers, so the steady state allocates nothing.
 *
 * <p>Callers copy into the buffer of their stripe: the stripe is chosen by the calling thread, so
 * driver threads share a lock only with the few others on the same stripe, and a point's samples
 * (which come from one device link, one thread) keep their order. Only a caller whose buffer is
 * full takes the shared lock, to hand the buffer to the writer and take a free one; the writer
 * takes full buffers in that order, collects the partly filled ones with {@link #handOver()}, and
 * gives buffers back once their rows are committed or spooled.
 */
final class SampleQueue {
  /** {@link #offer} found no free buffer in time: nothing was copied. */
  static final int FULL = -1;

  private static final int STRIPES = 2 * Runtime.getRuntime().availableProcessors();

  /** A pooled buffer and what the lag gauge and the backlog read of it without a lock. */
  private static final class Buffer {
    final SampleBatch samples;

    /** System.nanoTime() of its first sample; 0 while empty. */
    volatile long since;

    volatile int size;

    Buffer(int capacity) {
      samples = new SampleBatch(capacity);
    }
  }

  /** One caller-side lock and the buffer being filled under it. */
  private static final class Stripe {
    Buffer filling;
  }

  private final int bufferSamples;
  private final int pointCount;
  private final Buffer[] buffers;
  private final Map<SampleBatch, Buffer> bySamples = new IdentityHashMap<>();
  private final Stripe[] stripes;

  // guarded by this: buffer exchange between stripes and writer
  private final ArrayDeque<Buffer> free = new ArrayDeque<>();
  private final ArrayDeque<Buffer> full = new ArrayDeque<>();
  private long handedOver;
  private boolean wakeUp;

  /** System.nanoTime() when the writer last took or released a buffer. */
  private long writerProgress = System.nanoTime();

  /**
   * @param buffers how many buffers exist; when all are in use, {@link #offer} refuses
   * @param bufferSamples a buffer goes to the writer once it holds this many samples
   * @param pointCount samples must address a point index below this
   */
  SampleQueue(int buffers, int bufferSamples, int pointCount) {
    this.bufferSamples = bufferSamples;
    this.pointCount = pointCount;
    this.buffers = new Buffer[buffers];
    for (int i = 0; i < buffers; i++) {
      this.buffers[i] = new Buffer(bufferSamples);
      bySamples.put(this.buffers[i].samples, this.buffers[i]);
      free.add(this.buffers[i]);
    }
    stripes = new Stripe[Math.max(1, Math.min(STRIPES, buffers / 2))];
    for (int i = 0; i < stripes.length; i++) {
      stripes[i] = new Stripe();
    }
  }

  /**
   * Copies the batch's valid samples (a known point index, a time from 1970 on) into the caller's
   * stripe, checking and copying in one pass. When the stripe's buffer has no room, takes a free
   * one, waiting for the writer to release one for as long as the writer keeps taking or releasing
   * buffers: the caller gives up only once the writer has done neither for {@code stallNanos} (and
   * at once when that is 0).
   *
   * @return how many samples were left out as invalid, or {@link #FULL} when no buffer was free in
   *     time (nothing was copied)
   */
  int offer(SampleBatch batch, long stallNanos) {
    Stripe stripe = stripes[(int) (Thread.currentThread().getId() % stripes.length)];
    synchronized (stripe) {
      if (fits(stripe, batch)) {
        return copy(stripe, batch);
      }
    }
    // wait for a buffer without holding the stripe: others on it may still fit theirs
    Buffer fresh = takeFree(stallNanos);
    if (fresh == null) {
      return FULL;
    }
    synchronized (stripe) {
      if (fits(stripe, batch)) {
        // another caller replaced the stripe's buffer meanwhile
        release(fresh);
      } else {
        if (stripe.filling != null) {
          handOver(stripe.filling);
        }
        stripe.filling = fresh;
      }
      return copy(stripe, batch);
    }
  }

  private boolean fits(Stripe stripe, SampleBatch batch) {
    return stripe.filling != null && stripe.filling.size + batch.size() <= bufferSamples;
  }

  /** Copies the valid samples into the stripe's buffer; hands the buffer over once it is full. */
  private int copy(Stripe stripe, SampleBatch batch) {
    Buffer buffer = stripe.filling;
    SampleBatch into = buffer.samples;
    if (into.isEmpty()) {
      buffer.since = System.nanoTime();
    }
    int rejected = 0;
    for (int i = 0; i < batch.size(); i++) {
      int point = batch.point(i);
      if (point >= 0 && point < pointCount && batch.timeMicros(i) >= 0) {
        into.addFrom(batch, i);
      } else {
        rejected++;
      }
    }
    buffer.size = into.size();
    if (into.size() >= bufferSamples) {
      handOver(buffer);
      stripe.filling = null;
    }
    return rejected;
  }

  /**
   * A free buffer, waiting while the writer makes progress: until {@code stallNanos} after the
   * later of this call and the writer's last take or release.
   */
  private synchronized Buffer takeFree(long stallNanos) {
    long start = System.nanoTime();
    while (free.isEmpty()) {
      long since = writerProgress - start > 0 ? writerProgress : start;
      long left = since + stallNanos - System.nanoTime();
      if (left <= 0 || !awaitRelease(left)) {
        return null;
      }
    }
    return free.poll();
  }

  /**
   * The next full buffer to write, in hand-over order. Waits until the deadline or a {@link
   * #wakeWriter()}; null if none was handed over by then.
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
      return null;
    }
    return poll();
  }

  /** The next handed-over buffer without waiting; null if none. */
  synchronized SampleBatch poll() {
    Buffer next = full.poll();
    if (next == null) {
      return null;
    }
    writerProgress = System.nanoTime();
    return next.samples;
  }

  /**
   * Hands every partly filled buffer to the writer.
   *
   * @return how many buffers have been handed over since the start: once the writer has taken that
   *     many, it has taken every sample appended before this call
   */
  long handOver() {
    for (Stripe stripe : stripes) {
      synchronized (stripe) {
        if (stripe.filling != null) {
          handOver(stripe.filling);
          stripe.filling = null;
        }
      }
    }
    synchronized (this) {
      return handedOver;
    }
  }

  /** Makes the writer's {@link #take} return now, with null when no full buffer waits. */
  synchronized void wakeWriter() {
    wakeUp = true;
    notifyAll();
  }

  /** System.nanoTime() when the first sample was copied into a buffer not yet released. */
  long since(SampleBatch samples) {
    return bySamples.get(samples).since;
  }

  /** Returns a buffer whose rows are taken over, committed or spooled; wakes a caller waiting. */
  void release(SampleBatch samples) {
    release(bySamples.get(samples));
  }

  private synchronized void release(Buffer buffer) {
    writerProgress = System.nanoTime();
    buffer.samples.clear();
    buffer.size = 0;
    buffer.since = 0;
    free.add(buffer);
    notifyAll();
  }

  /** Queues a buffer for the writer (an empty one goes back to the pool). */
  private synchronized void handOver(Buffer buffer) {
    if (buffer.size == 0) {
      free.add(buffer);
      return;
    }
    full.add(buffer);
    handedOver++;
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

  /** Samples copied in and not yet released: being filled, waiting, written or awaiting commit. */
  long samples() {
    long samples = 0;
    for (Buffer buffer : buffers) {
      samples += buffer.size;
    }
    return samples;
  }

  /** Nanoseconds since the oldest sample not yet released was copied in; 0 when there is none. */
  long oldestAgeNanos(long nowNanos) {
    long oldest = 0;
    for (Buffer buffer : buffers) {
      long since = buffer.since;
      if (since != 0 && (oldest == 0 || since - oldest < 0)) {
        oldest = since;
      }
    }
    return oldest == 0 ? 0 : nowNanos - oldest;
  }
}
