package io.helan.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.helan.auth.Role;
import io.helan.auth.UserDirectory;
import io.helan.bench.ValueFrameReader;
import io.helan.config.Device;
import io.helan.config.Station;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A live-push client that stops reading, on a real socket on 127.0.0.1 whose small receive buffer
 * fills: the server keeps at most its queue limit for it, drops the rest, resynchronises it when it
 * reads again, and closes it when it never does.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class LivePushBackpressureTest {
  private static final String POINT = "bench-0002.rack1.p001";
  private static final String QUEUED = "helan.push.queued.bytes";
  private static final String DROPPED = "helan.push.messages.dropped";
  private static final String SLOW_CLOSED = "helan.push.slow.closed";

  /** 20,000 events of 1 KiB: far more than the kernel's socket buffers hold. */
  private static final int EVENTS = 20_000;

  @TempDir Path dataDir;
  private UserDirectory users;
  private PushTestServer server;
  private final AtomicLong peakQueued = new AtomicLong();
  private final AtomicBoolean sampling = new AtomicBoolean(true);
  private Thread sampler;

  @BeforeEach
  void createUser() throws Exception {
    users = PushTestServer.users(dataDir);
    users.add("zhao.viewer", "push-test-password", Set.of(Role.VIEWER));
  }

  @AfterEach
  void stop() throws Exception {
    sampling.set(false);
    if (sampler != null) {
      sampler.join();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void aClientThatStopsReadingHoldsBoundedMemoryAndIsResynchronisedWhenItReadsAgain()
      throws Exception {
    PushSettings settings = PushSettings.defaults();
    server = new PushTestServer(users, settings);
    try (RawWebSocket client =
        RawWebSocket.open(server.port(), "token=" + server.login("zhao.viewer"))) {
      client.send(subscribeAll());
      awaitFirstValue(client);

      // The client stops reading while the server pushes 20 MB of events.
      startSampling();
      String event = event(0);
      int eventBytes = PushClient.bytes(event);
      for (int i = 0; i < EVENTS; i++) {
        server.web.broadcast(event(i));
      }
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> server.counter("helan.push.messages.dropped") >= EVENTS / 2);
      server.write(POINT, 777);
      for (Station station : PushTestServer.SITE.stations()) {
        server.write(station.id() + ".rack2.p003", 500);
      }

      // It reads again: after what the network held, a resync and the snapshot of every device's
      // link and every point that has a value.
      JsonObject message;
      int before = 0;
      do {
        message = client.next();
        before++;
      } while (!"resync".equals(message.getString("type")));
      Set<String> links = new HashSet<>();
      Map<String, Double> snapshot = new HashMap<>();
      Set<String> stations = new HashSet<>();
      while (stations.size() < PushTestServer.SITE.stations().size()) {
        message = client.next();
        if ("link".equals(message.getString("type"))) {
          links.add(message.getString("device"));
        } else if ("values".equals(message.getString("type"))) {
          stations.addAll(ValueFrameReader.stations(message));
          snapshot.putAll(client.values(message));
        }
      }
      sampling.set(false);
      sampler.join();

      assertThat(before).as("events the network held").isGreaterThan(1).isLessThan(EVENTS);
      assertThat(peakQueued.get())
          .as("bytes queued on the server for the stalled client")
          .isLessThanOrEqualTo(settings.maxQueuedBytes() + eventBytes)
          .isGreaterThan(settings.maxQueuedBytes() - eventBytes);
      assertThat(links)
          .containsExactlyInAnyOrderElementsOf(
              PushTestServer.SITE.devices().stream().map(Device::id).toList());
      assertThat(snapshot)
          .containsEntry(POINT, 777.0)
          .containsEntry("bench-0000.rack2.p003", 500.0);
      assertThat(server.counter("helan.push.resyncs")).isEqualTo(1);
    }
  }

  @Test
  void aClientThatNeverReadsIsClosedAndItsQueueFreed() throws Exception {
    PushSettings settings = PushSettings.defaults().withQueue(64 * 1024, Duration.ofSeconds(1));
    server = new PushTestServer(users, settings);
    try (RawWebSocket client =
        RawWebSocket.open(server.port(), "token=" + server.login("zhao.viewer"))) {
      client.send(subscribeAll());
      startSampling();
      for (int i = 0; i < EVENTS; i++) {
        server.web.broadcast(event(i));
      }
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> server.counter("helan.push.messages.dropped") > 0);

      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> server.gauge("helan.push.clients") == 0 && server.gauge(QUEUED) == 0);
      assertThat(peakQueued.get()).isLessThanOrEqualTo(settings.maxQueuedBytes() + 2048);
      assertThat(server.counter(SLOW_CLOSED)).isEqualTo(1);
    }
  }

  @Test
  void aStalledClientIsClosedWhileAnotherClientGetsEveryMessageInTime() throws Exception {
    PushSettings settings = PushSettings.defaults().withQueue(64 * 1024, Duration.ofSeconds(5));
    server = new PushTestServer(users, settings);
    try (RawWebSocket stalled =
            RawWebSocket.open(server.port(), "token=" + server.login("zhao.viewer"));
        RawWebSocket reading =
            RawWebSocket.open(server.port(), "token=" + server.login("zhao.viewer"))) {
      stalled.send(subscribeAll());
      reading.send(subscribeAll());
      awaitFirstValue(stalled);
      // From here on the stalled client reads nothing; the other reads everything as it comes.
      List<String> events = Collections.synchronizedList(new ArrayList<>());
      Map<Double, Long> valueArrivals = new ConcurrentHashMap<>();
      AtomicBoolean resynced = new AtomicBoolean();
      AtomicBoolean readingOn = new AtomicBoolean(true);
      Thread reader =
          new Thread(
              () -> {
                while (readingOn.get()) {
                  try {
                    JsonObject message = reading.next();
                    long now = System.nanoTime();
                    switch (message.getString("type")) {
                      case "alarm" -> events.add(message.getString("id"));
                      case "resync" -> resynced.set(true);
                      case "values" ->
                          reading.values(message).forEach((id, v) -> valueArrivals.put(v, now));
                      default -> {}
                    }
                  } catch (IOException e) {
                    return;
                  }
                }
              },
              "reading-client");
      reader.start();

      startSampling();
      String event = event(0);
      int eventBytes = PushClient.bytes(event);
      List<Long> latencies = new ArrayList<>();
      int valuesWhileBehind = 0;
      int sent = 0;
      while (server.counter(SLOW_CLOSED) == 0 && sent < EVENTS) {
        for (int i = 0; i < 20; i++) {
          server.web.broadcast(event(sent++));
        }
        double value = 1_000 + sent;
        long written = System.nanoTime();
        server.write(POINT, value);
        await().atMost(Duration.ofSeconds(20)).until(() -> valueArrivals.containsKey(value));
        latencies.add(valueArrivals.get(value) - written);
        if (server.counter(DROPPED) > 0 && server.counter(SLOW_CLOSED) == 0) {
          valuesWhileBehind++;
        }
      }
      int expected = sent;
      await().atMost(Duration.ofSeconds(20)).until(() -> events.size() == expected);
      await().atMost(Duration.ofSeconds(30)).until(() -> server.gauge("helan.push.clients") == 1);
      readingOn.set(false);
      sampling.set(false);
      sampler.join();

      Collections.sort(latencies);
      System.out.printf(
          "reading client: %d values, latency p50 %d ms, max %d ms; %d while the other was behind%n",
          latencies.size(),
          TimeUnit.NANOSECONDS.toMillis(latencies.get(latencies.size() / 2)),
          TimeUnit.NANOSECONDS.toMillis(latencies.get(latencies.size() - 1)),
          valuesWhileBehind);
      assertThat(server.counter(SLOW_CLOSED)).as("stalled clients closed").isEqualTo(1);
      assertThat(server.counter(DROPPED))
          .as("messages dropped for the stalled client")
          .isPositive();
      assertThat(valuesWhileBehind)
          .as("values the reading client got while the stalled one was behind")
          .isPositive();
      assertThat(events)
          .as("every event reached the reading client, in order")
          .containsExactlyElementsOf(IntStream.range(0, sent).mapToObj(n -> eventId(n)).toList());
      assertThat(resynced).as("the reading client never fell behind").isFalse();
      assertThat(server.counter("helan.push.resyncs")).isZero();
      assertThat(peakQueued.get())
          .as("bytes queued for both clients")
          .isLessThanOrEqualTo(2L * settings.maxQueuedBytes() + eventBytes);
    }
  }

  /** Writes the point until the client, subscribed to it, reads its value. */
  private void awaitFirstValue(RawWebSocket client) {
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              server.write(POINT, 1);
              assertThat(client.values(client.next())).containsEntry(POINT, 1.0);
            });
  }

  /** Samples the server's queued-bytes gauge until the test stops it, keeping the peak. */
  private void startSampling() {
    sampler =
        new Thread(
            () -> {
              while (sampling.get()) {
                peakQueued.accumulateAndGet((long) server.gauge(QUEUED), Math::max);
                LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(200));
              }
            },
            "queued-bytes-sampler");
    sampler.start();
  }

  private static JsonObject subscribeAll() {
    return new JsonObject().put("type", "subscribe").put("stations", new JsonArray().add("*"));
  }

  /** An alarm-like event of about 1 KiB. */
  private static String event(int n) {
    return new JsonObject()
        .put("type", "alarm")
        .put("id", eventId(n))
        .put("message", "测".repeat(300))
        .encode();
  }

  private static String eventId(int n) {
    return "bench-0000.rack1.p000/HI#" + n;
  }
}
