package io.helan.simulator;

import static io.helan.simulator.FieldDevices.airRack;
import static io.helan.simulator.FieldDevices.gammaStation;
import static io.helan.simulator.FieldDevices.isListening;
import static io.helan.simulator.FieldDevices.modbusDevice;
import static io.helan.simulator.FieldDevices.station;
import static io.helan.simulator.FieldDevices.waterRack;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.helan.config.Region;
import io.helan.config.Site;
import io.helan.config.Station;
import io.helan.config.StationKind;
import io.helan.config.TcpConnection;
import io.helan.config.WordOrder;
import io.helan.simulator.gamma.GammaStation;
import io.helan.simulator.modbus.AirAnalyserRack;
import io.helan.simulator.modbus.WaterAnalyserRack;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class SimulatedNetworkTest {
  private static final Logger log = LoggerFactory.getLogger(SimulatedNetworkTest.class);
  private static final List<Region> REGIONS = List.of(new Region("yinchuan", "银川", "Yinchuan"));

  private static Site site(List<Station> stations) {
    return new Site("test", "Test", REGIONS, stations);
  }

  @Test
  void simulates_the_loopback_devices_of_known_types_and_plays_station_outages() throws Exception {
    Site site =
        site(
            List.of(
                station(
                    "yc-air",
                    StationKind.AIR_CITY,
                    airRack("yc-air", 0, WordOrder.CDAB),
                    modbusDevice(
                        "yc-air", "far", "air-analyser-rack", "10.20.30.40", 502, WordOrder.ABCD)),
                station(
                    "hh-water",
                    StationKind.WATER_SECTION,
                    waterRack("hh-water", 0),
                    modbusDevice("hh-water", "plc", "water-plc", "127.0.0.1", 502, WordOrder.ABCD)),
                station("yc-gamma", StationKind.RADIATION_GAMMA, gammaStation("yc-gamma", 0))));

    try (SimulatedNetwork network = new SimulatedNetwork(site)) {
      assertThat(network.simulators())
          .extracting(simulator -> simulator.device().id())
          .containsExactly("yc-air.aqm", "hh-water.wqm", "yc-gamma.gamma");
      assertThat(network.simulator("yc-air.aqm")).get().isInstanceOf(AirAnalyserRack.class);
      assertThat(network.simulator("hh-water.wqm")).get().isInstanceOf(WaterAnalyserRack.class);
      assertThat(network.simulator("yc-gamma.gamma")).get().isInstanceOf(GammaStation.class);
      assertThat(network.simulator("yc-air.far")).as("not on this machine").isEmpty();
      assertThat(network.simulator("hh-water.plc")).as("not a simulated type").isEmpty();

      network.start();
      assertThat(network.simulators()).allMatch(FieldSimulator::isRunning);
      int air = port(network.site(), "yc-air.aqm");
      int water = port(network.site(), "hh-water.wqm");
      int gamma = port(network.site(), "yc-gamma.gamma");
      assertThat(List.of(air, water, gamma)).allMatch(FieldDevices::isListening);

      network.stopStation("yc-air");
      assertThat(isListening(air)).isFalse();
      assertThat(isListening(water)).isTrue();

      network.startStation("yc-air");
      assertThat(port(network.site(), "yc-air.aqm")).as("back on its port").isEqualTo(air);
      assertThat(isListening(air)).isTrue();

      assertThatThrownBy(() -> network.stopStation("nowhere"))
          .isInstanceOf(IllegalArgumentException.class);
      network.close();
      assertThat(isListening(air)).isFalse();
      assertThat(isListening(gamma)).isFalse();
    }
  }

  @Test
  void on_free_ports_moves_every_simulated_device_off_the_sites_ports_and_tells_where()
      throws Exception {
    Site site =
        site(
            List.of(
                station(
                    "yc-air",
                    StationKind.AIR_CITY,
                    airRack("yc-air", 20001, WordOrder.CDAB),
                    modbusDevice(
                        "yc-air", "far", "air-analyser-rack", "10.20.30.40", 502, WordOrder.ABCD)),
                station("yc-gamma", StationKind.RADIATION_GAMMA, gammaStation("yc-gamma", 22001))));

    try (SimulatedNetwork network = SimulatedNetwork.onFreePorts(site)) {
      Site served = network.site();
      int air = port(served, "yc-air.aqm");
      int gamma = port(served, "yc-gamma.gamma");

      assertThat(network.simulators()).allMatch(FieldSimulator::isRunning);
      assertThat(air).isNotEqualTo(20001).isPositive();
      assertThat(gamma).isNotEqualTo(22001).isPositive();
      assertThat(List.of(air, gamma)).allMatch(FieldDevices::isListening);
      assertThat(served.device("yc-air.far").orElseThrow())
          .as("a real device stays where it is")
          .isEqualTo(site.device("yc-air.far").orElseThrow());
      assertThat(served.points()).isEqualTo(site.points());

      network.stopStation("yc-gamma");
      // Milo closes its listener after the stop returns, on its own threads.
      await().atMost(Duration.ofSeconds(10)).until(() -> !isListening(gamma));
      network.startStation("yc-gamma");
      assertThat(port(network.site(), "yc-gamma.gamma")).as("back on its port").isEqualTo(gamma);
      assertThat(isListening(gamma)).isTrue();
    }
  }

  @Test
  void starts_120_analyser_racks_in_a_few_seconds() throws Exception {
    List<Station> stations = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      String id = "aq-" + i;
      stations.add(station(id, StationKind.AIR_CITY, airRack(id, 0, WordOrder.CDAB)));
    }

    List<Integer> ports;
    try (SimulatedNetwork network = new SimulatedNetwork(site(stations))) {
      long starting = System.nanoTime();
      network.start();
      Duration took = Duration.ofNanos(System.nanoTime() - starting);
      log.info("120 racks started in {} ms", took.toMillis());

      assertThat(took).isLessThan(Duration.ofSeconds(10));
      ports = ports(network.site());
      assertThat(ports).doesNotHaveDuplicates().allMatch(FieldDevices::isListening);
    }
    assertThat(ports).noneMatch(FieldDevices::isListening);
  }

  @Test
  void starts_six_gamma_stations_side_by_side() throws Exception {
    List<Station> stations = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      String id = "rad-" + i;
      stations.add(station(id, StationKind.RADIATION_GAMMA, gammaStation(id, 0)));
    }

    try (SimulatedNetwork network = new SimulatedNetwork(site(stations))) {
      long starting = System.nanoTime();
      network.start();
      Duration took = Duration.ofNanos(System.nanoTime() - starting);
      log.info("6 gamma stations started in {} ms", took.toMillis());

      assertThat(took).isLessThan(Duration.ofSeconds(20));
      assertThat(ports(network.site())).doesNotHaveDuplicates().allMatch(FieldDevices::isListening);
    }
  }

  @Test
  void a_port_in_use_fails_the_start_and_leaves_nothing_running() throws Exception {
    try (ServerSocket squatter = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Site site =
          site(
              List.of(
                  station("aq-1", StationKind.AIR_CITY, airRack("aq-1", 0, WordOrder.ABCD)),
                  station(
                      "aq-2",
                      StationKind.AIR_CITY,
                      airRack("aq-2", squatter.getLocalPort(), WordOrder.ABCD))));

      try (SimulatedNetwork network = new SimulatedNetwork(site)) {
        assertThatThrownBy(network::start).hasMessageContaining("aq-2.aqm");
        assertThat(network.simulators()).noneMatch(FieldSimulator::isRunning);
        assertThat(isListening(port(network.site(), "aq-1.aqm"))).isFalse();
      }
    }
  }

  private static int port(Site site, String deviceId) {
    return ((TcpConnection) site.device(deviceId).orElseThrow().connection()).tcpPort();
  }

  /** The ports of the site's devices, in site order. */
  private static List<Integer> ports(Site site) {
    return site.devices().stream()
        .map(device -> ((TcpConnection) device.connection()).tcpPort())
        .toList();
  }
}
