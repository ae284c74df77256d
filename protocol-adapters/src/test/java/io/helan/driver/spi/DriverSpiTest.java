package io.helan.driver.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.helan.config.ConfigError;
import io.helan.config.Point;
import io.helan.config.Site;
import io.helan.config.SiteConfigException;
import io.helan.config.SiteLoader;
import io.helan.driver.DriverOptions;
import io.helan.driver.FieldRecorder;
import io.helan.driver.LinkState;
import io.helan.driver.registry.FieldDrivers;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A protocol that only this test source set knows, added through the two service files (its
 * connection type and its driver), with no change to config or server: the site loader reads its
 * devices' settings, the driver registry finds and starts it, and devices that dial in are routed
 * to their links by station code.
 */
class DriverSpiTest {

  @Test
  void aDriverOnTheClassPathServesItsDevicesThatDialIn() throws Exception {
    Site site = SiteLoader.loadResource("sites/line-logger.yaml");
    FieldRecorder recorder = new FieldRecorder();
    try (FieldDrivers drivers =
        new FieldDrivers(new DriverOptions(Map.of("line-logger.port", "0")))) {
      site.devices().forEach(device -> drivers.connect(device, recorder, recorder));
      LineLoggerDriver driver = (LineLoggerDriver) drivers.driverFor("line-logger");

      try (Socket logger = new Socket(InetAddress.getLoopbackAddress(), driver.port())) {
        OutputStream out = logger.getOutputStream();
        out.write("87654321 cod 42.5\n99999999 cod 1\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
        Point parkB = site.point("park-b.outlet.cod").orElseThrow();
        await().atMost(Duration.ofSeconds(5)).until(() -> recorder.latest(parkB) != null);
        await().atMost(Duration.ofSeconds(5)).until(() -> driver.refused() == 1);

        assertThat(recorder.latest(parkB).value()).isEqualTo(42.5);
        assertThat(recorder.latest(site.point("park-a.outlet.cod").orElseThrow()))
            .as("a line is routed to the device with its station code only")
            .isNull();
        assertThat(recorder.state(site.device("park-b.outlet").orElseThrow()))
            .isEqualTo(LinkState.CONNECTED);
      }
    }
  }

  @Test
  void itsSettingsAreCheckedWithFileAndLine(@TempDir Path dir) throws Exception {
    String text =
        new String(
                getClass()
                    .getClassLoader()
                    .getResourceAsStream("sites/line-logger.yaml")
                    .readAllBytes(),
                StandardCharsets.UTF_8)
            .replace("{stationCode: \"87654321\"}", "{stationCode: \"8765\", host: x}");
    Path file = dir.resolve("site.yaml");
    Files.writeString(file, text);

    SiteConfigException thrown =
        catchThrowableOfType(SiteConfigException.class, () -> SiteLoader.load(file));

    assertThat(thrown.errors())
        .extracting(ConfigError::line, ConfigError::path, ConfigError::message)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                25,
                "stations[1].devices[0].connection.stationCode",
                "station code '8765' is not eight digits"),
            org.assertj.core.groups.Tuple.tuple(
                25,
                "stations[1].devices[0].connection.host",
                "host does not apply to line-logger devices (they take: stationCode, timeoutMs)"));
  }
}
