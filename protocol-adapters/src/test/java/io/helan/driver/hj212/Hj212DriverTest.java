package io.helan.driver.hj212;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.helan.config.Device;
import io.helan.config.Point;
import io.helan.config.Site;
import io.helan.config.SiteLoader;
import io.helan.driver.CommandOutcome;
import io.helan.driver.DataFlag;
import io.helan.driver.DeviceCommand;
import io.helan.driver.DeviceLink;
import io.helan.driver.DriverOptions;
import io.helan.driver.FieldRecorder;
import io.helan.driver.LinkState;
import io.helan.driver.Quality;
import io.helan.driver.hj212.Hj212Counters.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HJ 212 driver on a free port, with loggers played over real sockets. */
class Hj212DriverTest {
  private static final String CEMS = "NDPOWER0001";
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final Site site = SiteLoader.loadResource("sites/hj212.yaml");
  private final FieldRecorder recorder = new FieldRecorder();
  private final Map<String, DeviceLink> links = new HashMap<>();
  private Hj212Driver driver;

  @BeforeEach
  void start() {
    driver = new Hj212Driver();
    driver.start(
        new DriverOptions(
            Map.of(
                "hj212.port",
                "0",
                "hj212.host",
                "127.0.0.1",
                "hj212.idleTimeoutMs",
                "1500",
                "hj212.frameTimeoutMs",
                "700",
                "hj212.maxDataLength",
                "2000")));
    for (Device device : site.devices()) {
      links.put(device.id(), driver.connect(device, recorder, recorder));
    }
  }

  @AfterEach
  void stop() {
    driver.close();
  }

  private Point point(String id) {
    return site.point(id).orElseThrow();
  }

  static String upload(String qn, int cn, String mn, String pw, int flag, String data) {
    return Hj212Frames.segment(qn, 31, cn, pw, mn, flag, data);
  }

  @Test
  void uploadsBecomeSamplesAtTheirDataTimeWithFlagAndFieldKeptApart() throws Exception {
    try (RawLogger logger = new RawLogger(driver.port())) {
      logger.send(
          upload(
              "20261207101500001",
              2011,
              CEMS,
              "123456",
              5,
              "DataTime=20261207101500;a21026-Rtd=35.2,a21026-ZsRtd=41.7,a21026-Flag=N;"
                  + "a34013-Rtd=4.3,a34013-Flag=C"));
      assertThat(logger.next(5000))
          .startsWith("QN=20261207101500001;ST=91;CN=9014;")
          .endsWith("Flag=4;CP=&&&&");

      long tenFifteen = Instant.parse("2026-12-07T02:15:00Z").toEpochMilli() * 1000;
      FieldRecorder.Sample so2 = recorder.latest(point("nd-power.cems.so2"));
      FieldRecorder.Sample so2Zs = recorder.latest(point("nd-power.cems.so2-zs"));
      assertThat(so2.value()).isEqualTo(35.2);
      assertThat(so2.timeMicros()).isEqualTo(tenFifteen);
      assertThat(so2Zs.value()).isEqualTo(41.7);
      assertThat(recorder.latest(point("nd-power.cems.dust")).flag()).isEqualTo(DataFlag.C);
      assertThat(recorder.latest(point("nd-power.cems.so2-hour"))).isNull();
      assertThat(recorder.state(site.device("nd-power.cems").orElseThrow()))
          .isEqualTo(LinkState.CONNECTED);

      // an hourly upload without the answer bit, then a minute upload with it: one answer only
      logger.send(
          upload(
              "20261207110000002",
              2061,
              CEMS,
              "123456",
              4,
              "DataTime=20261207100000;a21026-Avg=33.0,a21026-ZsAvg=40.1,a21026-Min=30,a21026-Flag=N"));
      logger.send(
          upload(
              "20261207110000003",
              2051,
              CEMS,
              "123456",
              5,
              "DataTime=20261207105900;a21026-Avg=36.5,a21026-Flag=D"));
      assertThat(logger.next(5000)).startsWith("QN=20261207110000003;ST=91;CN=9014;");
      assertThat(logger.next(300)).isNull();

      long tenOClock = Instant.parse("2026-12-07T02:00:00Z").toEpochMilli() * 1000;
      assertThat(recorder.latest(point("nd-power.cems.so2-hour")).value()).isEqualTo(33.0);
      assertThat(recorder.latest(point("nd-power.cems.so2-hour")).timeMicros())
          .isEqualTo(tenOClock);
      assertThat(recorder.latest(point("nd-power.cems.so2-hour-zs")).value()).isEqualTo(40.1);
      assertThat(recorder.latest(point("nd-power.cems.so2-minute")).flag()).isEqualTo(DataFlag.D);
      assertThat(recorder.latest(point("nd-power.cems.so2")).value())
          .as("an aggregate never lands on the real-time point")
          .isEqualTo(35.2);
      assertThat(driver.counters().get(Kind.SAMPLES)).isEqualTo(6);
    }
  }

  @Test
  void unknownMnAndWrongPasswordAreRefusedCountedAndNeverStored() throws Exception {
    try (RawLogger logger = new RawLogger(driver.port())) {
      logger.send(
          upload(
              "20261207101500001",
              2011,
              "NOSUCHMN",
              "123456",
              5,
              "DataTime=20261207101500;a21026-Rtd=1"));
      assertThat(logger.next(5000)).contains("CN=9011").endsWith("CP=&&QnRtn=4&&");
      logger.send(
          upload(
              "20261207101500002",
              2011,
              CEMS,
              "000000",
              5,
              "DataTime=20261207101500;a21026-Rtd=1"));
      assertThat(logger.next(5000)).contains("CN=9011").endsWith("CP=&&QnRtn=3&&");

      assertThat(driver.counters().get(Kind.UNKNOWN_MN)).isEqualTo(1);
      assertThat(driver.counters().get(Kind.WRONG_PASSWORD)).isEqualTo(1);
      assertThat(recorder.latest(point("nd-power.cems.so2"))).isNull();
      assertThat(recorder.state(site.device("nd-power.cems").orElseThrow())).isNull();
    }
  }

  @Test
  void badInputIsCountedPerConnectionWithoutDisturbingAnother() throws Exception {
    try (RawLogger bad = new RawLogger(driver.port());
        RawLogger good = new RawLogger(driver.port())) {
      String frame =
          new String(
              Hj212Frames.frame(
                  upload(
                      "20261207101500001",
                      2011,
                      CEMS,
                      "123456",
                      4,
                      "DataTime=20261207101500;a21026-Rtd=99")),
              java.nio.charset.StandardCharsets.UTF_8);
      String crc = frame.substring(frame.length() - 6, frame.length() - 2);
      bad.sendRaw(
          "\u0000\u00ffnoise"
              + frame.replace(crc + "\r\n", (crc.equals("0000") ? "0001" : "0000") + "\r\n"));
      bad.sendRaw(frame.replaceFirst("##\\d{4}", "##0010"));
      bad.sendRaw("##3000" + "x".repeat(3000));
      good.send(
          upload(
              "20261207101600002",
              2011,
              "NDCHEM0001",
              "654321",
              4,
              "DataTime=20261207101600;w01018-Rtd=21.5"));

      await().atMost(WAIT).until(() -> recorder.latest(point("nd-chem.outlet.cod")) != null);
      await().atMost(WAIT).until(() -> driver.counters().get(Kind.OVERSIZE) == 1);
      assertThat(driver.counters().get(Kind.GARBAGE)).isEqualTo(1);
      assertThat(driver.counters().get(Kind.BAD_CRC)).isEqualTo(1);
      assertThat(driver.counters().get(Kind.BAD_LENGTH)).isEqualTo(1);
      assertThat(recorder.latest(point("nd-power.cems.so2"))).isNull();
      assertThat(recorder.latest(point("nd-chem.outlet.cod")).value()).isEqualTo(21.5);
    }
  }

  @Test
  void slowDripAndSilentConnectionsAreClosedAndTheLinkReportsTheLoss() throws Exception {
    try (RawLogger drip = new RawLogger(driver.port());
        RawLogger silent = new RawLogger(driver.port())) {
      silent.send(
          upload(
              "20261207101500001",
              2011,
              CEMS,
              "123456",
              4,
              "DataTime=20261207101500;a21026-Rtd=9"));
      drip.sendRaw("##0101QN=2016");
      await().atMost(WAIT).until(drip::closedByPeer);
      assertThat(driver.counters().get(Kind.INCOMPLETE)).isEqualTo(1);

      await().atMost(WAIT).until(silent::closedByPeer);
      assertThat(driver.counters().get(Kind.IDLE_TIMEOUTS)).isGreaterThanOrEqualTo(1);
      await()
          .atMost(WAIT)
          .until(
              () ->
                  recorder.state(site.device("nd-power.cems").orElseThrow())
                      == LinkState.DISCONNECTED);
      assertThat(recorder.latest(point("nd-power.cems.so2")).quality())
          .isEqualTo(Quality.BAD_COMMUNICATION);
    }
  }

  @Test
  void aClosedLinkTakesNoMorePacketsAndOurStopIsNoLossOfTheLogger() throws Exception {
    Device cems = site.device("nd-power.cems").orElseThrow();
    Device chem = site.device("nd-chem.outlet").orElseThrow();
    try (RawLogger logger = new RawLogger(driver.port())) {
      logger.send(
          upload(
              "20261207101500001",
              2011,
              "NDCHEM0001",
              "654321",
              5,
              "DataTime=20261207101500;w01018-Rtd=21.5"));
      // the CEMS last: the connection remembers it as the link of its latest packet
      logger.send(
          upload(
              "20261207101500002",
              2011,
              CEMS,
              "123456",
              5,
              "DataTime=20261207101500;a21026-Rtd=9"));
      assertThat(logger.next(5000)).startsWith("QN=20261207101500001;");
      assertThat(logger.next(5000)).startsWith("QN=20261207101500002;");
      assertThat(recorder.state(cems)).isEqualTo(LinkState.CONNECTED);

      // the server closes the link (it stops, or another node takes the device) while the logger
      // stays connected: its next upload must not bring the link back
      links.get(cems.id()).close();
      assertThat(recorder.state(cems)).isEqualTo(LinkState.CLOSED);
      long stored = recorder.count(point("nd-power.cems.so2"));
      logger.send(
          upload(
              "20261207101600003",
              2011,
              CEMS,
              "123456",
              4,
              "DataTime=20261207101600;a21026-Rtd=10"));
      logger.send(
          upload(
              "20261207101600004",
              2011,
              "NDCHEM0001",
              "654321",
              5,
              "DataTime=20261207101600;w01018-Rtd=22"));
      // answered in order: the chemical plant's answer means the CEMS upload was handled
      assertThat(logger.next(5000)).startsWith("QN=20261207101600004;");
      assertThat(recorder.count(point("nd-power.cems.so2"))).isEqualTo(stored);
      assertThat(recorder.state(cems)).isEqualTo(LinkState.CLOSED);

      // the driver closes with the logger still connected: links CLOSED, no BAD_COMMUNICATION
      driver.close();
      await().atMost(WAIT).until(logger::closedByPeer);
      assertThat(recorder.state(chem)).isEqualTo(LinkState.CLOSED);
      assertThat(recorder.latest(point("nd-chem.outlet.cod")).quality()).isEqualTo(Quality.GOOD);
      assertThat(recorder.latest(point("nd-power.cems.so2")).quality()).isEqualTo(Quality.GOOD);
    }
  }

  @Test
  void aCommandFollowsTheHandshakeAndIsResentWithoutAnAnswer() throws Exception {
    Device cems = site.device("nd-power.cems").orElseThrow();
    try (RawLogger logger = new RawLogger(driver.port())) {
      logger.send(
          upload(
              "20261207101500001",
              2011,
              CEMS,
              "123456",
              4,
              "DataTime=20261207101500;a21026-Rtd=9"));
      await().atMost(WAIT).until(() -> links.get(cems.id()).state() == LinkState.CONNECTED);

      CompletableFuture<CommandOutcome> sync =
          links.get(cems.id()).execute(new DeviceCommand(command(cems, "time-sync"), Map.of()));
      String first = logger.next(5000);
      String resent = logger.next(5000);
      assertThat(first).contains(";ST=31;CN=1012;PW=123456;MN=NDPOWER0001;Flag=5;CP=&&SystemTime=");
      assertThat(resent).as("no 9011 within OverTime: sent again").isEqualTo(first);
      String qn = first.substring(3, 20);
      logger.send(upload(qn, 9011, CEMS, "123456", 4, "QnRtn=1").replace("ST=31", "ST=91"));
      assertThat(sync).isNotDone();
      logger.send(upload(qn, 9012, CEMS, "123456", 4, "ExeRtn=1").replace("ST=31", "ST=91"));

      assertThat(sync.get(5, TimeUnit.SECONDS))
          .isEqualTo(CommandOutcome.accepted("ExeRtn=1 (success)"));

      CompletableFuture<CommandOutcome> unanswered =
          links
              .get(cems.id())
              .execute(new DeviceCommand(command(cems, "zero-calibration"), Map.of()));
      for (int attempt = 0; attempt < 3; attempt++) {
        assertThat(logger.next(5000)).contains("CN=3011").endsWith("CP=&&PolId=a21026&&");
      }
      assertThatThrownBy(() -> unanswered.get(5, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasMessageContaining("no 9011 answer to CN=3011")
          .hasMessageContaining("3 tries");
    }
  }

  private static io.helan.config.CommandDefinition command(Device device, String id) {
    return device.commands().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
  }
}
