package io.helan.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.helan.bench.SyntheticSite;
import io.helan.config.Device;
import io.helan.config.Point;
import io.helan.config.Site;
import io.helan.driver.DataFlag;
import io.helan.driver.Quality;
import io.helan.ingest.CurrentValueTable;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Live-push frames never pass over a value whose write was in progress while a frame was built. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ValueFramesTest {

  @Test
  void aValueWrittenWhileAFrameIsBuiltComesInTheNextFrame() {
    Site site = SyntheticSite.create(1, 1, 2);
    CurrentValueTable table = new CurrentValueTable(site);
    ValueFrames frames = new ValueFrames(site, table);
    BitSet all = stations(site);

    long change = table.beginChange();
    ValueFrames.Frame during = frames.since(all, 0);
    table.write(0, 1_000_000, 42.0, Quality.GOOD, DataFlag.N, change);
    table.completeChange(change);
    ValueFrames.Frame next = frames.since(all, during.upTo());

    assertThat(during.messages()).isEmpty();
    assertThat(latest(next.messages())).containsEntry("bench-0000.rack1.p000", 42.0).hasSize(1);
  }

  /**
   * Every device writes its own thread's rising values while a pusher builds frames as fast as it
   * can; after the writers stop, one more frame must leave the pusher holding every point's last
   * value. Two devices per station also race on the station's change stamp.
   */
  @Test
  void concurrentWritersAndAPusherLoseNoValue() throws Exception {
    Site site = SyntheticSite.create(4, 2, 5);
    CurrentValueTable table = new CurrentValueTable(site);
    ValueFrames frames = new ValueFrames(site, table);
    BitSet all = stations(site);
    int batches = 20_000;

    CountDownLatch start = new CountDownLatch(1);
    List<Thread> writers = new ArrayList<>();
    for (Device device : site.devices()) {
      Thread writer =
          new Thread(
              () -> {
                awaitQuietly(start);
                for (int v = 1; v <= batches; v++) {
                  long change = table.beginChange();
                  for (Point point : device.points()) {
                    table.write(point.index(), v, v, Quality.GOOD, DataFlag.N, change);
                  }
                  table.completeChange(change);
                }
              },
              "writer-" + device.id());
      writer.start();
      writers.add(writer);
    }

    Map<String, Double> seen = new HashMap<>();
    AtomicBoolean writing = new AtomicBoolean(true);
    long[] since = {0};
    Thread pusher =
        new Thread(
            () -> {
              awaitQuietly(start);
              while (writing.get()) {
                ValueFrames.Frame frame = frames.since(all, since[0]);
                seen.putAll(latest(frame.messages()));
                since[0] = frame.upTo();
              }
            },
            "pusher");
    pusher.start();
    start.countDown();
    for (Thread writer : writers) {
      writer.join();
    }
    writing.set(false);
    pusher.join();
    ValueFrames.Frame last = frames.since(all, since[0]);
    seen.putAll(latest(last.messages()));

    assertThat(seen).hasSize(site.points().size());
    assertThat(seen.values())
        .as("every point's last value was pushed")
        .containsOnly((double) batches);
  }

  private static BitSet stations(Site site) {
    BitSet all = new BitSet();
    all.set(0, site.stations().size());
    return all;
  }

  /** Point id → value of the {@code values} messages, later messages winning. */
  private static Map<String, Double> latest(List<String> messages) {
    Map<String, Double> values = new HashMap<>();
    for (String message : messages) {
      JsonObject json = new JsonObject(message);
      assertThat(json.getString("type")).isEqualTo("values");
      for (Object point : json.getJsonArray("points")) {
        JsonObject p = (JsonObject) point;
        values.put(p.getString("id"), p.getDouble("value"));
      }
    }
    return values;
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
