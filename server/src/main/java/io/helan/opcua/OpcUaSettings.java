package io.helan.opcua;

import java.nio.file.Path;
import org.eclipse.milo.opcua.sdk.server.util.HostnameUtil;

/**
 * How the OPC UA server listens and whom it lets in.
 *
 * @param bindHost interface to bind (0.0.0.0 for all)
 * @param hostname host name advertised in endpoint URLs and written into the certificate; null
 *     picks the bind host, or this machine's name when binding all interfaces
 * @param port TCP port (4840 is the OPC UA default; 0 picks a free one)
 * @param dataDir the server's data directory; certificates live in {@code <dataDir>/pki}
 * @param allowAnonymous whether sessions without a user may browse and read
 * @param securityNone whether endpoints without signing and encryption are offered
 */
public record OpcUaSettings(
    String bindHost,
    String hostname,
    int port,
    Path dataDir,
    boolean allowAnonymous,
    boolean securityNone) {

  /** The registered OPC UA port. */
  public static final int DEFAULT_PORT = 4840;

  /** All interfaces on the default port, anonymous reading and the None endpoint allowed. */
  public static OpcUaSettings defaults(Path dataDir) {
    return new OpcUaSettings("0.0.0.0", null, DEFAULT_PORT, dataDir, true, true);
  }

  /** The host name clients are told to connect to. */
  public String advertisedHost() {
    if (hostname != null && !hostname.isBlank()) {
      return hostname;
    }
    if ("0.0.0.0".equals(bindHost) || "::".equals(bindHost)) {
      return HostnameUtil.getHostname();
    }
    return bindHost;
  }
}
