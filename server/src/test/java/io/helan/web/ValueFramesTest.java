package io.helan.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.helan.bench.SyntheticSite;
import io.helan.bench.ValueFrameReader;
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
    BitSet named = new BitSet();

    long change = table.beginChange();
    ValueFrames.Frame during = frames.since(all, 0, named);
    table.write(0, 1_000_000, 42.0, Quality.GOOD, DataFlag.N, change);
    table.completeChange(change);
    ValueFrames.Frame next = frames.since(all, during.upTo(), named);

    assertThat(during.messages()).isEmpty();
    assertThat(latest(new ValueFrameReader(), next.messages()))
        .containsEntry("bench-0000.rack1.p000", 42.0)
        .hasSize(1);
  }

  /**
   * A station's point ids go to a client once; later messages name points by position, with time in
   * milliseconds after the message's t0, and read back to the same updates.
   */
  @Test
  void pointIdsGoOnceThenCompactTuplesByPosition() {
    Site site = SyntheticSite.create(1, 1, 3);
    CurrentValueTable table = new CurrentValueTable(site);
    ValueFrames frames = new ValueFrames(site, table);
    BitSet all = stations(site);
    BitSet named = new BitSet();
    long micros = 1_765_112_400_123_456L;
    write(table, 0, micros, 42.5, Quality.GOOD, DataFlag.N);
    write(table, 2, micros - 40_000, 7.25, Quality.BAD_COMMUNICATION, DataFlag.C);

    ValueFrames.Frame first = frames.since(all, 0, named);
    write(table, 2, micros + 1_000_000, 8.0, Quality.GOOD, DataFlag.N);
    ValueFrames.Frame second = frames.since(all, first.upTo(), named);

    assertThat(first.messages())
        .containsExactly(
            "{\"type\":\"values\",\"t0\":1765112400123,\"stations\":[{\"station\":\"bench-0000\","
                + "\"ids\":[\"bench-0000.rack1.p000\",\"bench-0000.rack1.p001\",\"bench-0000.rack1.p002\"],"
                + "\"points\":[[0,42.5,0,\"GOOD\",\"N\"],[2,7.25,-40,\"BAD_COMMUNICATION\",\"C\"]]}]}");
    assertThat(second.messages())
        .containsExactly(
            "{\"type\":\"values\",\"t0\":1765112401123,\"stations\":[{\"station\":\"bench-0000\","
                + "\"points\":[[2,8.0,0,\"GOOD\",\"N\"]]}]}");
    ValueFrameReader reader = new ValueFrameReader();
    assertThat(reader.read(new JsonObject(first.messages().get(0))))
        .containsExactly(
            new ValueFrameReader.PointUpdate(
                "bench-0000.rack1.p000", 42.5, 1_765_112_400_123L, "GOOD", "N"),
            new ValueFrameReader.PointUpdate(
                "bench-0000.rack1.p002", 7.25, 1_765_112_400_083L, "BAD_COMMUNICATION", "C"));
    assertThat(reader.read(new JsonObject(second.messages().get(0))))
        .containsExactly(
            new ValueFrameReader.PointUpdate(
                "bench-0000.rack1.p002", 8.0, 1_765_112_401_123L, "GOOD", "N"));

    named.clear();
    assertThat(frames.since(all, 0, named).messages().get(0))
        .as("after a resynchronisation the ids go again")
        .contains("\"ids\":[");
  }

  /**
   * One frame is one message for every station that changed, with one t0; only a message past the
   * size bound is split, between stations, and each part reads back on its own.
   */
  @Test
  void oneMessageCarriesEveryChangedStationAndOnlyALargeFrameIsSplit() {
    Site site = SyntheticSite.create(3, 1, 2);
    CurrentValueTable table = new CurrentValueTable(site);
    ValueFrames frames = new ValueFrames(site, table);
    BitSet all = stations(site);
    BitSet named = new BitSet();
    long micros = 1_765_112_400_000_000L;
    write(table, 0, micros, 1.0, Quality.GOOD, DataFlag.N);
    write(table, 5, micros + 250_000, 2.0, Quality.GOOD, DataFlag.N);

    ValueFrames.Frame small = frames.since(all, 0, named);

    assertThat(small.messages())
        .containsExactly(
            "{\"type\":\"values\",\"t0\":1765112400000,\"stations\":["
                + "{\"station\":\"bench-0000\",\"ids\":[\"bench-0000.rack1.p000\",\"bench-0000.rack1.p001\"],"
                + "\"points\":[[0,1.0,0,\"GOOD\",\"N\"]]},"
                + "{\"station\":\"bench-0002\",\"ids\":[\"bench-0002.rack1.p000\",\"bench-0002.rack1.p001\"],"
                + "\"points\":[[1,2.0,250,\"GOOD\",\"N\"]]}]}");

    Site large = SyntheticSite.create(400, 1, 20);
    CurrentValueTable largeTable = new CurrentValueTable(large);
    for (Point point : large.points()) {
      write(largeTable, point.index(), micros, point.index(), Quality.GOOD, DataFlag.N);
    }
    ValueFrames.Frame snapshot =
        new ValueFrames(large, largeTable).since(stations(large), 0, new BitSet());
    ValueFrameReader reader = new ValueFrameReader();

    assertThat(snapshot.messages()).hasSizeGreaterThan(1);
    List<String> parts = snapshot.messages();
    assertThat(parts.subList(0, parts.size() - 1))
        .as("a message is closed after the station that takes it past the bound, not before")
        .allSatisfy(
            m ->
                assertThat(m.length())
                    .isGreaterThanOrEqualTo(ValueFrames.MAX_MESSAGE_CHARS)
                    .isLessThan(ValueFrames.MAX_MESSAGE_CHARS + 2 * 1024));
    assertThat(latest(reader, snapshot.messages())).hasSize(large.points().size());
  }

  private static void write(
      CurrentValueTable table, int index, long micros, double value, Quality q, DataFlag flag) {
    long change = table.beginChange();
    table.write(index, micros, value, q, flag, change);
    table.completeChange(change);
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
    BitSet named = new BitSet();
    ValueFrameReader reader = new ValueFrameReader();
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
                ValueFrames.Frame frame = frames.since(all, since[0], named);
                seen.putAll(latest(reader, frame.messages()));
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
    ValueFrames.Frame last = frames.since(all, since[0], named);
    seen.putAll(latest(reader, last.messages()));

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
  private static Map<String, Double> latest(ValueFrameReader reader, List<String> messages) {
    Map<String, Double> values = new HashMap<>();
    for (String message : messages) {
      JsonObject json = new JsonObject(message);
      assertThat(json.getString("type")).isEqualTo("values");
      values.putAll(reader.values(json));
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
