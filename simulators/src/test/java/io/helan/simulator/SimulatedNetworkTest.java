package io.helan.simulator;

import static io.helan.simulator.FieldDevices.airRack;
import static io.helan.simulator.FieldDevices.gammaStation;
import static io.helan.simulator.FieldDevices.isListening;
import static io.helan.simulator.FieldDevices.modbusDevice;
import static io.helan.simulator.FieldDevices.station;
import static io.helan.simulator.FieldDevices.waterRack;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helan.config.Region;
import io.helan.config.Site;
import io.helan.config.Station;
import io.helan.config.StationKind;
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
    List<Integer> ports = FieldDevices.freePorts(4);
    int air = ports.get(0);
    int water = ports.get(1);
    int gamma = ports.get(2);
    Site site =
        site(
            List.of(
                station(
                    "yc-air",
                    StationKind.AIR_CITY,
                    airRack("yc-air", air, WordOrder.CDAB),
                    modbusDevice(
                        "yc-air", "far", "air-analyser-rack", "10.20.30.40", 502, WordOrder.ABCD)),
                station(
                    "hh-water",
                    StationKind.WATER_SECTION,
                    waterRack("hh-water", water),
                    modbusDevice(
                        "hh-water", "plc", "water-plc", "127.0.0.1", ports.get(3), WordOrder.ABCD)),
                station("yc-gamma", StationKind.RADIATION_GAMMA, gammaStation("yc-gamma", gamma))));

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
      assertThat(isListening(air)).isTrue();
      assertThat(isListening(water)).isTrue();
      assertThat(isListening(gamma)).isTrue();

      network.stopStation("yc-air");
      assertThat(isListening(air)).isFalse();
      assertThat(isListening(water)).isTrue();

      network.startStation("yc-air");
      assertThat(isListening(air)).isTrue();

      assertThatThrownBy(() -> network.stopStation("nowhere"))
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(isListening(air)).isFalse();
    assertThat(isListening(gamma)).isFalse();
  }

  @Test
  void starts_120_analyser_racks_in_a_few_seconds() throws Exception {
    List<Integer> ports = FieldDevices.freePorts(120);
    List<Station> stations = new ArrayList<>();
    for (int i = 0; i < ports.size(); i++) {
      String id = "aq-" + i;
      stations.add(station(id, StationKind.AIR_CITY, airRack(id, ports.get(i), WordOrder.CDAB)));
    }

    try (SimulatedNetwork network = new SimulatedNetwork(site(stations))) {
      long starting = System.nanoTime();
      network.start();
      Duration took = Duration.ofNanos(System.nanoTime() - starting);
      log.info("120 racks started in {} ms", took.toMillis());

      assertThat(took).isLessThan(Duration.ofSeconds(10));
      assertThat(ports).allMatch(FieldDevices::isListening);
    }
    assertThat(ports).noneMatch(FieldDevices::isListening);
  }

  @Test
  void starts_six_gamma_stations_side_by_side() throws Exception {
    List<Integer> ports = FieldDevices.freePorts(6);
    List<Station> stations = new ArrayList<>();
    for (int i = 0; i < ports.size(); i++) {
      String id = "rad-" + i;
      stations.add(station(id, StationKind.RADIATION_GAMMA, gammaStation(id, ports.get(i))));
    }

    try (SimulatedNetwork network = new SimulatedNetwork(site(stations))) {
      long starting = System.nanoTime();
      network.start();
      Duration took = Duration.ofNanos(System.nanoTime() - starting);
      log.info("6 gamma stations started in {} ms", took.toMillis());

      assertThat(took).isLessThan(Duration.ofSeconds(20));
      assertThat(ports).allMatch(FieldDevices::isListening);
    }
  }

  @Test
  void a_port_in_use_fails_the_start_and_leaves_nothing_running() throws Exception {
    List<Integer> ports = FieldDevices.freePorts(2);
    Site site =
        site(
            List.of(
                station(
                    "aq-1", StationKind.AIR_CITY, airRack("aq-1", ports.get(0), WordOrder.ABCD)),
                station(
                    "aq-2", StationKind.AIR_CITY, airRack("aq-2", ports.get(1), WordOrder.ABCD))));

    try (ServerSocket squatter =
            new ServerSocket(ports.get(1), 1, InetAddress.getLoopbackAddress());
        SimulatedNetwork network = new SimulatedNetwork(site)) {
      assertThatThrownBy(network::start).hasMessageContaining("aq-2.aqm");
      assertThat(network.simulators()).noneMatch(FieldSimulator::isRunning);
      assertThat(isListening(ports.get(0))).isFalse();
    }
  }
}
