package io.helan.driver.link;

import io.helan.config.Device;
import io.helan.config.Point;
import io.helan.driver.DataFlag;
import io.helan.driver.LinkListener;
import io.helan.driver.LinkState;
import io.helan.driver.Quality;
import io.helan.driver.SampleBatch;
import io.helan.driver.SampleSink;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one link's state and tells its sink and listener what the link reads and how its state
 * changes. A failing sink or listener is logged, never thrown at the link: it must keep running.
 */
public final class LinkReporter {
  private static final Logger log = LoggerFactory.getLogger(LinkReporter.class);

  private final Device device;
  private final SampleSink sink;
  private final LinkListener listener;
  private volatile LinkState state = LinkState.CONNECTING;

  public LinkReporter(Device device, SampleSink sink, LinkListener listener) {
    this.device = device;
    this.sink = sink;
    this.listener = listener;
  }

  public Device device() {
    return device;
  }

  public LinkState state() {
    return state;
  }

  /** Moves to {@code next} and tells the listener, unless the link is in that state already. */
  public void changeState(LinkState next, String reason) {
    if (state == next) {
      return;
    }
    state = next;
    try {
      listener.onLinkState(device, next, reason);
    } catch (RuntimeException e) {
      log.error("link listener failed for {}", device.id(), e);
    }
  }

  /** Tells the listener how long a completed read took. */
  public void reportRead(long roundTripNanos) {
    try {
      listener.onRead(device, roundTripNanos);
    } catch (RuntimeException e) {
      log.error("link listener failed for {}", device.id(), e);
    }
  }

  public void deliver(SampleBatch batch) {
    try {
      sink.accept(batch);
    } catch (RuntimeException e) {
      log.error("sample sink failed for {}", device.id(), e);
    }
  }

  /**
   * The first time after a good spell (or the first attempt): every point BAD_COMMUNICATION, the
   * link DISCONNECTED. Repeated failures while down report nothing more.
   */
  public void reportLost(String reason) {
    if (state == LinkState.DISCONNECTED) {
      return;
    }
    log.warn("link to {} lost: {}", device.id(), reason);
    long timeMicros = nowMicros();
    SampleBatch bad = new SampleBatch(device.points().size());
    for (Point point : device.points()) {
      bad.add(point.index(), timeMicros, Double.NaN, Quality.BAD_COMMUNICATION, DataFlag.N);
    }
    deliver(bad);
    changeState(LinkState.DISCONNECTED, reason);
  }

  /** Fails a command that came while the link is not connected. */
  public IllegalStateException notConnected() {
    return new IllegalStateException("link to " + device.id() + " is " + state);
  }

  /** A failure's message for the listener: the cause's, for a failed future. */
  public static String reasonOf(Throwable e) {
    Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
    return cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
  }

  /** Now, in microseconds since the epoch, the unit of sample times. */
  public static long nowMicros() {
    return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
  }
}
