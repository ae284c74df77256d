package io.helan.driver.link;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a device link runs: its blocking I/O, polls, reconnects and commands run one at a time, in
 * the order given, so they never overlap on the connection. Links do not own a thread: they take
 * turns on one small pool of {@value #DEFAULT_THREADS} threads shared by every link of the process
 * ({@code -Dhelan.link.threads=N} to change), scheduled by their poll periods, so a thousand
 * devices cost no more threads than ten.
 *
 * <p>The trade-off: a device that hangs until its timeout holds one pool thread for that long, so
 * as many hung devices as the pool has threads, all at once, delay the others' polls (a refused
 * connection returns at once and holds nothing). Once stopped, the link takes no more work.
 */
public final class LinkThread {
  private static final Logger log = LoggerFactory.getLogger(LinkThread.class);

  static final int DEFAULT_THREADS = 16;

  /** Tasks run in one turn before the link gives its pool thread to the next link. */
  private static final int TASKS_PER_TURN = 8;

  private static final ScheduledThreadPoolExecutor POOL = newPool();

  /** Links with work queued and no pool thread yet: how far behind the pool is. */
  private static final AtomicInteger WAITING = new AtomicInteger();

  private final String deviceId;
  private final Object lock = new Object();

  /** The periodic timers, cancelled on stop. */
  private final Set<ScheduledFuture<?>> timers = ConcurrentHashMap.newKeySet();

  private final CountDownLatch ended = new CountDownLatch(1);

  // guarded by lock
  private final Queue<Runnable> tasks = new ArrayDeque<>();
  private boolean turnTaken;
  private boolean accepting = true;

  private volatile boolean stopped;

  /** The thread running this link's turn, to interrupt one that outstays its stop. */
  private volatile Thread runner;

  /** A link of the driver to the device, for log messages. */
  public LinkThread(String driver, String deviceId) {
    this.deviceId = driver + " " + deviceId;
  }

  /** Links of this process that have work waiting for a pool thread just now. */
  public static int linksWaiting() {
    return WAITING.get();
  }

  /** The threads all links share. */
  static int poolThreads() {
    return POOL.getCorePoolSize();
  }

  /** Whether {@link #stop} was called. */
  public boolean isStopped() {
    return stopped;
  }

  /** Runs the link's first task. */
  public void start(Runnable task) {
    enqueue(task);
  }

  /**
   * Runs {@code task} with a future for it to complete; if the link is stopped, the future fails at
   * once instead.
   */
  public <T> CompletableFuture<T> submit(Consumer<CompletableFuture<T>> task) {
    CompletableFuture<T> result = new CompletableFuture<>();
    try {
      enqueue(() -> task.accept(result));
    } catch (RejectedExecutionException e) {
      result.completeExceptionally(new IllegalStateException("link to " + deviceId + " closed"));
    }
    return result;
  }

  /**
   * Runs {@code task} (a callback from another thread) soon, or drops it if the link is stopped.
   */
  public void runSoon(Runnable task) {
    try {
      enqueue(task);
    } catch (RejectedExecutionException e) {
      log.trace("link to {} closed, dropping a callback", deviceId);
    }
  }

  /** Runs {@code task} after the delay, unless the link is stopped by then. */
  public void schedule(Runnable task, long delayMs) {
    if (stopped) {
      return;
    }
    // a timer that fires after the stop finds the link stopped and drops its task
    POOL.schedule(
        () -> {
          if (!stopped) {
            runSoon(task);
          }
        },
        delayMs,
        TimeUnit.MILLISECONDS);
  }

  /**
   * Runs {@code task} every period, the first time one period from now; a run that is still waiting
   * for its turn when the next is due is not queued twice.
   *
   * @throws RejectedExecutionException if the link is stopped
   */
  public ScheduledFuture<?> scheduleEvery(Runnable task, long periodMs) {
    if (stopped) {
      throw new RejectedExecutionException("link to " + deviceId + " closed");
    }
    AtomicBoolean pending = new AtomicBoolean();
    ScheduledFuture<?> timer =
        POOL.scheduleAtFixedRate(
            () -> {
              if (!stopped && pending.compareAndSet(false, true)) {
                runSoon(
                    () -> {
                      pending.set(false);
                      task.run();
                    });
              }
            },
            periodMs,
            periodMs,
            TimeUnit.MILLISECONDS);
    timers.removeIf(ScheduledFuture::isDone);
    timers.add(timer);
    if (stopped) {
      timer.cancel(false);
    }
    return timer;
  }

  /**
   * Stops taking work without waiting: {@code last} (closing the connection) runs after the tasks
   * already queued; pending polls and reconnects are dropped. Only the first call counts.
   */
  public void stop(Runnable last) {
    synchronized (lock) {
      if (stopped) {
        return;
      }
      stopped = true;
      tasks.add(
          () -> {
            try {
              last.run();
            } finally {
              ended.countDown();
            }
          });
      accepting = false;
    }
    timers.forEach(timer -> timer.cancel(false));
    timers.clear();
    takeTurnIfIdle();
  }

  /** Waits up to {@code timeoutMs} for the link's last task to end, then interrupts it. */
  public void awaitStopped(long timeoutMs) {
    try {
      if (!ended.await(timeoutMs, TimeUnit.MILLISECONDS)) {
        Thread stuck = runner;
        if (stuck != null) {
          stuck.interrupt();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void enqueue(Runnable task) {
    synchronized (lock) {
      if (!accepting) {
        throw new RejectedExecutionException("link to " + deviceId + " closed");
      }
      tasks.add(task);
    }
    takeTurnIfIdle();
  }

  private void takeTurnIfIdle() {
    synchronized (lock) {
      if (turnTaken || tasks.isEmpty()) {
        return;
      }
      turnTaken = true;
    }
    WAITING.incrementAndGet();
    POOL.execute(this::turn);
  }

  /** Runs queued tasks on a pool thread, a few at most, then lets the next link have the thread. */
  private void turn() {
    WAITING.decrementAndGet();
    runner = Thread.currentThread();
    try {
      for (int i = 0; i < TASKS_PER_TURN; i++) {
        Runnable task;
        synchronized (lock) {
          task = tasks.poll();
        }
        if (task == null) {
          break;
        }
        try {
          task.run();
        } catch (RuntimeException e) {
          log.error("Task of the link to {} failed", deviceId, e);
        }
      }
    } finally {
      runner = null;
      // an interrupt meant for this link must not reach the next link on this thread
      Thread.interrupted();
      synchronized (lock) {
        turnTaken = false;
      }
      takeTurnIfIdle();
    }
  }

  private static ScheduledThreadPoolExecutor newPool() {
    int threads = Integer.getInteger("helan.link.threads", DEFAULT_THREADS);
    AtomicInteger number = new AtomicInteger();
    ScheduledThreadPoolExecutor pool =
        new ScheduledThreadPoolExecutor(
            Math.max(1, threads),
            runnable -> {
              Thread thread = Executors.defaultThreadFactory().newThread(runnable);
              thread.setName("helan-link-" + number.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    // poll timers are cancelled often; do not let them pile up in the queue
    pool.setRemoveOnCancelPolicy(true);
    return pool;
  }
}
