package io.helan.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.helan.config.Point;
import io.helan.config.Site;
import io.helan.config.SiteLoader;
import io.helan.config.Upstream;
import io.helan.driver.DataFlag;
import io.helan.driver.DriverOptions;
import io.helan.driver.Quality;
import io.helan.driver.SampleBatch;
import io.helan.driver.SampleSink;
import io.helan.driver.hj212.Hj212Driver;
import io.helan.driver.registry.FieldDrivers;
import io.helan.field.FieldLinks;
import io.helan.historian.CommitCadence;
import io.helan.historian.QuestDbEmbedded;
import io.helan.historian.QuestDbHistorian;
import io.helan.historian.RawSample;
import io.helan.ingest.CurrentValueTable;
import io.helan.ingest.DeviceModes;
import io.helan.ingest.IngestPipeline;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A county node forwards a CEMS logger's data to a city node that is a second Helan (its HJ 212
 * driver, ingest and QuestDB): the city stores them as if the logger had dialed it directly, and an
 * outage of the city in the middle loses nothing and keeps the order.
 */
class UpstreamToHelanTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Instant T0 = Instant.parse("2026-12-02T00:00:00Z");

  /**
   * The city: an HJ 212 listener on {@code port} storing into its historian; the time of every
   * uploaded sample of {@code watched} goes to {@code arrivals} as it arrives (not the
   * BAD_COMMUNICATION mark of the county's connection closing, which carries the city's own time).
   */
  private record City(FieldDrivers drivers, FieldLinks links) implements AutoCloseable {
    static City start(
        Site site, QuestDbHistorian historian, int port, Point watched, List<Long> arrivals) {
      SimpleMeterRegistry registry = new SimpleMeterRegistry();
      IngestPipeline ingest =
          new IngestPipeline(
              site, new CurrentValueTable(site), new DeviceModes(site), historian, registry);
      SampleSink recorded =
          batch -> {
            for (int i = 0; i < batch.size(); i++) {
              if (batch.point(i) == watched.index()
                  && batch.quality(i) != Quality.BAD_COMMUNICATION) {
                arrivals.add(batch.timeMicros(i));
              }
            }
            ingest.accept(batch);
          };
      FieldDrivers drivers =
          new FieldDrivers(
              new DriverOptions(
                  Map.of("hj212.port", String.valueOf(port), "hj212.host", "127.0.0.1")));
      FieldLinks links = new FieldLinks(site, drivers::find, recorded, registry);
      links.start();
      return new City(drivers, links);
    }

    int port() {
      return ((Hj212Driver) drivers.driverFor("hj212")).port();
    }

    @Override
    public void close() {
      links.close();
      drivers.close();
    }
  }

  @Test
  void aSecondHelanStoresWhatTheFirstForwardsAcrossItsOutage(@TempDir Path dir) throws Exception {
    Site site = SiteLoader.loadResource("sites/hj212.yaml");
    try (QuestDbEmbedded questDb = QuestDbEmbedded.start(dir.resolve("questdb"));
        QuestDbHistorian cityHistorian =
            new QuestDbHistorian(
                site,
                () -> questDb,
                CommitCadence.DEFAULT,
                new SimpleMeterRegistry(),
                dir.resolve("spool"))) {
      cityHistorian.start();
      Point so2 = site.point("nd-power.cems.so2").orElseThrow();
      Point o2 = site.point("nd-power.cems.o2").orElseThrow();
      List<Long> arrivals = new CopyOnWriteArrayList<>();
      City city = City.start(site, cityHistorian, 0, so2, arrivals);
      int port = city.port();
      // the city knows the logger by the same MN; its password is the one the county sends
      Upstream upstream =
          new Upstream(
              "city",
              "127.0.0.1",
              port,
              "212101",
              1000,
              2,
              30,
              1000,
              List.of(
                  new Upstream.ForwardedDevice("nd-power.cems", "640181000000000000000101", 31)));
      Site county =
          new Site(
              site.id(),
              site.name(),
              site.regions(),
              site.stations(),
              site.emergency(),
              List.of(upstream));
      try (UpstreamForwarding forwarding =
          new UpstreamForwarding(
              county,
              dir.resolve("county"),
              cityHistorian,
              new CurrentValueTable(county),
              new SimpleMeterRegistry())) {
        forwarding.start();
        for (int n = 0; n < 5; n++) {
          forwarding.onBatch(upload(so2, o2, n), 0);
        }
        await().atMost(WAIT).until(() -> stored(cityHistorian, so2).size() == 5);

        city.close();
        await().atMost(WAIT).until(() -> !forwarding.isUp("city"));
        for (int n = 5; n < 10; n++) {
          forwarding.onBatch(upload(so2, o2, n), 0);
        }
        forwarding.flush();
        assertThat(forwarding.queued("city")).contains(5L);

        city = City.start(site, cityHistorian, port, so2, arrivals);
        await().atMost(WAIT).until(() -> stored(cityHistorian, so2).size() == 10);
        await().atMost(WAIT).until(() -> forwarding.queued("city").orElseThrow() == 0);
      } finally {
        city.close();
      }
      // (an upload whose answer the outage cut off may come twice, right after itself)
      assertThat(arrivals)
          .as("the city received the uploads in the order they were made")
          .isSorted();
      assertThat(arrivals.stream().distinct().toList())
          .containsExactlyElementsOf(
              IntStream.range(0, 10)
                  .mapToObj(n -> T0.plusSeconds(30L * n).toEpochMilli() * 1000)
                  .toList());
      List<RawSample> so2Rows = stored(cityHistorian, so2);
      assertThat(so2Rows)
          .extracting(RawSample::value)
          .containsExactly(0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0);
      for (int n = 0; n < 10; n++) {
        assertThat(so2Rows.get(n).time()).isEqualTo(T0.plusSeconds(30L * n));
        assertThat(so2Rows.get(n).flag()).isEqualTo(DataFlag.N);
      }
      assertThat(stored(cityHistorian, o2))
          .as("flags travel with the data")
          .hasSize(10)
          .allSatisfy(row -> assertThat(row.flag()).isEqualTo(DataFlag.C));
    }
  }

  /** The real-time samples of upload n at T0 + n × 30 s: SO2 = n, O2 flagged C. */
  private static SampleBatch upload(Point so2, Point o2, int n) {
    long micros = T0.plusSeconds(30L * n).toEpochMilli() * 1000;
    SampleBatch batch = new SampleBatch(2);
    batch.add(so2.index(), micros, n, Quality.GOOD, DataFlag.N);
    batch.add(o2.index(), micros, 10.5, Quality.GOOD, DataFlag.C);
    return batch;
  }

  private static List<RawSample> stored(QuestDbHistorian historian, Point point) throws Exception {
    historian.flush().get(10, TimeUnit.SECONDS);
    return historian.raw(point, T0, T0.plusSeconds(3600), 1000, false).get(10, TimeUnit.SECONDS);
  }
}
