package io.helan.driver.opcua;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

import io.helan.config.Device;
import io.helan.config.OpcUaConnection;
import io.helan.config.Point;
import io.helan.driver.CommandOutcome;
import io.helan.driver.DataFlag;
import io.helan.driver.DeviceCommand;
import io.helan.driver.LinkListener;
import io.helan.driver.LinkState;
import io.helan.driver.Quality;
import io.helan.driver.SampleBatch;
import io.helan.driver.SampleSink;
import io.helan.driver.link.LinkReporter;
import io.helan.driver.link.LinkThread;
import io.helan.driver.link.ManagedLink;
import io.helan.driver.link.ReconnectBackoff;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.eclipse.milo.opcua.sdk.client.DiscoveryClient;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.OpcUaClientConfig;
import org.eclipse.milo.opcua.sdk.client.SessionActivityListener;
import org.eclipse.milo.opcua.sdk.client.UaSession;
import org.eclipse.milo.opcua.sdk.client.identity.AnonymousProvider;
import org.eclipse.milo.opcua.sdk.client.nodes.UaMethodNode;
import org.eclipse.milo.opcua.sdk.client.subscriptions.MonitoredItemServiceOperationResult;
import org.eclipse.milo.opcua.sdk.client.subscriptions.MonitoredItemSynchronizationException;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaMonitoredItem;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaSubscription;
import org.eclipse.milo.opcua.stack.core.NamespaceTable;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.ExpandedNodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.enumerated.BrowseDirection;
import org.eclipse.milo.opcua.stack.core.types.enumerated.BrowseResultMask;
import org.eclipse.milo.opcua.stack.core.types.enumerated.NodeClass;
import org.eclipse.milo.opcua.stack.core.types.enumerated.UserTokenType;
import org.eclipse.milo.opcua.stack.core.types.structured.Argument;
import org.eclipse.milo.opcua.stack.core.types.structured.BrowseDescription;
import org.eclipse.milo.opcua.stack.core.types.structured.CallMethodRequest;
import org.eclipse.milo.opcua.stack.core.types.structured.CallMethodResult;
import org.eclipse.milo.opcua.stack.core.types.structured.EndpointDescription;
import org.eclipse.milo.opcua.stack.core.types.structured.ReferenceDescription;
import org.eclipse.milo.opcua.stack.core.types.structured.UserTokenPolicy;
import org.eclipse.milo.opcua.stack.core.util.EndpointUtil;
import org.eclipse.milo.opcua.stack.transport.client.tcp.OpcTcpClientTransport;
import org.eclipse.milo.opcua.stack.transport.client.tcp.OpcTcpClientTransportConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The link to one OPC UA server: a client session with one subscription that monitors every point
 * of the device. The link's turns on the shared link pool ({@link LinkThread}) connect, reconnect
 * and judge link loss; the publishes arrive on the threads Milo shares between all its clients in
 * the process, which hand each one over as a batch. No link has a thread of its own.
 *
 * <p>On link loss the link drops the whole client and builds a new one: a new session, namespace
 * table and subscription. That is one code path for every kind of loss (network, server restart,
 * session or subscription timed out on the server), where relying on Milo to reactivate the session
 * and transfer the subscription would need a second one for when the transfer fails.
 */
final class OpcUaDeviceLink implements ManagedLink {
  private static final Logger log = LoggerFactory.getLogger(OpcUaDeviceLink.class);

  private static final String APPLICATION_URI = "urn:helan:server:opcua-client";

  private final Device device;
  private final OpcUaConnection connection;
  private final List<ExpandedNodeId> addresses;
  private final LinkReporter reporter;
  private final Consumer<OpcUaDeviceLink> onClosed;
  private final LinkThread thread;
  private final ReconnectBackoff backoff;

  /** The connected session, or null. Read and replaced on the link thread only. */
  private Session session;

  /**
   * @throws IllegalArgumentException if a point's address is not a NodeId, or the intervals are not
   *     set
   */
  OpcUaDeviceLink(
      Device device, SampleSink sink, LinkListener listener, Consumer<OpcUaDeviceLink> onClosed) {
    this.device = device;
    this.connection = (OpcUaConnection) device.connection();
    if (connection.publishingIntervalMs() <= 0 || connection.timeoutMs() <= 0) {
      throw new IllegalArgumentException(
          "device " + device.id() + " needs a positive publishingIntervalMs and timeoutMs");
    }
    List<ExpandedNodeId> parsed = new ArrayList<>();
    for (Point point : device.points()) {
      parsed.add(parseNodeId(point.address()));
    }
    this.addresses = List.copyOf(parsed);
    this.reporter = new LinkReporter(device, sink, listener);
    this.onClosed = onClosed;
    this.thread = new LinkThread("opcua", device.id());
    this.backoff = new ReconnectBackoff(connection.publishingIntervalMs());
  }

  @Override
  public void start() {
    thread.start(this::connect);
  }

  @Override
  public Device device() {
    return device;
  }

  @Override
  public LinkState state() {
    return reporter.state();
  }

  /**
   * Calls the method whose NodeId is the command's target on the object that holds it (the source
   * of the method's HasComponent reference), with the input arguments {@link OpcUaMethodArguments}
   * makes of the parameters. Completes with the method's status: accepted if Good, refused
   * otherwise.
   */
  @Override
  public CompletableFuture<CommandOutcome> execute(DeviceCommand command) {
    return thread.submit(
        outcome -> {
          Session current = session;
          if (current == null || reporter.state() != LinkState.CONNECTED) {
            outcome.completeExceptionally(reporter.notConnected());
            return;
          }
          current
              .call(command)
              .whenComplete(
                  (result, failure) -> {
                    if (failure == null) {
                      outcome.complete(result);
                    } else {
                      outcome.completeExceptionally(unwrap(failure));
                    }
                  });
        });
  }

  /** Stops the link without waiting: the session is closed on the link thread. */
  @Override
  public void stop() {
    thread.stop(this::closeSession);
  }

  @Override
  public void awaitStopped() {
    // A connect attempt in flight ends within its timeouts; give it those, then interrupt.
    thread.awaitStopped(2 * attemptTimeoutMs() + 1000);
    reporter.changeState(LinkState.CLOSED, null);
    onClosed.accept(this);
  }

  private void connect() {
    if (thread.isStopped()) {
      return;
    }
    log.debug("connecting to {} at {}", device.id(), connection.endpointUrl());
    OpcUaClient client = null;
    boolean subscribed = false;
    try {
      client = newClient();
      client.connectAsync().get(attemptTimeoutMs(), TimeUnit.MILLISECONDS);
      session = subscribe(client);
      subscribed = true;
      log.debug("session with {} at {} open", device.id(), connection.endpointUrl());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (UaException | ExecutionException | TimeoutException | RuntimeException e) {
      linkLost(LinkReporter.reasonOf(e));
      scheduleReconnect();
    } finally {
      if (client != null && !subscribed) {
        // Milo keeps reconnecting a client whose first connect failed, unless told to stop.
        client.disconnectAsync();
      }
    }
  }

  private OpcUaClient newClient()
      throws InterruptedException, ExecutionException, TimeoutException, UaException {
    String url = connection.endpointUrl();
    List<EndpointDescription> endpoints =
        DiscoveryClient.getEndpoints(url, t -> t.setConnectTimeout(uint(connection.timeoutMs())))
            .get(attemptTimeoutMs(), TimeUnit.MILLISECONDS);
    EndpointDescription endpoint =
        endpoints.stream()
            .filter(OpcUaDeviceLink::isUnsecuredAnonymous)
            .findFirst()
            .orElseThrow(
                () ->
                    new UaException(
                        StatusCodes.Bad_SecurityPolicyRejected,
                        "no endpoint with security None and anonymous access at " + url));
    // Servers advertise the host name they know themselves by; reach them where configured.
    endpoint =
        EndpointUtil.updateUrl(endpoint, EndpointUtil.getHost(url), EndpointUtil.getPort(url));
    OpcUaClientConfig config =
        OpcUaClientConfig.builder()
            .setEndpoint(endpoint)
            .setApplicationName(LocalizedText.english("Helan"))
            .setApplicationUri(APPLICATION_URI)
            .setIdentityProvider(new AnonymousProvider())
            .setRequestTimeout(uint(connection.timeoutMs()))
            .build();
    OpcTcpClientTransportConfig transport =
        OpcTcpClientTransportConfig.newBuilder()
            .setConnectTimeout(uint(connection.timeoutMs()))
            .build();
    return new OpcUaClient(config, new OpcTcpClientTransport(transport));
  }

  /**
   * How long one step of connecting (discovery, session) may take: a TCP connect and a request,
   * each bounded by Milo with {@code timeoutMs}. This bound only guards against a hang.
   */
  private long attemptTimeoutMs() {
    return 2L * connection.timeoutMs();
  }

  private static boolean isUnsecuredAnonymous(EndpointDescription endpoint) {
    if (!SecurityPolicy.None.getUri().equals(endpoint.getSecurityPolicyUri())) {
      return false;
    }
    UserTokenPolicy[] tokens = endpoint.getUserIdentityTokens();
    if (tokens == null) {
      return false;
    }
    for (UserTokenPolicy token : tokens) {
      if (token.getTokenType() == UserTokenType.Anonymous) {
        return true;
      }
    }
    return false;
  }

  /**
   * Creates the subscription with one monitored item per point. Points the server cannot monitor
   * (namespace unknown to it, node missing) are reported bad at once, with the server's reason.
   */
  private Session subscribe(OpcUaClient client) throws UaException {
    NamespaceTable namespaces = client.readNamespaceTable();
    long timeMicros = LinkReporter.nowMicros();
    SampleBatch rejected = new SampleBatch(0);
    Map<OpcUaMonitoredItem, Point> points = new IdentityHashMap<>();
    for (int i = 0; i < addresses.size(); i++) {
      Point point = device.points().get(i);
      Optional<NodeId> nodeId = addresses.get(i).toNodeId(namespaces);
      if (nodeId.isEmpty()) {
        rejected.add(point.index(), timeMicros, Double.NaN, Quality.BAD_CONFIGURATION, DataFlag.N);
        continue;
      }
      OpcUaMonitoredItem item = OpcUaMonitoredItem.newDataItem(nodeId.get());
      item.setSamplingInterval(connection.samplingIntervalMs());
      item.setQueueSize(uint(1));
      points.put(item, point);
    }

    Session opened = new Session(client, namespaces, points);
    OpcUaSubscription subscription =
        new OpcUaSubscription(client, connection.publishingIntervalMs());
    // A keep-alive every publishing interval when nothing changes: silence then means loss.
    subscription.setTargetKeepAliveInterval(connection.publishingIntervalMs());
    subscription.setSubscriptionListener(opened);
    subscription.create();
    subscription.addMonitoredItems(List.copyOf(points.keySet()));
    try {
      subscription.synchronizeMonitoredItems();
    } catch (MonitoredItemSynchronizationException e) {
      for (MonitoredItemServiceOperationResult result : e.getCreateResults()) {
        StatusCode status = result.operationResult().orElse(result.serviceResult());
        Point point = points.get(result.monitoredItem());
        if (!status.isGood() && point != null) {
          Quality quality = OpcUaQualityMapping.qualityOf(status);
          rejected.add(point.index(), timeMicros, Double.NaN, quality, DataFlag.N);
        }
      }
    }
    client.addSessionActivityListener(opened);

    double keepAliveMs =
        subscription
                .getRevisedPublishingInterval()
                .orElse((double) connection.publishingIntervalMs())
            * subscription.getRevisedMaxKeepAliveCount().orElse(uint(1)).longValue();
    long silenceLimitMs = Math.round(2 * keepAliveMs) + connection.timeoutMs();
    long period = connection.publishingIntervalMs();
    opened.watchdog = thread.scheduleEvery(() -> checkSilence(opened, silenceLimitMs), period);
    if (!rejected.isEmpty()) {
      reporter.deliver(rejected);
    }
    return opened;
  }

  /** A publish (data or keep-alive) of {@code from} arrived; data comes as a batch. */
  private void published(Session from, SampleBatch batch) {
    if (from != session) {
      return; // from a session already given up
    }
    backoff.reset();
    reporter.changeState(LinkState.CONNECTED, null);
    if (batch != null) {
      reporter.deliver(batch);
    }
  }

  private void checkSilence(Session watched, long silenceLimitMs) {
    long silentMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - watched.lastPublishNanos);
    if (silentMs > silenceLimitMs) {
      lost(watched, "no publish response for " + silentMs + " ms");
    }
  }

  private void lost(Session from, String reason) {
    if (from != session) {
      return;
    }
    dropSession();
    linkLost(reason);
    scheduleReconnect();
  }

  /** Forgets the session and lets its client go, without waiting for a server that may be gone. */
  private CompletableFuture<OpcUaClient> dropSession() {
    Session dropped = session;
    session = null;
    dropped.watchdog.cancel(false);
    dropped.client.removeSessionActivityListener(dropped);
    return dropped.client.disconnectAsync();
  }

  private void closeSession() {
    if (session == null) {
      return;
    }
    try {
      dropSession().get(connection.timeoutMs(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      log.debug("closing the session with {} failed: {}", device.id(), LinkReporter.reasonOf(e));
    }
  }

  private void scheduleReconnect() {
    thread.schedule(this::connect, backoff.nextDelayMs());
  }

  /** The first time after a good spell: every point bad, the link down. */
  private void linkLost(String reason) {
    if (!thread.isStopped()) {
      reporter.reportLost(reason);
    }
  }

  /** Adds the sample a data value gives, with the quality its status code maps to. */
  private static void addSample(SampleBatch batch, Point point, DataValue dataValue) {
    StatusCode status = dataValue.statusCode() != null ? dataValue.statusCode() : StatusCode.GOOD;
    Quality quality = OpcUaQualityMapping.qualityOf(status);
    Variant variant = dataValue.value();
    Object raw = variant != null ? variant.value() : null;
    double value = Double.NaN;
    if (raw instanceof Number number) {
      value = point.toEngineering(number.doubleValue());
    } else if (raw instanceof Boolean bool) {
      value = point.toEngineering(bool ? 1 : 0);
    } else if (quality.isGood()) {
      quality = Quality.BAD_CONFIGURATION; // a good value that is not a number: wrong node
    }
    if (quality.isGood() && !Double.isFinite(value)) {
      quality = Quality.BAD_SENSOR_FAILURE;
    }
    batch.add(point.index(), timeMicros(dataValue), value, quality, DataFlag.N);
  }

  /** The source timestamp, else the server's, else now. */
  private static long timeMicros(DataValue dataValue) {
    DateTime time = dataValue.sourceTime();
    if (time == null || time.isNull()) {
      time = dataValue.serverTime();
    }
    if (time == null || time.isNull()) {
      return LinkReporter.nowMicros();
    }
    return ChronoUnit.MICROS.between(Instant.EPOCH, time.getJavaInstant());
  }

  private static ExpandedNodeId parseNodeId(String address) {
    try {
      return ExpandedNodeId.parse(address);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not a NodeId: '" + address + "'", e);
    }
  }

  private static Throwable unwrap(Throwable failure) {
    return failure instanceof CompletionException && failure.getCause() != null
        ? failure.getCause()
        : failure;
  }

  private static String statusName(StatusCode status) {
    return StatusCodes.lookup(status.value()).map(names -> names[0]).orElse(status.toString());
  }

  /**
   * One client session and its subscription. Milo calls it on its own threads; it records that the
   * server is alive and hands everything else to the link thread.
   */
  private final class Session
      implements OpcUaSubscription.SubscriptionListener, SessionActivityListener {
    final OpcUaClient client;
    final NamespaceTable namespaces;
    final Map<OpcUaMonitoredItem, Point> points;
    volatile long lastPublishNanos = System.nanoTime();
    ScheduledFuture<?> watchdog;

    Session(OpcUaClient client, NamespaceTable namespaces, Map<OpcUaMonitoredItem, Point> points) {
      this.client = client;
      this.namespaces = namespaces;
      this.points = points;
    }

    /** Milo delivers each publish's data changes in one call: they become one batch. */
    @Override
    public void onDataReceived(
        OpcUaSubscription subscription, List<OpcUaMonitoredItem> items, List<DataValue> values) {
      lastPublishNanos = System.nanoTime();
      SampleBatch batch = new SampleBatch(items.size());
      for (int i = 0; i < items.size(); i++) {
        Point point = points.get(items.get(i));
        if (point != null) {
          addSample(batch, point, values.get(i));
        }
      }
      thread.runSoon(() -> published(this, batch));
    }

    @Override
    public void onKeepAliveReceived(OpcUaSubscription subscription) {
      lastPublishNanos = System.nanoTime();
      thread.runSoon(() -> published(this, null));
    }

    @Override
    public void onStatusChanged(OpcUaSubscription subscription, StatusCode status) {
      if (status.isBad()) {
        thread.runSoon(() -> lost(this, "subscription " + statusName(status)));
      }
    }

    @Override
    public void onTransferFailed(OpcUaSubscription subscription, StatusCode status) {
      thread.runSoon(() -> lost(this, "subscription not transferred: " + statusName(status)));
    }

    @Override
    public void onSessionInactive(UaSession uaSession) {
      thread.runSoon(() -> lost(this, "session closed"));
    }

    CompletableFuture<CommandOutcome> call(DeviceCommand command) {
      NodeId methodId;
      try {
        methodId = parseNodeId(command.definition().target()).toNodeIdOrThrow(namespaces);
      } catch (IllegalArgumentException | UaException e) {
        return CompletableFuture.failedFuture(
            new IllegalArgumentException(
                "bad method NodeId in command " + command.definition().id(), e));
      }
      return ownerOf(methodId)
          .thenCombine(
              inputArgumentsOf(methodId),
              (objectId, declared) ->
                  new CallMethodRequest(
                      objectId, methodId, OpcUaMethodArguments.inputs(command, declared)))
          .thenCompose(request -> client.callAsync(List.of(request)))
          .thenApply(response -> outcomeOf(response.getResults()[0]));
    }

    /** The object that holds the method: the source of its HasComponent reference. */
    private CompletableFuture<NodeId> ownerOf(NodeId methodId) {
      BrowseDescription toOwner =
          new BrowseDescription(
              methodId,
              BrowseDirection.Inverse,
              NodeIds.HasComponent,
              true,
              uint(NodeClass.Object.getValue()),
              uint(BrowseResultMask.None.getValue()));
      return client
          .browseAsync(toOwner)
          .thenApply(
              result -> {
                ReferenceDescription[] references = result.getReferences();
                if (references == null || references.length == 0) {
                  throw new IllegalArgumentException("no object holds method " + methodId);
                }
                return references[0]
                    .getNodeId()
                    .toNodeId(namespaces)
                    .orElseThrow(
                        () -> new IllegalArgumentException("owner of " + methodId + " is remote"));
              });
    }

    /** The method's declared input arguments; none if it declares no InputArguments property. */
    private CompletableFuture<Argument[]> inputArgumentsOf(NodeId methodId) {
      return client
          .getAddressSpace()
          .getNodeAsync(methodId)
          .thenCompose(
              node -> {
                if (!(node instanceof UaMethodNode method)) {
                  throw new IllegalArgumentException(methodId + " is not a method");
                }
                return method.readInputArgumentsAsync();
              })
          .handle(
              (declared, failure) -> {
                if (failure == null) {
                  return declared;
                }
                boolean absent =
                    UaException.extractStatusCode(failure)
                        .map(status -> status.value() == StatusCodes.Bad_NotFound)
                        .orElse(false);
                if (absent) {
                  return new Argument[0];
                }
                throw failure instanceof CompletionException c
                    ? c
                    : new CompletionException(failure);
              });
    }

    private CommandOutcome outcomeOf(CallMethodResult result) {
      StatusCode status = result.getStatusCode();
      return status.isGood()
          ? CommandOutcome.accepted(statusName(status))
          : CommandOutcome.refused(statusName(status));
    }
  }
}
