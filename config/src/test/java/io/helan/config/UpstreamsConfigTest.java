package io.helan.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.helan.config.Upstream.ForwardedDevice;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpstreamsConfigTest {

  @Test
  void readsUpstreamsWithTheLoggersOwnMnAndTheirSystemCodeByDefault() {
    Site site = SiteLoader.loadResource("good/upstreams.yaml");

    assertThat(site.upstreams()).hasSize(1);
    Upstream city = site.upstreams().get(0);
    assertThat(city)
        .extracting(
            Upstream::id,
            Upstream::host,
            Upstream::port,
            Upstream::password,
            Upstream::timeoutMs,
            Upstream::retries,
            Upstream::realTimeIntervalSeconds,
            Upstream::maxQueuedRecords)
        .containsExactly(
            "city",
            "10.1.2.3",
            9212,
            "city01",
            5000,
            Hj212Connection.DEFAULT_RETRIES,
            Upstream.DEFAULT_REAL_TIME_INTERVAL_SECONDS,
            Upstream.DEFAULT_MAX_QUEUED_RECORDS);
    assertThat(city.devices())
        .containsExactly(
            new ForwardedDevice("plant.cems", "640181000000000000000101", 31),
            new ForwardedDevice("plant.outlet", "640181000000000000000201", 32),
            new ForwardedDevice("park.aqm", "6401000000000000000AQ001", 22));
    assertThat(site.withDeviceConnections(d -> d.connection()).upstreams())
        .isEqualTo(site.upstreams());
  }

  @Test
  void everyProblemOfTheSectionIsReportedAtItsLine() {
    assertThatThrownBy(() -> SiteLoader.loadResource("bad/upstreams.yaml"))
        .isInstanceOfSatisfying(
            SiteConfigException.class,
            e ->
                assertThat(e.errors())
                    .extracting(ConfigError::line, ConfigError::path)
                    .containsExactly(
                        tuple(19, "upstreams[0].id"),
                        tuple(21, "upstreams[0].port"),
                        tuple(22, "upstreams[0].password"),
                        tuple(23, "upstreams[0].maxQueuedRecords"),
                        tuple(25, "upstreams[0].devices[0].mn"),
                        tuple(26, "upstreams[0].devices[1].device"),
                        tuple(30, "upstreams[1].passwordFile"),
                        tuple(33, "upstreams[1].devices[1].mn")));
  }

  @Test
  void thePasswordMayComeFromAFileOutsideTheSite(@TempDir Path dir) throws Exception {
    Path secret = Files.writeString(dir.resolve("city.pw"), "s3cret\n");
    String text =
        new String(
                UpstreamsConfigTest.class
                    .getClassLoader()
                    .getResourceAsStream("good/upstreams.yaml")
                    .readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8)
            .replace("password: \"city01\"", "passwordFile: " + secret);

    Site site = SiteLoader.parse("upstreams.yaml", text);

    assertThat(site.upstreams().get(0).password()).isEqualTo("s3cret");
  }
}
