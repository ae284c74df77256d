package io.helan.bench;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A live-push client subscribed to every station, as the HMI is: for each value it receives, the
 * time from the sample's timestamp (taken by the driver when it read the device) to the frame's
 * arrival, in 1 ms buckets.
 */
final class LatencyClient implements AutoCloseable {
  private static final int MAX_MS = 60_000;

  private final Vertx vertx = Vertx.vertx();
  private final long[] buckets = new long[MAX_MS + 1];
  private final WebSocket socket;
  private long values;
  private long frameBytes;
  private volatile boolean closing;
  private final ValueFrameReader reader = new ValueFrameReader();
  private final Predicate<String> timed;
  private final Consumer<ValueFrameReader.PointUpdate> updates;

  LatencyClient(int httpPort, String token) throws TimeoutException {
    this(httpPort, token, id -> true, update -> {});
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
    this.timed = timed;
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
    socket.closeHandler(
        closed -> {
          if (!closing) {
            // a loaded server drops a client it cannot feed: the figures stop here, and say so
            System.out.printf(
                "  WebSocket closed by the server (%s %s) after %,d timed values%n",
                socket.closeStatusCode(), socket.closeReason(), values());
          }
        });
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
          long ms = (nowMicros - update.timeMillis() * 1000) / 1000;
          buckets[(int) Math.max(0, Math.min(MAX_MS, ms))]++;
          values++;
        }
      }
    }
  }

  private static long nowMicros() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
  }

  /** Forgets what was measured so far (the warm-up). */
  synchronized void reset() {
    java.util.Arrays.fill(buckets, 0);
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
    long wanted = (long) Math.ceil(fraction * values);
    long seen = 0;
    for (int ms = 0; ms <= MAX_MS; ms++) {
      seen += buckets[ms];
      if (seen >= wanted && seen > 0) {
        return ms;
      }
    }
    return -1;
  }

  @Override
  public void close() throws TimeoutException {
    closing = true;
    socket.close();
    vertx.close().await(10, TimeUnit.SECONDS);
  }
}
