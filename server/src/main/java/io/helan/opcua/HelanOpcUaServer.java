package io.helan.opcua;

import static org.eclipse.milo.opcua.sdk.server.OpcUaServerConfig.USER_TOKEN_POLICY_ANONYMOUS;
import static org.eclipse.milo.opcua.sdk.server.OpcUaServerConfig.USER_TOKEN_POLICY_USERNAME;
import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;
import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.ushort;

import io.helan.aggregates.ValidatedAverages;
import io.helan.alarms.AlarmService;
import io.helan.auth.LoginThrottle;
import io.helan.auth.User;
import io.helan.commands.CommandService;
import io.helan.config.FreePort;
import io.helan.config.Site;
import io.helan.field.FieldLinks;
import io.helan.historian.Historian;
import io.helan.ingest.IngestPipeline;
import io.helan.products.DataProducts;
import java.net.InetSocketAddress;
import java.security.Security;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.eclipse.milo.opcua.sdk.server.EndpointConfig;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.OpcUaServerConfig;
import org.eclipse.milo.opcua.sdk.server.OpcUaServerConfigLimits;
import org.eclipse.milo.opcua.sdk.server.identity.AnonymousIdentityValidator;
import org.eclipse.milo.opcua.sdk.server.identity.CompositeValidator;
import org.eclipse.milo.opcua.sdk.server.identity.IdentityValidator;
import org.eclipse.milo.opcua.sdk.server.nodes.UaVariableNode;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.channel.EncodingLimits;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.transport.TransportProfile;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UInteger;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UShort;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;
import org.eclipse.milo.opcua.stack.core.types.structured.BuildInfo;
import org.eclipse.milo.opcua.stack.transport.server.tcp.OpcTcpServerTransport;
import org.eclipse.milo.opcua.stack.transport.server.tcp.OpcTcpServerTransportConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Helan's OPC UA server for integrators (Eclipse Milo): the site under Objects/Helan with live
 * values, device commands as methods, alarms as conditions, and history.
 *
 * <p>Endpoints at {@code opc.tcp://<host>:<port>/helan}: None (unless switched off), Basic256Sha256
 * and Aes256_Sha256_RsaPss, each with Sign and SignAndEncrypt. Users log in with Helan user names
 * and passwords; anonymous sessions (if allowed) may browse, read, subscribe and read history,
 * never call methods or write. Certificates: see {@link ServerPki}.
 *
 * <p>{@link #close()} leaves Milo's shared threads running, because the OPC UA driver and the
 * simulators use them too: whoever stops the process calls {@code Stack.releaseSharedResources()}
 * last.
 */
public final class HelanOpcUaServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HelanOpcUaServer.class);

  /** Endpoint path; URLs are {@code opc.tcp://host:port/helan}. */
  public static final String PATH = "/helan";

  /** 32 MiB: a browse or publish of 50 k items does not fit Milo's default 2 MiB. */
  private static final int MAX_MESSAGE_SIZE = 32 * 1024 * 1024;

  private final OpcUaSettings settings;
  private final Site site;
  private final IngestPipeline ingest;
  private final FieldLinks links;
  private final Historian historian;
  private final CommandService commands;
  private final AlarmService alarms;
  private final BiFunction<String, String, Optional<User>> users;
  private final LoginThrottle throttle;

  private ServerPki pki;
  private int port;
  private OpcUaServer server;
  private HelanNamespace namespace;
  private LiveValues live;
  private DeviceStates states;
  private AlarmConditions conditions;
  private DataProducts products;
  private AggregateNodes aggregates;
  private boolean closed;

  /**
   * @param historian serves Average, Minimum, Maximum and Count (the REST history's rows) and the
   *     raw samples of HistoryRead Raw and Interpolative
   * @param commands the command service, or null: command methods then answer Bad_NotImplemented
   * @param alarms the alarm service, or null: no conditions
   * @param users the Helan user for a user name and password, empty when they do not match
   */
  public HelanOpcUaServer(
      OpcUaSettings settings,
      Site site,
      IngestPipeline ingest,
      FieldLinks links,
      Historian historian,
      CommandService commands,
      AlarmService alarms,
      BiFunction<String, String, Optional<User>> users,
      LoginThrottle throttle) {
    this.settings = settings;
    this.site = site;
    this.ingest = ingest;
    this.links = links;
    this.historian = historian;
    this.commands = commands;
    this.alarms = alarms;
    this.users = users;
    this.throttle = throttle;
  }

  /**
   * Puts the data products (hourly AQI of stations, regions and the site, water section classes)
   * beside the raw points; call before {@link #start()}, then {@link #refreshAggregates()} whenever
   * the validated means change.
   */
  public HelanOpcUaServer aggregates(DataProducts newProducts) {
    this.products = newProducts;
    return this;
  }

  /** Computes the aggregate variables again; nothing when they are not served. */
  public void refreshAggregates() {
    AggregateNodes current = aggregates;
    if (current != null) {
      current.refresh();
    }
  }

  /**
   * Builds the address space and opens the endpoints; returns when clients can connect. Port 0
   * takes a free port: Milo names the port in the endpoints it advertises, so it is chosen before
   * binding, and another one is tried while the chosen one is taken.
   */
  public HelanOpcUaServer start() throws Exception {
    if (Security.getProvider(BouncyCastleProvider.PROVIDER_NAME) == null) {
      // Aes256_Sha256_RsaPss needs RSA-PSS signatures from Bouncy Castle
      Security.addProvider(new BouncyCastleProvider());
    }
    return settings.port() == 0 ? FreePort.bind(this::startAt) : startAt(settings.port());
  }

  /** Starts at the port; if that fails, closes what it started and throws. */
  private HelanOpcUaServer startAt(int serverPort) throws Exception {
    closed = false;
    try {
      String host = settings.advertisedHost();
      port = serverPort;
      pki = ServerPki.open(settings.dataDir().resolve("pki"), host);
      OpcTcpServerTransport transport = transport();
      server = new OpcUaServer(config(host), profile -> transport);
      PointValues values = new PointValues(site, ingest.currentValues());
      live = new LiveValues(values, site.points().size());
      states = new DeviceStates(site, links, ingest.deviceModes());
      EventItems events = new EventItems();
      String namespaceUri = "urn:helan:site:" + site.id();
      UShort namespaceIndex = server.getNamespaceTable().add(namespaceUri);
      HelanNodeIds ids = new HelanNodeIds(namespaceIndex);
      OpcUaHistory history =
          new OpcUaHistory(
              site,
              ids,
              values,
              historian,
              new HistoryContinuations(
                  server.getConfig().getLimits().getMaxHistoryContinuationPoints().intValue()),
              server.getStaticEncodingContext());
      namespace = new HelanNamespace(server, namespaceUri, site, live, events, history);
      SiteNodes nodes =
          new SiteNodes(namespace.getNodeContext(), namespaceUri, namespaceIndex, site, values);
      namespace.onStartup(
          () ->
              nodes.build(
                  states,
                  (device, command) ->
                      new CommandMethod(device, command, CommandArguments.of(command), commands)));
      if (products != null) {
        AggregateNodes productNodes =
            new AggregateNodes(
                namespace.getNodeContext(),
                ids,
                products,
                ValidatedAverages.NETWORK_ZONE,
                Clock.systemUTC());
        namespace.onStartup(
            () -> {
              productNodes.build();
              productNodes.refresh();
            });
        aggregates = productNodes;
      }
      if (alarms != null) {
        conditions = new AlarmConditions(namespace, nodes, events, alarms, site);
        namespace.onStartup(conditions::start);
      }
      namespace.startup();
      // bound here, not by startup(), which would only log a taken port and fail with "No endpoints
      // bound": a taken port must show as the BindException it is
      transport.bind(
          server.getApplicationContext(), new InetSocketAddress(settings.bindHost(), port));
      server.startup().get(30, TimeUnit.SECONDS);
      historyCapability();
      ingest.addListener(live);
      states.start(server.getScheduledExecutorService());
      LOG.info(
          "OPC UA server at {} ({} points, anonymous {}, security None {})",
          endpointUrl(),
          site.points().size(),
          settings.allowAnonymous() ? "allowed" : "refused",
          settings.securityNone() ? "offered" : "off");
      return this;
    } catch (Exception | Error e) {
      close();
      throw e;
    }
  }

  /** The URL clients connect to. */
  public String endpointUrl() {
    return "opc.tcp://" + settings.advertisedHost() + ":" + port + PATH;
  }

  /** The index of Helan's namespace in this server's namespace table. */
  public UShort namespaceIndex() {
    return namespace.getNamespaceIndex();
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (states != null) {
      states.close();
    }
    if (live != null) {
      live.close();
    }
    if (conditions != null) {
      conditions.close();
    }
    if (namespace != null) {
      namespace.shutdown();
    }
    if (server != null) {
      try {
        server.shutdown().get(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        LOG.warn("OPC UA server did not stop cleanly", e);
      }
    }
    if (pki != null) {
      try {
        pki.close();
      } catch (Exception e) {
        LOG.warn("Closing the certificate folders failed", e);
      }
    }
  }

  private OpcUaServerConfig config(String host) {
    return OpcUaServerConfig.builder()
        .setApplicationUri(pki.applicationUri())
        .setApplicationName(LocalizedText.english("Helan OPC UA server (" + site.name() + ")"))
        .setProductUri("urn:helan:opcua")
        .setBuildInfo(
            new BuildInfo(
                "urn:helan:opcua",
                "Helan",
                "Helan supervisory server",
                OpcUaServer.SDK_VERSION,
                "",
                DateTime.now()))
        .setEndpoints(endpoints(host))
        .setCertificateManager(pki.certificateManager())
        .setIdentityValidator(identityValidator())
        .setEncodingLimits(encodingLimits(MAX_MESSAGE_SIZE))
        .setLimits(new Limits())
        .build();
  }

  /**
   * Milo's default chunk size and recursion depth, with messages of up to {@code maxMessageSize}.
   */
  public static EncodingLimits encodingLimits(int maxMessageSize) {
    return new EncodingLimits(
        EncodingLimits.DEFAULT_MAX_CHUNK_SIZE,
        maxMessageSize / EncodingLimits.DEFAULT_MAX_CHUNK_SIZE * 2,
        maxMessageSize,
        EncodingLimits.DEFAULT_MAX_RECURSION_DEPTH);
  }

  private Set<EndpointConfig> endpoints(String host) {
    List<EndpointConfig.Builder> variants = new ArrayList<>();
    EndpointConfig.Builder base =
        EndpointConfig.newBuilder()
            .setTransportProfile(TransportProfile.TCP_UASC_UABINARY)
            .setBindAddress(settings.bindHost())
            .setBindPort(port)
            .setHostname(host)
            .setPath(PATH)
            .setCertificate(pki.certificate());
    if (settings.allowAnonymous()) {
      base.addTokenPolicies(USER_TOKEN_POLICY_ANONYMOUS, USER_TOKEN_POLICY_USERNAME);
    } else {
      base.addTokenPolicies(USER_TOKEN_POLICY_USERNAME);
    }
    if (settings.securityNone()) {
      variants.add(
          base.copy()
              .setSecurityPolicy(SecurityPolicy.None)
              .setSecurityMode(MessageSecurityMode.None));
    }
    for (SecurityPolicy policy :
        List.of(SecurityPolicy.Basic256Sha256, SecurityPolicy.Aes256_Sha256_RsaPss)) {
      for (MessageSecurityMode mode :
          List.of(MessageSecurityMode.Sign, MessageSecurityMode.SignAndEncrypt)) {
        variants.add(base.copy().setSecurityPolicy(policy).setSecurityMode(mode));
      }
    }
    Set<EndpointConfig> endpoints = new LinkedHashSet<>();
    variants.forEach(v -> endpoints.add(v.build()));
    return endpoints;
  }

  private IdentityValidator identityValidator() {
    UserValidator named = new UserValidator(users, throttle);
    return settings.allowAnonymous()
        ? new CompositeValidator(AnonymousIdentityValidator.INSTANCE, named)
        : named;
  }

  private static OpcTcpServerTransport transport() {
    return new OpcTcpServerTransport(OpcTcpServerTransportConfig.newBuilder().build());
  }

  /** Tells clients that point variables have history. */
  private void historyCapability() {
    server
        .getAddressSpaceManager()
        .getManagedNode(NodeIds.HistoryServerCapabilities_AccessHistoryDataCapability)
        .filter(UaVariableNode.class::isInstance)
        .map(UaVariableNode.class::cast)
        .ifPresent(node -> node.setValue(new DataValue(Variant.ofBoolean(true))));
  }

  /** Operation limits sized for whole-site browses, reads and subscriptions. */
  private static final class Limits implements OpcUaServerConfigLimits {
    @Override
    public UInteger getMaxNodesPerRead() {
      return uint(100_000);
    }

    @Override
    public UInteger getMaxMonitoredItemsPerCall() {
      return uint(100_000);
    }

    @Override
    public UInteger getMaxNodesPerBrowse() {
      return uint(10_000);
    }

    @Override
    public UInteger getMaxNodesPerHistoryReadData() {
      return uint(1_000);
    }

    @Override
    public UInteger getMaxNodesPerMethodCall() {
      return uint(100);
    }

    @Override
    public UInteger getMaxArrayLength() {
      return uint(MAX_MESSAGE_SIZE / 2);
    }

    @Override
    public UInteger getMaxStringLength() {
      return uint(MAX_MESSAGE_SIZE / 2);
    }

    @Override
    public UInteger getMaxByteStringLength() {
      return uint(MAX_MESSAGE_SIZE / 2);
    }

    @Override
    public UShort getMaxHistoryContinuationPoints() {
      return ushort(250);
    }
  }
}
