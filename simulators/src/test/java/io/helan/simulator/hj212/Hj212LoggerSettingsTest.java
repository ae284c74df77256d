package io.helan.simulator.hj212;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.helan.config.AlarmLimits;
import io.helan.config.DataType;
import io.helan.config.Device;
import io.helan.config.Hj212Connection;
import io.helan.config.Point;
import io.helan.simulator.FieldTicker;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The simulated logger obeys the platform's 1000: an upload without its 9014 answer is sent again
 * after OverTime, ReCount times, and an answered one never; each real-time upload has a DataTime of
 * its own. The platform here is a plain socket that answers only what the test tells it to.
 */
class Hj212LoggerSettingsTest {
  private static final String MN = "640181000000000000000901";
  private static final String PASSWORD = "212901";
  private static final Hj212Logger.Timing FAST =
      new Hj212Logger.Timing(
          Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofSeconds(3));

  private static final DateTimeFormatter LOGGER_TIME =
      DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.ofHours(8));

  private static Device logger() {
    Point so2 =
        new Point(
            0,
            "p.cems.so2",
            "p",
            "p.cems",
            "SO2",
            "a21026",
            "mg/m³",
            DataType.FLOAT64,
            "a21026-Rtd",
            1,
            0,
            0,
            2000,
            AlarmLimits.NONE);
    return new Device(
        "p.cems",
        "p",
        "CEMS",
        "cems-logger",
        new Hj212Connection(MN, PASSWORD, 60_000, 3, 480),
        List.of(so2),
        List.of());
  }

  @Test
  void resendsAnUnansweredUploadReCountTimesAfterOverTimeEach() throws Exception {
    try (ServerSocket platform = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        Hj212Logger cems = new Hj212Logger(logger(), FAST)) {
      cems.dialTo(new InetSocketAddress(InetAddress.getLoopbackAddress(), platform.getLocalPort()));
      cems.start();
      try (Socket connection = platform.accept()) {
        List<Map<String, String>> packets = new CopyOnWriteArrayList<>();
        Thread reader = readInto(connection, packets);
        OutputStream out = connection.getOutputStream();
        setTimeouts(out);
        await().atMost(Duration.ofSeconds(10)).until(() -> cems.reCount() == 2);
        assertThat(cems.overTime()).isEqualTo(Duration.ofSeconds(1));

        // no 9014 ever: some upload sent since has gone 1 + ReCount times
        await()
            .atMost(Duration.ofSeconds(20))
            .until(() -> timesSent(packets).values().stream().anyMatch(n -> n == 3));
        assertThat(timesSent(packets).values())
            .allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(3));
        assertThat(cems.resends()).isPositive();
        reader.interrupt();
      }
    }
  }

  @Test
  void anAnsweredUploadIsNeverSentAgain() throws Exception {
    try (ServerSocket platform = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        Hj212Logger cems = new Hj212Logger(logger(), FAST)) {
      cems.dialTo(new InetSocketAddress(InetAddress.getLoopbackAddress(), platform.getLocalPort()));
      cems.start();
      try (Socket connection = platform.accept()) {
        List<Map<String, String>> packets = new CopyOnWriteArrayList<>();
        OutputStream out = connection.getOutputStream();
        setTimeouts(out);
        Thread reader = readInto(connection, packets, out);
        await().atMost(Duration.ofSeconds(10)).until(() -> cems.reCount() == 2);
        await().atMost(Duration.ofSeconds(10)).until(() -> cems.answersReceived() >= 4);

        assertThat(timesSent(packets).values()).containsOnly(1L);
        assertThat(cems.resends()).isZero();
        reader.interrupt();
      }
    }
  }

  @Test
  void everyRealTimeUploadHasADataTimeOfItsOwnThoughItsTicksRunLate() throws Exception {
    try (ServerSocket platform = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        Hj212Logger cems = new Hj212Logger(logger(), FAST)) {
      cems.dialTo(new InetSocketAddress(InetAddress.getLoopbackAddress(), platform.getLocalPort()));
      List<Long> listened = new CopyOnWriteArrayList<>();
      cems.onRealTimeUpload(listened::add);
      cems.start();
      try (Socket connection = platform.accept()) {
        List<Map<String, String>> packets = new CopyOnWriteArrayList<>();
        Thread reader = readInto(connection, packets, connection.getOutputStream());
        await().atMost(Duration.ofSeconds(10)).until(() -> realTime(packets).size() >= 2);

        // the ticking thread is busy for 3.5 s (a loaded machine): the three or four ticks due
        // meanwhile run back to back, within the same second of the wall clock
        FieldTicker.shared()
            .submit(
                () -> {
                  Thread.sleep(3500);
                  return null;
                })
            .get();
        int late = realTime(packets).size() + 3;
        await().atMost(Duration.ofSeconds(10)).until(() -> realTime(packets).size() >= late);

        List<String> dataTimes = realTime(packets).stream().map(p -> p.get("DataTime")).toList();
        assertThat(dataTimes).as("one DataTime per upload, in order").doesNotHaveDuplicates();
        assertThat(dataTimes).isSorted();
        await().atMost(Duration.ofSeconds(10)).until(() -> listened.size() >= dataTimes.size());
        assertThat(listened.subList(0, dataTimes.size()))
            .as("the listener hears each upload once, at whole seconds")
            .allSatisfy(t -> assertThat(t % 1000).isZero())
            .extracting(t -> LOGGER_TIME.format(Instant.ofEpochMilli(t)))
            .containsExactlyElementsOf(dataTimes);
        reader.interrupt();
      }
    }
  }

  /** The real-time uploads (2011) as they came, each once (not again when resent). */
  private static List<Map<String, String>> realTime(List<Map<String, String>> packets) {
    Map<String, Map<String, String>> byQn = new java.util.LinkedHashMap<>();
    packets.stream()
        .filter(p -> "2011".equals(p.get("CN")))
        .forEach(p -> byQn.putIfAbsent(p.get("QN"), p));
    return List.copyOf(byQn.values());
  }

  /** The platform's 1000: OverTime 1 s, ReCount 2. */
  private static void setTimeouts(OutputStream out) throws java.io.IOException {
    out.write(
        Hj212Wire.frame(
            "QN=20261201000000001;ST=31;CN=1000;PW="
                + PASSWORD
                + ";MN="
                + MN
                + ";Flag=5;CP=&&OverTime=1;ReCount=2&&"));
    out.flush();
  }

  /** How often each upload (by QN) came. */
  private static Map<String, Long> timesSent(List<Map<String, String>> packets) {
    return packets.stream()
        .filter(p -> "2011".equals(p.get("CN")))
        .collect(Collectors.groupingBy(p -> p.get("QN"), Collectors.counting()));
  }

  private static Thread readInto(Socket connection, List<Map<String, String>> packets) {
    return readInto(connection, packets, null);
  }

  /** Reads the logger's packets; answers each upload with 9014 when {@code answers} is given. */
  private static Thread readInto(
      Socket connection, List<Map<String, String>> packets, OutputStream answers) {
    Thread reader =
        new Thread(
            () -> {
              try {
                BufferedReader in =
                    new BufferedReader(
                        new InputStreamReader(connection.getInputStream(), StandardCharsets.UTF_8));
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                  Hj212Wire.segmentOf(line)
                      .map(Hj212Wire::fields)
                      .ifPresent(
                          fields -> {
                            packets.add(fields);
                            if (answers != null && "2011".equals(fields.get("CN"))) {
                              answer(answers, fields);
                            }
                          });
                }
              } catch (Exception e) {
                // the test ended
              }
            });
    reader.setDaemon(true);
    reader.start();
    return reader;
  }

  private static void answer(OutputStream out, Map<String, String> upload) {
    try {
      out.write(
          Hj212Wire.frame(
              "QN="
                  + upload.get("QN")
                  + ";ST=91;CN=9014;PW="
                  + PASSWORD
                  + ";MN="
                  + MN
                  + ";Flag=4;CP=&&&&"));
      out.flush();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
