package io.helan.upstream;

import io.helan.config.Point;
import io.helan.config.Upstream;
import io.helan.driver.hj212.Hj212Frames;
import io.helan.historian.Historian;
import io.helan.historian.RawSample;
import io.helan.ingest.CurrentValueTable;
import io.helan.ingest.PointValue;
import io.helan.upstream.ForwardedPoints.Source;
import io.helan.upstream.ForwardedPoints.Upload;
import io.helan.upstream.ForwardedPoints.UploadKey;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers what an upstream asks of the devices forwarded to it, with the standard's handshake (9011
 * QnRtn, data packets, 9012 ExeRtn): 1000 sets OverTime and ReCount of the link; 1011 reads this
 * node's clock, 1012 is accepted when it agrees with the upstream's within a minute (the node's
 * clock is kept by NTP, not by the upstream); 1061/1062 read and set the real-time interval; 2011
 * starts real-time forwarding and sends the current values at once, 2012 stops it; 2051/2061 send
 * the minute or hourly records of BeginTime..EndTime from the historian. A wrong password is
 * answered QnRtn=3, an MN not forwarded QnRtn=4, any other request QnRtn=2. Data packets in reply
 * ask for no answer (Flag=4).
 */
final class UpstreamRequests {
  private static final Logger LOG = LoggerFactory.getLogger(UpstreamRequests.class);
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
  private static final Duration CLOCK_TOLERANCE = Duration.ofMinutes(1);
  private static final Duration HISTORY_TIMEOUT = Duration.ofSeconds(30);
  private static final int MAX_HISTORY_ROWS = 100_000;

  /** Writes a frame to the upstream. */
  interface Sender {
    void send(byte[] frame) throws IOException;
  }

  private final Upstream upstream;
  private final LinkSettings settings;
  private final ForwardedPoints points;
  private final Historian historian;
  private final CurrentValueTable currentValues;
  private final Supplier<String> qns;

  UpstreamRequests(
      Upstream upstream,
      LinkSettings settings,
      ForwardedPoints points,
      Historian historian,
      CurrentValueTable currentValues,
      Supplier<String> qns) {
    this.upstream = upstream;
    this.settings = settings;
    this.points = points;
    this.historian = historian;
    this.currentValues = currentValues;
    this.qns = qns;
  }

  /** Answers one request; a failure to write only ends the answer (the link notices by itself). */
  void handle(UpstreamRequest request, Sender to) {
    if (request.cn() >= 9011 && request.cn() <= 9015) {
      return; // answers and heartbeats need none
    }
    Reply reply = new Reply(request, to);
    try {
      if (!upstream.password().equals(request.password())) {
        reply.answer(9011, "QnRtn=3");
        return;
      }
      Source source = points.source(request.mn()).orElse(null);
      if (source == null) {
        reply.answer(9011, "QnRtn=4");
        return;
      }
      answer(request, source, reply);
    } catch (IOException e) {
      LOG.info(
          "Upstream {}: answer to CN={} not sent: {}", upstream.id(), request.cn(), e.getMessage());
    }
  }

  private void answer(UpstreamRequest request, Source source, Reply reply) throws IOException {
    Map<String, String> fields = request.fields();
    switch (request.cn()) {
      case 1000 -> {
        Integer overTime = integer(fields.get("OverTime"));
        Integer reCount = integer(fields.get("ReCount"));
        if (overTime == null || overTime < 1 || reCount == null || reCount < 0) {
          reply.refuse();
          return;
        }
        reply.ready();
        settings.timeouts(overTime * 1000, reCount);
        reply.done(1);
      }
      case 1011 -> {
        reply.ready();
        reply.data(source, 1011, "SystemTime=" + Hj212Frames.time(Instant.now(), source.zone()));
        reply.done(1);
      }
      case 1012 -> {
        Instant told = time(fields.get("SystemTime"), source);
        if (told == null) {
          reply.refuse();
          return;
        }
        reply.ready();
        boolean agrees =
            Duration.between(told, Instant.now()).abs().compareTo(CLOCK_TOLERANCE) <= 0;
        if (!agrees) {
          LOG.warn(
              "Upstream {} sets the clock to {}: this node's clock is {} and kept by NTP; refused",
              upstream.id(),
              told,
              Instant.now());
        }
        reply.done(agrees ? 1 : 3);
      }
      case 1061 -> {
        reply.ready();
        reply.data(source, 1061, "RtdInterval=" + settings.realTimeIntervalSeconds());
        reply.done(1);
      }
      case 1062 -> {
        Integer interval = integer(fields.get("RtdInterval"));
        if (interval == null || interval < 1 || interval > 3600) {
          reply.refuse();
          return;
        }
        reply.ready();
        settings.realTimeIntervalSeconds(interval);
        reply.done(1);
      }
      case 2011 -> {
        reply.ready();
        settings.realTime(true);
        boolean sent = currentValues(source, reply);
        reply.done(sent ? 1 : 100);
      }
      case 2012 -> {
        settings.realTime(false);
        reply.answer(9013, "");
      }
      case 2051, 2061 -> {
        Instant begin = time(fields.get("BeginTime"), source);
        Instant end = time(fields.get("EndTime"), source);
        if (begin == null || end == null || end.isBefore(begin)) {
          reply.refuse();
          return;
        }
        reply.ready();
        reply.done(history(source, request.cn(), begin, end, reply) ? 1 : 100);
      }
      default -> reply.answer(9011, "QnRtn=2");
    }
  }

  /** Sends the device's current real-time values as one 2011 record; false if it has none. */
  private boolean currentValues(Source source, Reply reply) throws IOException {
    PointValue value = new PointValue();
    long newest = Long.MIN_VALUE;
    Map<UploadKey, Upload> uploads = new LinkedHashMap<>();
    for (Point point : source.points()) {
      currentValues.read(point.index(), value);
      if (value.hasValue()) {
        newest = Math.max(newest, value.timeMicros());
      }
    }
    for (Point point : source.points()) {
      ForwardedPoints.Field field = points.field(point.index());
      currentValues.read(point.index(), value);
      if (field != null && field.cn() == ForwardedPoints.REAL_TIME && value.hasValue()) {
        points.collect(point.index(), newest, value.value(), value.flag(), uploads);
      }
    }
    for (Upload upload : uploads.values()) {
      reply.send(upload.record(qns.get()));
    }
    return !uploads.isEmpty();
  }

  /** Sends the stored records of the upload (2051, 2061) in {@code [begin, end]}, oldest first. */
  private boolean history(Source source, int cn, Instant begin, Instant end, Reply reply)
      throws IOException {
    Map<UploadKey, Upload> uploads = new LinkedHashMap<>();
    for (Point point : source.points()) {
      ForwardedPoints.Field field = points.field(point.index());
      if (field == null || field.cn() != cn) {
        continue;
      }
      List<RawSample> samples;
      try {
        samples =
            historian
                .raw(point, begin, end.plusSeconds(1), MAX_HISTORY_ROWS, false)
                .get(HISTORY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new IOException("history of " + point.id() + " not read: " + e, e);
      }
      for (RawSample sample : samples) {
        long micros = sample.time().getEpochSecond() * 1_000_000 + sample.time().getNano() / 1000;
        points.collect(point.index(), micros, sample.value(), sample.flag(), uploads);
      }
    }
    List<Upload> ordered =
        uploads.values().stream().sorted(Comparator.comparingLong(u -> u.timeMicros)).toList();
    for (Upload upload : ordered) {
      reply.send(upload.record(qns.get()));
    }
    return !ordered.isEmpty();
  }

  private static Integer integer(String text) {
    try {
      return text == null ? null : Integer.valueOf(text.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Instant time(String text, Source source) {
    try {
      return text == null ? null : LocalDateTime.parse(text.trim(), TIME).toInstant(source.zone());
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** The answers to one request, with its QN, to the upstream it came from. */
  private final class Reply {
    private final UpstreamRequest request;
    private final Sender to;

    Reply(UpstreamRequest request, Sender to) {
      this.request = request;
      this.to = to;
    }

    void answer(int cn, String data) throws IOException {
      to.send(
          Hj212Frames.frame(
              Hj212Frames.segment(
                  request.qn(),
                  Hj212Frames.ST_SYSTEM,
                  cn,
                  upstream.password(),
                  request.mn(),
                  Hj212Frames.FLAG_ANSWER,
                  data)));
    }

    void ready() throws IOException {
      answer(9011, "QnRtn=1");
    }

    /** A request this node would take, but not as written: rejected. */
    void refuse() throws IOException {
      answer(9011, "QnRtn=2");
    }

    void done(int exeRtn) throws IOException {
      answer(9012, "ExeRtn=" + exeRtn);
    }

    void data(Source source, int cn, String data) throws IOException {
      send(new ForwardRecord(qns.get(), source.device().st(), cn, source.device().mn(), data));
    }

    void send(ForwardRecord record) throws IOException {
      to.send(record.frame(upstream.password(), Hj212Frames.FLAG_ANSWER));
    }
  }
}
