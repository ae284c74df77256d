package io.helan.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.helan.auth.User;
import io.helan.config.SiteLoader;
import io.helan.simulator.SimulatedNetwork;
import io.helan.testing.DefaultSiteServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Demo users with public passwords exist on the built-in demo site only. */
@ExtendWith(DefaultSiteServer.class)
class DemoSiteUsersTest {

  @Test
  void anOperatorsOwnSiteFileWithSimulatorsGetsNoDemoUsers(@TempDir Path dir) throws Exception {
    Path siteFile =
        Files.writeString(
            dir.resolve("site.yaml"),
            String.join(
                "\n",
                "site: {id: own, name: Own}",
                "regions: [{id: r, name: R}]",
                "deviceTypes:",
                "  - id: air-analyser-rack",
                "    name: Rack",
                "    protocol: modbus-tcp",
                "    points:",
                "      - {id: so2, name: SO2, unit: µg/m³, address: 'hr:0', range: [0, 1000]}",
                "stations:",
                "  - {id: s, name: S, kind: air-city, region: r, location: {lat: 38, lon: 106},",
                "     devices: [{id: aqm, type: air-analyser-rack,"
                    + " connection: {host: 127.0.0.1, port: 20001}}]}",
                ""));
    Path dataDir = dir.resolve("data");
    ServerSettings settings = DefaultSiteServer.settings(dataDir, false);

    try (HelanServer server =
        new HelanServer(SimulatedNetwork.atFreePorts(SiteLoader.load(siteFile)), settings)
            .start()) {
      assertThat(settings.simulators()).isTrue();
      assertThat(server.users().users()).extracting(User::name).containsExactly("admin");
    }
  }

  @Test
  void theBuiltInDemoSiteHasThem(HelanServer demo) {
    assertThat(demo.users().users())
        .extracting(User::name)
        .contains("viewer", "operator", "maintainer", "commander");
    assertThat(demo.users().authenticate("commander", "commander-demo")).isPresent();
  }
}
