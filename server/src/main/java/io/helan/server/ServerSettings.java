package io.helan.server;

import io.helan.cluster.ClusterSettings;
import io.helan.historian.HistorianSettings;
import java.nio.file.Path;

/**
 * Everything the server needs to start besides the site.
 *
 * @param dataDir where QuestDB, the spool, certificates and state live
 * @param bindHost interface the HTTP, OPC UA and HJ 212 listeners bind to
 * @param httpPort HTTP port for REST, WebSocket, metrics and HMI (0 picks a free port)
 * @param opcUaPort OPC UA server port (0 picks a free port)
 * @param opcUaAnonymous whether anonymous OPC UA sessions may browse and read
 * @param opcUaSecurityNone whether the OPC UA endpoint without security is offered
 * @param hj212Port HJ 212 listener port
 * @param simulators whether to start the simulated field network in-process
 * @param demoSite whether the site is the built-in simulated Ningxia network (no site file given):
 *     only it gets the demo users with public passwords
 * @param historian where samples are stored
 * @param cluster the cluster this server is a node of, or null for a single server (no Hazelcast
 *     started); a cluster's nodes keep their samples in one external QuestDB
 */
public record ServerSettings(
    Path dataDir,
    String bindHost,
    int httpPort,
    int opcUaPort,
    boolean opcUaAnonymous,
    boolean opcUaSecurityNone,
    int hj212Port,
    boolean simulators,
    boolean demoSite,
    HistorianSettings historian,
    ClusterSettings cluster) {

  public ServerSettings {
    if (cluster != null && historian.mode() != HistorianSettings.Mode.EXTERNAL) {
      throw new IllegalArgumentException(
          "a cluster's nodes share one external QuestDB: give its address with --questdb-url");
    }
  }

  /** A single server, not part of a cluster. */
  public ServerSettings(
      Path dataDir,
      String bindHost,
      int httpPort,
      int opcUaPort,
      boolean opcUaAnonymous,
      boolean opcUaSecurityNone,
      int hj212Port,
      boolean simulators,
      boolean demoSite,
      HistorianSettings historian) {
    this(
        dataDir,
        bindHost,
        httpPort,
        opcUaPort,
        opcUaAnonymous,
        opcUaSecurityNone,
        hj212Port,
        simulators,
        demoSite,
        historian,
        null);
  }

  /** These settings as a node of the given cluster. */
  public ServerSettings inCluster(ClusterSettings cluster) {
    return new ServerSettings(
        dataDir,
        bindHost,
        httpPort,
        opcUaPort,
        opcUaAnonymous,
        opcUaSecurityNone,
        hj212Port,
        simulators,
        demoSite,
        historian,
        cluster);
  }
}
