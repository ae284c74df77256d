package io.helan.simulator.gamma;

import static org.eclipse.milo.opcua.sdk.server.OpcUaServerConfig.USER_TOKEN_POLICY_ANONYMOUS;

import io.helan.config.Device;
import io.helan.config.FreePort;
import io.helan.config.OpcUaConnection;
import io.helan.simulator.FieldSimulator;
import io.helan.simulator.FieldTicker;
import io.helan.simulator.SampleLedger;
import io.helan.simulator.environment.DrillScenario;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.eclipse.milo.opcua.sdk.server.EndpointConfig;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.OpcUaServerConfig;
import org.eclipse.milo.opcua.sdk.server.identity.AnonymousIdentityValidator;
import org.eclipse.milo.opcua.stack.core.security.CertificateManager;
import org.eclipse.milo.opcua.stack.core.security.DefaultApplicationGroup;
import org.eclipse.milo.opcua.stack.core.security.DefaultCertificateManager;
import org.eclipse.milo.opcua.stack.core.security.DefaultServerCertificateValidator;
import org.eclipse.milo.opcua.stack.core.security.MemoryCertificateQuarantine;
import org.eclipse.milo.opcua.stack.core.security.MemoryCertificateStore;
import org.eclipse.milo.opcua.stack.core.security.MemoryTrustListManager;
import org.eclipse.milo.opcua.stack.core.security.RsaSha256CertificateFactory;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.transport.TransportProfile;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;
import org.eclipse.milo.opcua.stack.core.types.structured.BuildInfo;
import org.eclipse.milo.opcua.stack.transport.server.tcp.OpcTcpServerTransport;
import org.eclipse.milo.opcua.stack.transport.server.tcp.OpcTcpServerTransportConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A radiation environment station (device type {@code gamma-station}), or a survey vehicle ({@link
 * #vehicle}), as an OPC UA server on the device's endpoint URL ({@code
 * opc.tcp://127.0.0.1:<port>/helan/gamma}), security policy None with anonymous access, which is
 * how such stations sit on a closed field network. Its variables change once a second; see {@link
 * GammaNamespace} for the address space.
 *
 * <p>The Milo server is built on the first start and kept until {@link #close()}: stopping only
 * unbinds its transport, which closes the listener and every client channel, like a cut link;
 * sessions live on until they time out. A restart binds again at once. Building a server anew each
 * time would cost a few hundred milliseconds, and shutting one down while Milo is still creating a
 * fresh session's diagnostics nodes can corrupt Milo's JVM-wide cache of type hierarchies.
 */
public final class GammaStation implements FieldSimulator {
  /** The namespace of the station's variables, methods and its Station object. */
  public static final String NAMESPACE_URI = "urn:helan:simulator:gamma";

  private static final String PRODUCT_URI = "urn:helan:simulator";
  private static final Logger log = LoggerFactory.getLogger(GammaStation.class);

  private final String kind;
  private final BiFunction<OpcUaServer, SampleLedger, StationNamespace> namespaceOf;
  private final SampleLedger published = new SampleLedger();
  // at its actual port once started
  private volatile Device device;
  // guarded by this, like the fields below
  private URI endpoint;
  // read by the ticker thread, which must never wait for a starting or stopping server
  private volatile StationNamespace namespace;
  // guarded by this
  private OpcUaServer server;
  private OpcTcpServerTransport transport;
  private ScheduledFuture<?> ticks;

  /** A station that never sees a drill release, at no particular place. */
  public GammaStation(Device device) {
    this(device, 0, 0, new DrillScenario(0));
  }

  /** A station at the given place, which a drill release reaches as its plume says. */
  public GammaStation(Device device, double latitude, double longitude, DrillScenario drill) {
    this(
        device,
        "gamma station",
        (server, published) ->
            new GammaNamespace(
                server,
                new GammaInstrument(device.stationId(), latitude, longitude, drill),
                published));
  }

  /** A survey vehicle (device type {@code survey-vehicle}) on the same kind of server. */
  public static GammaStation vehicle(Device device, SurveyVehicle vehicle) {
    return new GammaStation(
        device,
        "survey vehicle",
        (server, published) -> new VehicleNamespace(server, vehicle, published));
  }

  /**
   * A radioactive source's monitor (device type {@code source-monitor}) on the same kind of server.
   */
  public static GammaStation sourceMonitor(Device device, SourceMonitor monitor) {
    return new GammaStation(
        device,
        "source monitor",
        (server, published) -> new SourceNamespace(server, monitor, published));
  }

  private GammaStation(
      Device device,
      String kind,
      BiFunction<OpcUaServer, SampleLedger, StationNamespace> namespaceOf) {
    this.device = device;
    this.endpoint = URI.create(((OpcUaConnection) device.connection()).endpointUrl());
    this.kind = kind;
    this.namespaceOf = namespaceOf;
  }

  @Override
  public Device device() {
    return device;
  }

  /**
   * Values published since the station was made, per variable (its browse name) and second of their
   * source time: each a value that differs from the one before, which is what a subscriber is sent.
   */
  public SampleLedger published() {
    return published;
  }

  @Override
  public synchronized void start() throws Exception {
    if (ticks != null) {
      return;
    }
    if (server == null) {
      int configured = endpoint.getPort();
      // a station configured at port 0 keeps the free port it got, for its restarts
      int port = configured == 0 ? FreePort.bind(this::startServer) : startServer(configured);
      device = device.withConnection(((OpcUaConnection) device.connection()).atPort(port));
      endpoint = URI.create(((OpcUaConnection) device.connection()).endpointUrl());
    } else {
      // a returning client must find current values, not those from before the stop
      namespace.refresh();
      transport.bind(
          server.getApplicationContext(),
          new InetSocketAddress(endpoint.getHost(), endpoint.getPort()));
    }
    ticks = FieldTicker.shared().scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
  }

  @Override
  public synchronized void stop() {
    if (ticks == null) {
      return;
    }
    ticks.cancel(false);
    ticks = null;
    try {
      transport.unbind();
    } catch (Exception e) {
      log.warn("Simulated {} {} did not unbind cleanly", kind, device.id(), e);
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return ticks != null;
  }

  /** Stops and shuts the Milo server down; a later start builds a new one. */
  @Override
  public synchronized void close() {
    stop();
    if (server == null) {
      return;
    }
    StationNamespace space = namespace;
    namespace = null;
    try {
      server.shutdown().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      log.warn("Simulated {} {} did not shut down cleanly", kind, device.id(), e.getCause());
    }
    space.shutdown();
    server = null;
    transport = null;
  }

  /** Builds the Milo server and binds it at {@code port}; returns the port. */
  private int startServer(int port) throws Exception {
    OpcTcpServerTransport opcTcp =
        new OpcTcpServerTransport(OpcTcpServerTransportConfig.newBuilder().build());
    OpcUaServer built = new OpcUaServer(configuration(port), profile -> opcTcp);
    StationNamespace space = namespaceOf.apply(built, published);
    space.startup();
    // the first client must already find values
    space.refresh();
    boolean bound = false;
    try {
      // bound here, not by startup(), which would only log a taken port and fail with "No
      // endpoints bound": a taken port must show as the BindException it is
      opcTcp.bind(built.getApplicationContext(), new InetSocketAddress(endpoint.getHost(), port));
      bound = true;
      built.startup().get();
    } catch (Exception e) {
      space.shutdown();
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      IOException failure = new IOException("cannot serve " + endpoint + " at port " + port, cause);
      if (bound) {
        // a server that never bound was never started: shutting it down would hide the cause
        try {
          built.shutdown().get();
        } catch (Exception notStarted) {
          failure.addSuppressed(notStarted);
        }
      }
      throw failure;
    }
    server = built;
    transport = opcTcp;
    namespace = space;
    return port;
  }

  private void tick() {
    StationNamespace space = namespace;
    if (space == null) {
      return;
    }
    try {
      space.refresh();
    } catch (RuntimeException e) {
      // a failed tick must not cancel the schedule
      log.error("Simulated {} {} failed to update its variables", kind, device.id(), e);
    }
  }

  private OpcUaServerConfig configuration(int port) throws Exception {
    SimulatorCertificate certificate = SimulatorCertificate.shared();
    EndpointConfig endpointConfig =
        EndpointConfig.newBuilder()
            .setTransportProfile(TransportProfile.TCP_UASC_UABINARY)
            .setBindAddress(endpoint.getHost())
            .setBindPort(port)
            .setHostname(endpoint.getHost())
            .setPath(endpoint.getPath())
            .setCertificate(certificate.certificate())
            .setSecurityPolicy(SecurityPolicy.None)
            .setSecurityMode(MessageSecurityMode.None)
            .addTokenPolicies(USER_TOKEN_POLICY_ANONYMOUS)
            .build();
    return OpcUaServerConfig.builder()
        .setApplicationUri(SimulatorCertificate.APPLICATION_URI)
        .setApplicationName(LocalizedText.english("Helan " + kind + " " + device.stationId()))
        .setProductUri(PRODUCT_URI)
        .setBuildInfo(
            new BuildInfo(
                PRODUCT_URI,
                "Helan",
                "Helan " + kind + " simulator",
                OpcUaServer.SDK_VERSION,
                "",
                DateTime.now()))
        .setCertificateManager(certificateManager(certificate))
        .setIdentityValidator(AnonymousIdentityValidator.INSTANCE)
        .setEndpoints(Set.of(endpointConfig))
        .build();
  }

  /** In memory only: the station trusts no one, and needs no trust for a None endpoint. */
  private static CertificateManager certificateManager(SimulatorCertificate certificate)
      throws Exception {
    var trustList = new MemoryTrustListManager();
    var quarantine = new MemoryCertificateQuarantine();
    var certificateFactory =
        new RsaSha256CertificateFactory() {
          @Override
          protected KeyPair createRsaSha256KeyPair() {
            return certificate.keyPair();
          }

          @Override
          protected X509Certificate[] createRsaSha256CertificateChain(KeyPair keyPair) {
            return new X509Certificate[] {certificate.certificate()};
          }
        };
    var applicationGroup =
        DefaultApplicationGroup.createAndInitialize(
            trustList,
            new MemoryCertificateStore(),
            certificateFactory,
            new DefaultServerCertificateValidator(trustList, quarantine));
    return new DefaultCertificateManager(quarantine, applicationGroup);
  }
}
