package io.helan.historian;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The historian's query threads: history queries and flushes waiting for visibility run here, never
 * on the caller's thread (an event loop, a driver). A bounded backlog refuses a flood of queries
 * instead of queueing it without limit.
 */
final class QueryWorkers implements Executor, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(QueryWorkers.class);
  private static final int THREADS = 2;
  private static final int BACKLOG = 256;

  private final ThreadPoolExecutor pool;

  QueryWorkers(String sink) {
    AtomicInteger count = new AtomicInteger();
    pool =
        new ThreadPoolExecutor(
            THREADS,
            THREADS,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(BACKLOG),
            task -> {
              Thread thread =
                  new Thread(task, "historian-query-" + sink + "-" + count.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
  }

  /** Runs the query on a worker; a full backlog fails the future at once. */
  <T> CompletableFuture<T> submit(Callable<T> query) {
    CompletableFuture<T> result = new CompletableFuture<>();
    try {
      pool.execute(
          () -> {
            try {
              result.complete(query.call());
            } catch (Exception | Error e) {
              result.completeExceptionally(e);
            }
          });
    } catch (RejectedExecutionException e) {
      result.completeExceptionally(
          new RejectedExecutionException("historian busy: too many queries"));
    }
    return result;
  }

  @Override
  public void execute(Runnable task) {
    pool.execute(task);
  }

  /** Lets running queries and visibility waits finish, then stops the threads. */
  @Override
  public void close() {
    pool.shutdown();
    try {
      if (!pool.awaitTermination(30, TimeUnit.SECONDS)) {
        LOG.warn("Historian queries still running after 30 s; interrupting them");
        pool.shutdownNow();
      }
    } catch (InterruptedException e) {
      pool.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
