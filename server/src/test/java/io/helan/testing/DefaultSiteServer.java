package io.helan.testing;

import io.helan.config.Site;
import io.helan.config.SiteLoader;
import io.helan.config.StationKind;
import io.helan.historian.HistorianSettings;
import io.helan.server.HelanServer;
import io.helan.server.ServerSettings;
import io.helan.simulator.SimulatedNetwork;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests one running server on the default Ningxia site with its simulators on free ports (so
 * that test runs side by side do not collide on the site's ports), started once per test run
 * (starting 119 simulated stations and QuestDB is the slow part) and stopped at the end. Tests that
 * stop stations must start them again.
 */
public final class DefaultSiteServer implements ParameterResolver {

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == HelanServer.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context
        .getRoot()
        .getStore(ExtensionContext.Namespace.create(DefaultSiteServer.class))
        .getOrComputeIfAbsent(Running.class, key -> Running.start(), Running.class)
        .server;
  }

  /**
   * Settings for a test server on 127.0.0.1 with free HTTP and OPC UA ports, its simulators and no
   * QuestDB listeners.
   */
  public static ServerSettings settings(Path dataDir, boolean demoSite) {
    return new ServerSettings(
        dataDir,
        "127.0.0.1",
        0,
        0,
        true,
        true,
        0,
        true,
        demoSite,
        HistorianSettings.forTests(dataDir));
  }

  /**
   * The default site's radiation network: its radiation stations, monitoring vehicles and
   * radioactive-source monitors, places, plans and emergency settings as configured, without the
   * air, water and pollution-source stations, which take no part in an incident and would only make
   * a server slower to start and to stop.
   */
  public static Site radiationNetwork() {
    return SiteLoader.loadDefault()
        .withStations(
            s ->
                s.kind() == StationKind.RADIATION_GAMMA
                    || s.kind() == StationKind.RADIATION_VEHICLE
                    || s.kind() == StationKind.RADIATION_SOURCE);
  }

  /** The server and its data directory, removed when the test run ends. */
  private record Running(HelanServer server, Path dataDir)
      implements ExtensionContext.Store.CloseableResource {

    static Running start() {
      Path dataDir;
      try {
        dataDir = Files.createTempDirectory("helan-default-site");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      ServerSettings settings = settings(dataDir, true);
      try {
        return new Running(
            new HelanServer(SimulatedNetwork.atFreePorts(SiteLoader.loadDefault()), settings)
                .start(),
            dataDir);
      } catch (Exception e) {
        throw new IllegalStateException("default-site server did not start", e);
      }
    }

    @Override
    public void close() throws IOException {
      server.close();
      try (Stream<Path> files = Files.walk(dataDir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
