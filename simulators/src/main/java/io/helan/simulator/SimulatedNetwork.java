package io.helan.simulator;

import io.helan.config.Device;
import io.helan.config.Hj212Connection;
import io.helan.config.Site;
import io.helan.config.Station;
import io.helan.config.TcpConnection;
import io.helan.dispersion.Release;
import io.helan.simulator.environment.DrillScenario;
import io.helan.simulator.gamma.GammaStation;
import io.helan.simulator.gamma.SourceMonitor;
import io.helan.simulator.gamma.SurveyVehicle;
import io.helan.simulator.hj212.Hj212Logger;
import io.helan.simulator.modbus.AirAnalyserRack;
import io.helan.simulator.modbus.WaterAnalyserRack;
import io.helan.simulator.modbus.WaterStationPlc;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The simulated field of a site: one simulator for every device of a simulated type (air and water
 * analyser racks, water-station PLCs, gamma stations, survey vehicles, radioactive-source monitors)
 * whose address is on this machine's loopback, and for every HJ 212 data logger of a simulated type
 * (they dial in to the platform {@link #dialHj212} names). Devices elsewhere are real and left
 * alone. Stations can be stopped and started to play link failures.
 *
 * <p>The simulators listen where the site says, or, started {@link #onFreePorts}, each on a free
 * port of its own, so that several networks (test runs side by side) share one machine; {@link
 * #site()} then tells where each device is.
 */
public final class SimulatedNetwork implements AutoCloseable {
  private static final Set<String> SIMULATED_TYPES =
      Set.of(
          "air-analyser-rack",
          "water-analyser-rack",
          "gamma-station",
          "water-station-plc",
          "survey-vehicle",
          "source-monitor");

  /** HJ 212 data loggers: they dial in to the platform ({@link #dialHj212}). */
  private static final Set<String> LOGGER_TYPES = Set.of("cems-logger", "wastewater-logger");

  /** Milo servers take a few hundred milliseconds each to build, so they start side by side. */
  private static final int PARALLEL_STARTS = 4;

  private final Site site;
  private final DrillScenario drill;
  private final Map<String, FieldSimulator> simulators = new LinkedHashMap<>();
  private final List<SurveyVehicle> vehicles = new ArrayList<>();
  private final Map<String, SourceMonitor> sourceMonitors = new LinkedHashMap<>();

  /** The simulators of the site's simulated devices, at the site's ports; none started yet. */
  public SimulatedNetwork(Site site) {
    this(site, Hj212Logger.Timing.STANDARD);
  }

  /**
   * The simulators of the site's simulated devices, the HJ 212 loggers uploading with {@code
   * loggerTiming}; none started yet.
   */
  public SimulatedNetwork(Site site, Hj212Logger.Timing loggerTiming) {
    this.site = site;
    this.drill = new DrillScenario(site.emergency().cloudDoseFactor());
    for (Device device : site.devices()) {
      if (isLogger(device)) {
        simulators.put(device.id(), new Hj212Logger(device, loggerTiming));
      } else if (isSimulated(device)) {
        simulators.put(device.id(), simulatorOf(device));
      }
    }
  }

  private FieldSimulator simulatorOf(Device device) {
    Station station = site.station(device.stationId()).orElseThrow();
    return switch (device.type()) {
      case "air-analyser-rack" -> new AirAnalyserRack(device);
      case "water-analyser-rack" -> new WaterAnalyserRack(device);
      case "gamma-station" ->
          new GammaStation(device, station.latitude(), station.longitude(), drill);
      case "water-station-plc" -> new WaterStationPlc(device);
      case "survey-vehicle" -> {
        SurveyVehicle vehicle =
            new SurveyVehicle(station.id(), station.latitude(), station.longitude(), drill);
        vehicles.add(vehicle);
        yield GammaStation.vehicle(device, vehicle);
      }
      case "source-monitor" -> {
        SourceMonitor monitor =
            new SourceMonitor(station.id(), station.latitude(), station.longitude());
        sourceMonitors.put(station.id(), monitor);
        yield GammaStation.sourceMonitor(device, monitor);
      }
      default -> throw new IllegalArgumentException("no simulator for " + device.type());
    };
  }

  /**
   * Plays a drill release: the radiation stations read what its plume adds at their places, as
   * drill data, until it ends or {@link #stopDrill()}.
   *
   * @throws IllegalArgumentException if the source is outside the site's bounds
   */
  public void startDrill(Release release) {
    if (!site.emergency().bounds().contains(release.latitude(), release.longitude())) {
      throw new IllegalArgumentException(
          "release at "
              + release.latitude()
              + ", "
              + release.longitude()
              + " is outside the site ("
              + site.emergency().bounds()
              + ")");
    }
    drill.start(release);
  }

  /**
   * Has every survey vehicle drive at {@code metresPerSecond} from now on (default {@value
   * SurveyVehicle#DEFAULT_SPEED}): a test or a demonstration plays a dispatch faster than life.
   */
  public void vehicleSpeed(double metresPerSecond) {
    vehicles.forEach(vehicle -> vehicle.speed(metresPerSecond));
  }

  /**
   * The monitor of the radioactive source at a station: a test or a demonstration carries the
   * source off or opens its shielding through it.
   */
  public SourceMonitor sourceMonitor(String stationId) {
    SourceMonitor monitor = sourceMonitors.get(stationId);
    if (monitor == null) {
      throw new IllegalArgumentException(
          "no simulated source monitor at station '"
              + stationId
              + "'; there are "
              + sourceMonitors.keySet());
    }
    return monitor;
  }

  public void stopDrill() {
    drill.stop();
  }

  /** The drill release under way at {@code time}, if any. */
  public Optional<Release> drill(Instant time) {
    return drill.active(time);
  }

  /**
   * Starts a simulator for every simulated device of the site, each on a free port; {@link #site()}
   * tells which. If one cannot start, closes them all and throws.
   */
  public static SimulatedNetwork onFreePorts(Site site) throws Exception {
    return onFreePorts(site, Hj212Logger.Timing.STANDARD);
  }

  /** As {@link #onFreePorts(Site)}, the HJ 212 loggers uploading with {@code loggerTiming}. */
  public static SimulatedNetwork onFreePorts(Site site, Hj212Logger.Timing loggerTiming)
      throws Exception {
    SimulatedNetwork network = new SimulatedNetwork(atFreePorts(site), loggerTiming);
    try {
      network.start();
    } catch (Exception | Error e) {
      network.close();
      throw e;
    }
    return network;
  }

  /**
   * The site with each device a simulator would play at port 0, so that its simulator takes a free
   * port when it starts; every other device as configured.
   */
  public static Site atFreePorts(Site site) {
    return site.withDeviceConnections(
        device ->
            isSimulated(device)
                ? ((TcpConnection) device.connection()).atPort(0)
                : device.connection());
  }

  /**
   * The site as this network serves it: each simulated device at the address its simulator listens
   * on (a device configured at port 0 has its free port once its simulator started), every other
   * device as configured.
   */
  public Site site() {
    return site.withDeviceConnections(
        device ->
            simulator(device.id())
                .map(simulator -> simulator.device().connection())
                .orElse(device.connection()));
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

  /** Tells every HJ 212 logger where the platform listens; they dial in from then on. */
  public void dialHj212(InetSocketAddress platform) {
    loggers().forEach(logger -> logger.dialTo(platform));
  }

  /** The HJ 212 loggers, in site order. */
  public List<Hj212Logger> loggers() {
    return simulators.values().stream()
        .filter(Hj212Logger.class::isInstance)
        .map(Hj212Logger.class::cast)
        .toList();
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

  /** Whether the device is an HJ 212 logger of a simulated type (it dials out, from anywhere). */
  private static boolean isLogger(Device device) {
    return LOGGER_TYPES.contains(device.type()) && device.connection() instanceof Hj212Connection;
  }

  /** Whether the device is of a simulated type and configured on this machine's loopback. */
  private static boolean isSimulated(Device device) {
    return SIMULATED_TYPES.contains(device.type())
        && device.connection() instanceof TcpConnection tcp
        && isOnLoopback(tcp.host());
  }

  private static boolean isOnLoopback(String host) {
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
