package io.helan.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.helan.auth.Role;
import io.helan.auth.UserDirectory;
import io.helan.config.Device;
import io.helan.config.Station;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
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
      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(
              () -> {
                server.write(POINT, 1);
                assertThat(values(client.next())).containsEntry(POINT, 1.0);
              });

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
          stations.add(message.getString("station"));
          snapshot.putAll(values(message));
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
    }
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
        .put("id", "bench-0000.rack1.p000/HI#" + n)
        .put("message", "测".repeat(300))
        .encode();
  }

  private static Map<String, Double> values(JsonObject message) {
    Map<String, Double> values = new HashMap<>();
    if ("values".equals(message.getString("type"))) {
      for (Object point : message.getJsonArray("points")) {
        JsonObject p = (JsonObject) point;
        values.put(p.getString("id"), p.getDouble("value"));
      }
    }
    return values;
  }
}
