package io.helan.simulator.hj212;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.helan.config.AlarmLimits;
import io.helan.config.DataType;
import io.helan.config.Device;
import io.helan.config.Hj212Connection;
import io.helan.config.Point;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The simulated logger obeys the platform's 1000: an upload without its 9014 answer is sent again
 * after OverTime, ReCount times, and an answered one never. The platform here is a plain socket
 * that answers only what the test tells it to.
 */
class Hj212LoggerSettingsTest {
  private static final String MN = "640181000000000000000901";
  private static final String PASSWORD = "212901";
  private static final Hj212Logger.Timing FAST =
      new Hj212Logger.Timing(
          Duration.ofMillis(300),
          Duration.ofMinutes(1),
          Duration.ofHours(1),
          Duration.ofSeconds(3));

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
        await().atMost(Duration.ofSeconds(10)).until(() -> cems.answersReceived() >= 8);

        assertThat(timesSent(packets).values()).containsOnly(1L);
        assertThat(cems.resends()).isZero();
        reader.interrupt();
      }
    }
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
