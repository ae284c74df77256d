package io.helan.historian;

import io.helan.driver.SampleBatch;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The historian's writer thread, shared by the embedded and the external sink. Callers' batches are
 * copied into the {@link SampleQueue}; the thread writes them through a {@link RowWriter} and
 * commits after its {@link CommitPolicy}: at the end of each cycle of the {@link CommitCadence}'s
 * interval, and whenever the rows taken since the last commit reach the cadence's rows. Each
 * transaction holds its rows in time order and holds back the rows of the last {@value
 * #HOLD_MILLIS} ms ({@link TimeOrder}), so that QuestDB appends it instead of merging it into the
 * one before; a flush or a close commits everything.
 *
 * <p>Whatever cannot be written goes to the {@link SampleSpool}: batches that find the queue full
 * while the writer is stalled or the database failing, and transactions that fail (database down,
 * disk error); a queue full behind a working writer makes callers wait instead. While the spool
 * holds samples, new batches go to its end too, so that samples reach the table in the order they
 * were appended: a burst or an outage then costs a trip through the disk but no out-of-order merges
 * in QuestDB. The writer replays the spool oldest segment first, one per cycle and without waiting,
 * until it is empty; then batches take the memory queue again.
 */
final class HistorianWriter implements AutoCloseable {
  /**
   * A caller that finds the queue full waits while the writer takes or releases buffers; it spools
   * once the writer has done neither for this long (a hung database).
   */
  static final long WRITER_STALL_MILLIS = 5_000;

  private static final long WRITER_STALL_NANOS = TimeUnit.MILLISECONDS.toNanos(WRITER_STALL_MILLIS);

  /** 64 buffers of 16 Ki samples: about 1 M samples (23 MB) in memory before spilling to disk. */
  static final int QUEUE_BUFFERS = 64;

  static final int BUFFER_SAMPLES = 16_384;

  /**
   * Rows stamped within this long of now wait for the next commit: a sample reaches the historian
   * within a poll's request timeout (at most the poll interval, 1 s by default) of its time.
   */
  static final long HOLD_MILLIS = 1_000;

  private static final long HOLD_NANOS = TimeUnit.MILLISECONDS.toNanos(HOLD_MILLIS);

  private static final Logger LOG = LoggerFactory.getLogger(HistorianWriter.class);
  private static final long RETRY_NANOS = TimeUnit.SECONDS.toNanos(1);
  private static final long PROBLEM_LOG_NANOS = TimeUnit.SECONDS.toNanos(10);
  private static final Duration VISIBLE_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(60);

  private final RowWriter rows;
  private final SampleQueue queue;
  private final SampleSpool spool;
  private final int pointCount;
  private final CommitPolicy policy;
  private final Executor visibilityWaits;
  private final Thread thread;
  private final ConcurrentLinkedQueue<FlushRequest> flushes = new ConcurrentLinkedQueue<>();
  private final AtomicLong nextProblemLog = new AtomicLong(System.nanoTime());

  /** Set by close, or when the writer thread dies: from then on appends go to the spool. */
  private volatile boolean closing;

  private volatile boolean spooling;
  private boolean closed;

  // writer thread state
  /** Rows taken from the queue and not yet committed: held back for time order, or not due yet. */
  private SampleBatch pending = new SampleBatch(BUFFER_SAMPLES);

  /** The rows of the transaction being written, in time order. */
  private final SampleBatch transaction = new SampleBatch(BUFFER_SAMPLES);

  private final TimeOrder timeOrder = new TimeOrder();
  private final SampleBatch replay;

  /** Rows taken since the last commit: the cadence's row limit counts these. */
  private long uncommittedRows;

  private long taken;

  /** Size of {@link #pending}, for the backlog gauge on other threads. */
  private volatile int pendingRows;

  /** System.nanoTime() when the oldest pending row was copied into the queue; 0 when none. */
  private volatile long pendingSince;

  /** Written by the writer thread; read by callers of append to decide whether to wait. */
  private volatile boolean healthy = true;

  private long retryAt;

  private final MeterRegistry registry;
  private final List<Meter> meters = new ArrayList<>();
  private final Counter rowsWritten;
  private final Counter samplesSpooled;
  private final Counter samplesRejected;
  private final Counter samplesLost;
  private final Timer commitTime;
  private final DistributionSummary commitRows;

  /** A flush waiting for the writer: first for its buffers, then for the spool before it. */
  private static final class FlushRequest {
    final CompletableFuture<Void> done = new CompletableFuture<>();
    final long buffers;
    long spoolMark = -1;

    FlushRequest(long buffers) {
      this.buffers = buffers;
    }
  }

  /**
   * @param sink the sink's name for thread and metric tags ({@code embedded}, {@code external})
   * @param pointCount samples must address a point index below this (the queue checks it too)
   * @param visibilityWaits where a flush waits for its rows to become visible, off the writer
   *     thread
   */
  HistorianWriter(
      String sink,
      RowWriter rows,
      SampleQueue queue,
      SampleSpool spool,
      int pointCount,
      CommitCadence cadence,
      MeterRegistry registry,
      Executor visibilityWaits) {
    this.rows = rows;
    this.queue = queue;
    this.spool = spool;
    this.pointCount = pointCount;
    this.policy = new CommitPolicy(cadence, System::nanoTime);
    this.replay = new SampleBatch(cadence.rows());
    this.visibilityWaits = visibilityWaits;
    this.registry = registry;
    Tags tags = Tags.of("sink", sink);
    rowsWritten =
        register(
            Counter.builder("helan.historian.rows.written")
                .description("Rows committed to QuestDB")
                .tags(tags)
                .register(registry));
    samplesSpooled =
        register(
            Counter.builder("helan.historian.samples.spooled")
                .description("Samples written to the disk spool (queue full or database failing)")
                .tags(tags)
                .register(registry));
    samplesRejected =
        register(
            Counter.builder("helan.historian.samples.rejected")
                .description("Samples refused for an unknown point index or a time before 1970")
                .tags(tags)
                .register(registry));
    samplesLost =
        register(
            Counter.builder("helan.historian.samples.lost")
                .description("Samples that could be neither written nor spooled")
                .tags(tags)
                .register(registry));
    commitTime =
        register(
            Timer.builder("helan.historian.commit")
                .description("Time to commit one transaction")
                .tags(tags)
                .register(registry));
    commitRows =
        register(
            DistributionSummary.builder("helan.historian.commit.rows")
                .description("Rows per committed transaction")
                .tags(tags)
                .register(registry));
    register(
        Gauge.builder("helan.historian.backlog", this, HistorianWriter::backlog)
            .description("Samples not yet committed: in the queue, being written, or spooled")
            .tags(tags)
            .register(registry));
    register(
        Gauge.builder("helan.historian.commit.lag", this, HistorianWriter::lagSeconds)
            .description("Age of the oldest sample in memory that is not committed yet")
            .baseUnit("seconds")
            .tags(tags)
            .register(registry));
    thread = new Thread(this::run, "historian-writer-" + sink);
    thread.setDaemon(true);
  }

  /** A writer with the standard queue and a spool in {@code spoolDir}. */
  static HistorianWriter create(
      String sink,
      RowWriter rows,
      List<String> pointIds,
      Path spoolDir,
      CommitCadence cadence,
      MeterRegistry registry,
      Executor visibilityWaits) {
    SampleSpool spool;
    try {
      spool = new SampleSpool(spoolDir, pointIds, cadence.rows());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the historian spool " + spoolDir, e);
    }
    return new HistorianWriter(
        sink,
        rows,
        new SampleQueue(QUEUE_BUFFERS, BUFFER_SAMPLES, pointIds.size()),
        spool,
        pointIds.size(),
        cadence,
        registry,
        visibilityWaits);
  }

  void start() {
    thread.start();
  }

  /**
   * Copies the batch's valid samples into the queue, or to the end of the spool when the spool is
   * in use or the queue stays full. While the database takes writes, a caller that finds the queue
   * full waits for the writer to free a buffer for as long as the writer makes progress (takes or
   * releases a buffer at least every {@value #WRITER_STALL_MILLIS} ms): a burst or a slow database
   * slows the callers down instead of sending the samples through the disk twice (spool, then
   * table). Once the writer stalls that long, or while the database fails, the caller does not wait
   * and the samples go to the spool. Callers are driver threads, never event loops.
   */
  void append(SampleBatch batch) {
    if (batch.isEmpty()) {
      return;
    }
    if (closing) {
      spool(validSamples(batch), "the historian is closed");
    } else if (!spool.isEmpty()) {
      spool(validSamples(batch), "earlier samples are spooled");
    } else {
      int rejected = queue.offer(batch, healthy ? WRITER_STALL_NANOS : 0);
      if (rejected == SampleQueue.FULL) {
        if (!spooling) {
          spooling = true;
          LOG.warn(
              "Historian queue full: samples go through the disk spool until the writer catches"
                  + " up");
        }
        spool(validSamples(batch), "the queue is full");
      } else if (rejected > 0) {
        rejected(rejected);
      }
    }
  }

  /**
   * Completes when every sample appended before the call is committed (spooled ones included) and
   * visible to queries. While the database cannot be written, it stays pending.
   */
  synchronized CompletableFuture<Void> flush() {
    FlushRequest request = new FlushRequest(queue.handOver());
    queue.wakeWriter();
    flushes.add(request);
    if (closing) {
      request.done.completeExceptionally(new IllegalStateException("historian closed"));
    }
    return request.done;
  }

  /** Samples not yet committed: in the queue, being written, or spooled. */
  long backlog() {
    return queue.samples() + pendingRows + spool.rows();
  }

  /** Age of the oldest sample not yet committed: in the queue's buffers or pending. */
  private double lagSeconds() {
    long now = System.nanoTime();
    long since = pendingSince;
    long pendingAge = since == 0 ? 0 : now - since;
    return Math.max(queue.oldestAgeNanos(now), pendingAge) / 1e9;
  }

  /** Writes and commits what is queued (or spools it if the database fails), then stops. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    closing = true;
    queue.wakeWriter();
    try {
      thread.join(CLOSE_TIMEOUT.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      LOG.error("Historian writer did not stop within {}", CLOSE_TIMEOUT);
    }
    try {
      spool.close();
    } catch (IOException e) {
      LOG.warn("Could not close the spool", e);
    }
    meters.forEach(registry::remove);
  }

  private void run() {
    try {
      while (true) {
        // with a spool to replay, do not sit waiting for new samples
        SampleBatch buffer = queue.take(replayDue() ? System.nanoTime() : policy.cycleEnd());
        if (buffer != null) {
          taken++;
          write(buffer);
        }
        if (buffer == null || policy.cycleOver() || flushDue()) {
          // end of the cycle (or a flush or close woke the writer): commit all appended by now,
          // the last moments' rows only for a flush or a close
          writeHandedOver(queue.handOver());
          commit(closing || !flushes.isEmpty());
          if (closing && buffer == null) {
            break;
          }
          replayOldestSegment();
          answerFlushes();
          policy.startCycle();
        } else if (policy.rowsDue(uncommittedRows)) {
          commit(false);
        }
      }
      answerFlushes();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException | Error e) {
      LOG.error("Historian writer stopped; appended samples go to the spool only", e);
      closing = true;
      throw e;
    } finally {
      spoolUncommitted();
      spoolQueued();
      rows.close();
      for (FlushRequest request : flushes) {
        request.done.completeExceptionally(
            new IllegalStateException("historian closed before the flush completed"));
      }
    }
  }

  /**
   * Writes the buffers up to the given hand-over count (the partly filled ones included),
   * committing whenever the transaction reaches the cadence's rows.
   */
  private void writeHandedOver(long handedOver) {
    SampleBatch buffer;
    while (taken < handedOver && (buffer = queue.poll()) != null) {
      taken++;
      write(buffer);
      if (policy.rowsDue(uncommittedRows)) {
        commit(false);
      }
    }
  }

  private void write(SampleBatch buffer) {
    if (!healthy && System.nanoTime() - retryAt < 0) {
      spool(buffer, "the database is failing");
      queue.release(buffer);
      return;
    }
    if (pending.isEmpty()) {
      pendingSince = queue.since(buffer);
    }
    for (int i = 0; i < buffer.size(); i++) {
      pending.addFrom(buffer, i);
    }
    pendingRows = pending.size();
    uncommittedRows += buffer.size();
    queue.release(buffer);
  }

  /**
   * Writes and commits the pending rows that are due, in time order: all of them, or those stamped
   * up to {@link #HOLD_MILLIS} before now (and any stamped after now).
   */
  private void commit(boolean everything) {
    uncommittedRows = 0;
    if (pending.isEmpty()) {
      return;
    }
    long nowMicros = System.currentTimeMillis() * 1_000;
    long cutoff = everything ? Long.MAX_VALUE : nowMicros - HOLD_MILLIS * 1_000;
    // the common case of a burst or a backfill in order: written as it is, without a copy
    SampleBatch rowsDue = pending;
    if (!TimeOrder.allDueInOrder(pending, cutoff, nowMicros)) {
      pending = timeOrder.takeDue(pending, cutoff, nowMicros, transaction);
      rowsDue = transaction;
    }
    if (rowsDue.isEmpty()) {
      return;
    }
    long start = System.nanoTime();
    try {
      rows.write(rowsDue);
      rows.commit();
      committed(rowsDue.size(), start);
      rowsDue.clear();
    } catch (RuntimeException e) {
      failed(e);
    } finally {
      pendingRows = pending.size();
      // rows held back were stamped, and so arrived, within the hold
      pendingSince = pending.isEmpty() ? 0 : System.nanoTime() - HOLD_NANOS;
    }
  }

  private boolean replayDue() {
    return !spool.isEmpty() && (healthy || System.nanoTime() - retryAt >= 0);
  }

  /** Replays the oldest spool segment in a transaction of its own, deleting it once committed. */
  private void replayOldestSegment() {
    if (!replayDue()) {
      return;
    }
    long segment;
    try {
      segment = spool.sealOldest();
      if (segment < 0) {
        return;
      }
      spool.read(segment, replay);
    } catch (IOException e) {
      setAside(e);
      return;
    }
    long start = System.nanoTime();
    int replayed = replay.size();
    try {
      rows.write(replay);
      rows.commit();
    } catch (RuntimeException e) {
      failed(e);
      return;
    } finally {
      replay.clear();
    }
    committed(replayed, start);
    try {
      spool.delete(segment);
    } catch (IOException e) {
      // replaying it again later is harmless: the table deduplicates
      LOG.warn("Could not delete replayed spool segment {}", segment, e);
    }
    if (spooling && spool.isEmpty()) {
      spooling = false;
      LOG.info("Historian writer caught up: the spool is empty");
    }
  }

  private void committed(long rowCount, long startNanos) {
    commitTime.record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
    rowsWritten.increment(rowCount);
    commitRows.record(rowCount);
    if (!healthy) {
      healthy = true;
      LOG.info("Historian writes work again; replaying {} spooled samples", spool.rows());
    }
  }

  /** Drops the failed transaction: its rows go to the spool, the next write retries later. */
  private void failed(RuntimeException e) {
    if (healthy) {
      LOG.warn(
          "Historian cannot write to QuestDB ({}); spooling to disk and retrying every {} s",
          e.getMessage(),
          TimeUnit.NANOSECONDS.toSeconds(RETRY_NANOS),
          e);
    }
    healthy = false;
    retryAt = System.nanoTime() + RETRY_NANOS;
    try {
      rows.reset();
    } catch (RuntimeException resetFailure) {
      LOG.debug("Resetting the row writer failed", resetFailure);
    }
    spoolUncommitted();
  }

  /** Spools the failed transaction's rows and the pending ones, in that order. */
  private void spoolUncommitted() {
    if (!transaction.isEmpty()) {
      spool(transaction, "the database is failing");
      transaction.clear();
    }
    if (!pending.isEmpty()) {
      spool(pending, "the database is failing");
      pending.clear();
      pendingRows = 0;
      pendingSince = 0;
    }
    uncommittedRows = 0;
  }

  /** Spools what is still queued when the writer stops, so that nothing is left in memory. */
  private void spoolQueued() {
    queue.handOver();
    SampleBatch buffer;
    while ((buffer = queue.poll()) != null) {
      spool(buffer, "the historian is closed");
      queue.release(buffer);
    }
  }

  private void spool(SampleBatch batch, String reason) {
    try {
      spool.append(batch);
      samplesSpooled.increment(batch.size());
    } catch (IOException e) {
      samplesLost.increment(batch.size());
      if (mayLogProblem()) {
        LOG.error("Lost {} samples: {} and the spool cannot be written", batch.size(), reason, e);
      }
    }
  }

  private void setAside(IOException e) {
    long segment = spool.oldestSegment();
    LOG.error("Spool segment {} is unreadable; moved to unreadable/", segment, e);
    try {
      spool.setAside(segment);
    } catch (IOException moveFailure) {
      LOG.error("Could not move spool segment {} aside", segment, moveFailure);
    }
  }

  private boolean flushDue() {
    FlushRequest first = flushes.peek();
    return first != null && first.spoolMark < 0 && taken >= first.buffers;
  }

  /**
   * Completes the flushes whose samples are all committed: their buffers are taken (and, the cycle
   * being over, committed or spooled) and every spool segment that existed then is replayed.
   */
  private void answerFlushes() {
    Iterator<FlushRequest> pending = flushes.iterator();
    while (pending.hasNext()) {
      FlushRequest request = pending.next();
      if (request.spoolMark < 0) {
        if (taken < request.buffers) {
          return;
        }
        request.spoolMark = spool.newestSegment();
      }
      if (spool.oldestSegment() <= request.spoolMark) {
        return;
      }
      pending.remove();
      completeWhenVisible(request.done);
    }
  }

  private void completeWhenVisible(CompletableFuture<Void> done) {
    try {
      visibilityWaits.execute(
          () -> {
            try {
              rows.awaitVisible(VISIBLE_TIMEOUT);
              done.complete(null);
            } catch (RuntimeException e) {
              done.completeExceptionally(e);
            }
          });
    } catch (RejectedExecutionException e) {
      done.completeExceptionally(e);
    }
  }

  /**
   * The batch itself when every sample is valid (a known point index, a time from 1970 on), else a
   * copy without the others; allocates, but only for a faulty batch on the way to the spool.
   */
  private SampleBatch validSamples(SampleBatch batch) {
    SampleBatch valid = null;
    for (int i = 0; i < batch.size(); i++) {
      boolean ok = batch.point(i) >= 0 && batch.point(i) < pointCount && batch.timeMicros(i) >= 0;
      if (!ok && valid == null) {
        valid = new SampleBatch(batch.size());
        for (int j = 0; j < i; j++) {
          valid.addFrom(batch, j);
        }
      } else if (ok && valid != null) {
        valid.addFrom(batch, i);
      }
    }
    if (valid == null) {
      return batch;
    }
    rejected(batch.size() - valid.size());
    return valid;
  }

  private void rejected(int count) {
    samplesRejected.increment(count);
    if (mayLogProblem()) {
      LOG.warn(
          "Historian refused {} samples with an unknown point index or a time before 1970", count);
    }
  }

  /** Limits repeated problem reports to one per {@link #PROBLEM_LOG_NANOS}. */
  private boolean mayLogProblem() {
    long now = System.nanoTime();
    long next = nextProblemLog.get();
    return now - next >= 0 && nextProblemLog.compareAndSet(next, now + PROBLEM_LOG_NANOS);
  }

  private <M extends Meter> M register(M meter) {
    meters.add(meter);
    return meter;
  }
}
