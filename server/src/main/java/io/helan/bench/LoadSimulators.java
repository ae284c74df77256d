package io.helan.bench;

import io.helan.config.Site;
import io.helan.config.SiteLoader;
import io.helan.config.TcpConnection;
import io.helan.simulator.FieldSimulator;
import io.helan.simulator.SampleLedger;
import io.helan.simulator.SimulatedNetwork;
import io.helan.simulator.gamma.GammaStation;
import io.helan.simulator.modbus.AnalyserRack;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.milo.opcua.stack.core.Stack;

/**
 * The field of a load run, in its own process: every device of the site file simulated on a free
 * port of 127.0.0.1. Prints {@code PORT <station> <port>} per device and {@code READY}; on a line
 * {@code STOP} on its input, on the end of its input (the benchmark went away) or after the given
 * number of seconds, it stops every simulator, prints what each sent and {@code DONE}, and exits.
 * What was sent is one line {@code SENT <device> <what> <epoch second> <samples>} per device, thing
 * sent and second: for an analyser rack {@code *}, its register reads answered (a sample of each of
 * its points); for an OPC UA station a variable's browse name, the values it published that
 * differed from the one before while a client monitored it (what a subscriber is sent), up to a few
 * seconds before the stop.
 */
final class LoadSimulators {
  /** Seconds before the stop whose OPC UA values are not counted as sent (publishing at 1 Hz). */
  private static final long OPC_UA_IN_FLIGHT_SECONDS = 3;

  private LoadSimulators() {}

  /** Arguments: the site file, the most seconds to run. */
  public static void main(String[] args) throws Exception {
    Site site = SiteLoader.load(Path.of(args[0]));
    long maxSeconds = Long.parseLong(args[1]);
    PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
    try (SimulatedNetwork network = SimulatedNetwork.onFreePorts(site)) {
      for (FieldSimulator simulator : network.simulators()) {
        TcpConnection connection = (TcpConnection) simulator.device().connection();
        out.printf("PORT %s %d%n", simulator.device().stationId(), connection.tcpPort());
      }
      out.println("READY");
      out.flush();
      CountDownLatch stop = new CountDownLatch(1);
      Thread input =
          new Thread(
              () -> {
                try (BufferedReader lines =
                    new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                  String line;
                  while ((line = lines.readLine()) != null && !line.equals("STOP")) {
                    // nothing else is understood
                  }
                } catch (Exception e) {
                  // the benchmark went away: stop as on STOP
                }
                stop.countDown();
              },
              "load-simulators-input");
      input.setDaemon(true);
      input.start();
      stop.await(maxSeconds, TimeUnit.SECONDS);
      // an OPC UA value reaches its subscriber within a publishing interval of being shown: those
      // of the last seconds may be in flight when the stations stop, and are not counted
      long lastDeliveredSecond = System.currentTimeMillis() / 1000 - OPC_UA_IN_FLIGHT_SECONDS;
      network.simulators().forEach(FieldSimulator::stop);
      for (FieldSimulator simulator : network.simulators()) {
        String device = simulator.device().id();
        if (simulator instanceof AnalyserRack rack) {
          rack.readsServedPerSecond()
              .forEach((second, n) -> out.printf("SENT %s * %d %d%n", device, second, n));
        } else if (simulator instanceof GammaStation station) {
          SampleLedger published = station.published();
          for (String variable : published.keys()) {
            published
                .perSecond(variable)
                .headMap(lastDeliveredSecond, true)
                .forEach(
                    (second, n) -> out.printf("SENT %s %s %d %d%n", device, variable, second, n));
          }
        }
      }
      out.println("DONE");
      out.flush();
    }
    Stack.releaseSharedResources();
    System.exit(0);
  }
}
