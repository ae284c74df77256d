package io.helan.driver.hj212;

import io.helan.config.Device;
import io.helan.config.Hj212Connection;
import io.helan.driver.DeviceLink;
import io.helan.driver.DriverOptions;
import io.helan.driver.FieldDriver;
import io.helan.driver.LinkListener;
import io.helan.driver.SampleSink;
import io.helan.driver.hj212.Hj212Counters.Kind;
import io.helan.driver.link.StationRoutes;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HJ 212 data loggers dial in to this driver's TCP port ({@code hj212.port}, 9212 by default).
 *
 * <p>Every packet is routed by its MN to the device of the site that has it and checked against
 * that device's password; a packet with an MN no device has, or a wrong password, is refused
 * (answered 9011 QnRtn=4 or 3 when it asks for an answer), logged and counted, and never stored.
 * Uploads become samples ({@link UploadFields}); 9014 is answered exactly when the packet's Flag
 * asks for an answer. Bad input (checksum, length, garbage, oversize, slow drip) is counted per
 * connection and in {@link #counters()}; it never affects another connection.
 *
 * <p>Options ({@code hj212.<name>}): {@code port}; {@code host} to listen on (all addresses by
 * default); {@code maxDataLength} of a data segment (4096); {@code idleTimeoutMs} after which a
 * silent connection is closed (300000, ten missed 30-second uploads); {@code frameTimeoutMs} for a
 * frame to complete (30000).
 */
public final class Hj212Driver implements FieldDriver, LoggerConnection.PacketHandler {
  private static final Logger LOG = LoggerFactory.getLogger(Hj212Driver.class);
  public static final int DEFAULT_PORT = 9212;

  private final StationRoutes<Hj212DeviceLink> routes = new StationRoutes<>();
  private final Set<Hj212DeviceLink> links = ConcurrentHashMap.newKeySet();
  private final Hj212Counters counters = new Hj212Counters();
  private final AtomicLong lastQnMillis = new AtomicLong();
  private ScheduledExecutorService timer;
  private Hj212Listener listener;

  @Override
  public String protocol() {
    return Hj212Connection.PROTOCOL;
  }

  /**
   * Binds the listening port.
   *
   * @throws IllegalStateException if the port cannot be bound
   * @throws IllegalArgumentException if an option is not valid
   */
  @Override
  public synchronized void start(DriverOptions options) {
    int port = options.port(protocol(), "port", DEFAULT_PORT);
    Hj212Listener.Settings settings =
        new Hj212Listener.Settings(
            (int) positive(options, "maxDataLength", 4096, 9999),
            positive(options, "idleTimeoutMs", 300_000, Long.MAX_VALUE),
            positive(options, "frameTimeoutMs", 30_000, Long.MAX_VALUE));
    InetSocketAddress address;
    try {
      address =
          options.get(protocol(), "host").isPresent()
              ? new InetSocketAddress(
                  InetAddress.getByName(options.get(protocol(), "host").get()), port)
              : new InetSocketAddress(port);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("hj212.host: " + e.getMessage(), e);
    }
    timer =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "hj212-requests");
              thread.setDaemon(true);
              return thread;
            });
    try {
      listener = new Hj212Listener(address, settings, this, counters);
    } catch (IOException e) {
      timer.shutdownNow();
      throw new IllegalStateException(
          "HJ 212 driver cannot listen on " + address + ": " + e.getMessage(), e);
    }
    LOG.info("HJ 212 listener on port {}", listener.port());
  }

  private static long positive(DriverOptions options, String name, long fallback, long max) {
    String text = options.get("hj212", name).orElse(null);
    if (text == null) {
      return fallback;
    }
    try {
      long value = Long.parseLong(text.trim());
      if (value > 0 && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "hj212." + name + " '" + text + "' is not a positive number up to " + max);
  }

  /** The port loggers dial in to (the free port taken when started at port 0). */
  public synchronized int port() {
    if (listener == null) {
      throw new IllegalStateException("HJ 212 driver not started");
    }
    return listener.port();
  }

  /** What all connections' input was, by kind. */
  public Hj212Counters counters() {
    return counters;
  }

  /**
   * @throws IllegalStateException if the driver is not started
   * @throws IllegalArgumentException if the device is not an HJ 212 device or another device has
   *     its MN
   */
  @Override
  public DeviceLink connect(Device device, SampleSink sink, LinkListener listener) {
    if (timer == null) {
      throw new IllegalStateException("HJ 212 driver not started");
    }
    if (!(device.connection() instanceof Hj212Connection)) {
      throw new IllegalArgumentException("device " + device.id() + " does not speak HJ 212");
    }
    Hj212DeviceLink[] link = new Hj212DeviceLink[1];
    link[0] =
        new Hj212DeviceLink(
            device,
            sink,
            listener,
            timer,
            this::nextQn,
            () -> {
              routes.remove(link[0].stationCode(), link[0]);
              links.remove(link[0]);
            });
    routes.register(link[0].stationCode(), link[0]);
    links.add(link[0]);
    return link[0];
  }

  /** A QN of its own for every request: the time in Beijing with milliseconds, never repeated. */
  private String nextQn() {
    long now = System.currentTimeMillis();
    long millis = lastQnMillis.updateAndGet(last -> Math.max(now, last + 1));
    return Hj212Frames.qn(Instant.ofEpochMilli(millis), ZoneOffset.ofHours(8));
  }

  @Override
  public void onPacket(LoggerConnection connection, Hj212Packet packet) {
    Hj212DeviceLink link;
    if (connection.lastMn != null && packet.mnEquals(connection.lastMn)) {
      link = connection.lastLink;
    } else {
      String mn = packet.mn();
      link = routes.route(mn).orElse(null);
      if (link == null) {
        refuse(connection, packet, Kind.UNKNOWN_MN, 4);
        return;
      }
      connection.lastMn = mn.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      connection.lastLink = link;
    }
    if (!link.passwordMatches(packet)) {
      refuse(connection, packet, Kind.WRONG_PASSWORD, 3);
      return;
    }
    link.onPacket(packet, connection);
  }

  private void refuse(LoggerConnection connection, Hj212Packet packet, Kind kind, int qnRtn) {
    connection.count(kind);
    LOG.warn(
        "HJ 212 packet CN={} MN={} from {} refused: {}",
        packet.cn(),
        packet.mn(),
        connection,
        kind == Kind.UNKNOWN_MN ? "no device has this MN" : "wrong password");
    if (packet.wantsAnswer() && packet.qn() != null) {
      connection.answer(Hj212Frames.answer(packet, 9011, "QnRtn=" + qnRtn));
    }
  }

  @Override
  public void onClosed(LoggerConnection connection, String reason) {
    for (Hj212DeviceLink link : connection.links()) {
      link.loggerGone(connection, reason);
    }
  }

  @Override
  public synchronized void close() {
    // links first: they report CLOSED, and the connections closing next report no logger lost
    List.copyOf(links).forEach(Hj212DeviceLink::close);
    if (listener != null) {
      listener.close();
    }
    if (timer != null) {
      timer.shutdownNow();
    }
  }
}
