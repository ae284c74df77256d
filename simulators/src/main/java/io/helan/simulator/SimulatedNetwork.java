package io.helan.simulator;

import io.helan.config.Connection;
import io.helan.config.Device;
import io.helan.config.Site;
import io.helan.simulator.gamma.GammaStation;
import io.helan.simulator.modbus.AirAnalyserRack;
import io.helan.simulator.modbus.WaterAnalyserRack;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * The simulated field of a site: one simulator for every device of a simulated type (air and water
 * analyser racks, gamma stations) whose address is on this machine's loopback. Devices elsewhere
 * are real and left alone. Stations can be stopped and started to play link failures.
 */
public final class SimulatedNetwork implements AutoCloseable {
  private static final Map<String, Function<Device, FieldSimulator>> SIMULATED_TYPES =
      Map.of(
          "air-analyser-rack", AirAnalyserRack::new,
          "water-analyser-rack", WaterAnalyserRack::new,
          "gamma-station", GammaStation::new);

  /** Milo servers take a few hundred milliseconds each to build, so they start side by side. */
  private static final int PARALLEL_STARTS = 4;

  private final Map<String, FieldSimulator> simulators = new LinkedHashMap<>();

  public SimulatedNetwork(Site site) {
    for (Device device : site.devices()) {
      Function<Device, FieldSimulator> simulatorType = SIMULATED_TYPES.get(device.type());
      if (simulatorType != null && isOnLoopback(device.connection())) {
        simulators.put(device.id(), simulatorType.apply(device));
      }
    }
  }

  /** Starts every simulator; if one cannot start, stops them all and throws. */
  public void start() throws Exception {
    startAll(simulators());
  }

  /** Starts the simulators of one station; if one cannot start, stops them and throws. */
  public void startStation(String stationId) throws Exception {
    startAll(ofStation(stationId));
  }

  /** Stops the simulators of one station: their masters see the links break at once. */
  public void stopStation(String stationId) {
    ofStation(stationId).forEach(FieldSimulator::stop);
  }

  /** The simulator playing a device, by device id. */
  public Optional<FieldSimulator> simulator(String deviceId) {
    return Optional.ofNullable(simulators.get(deviceId));
  }

  /** Every simulator, in site order. */
  public List<FieldSimulator> simulators() {
    return List.copyOf(simulators.values());
  }

  /**
   * Closes every simulator. Milo's shared threads stay: other Milo servers and clients in the same
   * JVM use them, so the process owner releases them at exit.
   */
  @Override
  public void close() {
    simulators.values().forEach(FieldSimulator::close);
  }

  private List<FieldSimulator> ofStation(String stationId) {
    List<FieldSimulator> ofStation =
        simulators.values().stream()
            .filter(simulator -> simulator.device().stationId().equals(stationId))
            .toList();
    if (ofStation.isEmpty()) {
      throw new IllegalArgumentException("no simulated device at station '" + stationId + "'");
    }
    return ofStation;
  }

  private static void startAll(List<FieldSimulator> group) throws Exception {
    ExecutorService starters =
        Executors.newFixedThreadPool(
            Math.max(1, Math.min(group.size(), PARALLEL_STARTS)),
            task -> new Thread(task, "simulator-start"));
    try {
      List<Future<?>> starts = new ArrayList<>();
      for (FieldSimulator simulator : group) {
        starts.add(
            starters.submit(
                () -> {
                  simulator.start();
                  return null;
                }));
      }
      Exception failure = null;
      for (int i = 0; i < starts.size(); i++) {
        try {
          starts.get(i).get();
        } catch (ExecutionException e) {
          String deviceId = group.get(i).device().id();
          Exception failed =
              new Exception("simulator of " + deviceId + " did not start", e.getCause());
          if (failure == null) {
            failure = failed;
          } else {
            failure.addSuppressed(failed);
          }
        }
      }
      if (failure != null) {
        group.forEach(FieldSimulator::stop);
        throw failure;
      }
    } finally {
      starters.shutdown();
    }
  }

  private static boolean isOnLoopback(Connection connection) {
    String host =
        switch (connection.protocol()) {
          case MODBUS_TCP -> connection.host();
          case OPC_UA ->
              connection.endpointUrl() == null
                  ? null
                  : URI.create(connection.endpointUrl()).getHost();
          default -> null;
        };
    if (host == null) {
      return false;
    }
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
