package io.helan.bench;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A live-push client subscribed to every station, as the HMI is: for each value it receives, the
 * time from the sample's timestamp to the frame's arrival, in 1 ms buckets, over all values and per
 * kind of point the client is given (protocols, say: a Modbus sample is stamped when the server
 * polls, an OPC UA sample with the source time of the value, which then waits up to a publishing
 * interval on the device for its publish).
 */
final class LatencyClient implements AutoCloseable {
  private static final int MAX_MS = 60_000;

  private final Vertx vertx = Vertx.vertx();
  private static final String ALL = "all";

  private final Map<String, long[]> buckets = new HashMap<>();
  private final WebSocket socket;
  private long values;
  private long frameBytes;
  private final ValueFrameReader reader = new ValueFrameReader();
  private final Predicate<String> timed;
  private final Function<String, String> kindOf;
  private final Consumer<ValueFrameReader.PointUpdate> updates;

  LatencyClient(int httpPort, String token) throws TimeoutException {
    this(httpPort, token, id -> ALL);
  }

  /** A client that times every value, also per kind of point ({@code kindOf} a point id). */
  LatencyClient(int httpPort, String token, Function<String, String> kindOf)
      throws TimeoutException {
    this(httpPort, token, id -> true, kindOf, update -> {});
  }

  /**
   * A client that times only the values of the points {@code timed} accepts (by point id) and hands
   * every value it receives to {@code updates} as well (on its event loop).
   */
  LatencyClient(
      int httpPort,
      String token,
      Predicate<String> timed,
      Consumer<ValueFrameReader.PointUpdate> updates)
      throws TimeoutException {
    this(httpPort, token, timed, id -> ALL, updates);
  }

  private LatencyClient(
      int httpPort,
      String token,
      Predicate<String> timed,
      Function<String, String> kindOf,
      Consumer<ValueFrameReader.PointUpdate> updates)
      throws TimeoutException {
    this.timed = timed;
    this.kindOf = kindOf;
    this.updates = updates;
    try {
      socket =
          vertx
              .createWebSocketClient(
                  new WebSocketClientOptions()
                      .setMaxFrameSize(64 * 1024 * 1024)
                      .setMaxMessageSize(64 * 1024 * 1024))
              .connect(
                  new WebSocketConnectOptions()
                      .setHost("127.0.0.1")
                      .setPort(httpPort)
                      .setURI("/ws?token=" + token))
              .await(30, TimeUnit.SECONDS);
    } catch (RuntimeException | TimeoutException e) {
      vertx.close();
      throw e;
    }
    socket.textMessageHandler(this::onMessage);
    socket.writeTextMessage(
        new JsonObject()
            .put("type", "subscribe")
            .put("stations", new JsonArray().add("*"))
            .encode());
  }

  private void onMessage(String text) {
    long nowMicros = nowMicros();
    JsonObject message = new JsonObject(text);
    if (!"values".equals(message.getString("type"))) {
      return;
    }
    synchronized (this) {
      frameBytes += text.getBytes(StandardCharsets.UTF_8).length;
      for (ValueFrameReader.PointUpdate update : reader.read(message)) {
        updates.accept(update);
        if (update.timeMillis() != null && timed.test(update.id())) {
          int ms =
              (int) Math.max(0, Math.min(MAX_MS, (nowMicros - update.timeMillis() * 1000) / 1000));
          histogram(ALL)[ms]++;
          String kind = kindOf.apply(update.id());
          if (!kind.equals(ALL)) {
            histogram(kind)[ms]++;
          }
          values++;
        }
      }
    }
  }

  private long[] histogram(String kind) {
    return buckets.computeIfAbsent(kind, k -> new long[MAX_MS + 1]);
  }

  private static long nowMicros() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
  }

  /** Forgets what was measured so far (the warm-up). */
  synchronized void reset() {
    buckets.clear();
    values = 0;
    frameBytes = 0;
  }

  synchronized long values() {
    return values;
  }

  synchronized long frameBytes() {
    return frameBytes;
  }

  /** The latency in ms below which {@code fraction} of the values arrived; -1 with none. */
  synchronized int percentile(double fraction) {
    return percentile(ALL, fraction);
  }

  /** Values of the kind timed since the last reset. */
  synchronized long values(String kind) {
    return Arrays.stream(buckets.getOrDefault(kind, new long[0])).sum();
  }

  /**
   * The latency in ms below which {@code fraction} of the values of the kind arrived; -1 with none.
   */
  synchronized int percentile(String kind, double fraction) {
    long[] histogram = buckets.getOrDefault(kind, new long[0]);
    long total = Arrays.stream(histogram).sum();
    long wanted = (long) Math.ceil(fraction * total);
    long seen = 0;
    for (int ms = 0; ms < histogram.length; ms++) {
      seen += histogram[ms];
      if (seen >= wanted && seen > 0) {
        return ms;
      }
    }
    return -1;
  }

  @Override
  public void close() throws TimeoutException {
    socket.close();
    vertx.close().await(10, TimeUnit.SECONDS);
  }
}
