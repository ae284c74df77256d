package io.helan.historian;

import io.helan.config.Point;
import io.helan.driver.SampleBatch;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Keeps every sample: writes batches to QuestDB on its own thread and answers history queries. A
 * write that cannot be made now is spooled to disk and replayed, so an outage loses nothing.
 */
public interface Historian extends AutoCloseable {

  /** Creates tables if needed and starts the writer. */
  void start();

  /**
   * Copies the batch into the write queue; the caller may reuse the batch. When the queue is full
   * and the database is writing, the caller waits briefly (at most a few hundred ms) for room; when
   * it stays full, the database fails, or earlier samples wait in the disk spool, the batch is
   * appended to the spool instead (a buffered file write on the caller's thread). Never call it on
   * an event loop.
   */
  void append(SampleBatch batch);

  /**
   * Completes when every sample appended before this call is committed and visible to queries.
   * While the database cannot be written it stays pending; callers bound the wait.
   */
  CompletableFuture<Void> flush();

  /**
   * Rows per step (SAMPLE BY, aligned to the UTC calendar) of one point between from (inclusive)
   * and to (exclusive), counting good samples only; steps without any are left out. The step must
   * be a whole number of seconds. Runs on the historian's query threads.
   */
  CompletableFuture<List<HistoryRow>> history(Point point, Instant from, Instant to, Duration step);

  /**
   * Per step (SAMPLE BY, aligned to the UTC calendar) of one point between from (inclusive) and to
   * (exclusive): count, mean and sample variance of the valid samples (good quality, flag N); steps
   * without any are left out. The step must be a whole number of seconds. Runs on the historian's
   * query threads.
   */
  CompletableFuture<List<StepStatistics>> validStatistics(
      Point point, Instant from, Instant to, Duration step);

  /**
   * The stored samples of one point with {@code from <= time < to}, at most {@code limit}, oldest
   * first, or newest first when {@code newestFirst}.
   */
  CompletableFuture<List<RawSample>> raw(
      Point point, Instant from, Instant to, int limit, boolean newestFirst);

  /**
   * Per point and clock hour between from (inclusive) and to (exclusive): the mean of the minute
   * means of the valid samples and the count of minutes with one (the input of validated hourly
   * means), in one query for all the points. Hours without any valid sample are left out.
   */
  CompletableFuture<List<HourlyValidMean>> validHourlyMeans(
      Collection<Point> points, Instant from, Instant to);

  /** Total rows stored for the point, for health checks and tests. */
  CompletableFuture<Long> count(Point point);

  /** Samples not yet committed: in the queue, being written, or in the spool. */
  long backlog();

  @Override
  void close();
}
