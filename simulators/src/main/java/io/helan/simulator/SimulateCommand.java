package io.helan.simulator;

import io.helan.config.Connection;
import io.helan.config.Device;
import io.helan.config.Hj212Connection;
import io.helan.config.ModbusTcpConnection;
import io.helan.config.OpcUaConnection;
import io.helan.config.Site;
import io.helan.config.SiteConfigException;
import io.helan.config.SiteLoader;
import io.helan.dispersion.Release;
import io.helan.dispersion.StabilityClass;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.eclipse.milo.opcua.stack.core.Stack;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The {@code simulate} command: runs a site's simulated field devices until interrupted. */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description =
        "Runs the simulated field devices of a site on 127.0.0.1 until interrupted; its HJ 212"
            + " data loggers dial in to --hj212-port.")
public final class SimulateCommand implements Callable<Integer> {
  private static final int EXIT_BAD_SITE = 2;

  @Option(
      names = "--site",
      paramLabel = "<file>",
      description = "Site file (default: the built-in Ningxia site).")
  private Path siteFile;

  @Option(
      names = "--station",
      paramLabel = "<id>",
      description = "Simulate only this station; repeat for several.")
  private List<String> stationIds = new ArrayList<>();

  @Option(
      names = "--hj212-port",
      paramLabel = "<port>",
      defaultValue = "9212",
      description =
          "Port on 127.0.0.1 the HJ 212 data loggers dial in to (default: ${DEFAULT-VALUE}).")
  private int hj212Port;

  @Option(
      names = "--drill-source",
      paramLabel = "<lat,lon>",
      split = ",",
      description = "Play a drill release from this place (degrees), e.g. 38.33,106.275.")
  private List<Double> drillSource = new ArrayList<>();

  @Option(
      names = "--drill-rate",
      paramLabel = "<Bq/s>",
      defaultValue = "1e10",
      description = "Release rate of the drill, Bq/s (default: ${DEFAULT-VALUE}).")
  private double drillRate;

  @Option(
      names = "--drill-minutes",
      defaultValue = "60",
      description = "How long the drill release lasts, minutes (default: ${DEFAULT-VALUE}).")
  private long drillMinutes;

  @Option(
      names = "--drill-height",
      paramLabel = "<m>",
      defaultValue = "0",
      description = "Effective release height, m (default: ${DEFAULT-VALUE}).")
  private double drillHeight;

  @Option(
      names = "--wind-speed",
      paramLabel = "<m/s>",
      defaultValue = "3",
      description = "Wind speed of the drill, m/s (default: ${DEFAULT-VALUE}).")
  private double windSpeed;

  @Option(
      names = "--wind-from",
      paramLabel = "<degrees>",
      defaultValue = "180",
      description =
          "Direction the wind blows from, degrees from north (default: ${DEFAULT-VALUE}).")
  private double windFrom;

  @Option(
      names = "--stability",
      defaultValue = "D",
      description = "Pasquill-Gifford stability class A-F (default: ${DEFAULT-VALUE}).")
  private StabilityClass stability;

  @Spec private CommandSpec spec;

  /** Runs the command on its own, outside the server's command line. */
  public static void main(String[] args) {
    System.exit(new CommandLine(new SimulateCommand()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    Site site;
    try {
      site = siteFile == null ? SiteLoader.loadDefault() : SiteLoader.load(siteFile);
    } catch (SiteConfigException e) {
      spec.commandLine().getErr().println(e.getMessage());
      return EXIT_BAD_SITE;
    }
    for (String stationId : stationIds) {
      if (site.station(stationId).isEmpty()) {
        throw new ParameterException(spec.commandLine(), "no station '" + stationId + "' in site");
      }
    }

    Release release = drillRelease();
    SimulatedNetwork network = new SimulatedNetwork(site);
    if (release != null) {
      try {
        network.startDrill(release);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), e.getMessage());
      }
    }
    network.dialHj212(new InetSocketAddress(InetAddress.getLoopbackAddress(), hj212Port));
    CountDownLatch closed = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  network.close();
                  Stack.releaseSharedResources();
                  closed.countDown();
                },
                "simulate-shutdown"));
    if (stationIds.isEmpty()) {
      network.start();
    } else {
      for (String stationId : stationIds) {
        network.startStation(stationId);
      }
    }

    PrintWriter out = spec.commandLine().getOut();
    for (FieldSimulator simulator : network.simulators()) {
      if (simulator.isRunning()) {
        Device device = simulator.device();
        out.printf("%-32s %-20s %s%n", device.id(), device.type(), address(device.connection()));
      }
    }
    if (release != null) {
      out.printf(
          "Drill release: %.4f, %.4f, %.3g Bq/s for %d min, wind %.1f m/s from %.0f°, class %s%n",
          release.latitude(),
          release.longitude(),
          release.rate(),
          drillMinutes,
          release.windSpeed(),
          release.windFrom(),
          release.stability());
    }
    out.println("Simulating; press Ctrl-C to stop.");
    out.flush();
    closed.await();
    return 0;
  }

  /** The drill release the options ask for, or null when they ask for none. */
  private Release drillRelease() {
    if (drillSource.isEmpty()) {
      return null;
    }
    if (drillSource.size() != 2) {
      throw new ParameterException(spec.commandLine(), "--drill-source takes lat,lon");
    }
    try {
      return new Release(
          drillSource.get(0),
          drillSource.get(1),
          drillRate,
          drillHeight,
          Instant.now(),
          Duration.ofMinutes(drillMinutes),
          windSpeed,
          windFrom,
          stability);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  private static String address(Connection connection) {
    if (connection instanceof OpcUaConnection opcUa) {
      return opcUa.endpointUrl();
    }
    if (connection instanceof ModbusTcpConnection modbus) {
      return String.format(
          "modbus-tcp://%s:%d unit %d, %s",
          modbus.host(), modbus.port(), modbus.unitId(), modbus.wordOrder());
    }
    if (connection instanceof Hj212Connection logger) {
      return "hj212 MN " + logger.stationCode() + " (dials in)";
    }
    return connection.protocol();
  }
}
