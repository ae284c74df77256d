package io.helan.simulator;

import io.helan.config.Connection;
import io.helan.config.Device;
import io.helan.config.Hj212Connection;
import io.helan.config.ModbusTcpConnection;
import io.helan.config.OpcUaConnection;
import io.helan.config.Site;
import io.helan.config.SiteConfigException;
import io.helan.config.SiteLoader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
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

    SimulatedNetwork network = new SimulatedNetwork(site);
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
    out.println("Simulating; press Ctrl-C to stop.");
    out.flush();
    closed.await();
    return 0;
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
