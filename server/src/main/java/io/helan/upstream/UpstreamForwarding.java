package io.helan.upstream;

import io.helan.config.Site;
import io.helan.config.Upstream;
import io.helan.driver.SampleBatch;
import io.helan.driver.hj212.Hj212Frames;
import io.helan.historian.Historian;
import io.helan.ingest.CurrentValueTable;
import io.helan.ingest.IngestListener;
import io.helan.upstream.ForwardedPoints.Upload;
import io.helan.upstream.ForwardedPoints.UploadKey;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forwards the data of the site's configured devices to each upstream platform over HJ 212 (see
 * {@link Site#upstreams()}): every ingested sample of a forwarded point goes into a record of its
 * device, upload and DataTime, with its flag; records are queued on disk per upstream under {@code
 * <dataDir>/upstream/<id>} and sent in order, each until the upstream answers it. Real-time records
 * of a device go at most once per real-time interval. Health: an upstream down, or records dropped
 * because its queue was full, make {@link #healthProblems()}.
 *
 * <p>Metrics per upstream (tag {@code upstream}): {@code helan.upstream.queued} records waiting,
 * {@code helan.upstream.sent} acknowledged, {@code helan.upstream.resent} sent again for want of an
 * answer, {@code helan.upstream.dropped} dropped from a full queue, {@code
 * helan.upstream.connected} 1 while connected.
 */
public final class UpstreamForwarding implements IngestListener, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(UpstreamForwarding.class);

  /** One upstream: what goes there, its queue, link and answers. */
  private static final class Route {
    final Upstream upstream;
    final LinkSettings settings;
    final ForwardedPoints points;
    final ForwardQueue queue;
    final UpstreamLink link;
    final ExecutorService requests;
    final Map<String, Long> lastRealTimeMicros = new HashMap<>();

    /** Whether the last append dropped records (the queue is full); only the queue's thread. */
    boolean dropping;

    Route(
        Upstream upstream,
        LinkSettings settings,
        ForwardedPoints points,
        ForwardQueue queue,
        UpstreamLink link,
        ExecutorService requests) {
      this.upstream = upstream;
      this.settings = settings;
      this.points = points;
      this.queue = queue;
      this.link = link;
      this.requests = requests;
    }
  }

  private final List<Route> routes = new ArrayList<>();
  private final ExecutorService appender;
  private final AtomicLong lastQnMillis = new AtomicLong();
  private volatile BiConsumer<String, Long> dropListener = (upstream, dropped) -> {};

  /**
   * Opens each upstream's queue; {@link #start()} then dials.
   *
   * @throws UncheckedIOException if a queue cannot be opened
   */
  public UpstreamForwarding(
      Site site,
      Path dataDir,
      Historian historian,
      CurrentValueTable currentValues,
      MeterRegistry metrics) {
    appender = oneDaemonThread("upstream-queue");
    try {
      for (Upstream upstream : site.upstreams()) {
        LinkSettings settings = new LinkSettings(upstream);
        ForwardedPoints points = new ForwardedPoints(site, upstream);
        ForwardQueue queue =
            new ForwardQueue(
                dataDir.resolve("upstream").resolve(upstream.id()), upstream.maxQueuedRecords());
        ExecutorService requests = oneDaemonThread("upstream-" + upstream.id() + "-requests");
        UpstreamRequests answers =
            new UpstreamRequests(
                upstream, settings, points, historian, currentValues, this::nextQn);
        UpstreamLink[] link = new UpstreamLink[1];
        link[0] =
            new UpstreamLink(
                upstream,
                settings,
                queue,
                request -> requests.execute(() -> answers.handle(request, link[0]::send)));
        Route route = new Route(upstream, settings, points, queue, link[0], requests);
        routes.add(route);
        register(route, metrics);
      }
    } catch (IOException e) {
      close();
      throw new UncheckedIOException("upstream queue cannot be opened: " + e.getMessage(), e);
    }
  }

  private static ExecutorService oneDaemonThread(String name) {
    return Executors.newSingleThreadExecutor(
        task -> {
          Thread thread = new Thread(task, name);
          thread.setDaemon(true);
          return thread;
        });
  }

  private static void register(Route route, MeterRegistry metrics) {
    String id = route.upstream.id();
    Gauge.builder("helan.upstream.queued", route.queue, ForwardQueue::size)
        .tag("upstream", id)
        .description("Records waiting to be sent to the upstream platform")
        .register(metrics);
    Gauge.builder("helan.upstream.connected", route.link, l -> l.isUp() ? 1 : 0)
        .tag("upstream", id)
        .register(metrics);
    FunctionCounter.builder("helan.upstream.sent", route.link, UpstreamLink::sent)
        .tag("upstream", id)
        .description("Records the upstream acknowledged (9014)")
        .register(metrics);
    FunctionCounter.builder("helan.upstream.resent", route.link, UpstreamLink::resent)
        .tag("upstream", id)
        .description("Records sent again because no 9014 answer came in time")
        .register(metrics);
    FunctionCounter.builder("helan.upstream.dropped", route.queue, ForwardQueue::dropped)
        .tag("upstream", id)
        .description("Records dropped because the upstream's queue was full")
        .register(metrics);
  }

  /** Starts dialing every upstream. */
  public void start() {
    for (Route route : routes) {
      route.link.start();
      LOG.info(
          "Forwarding {} devices to upstream {} at {}:{} ({} records queued)",
          route.upstream.devices().size(),
          route.upstream.id(),
          route.upstream.host(),
          route.upstream.port(),
          route.queue.size());
    }
  }

  /** Turns the batch's forwarded samples into records and queues them (on the queue's thread). */
  @Override
  public void onBatch(SampleBatch batch, long change) {
    for (Route route : routes) {
      Map<UploadKey, Upload> uploads = new LinkedHashMap<>();
      for (int i = 0; i < batch.size(); i++) {
        route.points.collect(
            batch.point(i), batch.timeMicros(i), batch.value(i), batch.flag(i), uploads);
      }
      List<ForwardRecord> records = new ArrayList<>();
      for (Upload upload : uploads.values()) {
        if (upload.cn != ForwardedPoints.REAL_TIME || dueNow(route, upload)) {
          records.add(upload.record(nextQn()));
        }
      }
      if (!records.isEmpty()) {
        appender.execute(() -> append(route, records));
      }
    }
  }

  /**
   * Whether a real-time record goes now: real-time forwarding is on and the device's last went at
   * least an interval earlier by DataTime (less a tenth for the jitter of the source's clock, whose
   * DataTime has whole seconds); late records go as they come. Runs on the ingesting thread only.
   */
  private static boolean dueNow(Route route, Upload upload) {
    if (!route.settings.realTime()) {
      return false;
    }
    String mn = upload.source.device().mn();
    Long last = route.lastRealTimeMicros.get(mn);
    long interval = route.settings.realTimeIntervalSeconds() * 900_000L;
    if (last != null && upload.timeMicros < last) {
      return true;
    }
    if (last != null && upload.timeMicros < last + interval) {
      return false;
    }
    route.lastRealTimeMicros.put(mn, upload.timeMicros);
    return true;
  }

  /**
   * Tells {@code listener} (upstream id, records dropped) when an upstream's queue begins to drop
   * records, once until it has room again; called on the queue's thread.
   */
  public void onDropping(BiConsumer<String, Long> listener) {
    dropListener = listener;
  }

  private void append(Route route, List<ForwardRecord> records) {
    long droppedBefore = route.queue.dropped();
    try {
      for (ForwardRecord record : records) {
        route.queue.append(record);
      }
    } catch (IOException e) {
      LOG.error(
          "Upstream {}: records not queued, lost: {}", route.upstream.id(), e.getMessage(), e);
    }
    long dropped = route.queue.dropped() - droppedBefore;
    if (dropped > 0 && !route.dropping) {
      LOG.error(
          "Upstream {}: queue full ({} records), dropping the oldest from now on",
          route.upstream.id(),
          route.upstream.maxQueuedRecords());
      dropListener.accept(route.upstream.id(), dropped);
    }
    route.dropping = dropped > 0;
  }

  /** A QN of its own for every record: the time in Beijing with milliseconds, never repeated. */
  private String nextQn() {
    long now = System.currentTimeMillis();
    long millis = lastQnMillis.updateAndGet(last -> Math.max(now, last + 1));
    return Hj212Frames.qn(Instant.ofEpochMilli(millis), ZoneOffset.ofHours(8));
  }

  /**
   * Why forwarding is not well: an upstream down (with how many records wait), or records dropped
   * from a full queue since the server started. Empty when every upstream is up and none dropped.
   */
  public List<String> healthProblems() {
    List<String> problems = new ArrayList<>();
    for (Route route : routes) {
      String reason = route.link.downReason();
      if (reason != null) {
        problems.add(
            "upstream "
                + route.upstream.id()
                + " ("
                + route.upstream.host()
                + ":"
                + route.upstream.port()
                + ") down since "
                + route.link.downSince()
                + ": "
                + reason
                + "; "
                + route.queue.size()
                + " records queued");
      }
      long dropped = route.queue.dropped();
      if (dropped > 0) {
        problems.add(
            "upstream "
                + route.upstream.id()
                + ": "
                + dropped
                + " records dropped, its queue of "
                + route.upstream.maxQueuedRecords()
                + " was full");
      }
    }
    return problems;
  }

  /** Records waiting for the upstream, or empty if there is no such upstream. */
  public Optional<Long> queued(String upstreamId) {
    return route(upstreamId).map(route -> route.queue.size());
  }

  /** Records dropped from the upstream's full queue since the server started. */
  public Optional<Long> dropped(String upstreamId) {
    return route(upstreamId).map(route -> route.queue.dropped());
  }

  /** Whether the upstream is connected. */
  public boolean isUp(String upstreamId) {
    return route(upstreamId).map(route -> route.link.isUp()).orElse(false);
  }

  private Optional<Route> route(String upstreamId) {
    return routes.stream().filter(r -> r.upstream.id().equals(upstreamId)).findFirst();
  }

  /** Waits until what was handed to the queues is on disk (tests, shutdown). */
  public void flush() throws InterruptedException {
    try {
      appender.submit(() -> {}).get(10, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("upstream queue not flushed: " + e, e);
    }
  }

  @Override
  public void close() {
    appender.shutdown();
    try {
      appender.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (Route route : routes) {
      route.link.close();
      route.requests.shutdownNow();
      route.queue.close();
    }
  }
}
