package io.helan.field;

import io.helan.config.Device;
import io.helan.config.Site;
import io.helan.driver.DeviceLink;
import io.helan.driver.FieldDriver;
import io.helan.driver.LinkListener;
import io.helan.driver.LinkState;
import io.helan.driver.SampleSink;
import io.helan.driver.link.LinkThread;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a driver link to every device of the site, feeds their samples to the ingest pipeline, and
 * keeps the state of each link for displays and metrics.
 */
public final class FieldLinks implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FieldLinks.class);
  private static final int PARALLEL_CLOSES = 32;
  private static final long CLOSE_TIMEOUT_SECONDS = 60;

  private final Site site;
  private final Function<String, Optional<FieldDriver>> drivers;
  private final SampleSink sink;
  private final MeterRegistry registry;
  private final Map<String, DeviceLink> links = new ConcurrentHashMap<>();
  private final Map<String, LinkState> states = new ConcurrentHashMap<>();
  private final Map<String, Timer> pollTimers = new ConcurrentHashMap<>();
  private final List<LinkListener> listeners = new CopyOnWriteArrayList<>();
  private final List<LinkListener> remoteListeners = new CopyOnWriteArrayList<>();
  private final LinkListener relay = new Relay();
  // devices this server let go to another node
  private final Set<String> released = ConcurrentHashMap.newKeySet();

  /**
   * @param drivers the driver for a protocol id, or empty when this server has none for it
   */
  public FieldLinks(
      Site site,
      Function<String, Optional<FieldDriver>> drivers,
      SampleSink sink,
      MeterRegistry registry) {
    this.site = site;
    this.drivers = drivers;
    this.sink = sink;
    this.registry = registry;
    Gauge.builder("helan.links.waiting", LinkThread::linksWaiting)
        .description("Device links with work waiting for a thread of the shared link pool")
        .register(registry);
  }

  public void addListener(LinkListener listener) {
    listeners.add(listener);
  }

  /**
   * Hears the changes of the links other nodes of a cluster keep ({@link #showRemote}): for views
   * (OPC UA), never for what must judge this node's own links only (alarms).
   */
  public void addRemoteListener(LinkListener listener) {
    remoteListeners.add(listener);
  }

  /** Connects every device; returns at once, links come up in the background. */
  public void start() {
    prepare(LinkState.CONNECTING);
    site.devices().forEach(device -> open(device.id()));
  }

  /**
   * Registers every device's meters and marks every link closed, connecting none: a cluster node
   * then {@linkplain #open opens} the devices it owns.
   */
  public void prepare() {
    prepare(LinkState.CLOSED);
  }

  private void prepare(LinkState initial) {
    for (Device device : site.devices()) {
      states.put(device.id(), initial);
      Tags tags = Tags.of("station", device.stationId(), "device", device.id());
      Gauge.builder("helan.link.state", () -> stateCode(device.id()))
          .description("Link state: 0 connecting, 1 connected, 2 disconnected, 3 closed")
          .tags(tags)
          .register(registry);
      pollTimers.put(
          device.id(),
          Timer.builder("helan.link.read")
              .description("Round trip of one poll or read of the device")
              .tags(tags)
              .register(registry));
    }
  }

  /** Connects one device, unless its link is open already; returns at once. */
  public synchronized void open(String deviceId) {
    if (links.containsKey(deviceId)) {
      return;
    }
    Device device = site.device(deviceId).orElseThrow();
    released.remove(deviceId);
    states.put(device.id(), LinkState.CONNECTING);
    Optional<FieldDriver> driver = drivers.apply(device.connection().protocol());
    if (driver.isEmpty()) {
      LOG.warn(
          "No driver for protocol {} of device {}: it stays disconnected",
          device.connection().protocol(),
          device.id());
      states.put(device.id(), LinkState.DISCONNECTED);
      return;
    }
    links.put(device.id(), driver.get().connect(device, sink, relay));
  }

  /** Disconnects one device (another node polls it now); its link reports CLOSED. */
  public synchronized void release(String deviceId) {
    DeviceLink link = links.remove(deviceId);
    if (link != null) {
      released.add(deviceId);
      states.put(deviceId, LinkState.CLOSED);
      link.close();
    }
  }

  /** Shows the state of a link another node keeps to a device this server has no link to. */
  public void showRemote(String deviceId, LinkState state) {
    Optional<Device> device = site.device(deviceId);
    if (!links.containsKey(deviceId) && device.isPresent()) {
      if (states.put(deviceId, state) != state) {
        for (LinkListener listener : remoteListeners) {
          listener.onLinkState(device.get(), state, "reported by the node that polls it");
        }
      }
    }
  }

  /** The devices this server has a link to. */
  public Set<String> openDevices() {
    return Set.copyOf(links.keySet());
  }

  public LinkState state(String deviceId) {
    return states.getOrDefault(deviceId, LinkState.CLOSED);
  }

  public Optional<DeviceLink> link(String deviceId) {
    return Optional.ofNullable(links.get(deviceId));
  }

  private double stateCode(String deviceId) {
    return state(deviceId).ordinal();
  }

  @Override
  public synchronized void close() {
    // side by side: some drivers take seconds to close a link (PLC4X waits out its Netty worker
    // group's quiet period), which one after the other added up to minutes on a large site
    ExecutorService closers =
        Executors.newFixedThreadPool(
            Math.max(1, Math.min(links.size(), PARALLEL_CLOSES)),
            task -> new Thread(task, "helan-link-close"));
    try {
      links.values().forEach(link -> closers.execute(link::close));
    } finally {
      closers.shutdown();
      try {
        if (!closers.awaitTermination(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
          LOG.warn("Links still closing after {} s; leaving them", CLOSE_TIMEOUT_SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    links.clear();
  }

  private final class Relay implements LinkListener {
    @Override
    public void onLinkState(Device device, LinkState state, String reason) {
      if (state == LinkState.CLOSED && released.contains(device.id())) {
        // a released link's last word: another node may show its state already
        notifyListeners(device, state, reason);
        return;
      }
      LinkState previous = states.put(device.id(), state);
      if (previous != state) {
        if (state == LinkState.DISCONNECTED) {
          LOG.warn("Link to {} lost: {}", device.id(), reason);
        } else if (state == LinkState.CONNECTED) {
          LOG.info("Link to {} up", device.id());
        }
      }
      notifyListeners(device, state, reason);
    }

    private void notifyListeners(Device device, LinkState state, String reason) {
      for (LinkListener listener : listeners) {
        listener.onLinkState(device, state, reason);
      }
    }

    @Override
    public void onRead(Device device, long roundTripNanos) {
      Timer timer = pollTimers.get(device.id());
      if (timer != null) {
        timer.record(roundTripNanos, TimeUnit.NANOSECONDS);
      }
    }
  }
}
