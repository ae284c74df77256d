package io.helan.driver.plc4x;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.groups.Tuple.tuple;

import io.helan.config.ConfigError;
import io.helan.config.SiteConfigException;
import io.helan.config.SiteLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A PLC4X device's connection string and tags are checked when the site loads, with PLC4X's own
 * drivers (on this class path as on the server's), and reported with file and line.
 */
class Plc4xSiteCheckTest {
  private static final String URL = "modbus-tcp://127.0.0.1:23001?default-unit-identifier=1";
  private static final String SAMPLER_TAG = "holding-register:3:UINT";

  @TempDir Path dir;

  @Test
  void theSiteAsWrittenLoads() {
    assertThat(SiteLoader.loadResource("sites/water-station-plc.yaml").devices()).hasSize(1);
  }

  @Test
  void aTagTheDriverCannotReadIsReportedWhereTheDeviceTypeWritesIt() throws IOException {
    List<ConfigError> errors = errorsOf(SAMPLER_TAG, "holding-regster:3:UINT");

    assertThat(errors)
        .extracting(ConfigError::line, ConfigError::path)
        .containsExactly(tuple(15, "deviceTypes[0].points[4].address"));
    assertThat(errors.get(0).message())
        .startsWith("'holding-regster:3:UINT' is not a tag of the PLC4X modbus-tcp driver: ");
  }

  @Test
  void commandTargetsAreTagsToo() throws IOException {
    List<ConfigError> errors = errorsOf("target: \"coil:4\"", "target: \"coil:x\"");

    assertThat(errors)
        .extracting(ConfigError::line, ConfigError::path)
        .containsExactly(
            tuple(18, "deviceTypes[0].commands[0].target"),
            tuple(19, "deviceTypes[0].commands[1].target"));
  }

  @Test
  void aDriverThatIsNotInstalledIsReportedWithTheInstalledOnes() throws IOException {
    List<ConfigError> errors = errorsOf(URL, "modbus-tpc://127.0.0.1:23001");

    assertThat(errors)
        .extracting(ConfigError::line, ConfigError::path, ConfigError::message)
        .containsExactly(
            tuple(
                30,
                "stations[0].devices[0].connection.endpointUrl",
                "no PLC4X driver 'modbus-tpc' is installed (installed: modbus-ascii, modbus-rtu,"
                    + " modbus-tcp)"));
  }

  @Test
  void aConnectionStringOutOfShapeIsReported() throws IOException {
    assertThat(errorsOf(URL, "127.0.0.1:23001"))
        .extracting(ConfigError::line, ConfigError::message)
        .containsExactly(
            tuple(
                30,
                "endpointUrl '127.0.0.1:23001' is not a PLC4X connection string"
                    + " (driver://address?options, e.g."
                    + " modbus-tcp://10.0.0.5:502?default-unit-identifier=1)"));
    assertThat(errorsOf(URL, "modbus-tcp://127.0.0.1:23001?default-unit-identifier"))
        .extracting(ConfigError::message)
        .containsExactly(
            "endpointUrl option 'default-unit-identifier' is not of the form key=value (options:"
                + " default-unit-identifier)");
    assertThat(errorsOf(URL, "modbus-tcp://127.0.0.1:70000"))
        .extracting(ConfigError::message)
        .containsExactly("port 70000 out of range 1..65535");
  }

  /** The errors of the test site with {@code from} replaced by {@code to}. */
  private List<ConfigError> errorsOf(String from, String to) throws IOException {
    String text =
        new String(
            getClass()
                .getClassLoader()
                .getResourceAsStream("sites/water-station-plc.yaml")
                .readAllBytes(),
            StandardCharsets.UTF_8);
    assertThat(text).contains(from);
    Path file = dir.resolve("site.yaml");
    Files.writeString(file, text.replace(from, to));
    return catchThrowableOfType(SiteConfigException.class, () -> SiteLoader.load(file)).errors();
  }
}
