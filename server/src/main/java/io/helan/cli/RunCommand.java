package io.helan.cli;

import io.helan.cluster.ClusterSettings;
import io.helan.config.Site;
import io.helan.config.SiteConfigException;
import io.helan.config.SiteLoader;
import io.helan.historian.HistorianSettings;
import io.helan.historian.QuestDbConsole;
import io.helan.server.HelanServer;
import io.helan.server.ServerSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.eclipse.milo.opcua.stack.core.Stack;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Starts the supervisory server and runs until interrupted. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = "Start the server (with the simulated Ningxia network unless --no-simulators).")
public final class RunCommand implements Callable<Integer> {

  @Option(
      names = "--site",
      paramLabel = "FILE",
      description = "Site file (YAML). Default: the built-in simulated Ningxia network.")
  Path siteFile;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      defaultValue = "data",
      description = "Data directory: QuestDB, spool, certificates (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(
      names = "--bind",
      paramLabel = "HOST",
      defaultValue = "127.0.0.1",
      description =
          "Interface for HTTP and OPC UA (default: ${DEFAULT-VALUE}; 0.0.0.0 for wall displays"
              + " on other machines).")
  String bind;

  @Option(
      names = "--http-port",
      defaultValue = "8080",
      description = "HTTP port: HMI, REST, WebSocket, metrics (default: ${DEFAULT-VALUE}).")
  int httpPort;

  @Option(
      names = "--opcua-port",
      defaultValue = "4840",
      description = "OPC UA server port (default: ${DEFAULT-VALUE}).")
  int opcUaPort;

  @Option(
      names = "--opcua-no-anonymous",
      description = "Refuse anonymous OPC UA sessions (by default they may browse and read).")
  boolean opcUaNoAnonymous;

  @Option(
      names = "--opcua-no-security-none",
      description = "Offer only signed and encrypted OPC UA endpoints.")
  boolean opcUaNoSecurityNone;

  @Option(
      names = "--hj212-port",
      defaultValue = "9212",
      description = "HJ 212-2017 listener port (default: ${DEFAULT-VALUE}).")
  int hj212Port;

  @Option(
      names = "--no-simulators",
      description = "Do not start the simulated field network in-process.")
  boolean noSimulators;

  @Option(
      names = "--questdb-console",
      description =
          "Open the embedded QuestDB's console (web console and REST /exec over HTTP, PostgreSQL"
              + " wire) on 127.0.0.1 for this run, as user 'helan' with a password generated now"
              + " and printed once. Off by default: then QuestDB has no network listener.")
  boolean questDbConsole;

  @Option(
      names = "--questdb-http-port",
      paramLabel = "PORT",
      defaultValue = "9000",
      description = "HTTP port of the QuestDB console on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
  int questDbHttpPort;

  @Option(
      names = "--questdb-pg-port",
      paramLabel = "PORT",
      defaultValue = "8812",
      description =
          "PostgreSQL wire port of the QuestDB console on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
  int questDbPgPort;

  @Option(
      names = "--questdb-url",
      paramLabel = "URL",
      description =
          "Keep samples in an external QuestDB server at this HTTP address (e.g."
              + " http://db:9000, or http://user:password@db:9000 when it asks for them) instead"
              + " of the embedded one.")
  String questDbUrl;

  @Option(
      names = "--cluster",
      description =
          "Run as a node of a cluster (Hazelcast, TCP-IP discovery of --cluster-members): each"
              + " device is polled by one node. Needs --questdb-url and --cluster-secret-file.")
  boolean cluster;

  @Option(
      names = "--cluster-members",
      paramLabel = "HOST[:PORT]",
      split = ",",
      description =
          "The cluster's members, comma-separated (this node may be among them); port default "
              + ClusterSettings.DEFAULT_PORT
              + ".")
  List<String> clusterMembers = List.of();

  @Option(
      names = "--cluster-host",
      paramLabel = "HOST",
      defaultValue = "127.0.0.1",
      description =
          "Address this node binds and announces to the cluster (default: ${DEFAULT-VALUE}).")
  String clusterHost;

  @Option(
      names = "--cluster-port",
      paramLabel = "PORT",
      defaultValue = "" + ClusterSettings.DEFAULT_PORT,
      description = "Cluster member port (default: ${DEFAULT-VALUE}).")
  int clusterPort;

  @Option(
      names = "--cluster-name",
      paramLabel = "NAME",
      defaultValue = "helan",
      description =
          "The cluster's name; a node with another one is refused (default: ${DEFAULT-VALUE}).")
  String clusterName;

  @Option(
      names = "--cluster-secret-file",
      paramLabel = "FILE",
      description =
          "File holding the secret every node of the cluster shares; a node with another one is"
              + " refused.")
  Path clusterSecretFile;

  @Option(
      names = "--cluster-majority",
      paramLabel = "N",
      defaultValue = "0",
      description =
          "Members a node must see to poll and command (default: a majority of --cluster-members).")
  int clusterMajority;

  @Override
  public Integer call() throws Exception {
    Site site;
    try {
      site = siteFile == null ? SiteLoader.loadDefault() : SiteLoader.load(siteFile);
    } catch (SiteConfigException e) {
      System.err.println("Site configuration refused:");
      System.err.println(e.getMessage());
      return 2;
    }
    Path data = dataDir.toAbsolutePath();
    HistorianSettings historian;
    try {
      historian = historianSettings(data);
    } catch (IllegalArgumentException e) {
      System.err.println("Historian settings refused: " + e.getMessage());
      return 2;
    }
    ServerSettings settings;
    try {
      settings = serverSettings(data, historian);
    } catch (IllegalArgumentException | IOException e) {
      System.err.println("Cluster settings refused: " + e.getMessage());
      return 2;
    }
    HelanServer server = new HelanServer(site, settings).start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  Stack.releaseSharedResources();
                  stopped.countDown();
                },
                "helan-shutdown"));
    String http = "http://" + displayHost() + ":" + server.httpPort();
    System.out.printf(
        "%nHelan is up: site %s, %d stations, %d points%n"
            + "  HMI      %s/%n"
            + "  REST     %s/api/stations%n"
            + "  Metrics  %s/metrics%n"
            + "  OPC UA   %s%n"
            + "  Data     %s%n"
            + "Press Ctrl+C to stop.%n",
        site.name(),
        site.stations().size(),
        site.points().size(),
        http,
        http,
        http,
        server.opcUaEndpoint(),
        data);
    printConsole(server, historian.console());
    stopped.await();
    return 0;
  }

  private ServerSettings serverSettings(Path data, HistorianSettings historian) throws IOException {
    ServerSettings single =
        new ServerSettings(
            data,
            bind,
            httpPort,
            opcUaPort,
            !opcUaNoAnonymous,
            !opcUaNoSecurityNone,
            hj212Port,
            !noSimulators,
            siteFile == null,
            historian);
    return cluster ? single.inCluster(clusterSettings()) : single;
  }

  private ClusterSettings clusterSettings() throws IOException {
    if (clusterSecretFile == null) {
      throw new IllegalArgumentException("--cluster needs --cluster-secret-file");
    }
    String secret = Files.readString(clusterSecretFile).strip();
    return new ClusterSettings(
        clusterHost, clusterPort, clusterMembers, clusterName, secret, clusterMajority);
  }

  private HistorianSettings historianSettings(Path data) {
    HistorianSettings historian =
        questDbUrl == null
            ? HistorianSettings.defaults(data)
            : HistorianSettings.external(data, questDbUrl);
    return questDbConsole
        ? historian.withConsole(
            QuestDbConsole.withGeneratedPassword(questDbHttpPort, questDbPgPort))
        : historian;
  }

  /** The console's address and credentials, shown once at start like the first admin password. */
  private static void printConsole(HelanServer server, QuestDbConsole console) {
    if (console == null) {
      return;
    }
    System.out.printf(
        "QuestDB console for this run (shown only here):%n"
            + "  HTTP     http://127.0.0.1:%d/%n"
            + "  PG wire  127.0.0.1:%d%n"
            + "  User     %s%n"
            + "  Password %s%n",
        server.questDb().httpPort(), server.questDb().pgPort(), console.user(), console.password());
  }

  private String displayHost() {
    return "0.0.0.0".equals(bind) ? "127.0.0.1" : bind;
  }
}
