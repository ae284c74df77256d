package io.helan.driver.hj212;

import io.helan.config.Device;
import io.helan.config.Hj212Connection;
import io.helan.config.Point;
import io.helan.driver.CommandOutcome;
import io.helan.driver.DataFlag;
import io.helan.driver.DeviceCommand;
import io.helan.driver.DeviceLink;
import io.helan.driver.LinkListener;
import io.helan.driver.LinkState;
import io.helan.driver.Quality;
import io.helan.driver.SampleBatch;
import io.helan.driver.SampleSink;
import io.helan.driver.hj212.Hj212Counters.Kind;
import io.helan.driver.hj212.UploadFields.Upload;
import io.helan.driver.link.LinkReporter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The link to one data logger, by its MN: turns its uploads into samples (at the device's DataTime,
 * with each value's flag), answers what asks for an answer, sends the platform's requests down the
 * logger's connection, and after a gap asks for the minute and hourly data it missed.
 *
 * <p>The link is CONNECTED while a connection carries the logger's packets; when that connection
 * closes, the real-time points are reported BAD_COMMUNICATION and the link DISCONNECTED until the
 * logger dials in again.
 */
final class Hj212DeviceLink implements DeviceLink {
  private static final Logger LOG = LoggerFactory.getLogger(Hj212DeviceLink.class);

  private final Device device;
  private final Hj212Connection settings;
  private final byte[] password;
  private final ZoneOffset zone;
  private final UploadFields fields;
  private final List<Point> realTimePoints;
  private final LinkReporter reporter;
  private final Hj212Exchanges exchanges;
  private final Supplier<String> qns;
  private final Runnable onClose;
  private final SampleBatch batch;
  private final boolean hasMinutePoints;
  private final boolean hasHourPoints;
  private volatile LoggerConnection logger;
  // once closed, the link takes no more packets: a logger still connected must not bring it back
  private volatile boolean closed;
  private volatile int st = Hj212Frames.ST_SYSTEM;
  private long lastMinuteMicros = Long.MIN_VALUE;
  private long lastHourMicros = Long.MIN_VALUE;

  Hj212DeviceLink(
      Device device,
      SampleSink sink,
      LinkListener listener,
      ScheduledExecutorService timer,
      Supplier<String> qns,
      Runnable onClose) {
    this.device = device;
    this.settings = (Hj212Connection) device.connection();
    this.password = settings.password().getBytes(StandardCharsets.UTF_8);
    this.zone = ZoneOffset.ofTotalSeconds(settings.utcOffsetMinutes() * 60);
    this.fields = new UploadFields(device.points());
    this.realTimePoints = fields.realTimePoints();
    this.reporter = new LinkReporter(device, sink, listener);
    this.exchanges = new Hj212Exchanges(timer, settings.timeoutMs(), settings.retries());
    this.qns = qns;
    this.onClose = onClose;
    this.batch = new SampleBatch(device.points().size());
    this.hasMinutePoints =
        device.points().stream().anyMatch(p -> p.address().startsWith("minute:"));
    this.hasHourPoints = device.points().stream().anyMatch(p -> p.address().startsWith("hour:"));
  }

  String stationCode() {
    return settings.stationCode();
  }

  boolean passwordMatches(Hj212Packet packet) {
    return packet.passwordEquals(password);
  }

  /** A packet of this logger, password checked. Runs on the listener's thread. */
  void onPacket(Hj212Packet packet, LoggerConnection from) {
    if (closed) {
      return;
    }
    if (packet.st() >= 0 && packet.st() != Hj212Frames.ST_SYSTEM) {
      st = packet.st();
    }
    attach(from);
    int cn = packet.cn();
    Upload upload = Upload.of(cn);
    if (upload != null) {
      store(packet, upload, from);
    } else if (!exchanges.take(packet)) {
      other(packet, from);
      return;
    }
    if (packet.wantsAnswer() && packet.qn() != null && upload != null) {
      from.answer(Hj212Frames.answer(packet, 9014, ""));
    }
  }

  private void store(Hj212Packet packet, Upload upload, LoggerConnection from) {
    int timeField = UploadFields.dataTimeField(packet);
    long timeMicros =
        timeField < 0 ? Long.MIN_VALUE : packet.timeMicros(timeField, zone.getTotalSeconds());
    if (timeMicros == Long.MIN_VALUE) {
      if (upload != Upload.REAL_TIME) {
        from.count(Kind.MALFORMED);
        LOG.warn("{}: CN={} without a valid DataTime, not stored", device.id(), packet.cn());
        return;
      }
      timeMicros = LinkReporter.nowMicros();
    }
    batch.clear();
    int added = fields.collect(packet, upload, timeMicros, batch);
    from.count(Kind.UPLOADS);
    if (added > 0) {
      from.count(Kind.SAMPLES, added);
      reporter.deliver(batch);
    }
    if (upload == Upload.MINUTE) {
      lastMinuteMicros = Math.max(lastMinuteMicros, timeMicros);
    } else if (upload == Upload.HOUR) {
      lastHourMicros = Math.max(lastHourMicros, timeMicros);
    }
  }

  /** A packet that is neither an upload nor part of a request under way. */
  private void other(Hj212Packet packet, LoggerConnection from) {
    int cn = packet.cn();
    switch (cn) {
      case 2012, 2022, 1013 -> {
        if (packet.qn() != null) {
          from.answer(Hj212Frames.answer(packet, 9013, ""));
        }
      }
      case 9011, 9012, 9013, 9014, 9015 -> {
        // answers to nothing under way (late), and the 2025 heartbeat: the logger is alive
      }
      default -> {
        if (!packet.version().knows(cn) && packet.wantsAnswer() && packet.qn() != null) {
          from.answer(Hj212Frames.answer(packet, 9011, "QnRtn=8"));
        }
        LOG.debug("{}: CN={} not handled", device.id(), cn);
      }
    }
  }

  private void attach(LoggerConnection from) {
    if (logger == from) {
      return;
    }
    LoggerConnection previous = logger;
    LinkState before = reporter.state();
    logger = from;
    from.carries(this);
    reporter.changeState(LinkState.CONNECTED, null);
    if (previous != null && !previous.isClosed()) {
      LOG.info("{}: logger now on {}, was on {}", device.id(), from, previous);
    }
    if (before == LinkState.DISCONNECTED) {
      requestMissedData();
    } else if (before == LinkState.CONNECTING) {
      requestRecentData();
    }
  }

  /**
   * Back after a gap: asks for the minute and hourly data from the last received on. The last
   * record is asked for again on purpose (it may have been the one cut short); a re-sent record
   * replaces itself in the historian, whose rows are unique by time and point (and a point is one
   * field of one upload).
   */
  private void requestMissedData() {
    Instant now = Instant.now();
    if (hasMinutePoints && lastMinuteMicros != Long.MIN_VALUE) {
      request(Hj212Requests.history(2051, instant(lastMinuteMicros), now, zone), true);
    }
    if (hasHourPoints && lastHourMicros != Long.MIN_VALUE) {
      request(Hj212Requests.history(2061, instant(lastHourMicros), now, zone), true);
    }
  }

  /**
   * The logger's first connection since the server started: asks for the last hour of minute data
   * and the last day of hourly data, so aggregates have values before their next period ends.
   */
  private void requestRecentData() {
    Instant now = Instant.now();
    if (hasMinutePoints) {
      request(Hj212Requests.history(2051, now.minus(Duration.ofHours(1)), now, zone), true);
    }
    if (hasHourPoints) {
      request(Hj212Requests.history(2061, now.minus(Duration.ofDays(1)), now, zone), true);
    }
  }

  private static Instant instant(long micros) {
    return Instant.ofEpochSecond(micros / 1_000_000, (micros % 1_000_000) * 1000);
  }

  private CompletableFuture<CommandOutcome> request(
      Hj212Requests.Request request, boolean waitForResult) {
    LoggerConnection to = logger;
    if (to == null) {
      return CompletableFuture.failedFuture(reporter.notConnected());
    }
    String qn = qns.get();
    byte[] frame =
        Hj212Frames.frame(
            Hj212Frames.segment(
                qn,
                st,
                request.cn(),
                settings.password(),
                settings.stationCode(),
                Hj212Frames.FLAG_REQUEST,
                request.data()));
    CompletableFuture<CommandOutcome> outcome =
        exchanges.send(qn, request.cn(), frame, waitForResult, to::send);
    outcome.whenComplete(
        (result, error) ->
            LOG.info(
                "{}: CN={} {}: {}",
                device.id(),
                request.cn(),
                request.data(),
                error != null ? error.getMessage() : result.detail()));
    return outcome;
  }

  /**
   * The logger's connection closed: its real-time points BAD_COMMUNICATION, the link DISCONNECTED.
   * Nothing when the link was closed first (our own stop is no loss of the logger).
   */
  void loggerGone(LoggerConnection connection, String reason) {
    if (closed || logger != connection) {
      return;
    }
    logger = null;
    exchanges.failAll("logger connection closed: " + reason);
    long now = LinkReporter.nowMicros();
    SampleBatch bad = new SampleBatch(realTimePoints.size());
    for (Point point : realTimePoints) {
      bad.add(point.index(), now, Double.NaN, Quality.BAD_COMMUNICATION, DataFlag.N);
    }
    reporter.deliver(bad);
    reporter.changeState(LinkState.DISCONNECTED, reason);
  }

  @Override
  public Device device() {
    return device;
  }

  @Override
  public LinkState state() {
    return reporter.state();
  }

  /**
   * Sends the command's request (its target's CN) down the logger's connection. A command with an
   * effect period (calibration) is accepted on 9011 QnRtn=1, the others on 9012 ExeRtn=1.
   */
  @Override
  public CompletableFuture<CommandOutcome> execute(DeviceCommand command) {
    Hj212Requests.Request request;
    try {
      request = Hj212Requests.of(command, Instant.now(), zone);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    return request(request, !command.definition().kind().hasEffectPeriod());
  }

  @Override
  public void close() {
    closed = true;
    exchanges.failAll("link closed");
    logger = null;
    reporter.changeState(LinkState.CLOSED, null);
    onClose.run();
  }

  @Override
  public String toString() {
    return "HJ 212 link to " + device.id();
  }
}
