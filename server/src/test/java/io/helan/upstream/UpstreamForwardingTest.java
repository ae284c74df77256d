package io.helan.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.helan.config.Site;
import io.helan.config.SiteLoader;
import io.helan.config.Upstream;
import io.helan.driver.DataFlag;
import io.helan.driver.Quality;
import io.helan.driver.SampleBatch;
import io.helan.driver.hj212.Hj212Frames;
import io.helan.historian.CommitCadence;
import io.helan.historian.QuestDbEmbedded;
import io.helan.historian.QuestDbHistorian;
import io.helan.ingest.CurrentValueTable;
import io.helan.upstream.TestPlatform.Received;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Forwarding to a real upstream HJ 212 platform ({@link TestPlatform}, on the project's codec) on a
 * free port: order kept across an outage and a restart, nothing lost, nothing sent again once
 * answered, unanswered uploads sent again, a bounded queue, and the upstream's requests answered
 * (backfill from an embedded QuestDB historian).
 */
class UpstreamForwardingTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String MN = "640181000000000000000101";
  private static final String PASSWORD = "city01";
  private static final ZoneOffset BEIJING = ZoneOffset.ofHours(8);
  private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

  @TempDir static Path shared;
  static Site loggers;
  static QuestDbEmbedded questDb;
  static QuestDbHistorian historian;

  @BeforeAll
  static void startHistorian() {
    loggers = SiteLoader.loadResource("sites/hj212.yaml");
    questDb = QuestDbEmbedded.start(shared.resolve("questdb"));
    historian =
        new QuestDbHistorian(
            loggers,
            () -> questDb,
            CommitCadence.DEFAULT,
            new SimpleMeterRegistry(),
            shared.resolve("spool"));
    historian.start();
  }

  @AfterAll
  static void stopHistorian() {
    historian.close();
    questDb.close();
  }

  /** The CEMS logger of the site forwarded to an upstream on 127.0.0.1:{@code port}. */
  private static Site forwarding(int port, int timeoutMs, int retries, int maxQueued) {
    Upstream city =
        new Upstream(
            "city",
            "127.0.0.1",
            port,
            PASSWORD,
            timeoutMs,
            retries,
            30,
            maxQueued,
            List.of(new Upstream.ForwardedDevice("nd-power.cems", MN, 31)));
    return new Site(
        loggers.id(),
        loggers.name(),
        loggers.regions(),
        loggers.stations(),
        loggers.emergency(),
        List.of(city));
  }

  private static UpstreamForwarding start(Site site, Path dataDir) {
    UpstreamForwarding forwarding =
        new UpstreamForwarding(
            site, dataDir, historian, new CurrentValueTable(site), new SimpleMeterRegistry());
    forwarding.start();
    return forwarding;
  }

  private static int point(String id) {
    return loggers.point("nd-power.cems." + id).orElseThrow().index();
  }

  /** A 2011 upload's samples at T0 + n × 30 s; so2 is n, so every record is told apart. */
  private static SampleBatch realTime(int n) {
    long micros = T0.plusSeconds(30L * n).toEpochMilli() * 1000;
    SampleBatch batch = new SampleBatch(4);
    batch.add(point("so2"), micros, n, Quality.GOOD, DataFlag.N);
    batch.add(point("so2-zs"), micros, n * 1.5, Quality.GOOD, DataFlag.N);
    batch.add(point("o2"), micros, 10.25, Quality.GOOD, DataFlag.C);
    batch.add(point("dust"), micros, 0.0001, Quality.GOOD, DataFlag.N);
    return batch;
  }

  private static String dataTime(int n) {
    return Hj212Frames.time(T0.plusSeconds(30L * n), BEIJING);
  }

  private static List<String> dataTimes(int from, int to) {
    List<String> times = new ArrayList<>();
    for (int n = from; n < to; n++) {
      times.add(dataTime(n));
    }
    return times;
  }

  @Test
  void keepsOrderAcrossAnOutageAndARestartLosingNothingAndRepeatingNothing(@TempDir Path dataDir)
      throws Exception {
    try (TestPlatform platform = new TestPlatform(0)) {
      Site site = forwarding(platform.port(), 2000, 2, 1000);
      UpstreamForwarding forwarding = start(site, dataDir);
      for (int n = 0; n < 5; n++) {
        forwarding.onBatch(realTime(n), 0);
      }
      await().atMost(WAIT).until(() -> platform.received(2011).size() == 5);
      Received first = platform.received(2011).get(0);
      assertThat(first)
          .extracting(Received::st, Received::mn, Received::password, Received::flag)
          .containsExactly(31, MN, PASSWORD, 5);
      assertThat(first.fields())
          .containsEntry("DataTime", dataTime(0))
          .containsEntry("a21026-Rtd", "0")
          .containsEntry("a21026-Flag", "N")
          .containsEntry("a19001-Rtd", "10.25")
          .containsEntry("a19001-Flag", "C")
          .containsEntry("a34013-Rtd", "0.0001");
      await().atMost(WAIT).until(() -> forwarding.queued("city").orElseThrow() == 0);
      assertThat(forwarding.healthProblems()).isEmpty();

      platform.stop();
      await().atMost(WAIT).until(() -> !forwarding.isUp("city"));
      for (int n = 5; n < 10; n++) {
        forwarding.onBatch(realTime(n), 0);
      }
      forwarding.flush();
      assertThat(forwarding.queued("city")).contains(5L);
      assertThat(forwarding.healthProblems())
          .singleElement()
          .asString()
          .startsWith("upstream city (127.0.0.1:" + platform.port() + ") down since ")
          .endsWith("; 5 records queued");
      forwarding.close();

      // the server restarts while the upstream is still away: the queue is still there
      UpstreamForwarding restarted = start(site, dataDir);
      try {
        assertThat(restarted.queued("city")).contains(5L);
        for (int n = 10; n < 15; n++) {
          restarted.onBatch(realTime(n), 0);
        }
        platform.start();
        await().atMost(WAIT).until(() -> platform.received(2011).size() >= 15);
        await().atMost(WAIT).until(() -> restarted.queued("city").orElseThrow() == 0);
        List<Received> uploads = platform.received(2011);
        assertThat(TestPlatform.dataTimes(uploads)).containsExactlyElementsOf(dataTimes(0, 15));
        assertThat(uploads.stream().map(Received::qn).distinct()).hasSize(15);
        await().atMost(WAIT).until(() -> restarted.healthProblems().isEmpty());
      } finally {
        restarted.close();
      }
    }
  }

  @Test
  void sendsAnUnansweredUploadAgainAndAnAnsweredOneNever(@TempDir Path dataDir) throws Exception {
    try (TestPlatform platform = new TestPlatform(0);
        UpstreamForwarding forwarding = start(forwarding(platform.port(), 500, 3, 1000), dataDir)) {
      platform.withholdAnswers(2);
      forwarding.onBatch(realTime(0), 0);
      forwarding.onBatch(realTime(1), 0);

      await().atMost(WAIT).until(() -> forwarding.queued("city").orElseThrow() == 0);
      List<Received> uploads = platform.received(2011);
      // the first went three times (two answers withheld), the second once, in that order
      assertThat(TestPlatform.dataTimes(uploads))
          .containsExactly(dataTime(0), dataTime(0), dataTime(0), dataTime(1));
      assertThat(uploads.subList(0, 3)).extracting(Received::qn).containsOnly(uploads.get(0).qn());
    }
  }

  @Test
  void aConnectionWithoutAnswersIsMadeAnewAndTheRecordStaysFirst(@TempDir Path dataDir)
      throws Exception {
    try (TestPlatform platform = new TestPlatform(0);
        UpstreamForwarding forwarding = start(forwarding(platform.port(), 300, 1, 1000), dataDir)) {
      // 1 + ReCount = 2 tries unanswered: the link gives up and dials again; there the first
      // try is unanswered too, the second answered
      platform.withholdAnswers(3);
      forwarding.onBatch(realTime(0), 0);
      forwarding.onBatch(realTime(1), 0);

      await().atMost(WAIT).until(() -> forwarding.queued("city").orElseThrow() == 0);
      assertThat(TestPlatform.dataTimes(platform.received(2011)))
          .containsExactly(dataTime(0), dataTime(0), dataTime(0), dataTime(0), dataTime(1));
      assertThat(platform.connections()).isEqualTo(2);
    }
  }

  @Test
  void aFullQueueDropsTheOldestAndSaysSo(@TempDir Path dataDir) throws Exception {
    try (TestPlatform platform = new TestPlatform(0)) {
      platform.stop(); // away from the start
      try (UpstreamForwarding forwarding = start(forwarding(platform.port(), 500, 1, 3), dataDir)) {
        List<String> alarmed = new CopyOnWriteArrayList<>();
        forwarding.onDropping((upstream, dropped) -> alarmed.add(upstream + " " + dropped));
        for (int n = 0; n < 5; n++) {
          forwarding.onBatch(realTime(n), 0);
        }
        forwarding.flush();
        assertThat(forwarding.queued("city")).contains(3L);
        assertThat(forwarding.dropped("city")).contains(2L);
        assertThat(forwarding.healthProblems())
            .contains("upstream city: 2 records dropped, its queue of 3 was full");
        assertThat(alarmed).as("told once, when dropping began").containsExactly("city 1");

        platform.start();
        await().atMost(WAIT).until(() -> platform.received(2011).size() == 3);
        assertThat(TestPlatform.dataTimes(platform.received(2011)))
            .containsExactlyElementsOf(dataTimes(2, 5));
      }
    }
  }

  @Test
  void realTimeDataGoesAtMostOncePerInterval(@TempDir Path dataDir) throws Exception {
    try (TestPlatform platform = new TestPlatform(0);
        UpstreamForwarding forwarding =
            start(forwarding(platform.port(), 2000, 2, 1000), dataDir)) {
      // samples every 10 s: with the 30 s interval every third goes
      for (int n = 0; n < 7; n++) {
        SampleBatch batch = new SampleBatch(1);
        batch.add(
            point("so2"),
            T0.plusSeconds(10L * n).toEpochMilli() * 1000,
            n,
            Quality.GOOD,
            DataFlag.N);
        forwarding.onBatch(batch, 0);
      }
      await().atMost(WAIT).until(() -> forwarding.queued("city").orElseThrow() == 0);
      assertThat(platform.received(2011))
          .extracting(p -> p.fields().get("a21026-Rtd"))
          .containsExactly("0", "3", "6");
    }
  }

  @Test
  void answersTheUpstreamsRequests(@TempDir Path dataDir) throws Exception {
    // three minute records in the historian, 00:01..00:03 UTC
    SampleBatch minutes = new SampleBatch(6);
    for (int m = 1; m <= 3; m++) {
      long micros = T0.plusSeconds(60L * m).toEpochMilli() * 1000;
      minutes.add(point("so2-minute"), micros, 10 + m, Quality.GOOD, DataFlag.N);
      minutes.add(point("so2-minute-zs"), micros, 20 + m, Quality.GOOD, DataFlag.N);
    }
    historian.append(minutes);
    historian.flush().get(20, TimeUnit.SECONDS);

    try (TestPlatform platform = new TestPlatform(0);
        UpstreamForwarding forwarding =
            start(forwarding(platform.port(), 2000, 2, 1000), dataDir)) {
      await().atMost(WAIT).until(platform::connected);

      request(
          platform,
          "Q1",
          2051,
          PASSWORD,
          MN,
          "BeginTime="
              + Hj212Frames.time(T0, BEIJING)
              + ";EndTime="
              + Hj212Frames.time(T0.plusSeconds(150), BEIJING));
      List<Received> backfill = answersTo(platform, "Q1");
      assertThat(backfill).extracting(Received::cn).containsExactly(9011, 2051, 2051, 9012);
      assertThat(backfill.get(0).fields()).containsEntry("QnRtn", "1");
      assertThat(backfill.get(1).fields())
          .containsEntry("DataTime", Hj212Frames.time(T0.plusSeconds(60), BEIJING))
          .containsEntry("a21026-Avg", "11")
          .containsEntry("a21026-ZsAvg", "21")
          .containsEntry("a21026-Flag", "N");
      assertThat(backfill.get(2).fields())
          .containsEntry("DataTime", Hj212Frames.time(T0.plusSeconds(120), BEIJING));
      assertThat(backfill.get(3).fields()).containsEntry("ExeRtn", "1");

      request(platform, "Q2", 1062, PASSWORD, MN, "RtdInterval=60");
      assertThat(answersTo(platform, "Q2")).extracting(Received::cn).containsExactly(9011, 9012);
      request(platform, "Q3", 1061, PASSWORD, MN, "");
      assertThat(answersTo(platform, "Q3"))
          .extracting(p -> p.cn() + " " + p.fields())
          .containsExactly("9011 {QnRtn=1}", "1061 {RtdInterval=60}", "9012 {ExeRtn=1}");

      request(platform, "Q4", 1011, PASSWORD, MN, "");
      assertThat(answersTo(platform, "Q4").get(1).fields()).containsKey("SystemTime");

      request(platform, "Q5", 1000, PASSWORD, MN, "OverTime=5;ReCount=2");
      assertThat(answersTo(platform, "Q5"))
          .extracting(p -> p.cn() + " " + p.fields())
          .containsExactly("9011 {QnRtn=1}", "9012 {ExeRtn=1}");

      request(platform, "Q6", 1011, "wrong1", MN, "");
      assertThat(answersTo(platform, "Q6"))
          .extracting(p -> p.cn() + " " + p.fields())
          .containsExactly("9011 {QnRtn=3}");
      request(platform, "Q7", 1011, PASSWORD, "999999", "");
      assertThat(answersTo(platform, "Q7"))
          .extracting(p -> p.cn() + " " + p.fields())
          .containsExactly("9011 {QnRtn=4}");
    }
  }

  private static void request(
      TestPlatform platform, String qn, int cn, String password, String mn, String data)
      throws Exception {
    platform.send(
        Hj212Frames.segment(
            "2026120100000" + qn.substring(1) + "000", 31, cn, password, mn, 5, data));
  }

  /**
   * The answers (same QN) to a request, waited for until the last (9012, or a 9011 that is not
   * QnRtn=1) came, with the data packets sent in between.
   */
  private static List<Received> answersTo(TestPlatform platform, String qn) {
    String fullQn = "2026120100000" + qn.substring(1) + "000";
    await()
        .atMost(WAIT)
        .until(
            () ->
                platform.received().stream()
                    .anyMatch(
                        p ->
                            fullQn.equals(p.qn())
                                && (p.cn() == 9012
                                    || (p.cn() == 9011 && !"1".equals(p.fields().get("QnRtn"))))));
    List<Received> all = platform.received();
    int from = -1;
    int to = -1;
    for (int i = 0; i < all.size(); i++) {
      if (fullQn.equals(all.get(i).qn())) {
        from = from < 0 ? i : from;
        to = i;
      }
    }
    return all.subList(from, to + 1);
  }
}
