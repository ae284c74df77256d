package io.helan.opcua;

import static org.eclipse.milo.opcua.sdk.server.OpcUaServerConfig.USER_TOKEN_POLICY_ANONYMOUS;

import io.helan.config.Point;
import io.helan.config.Site;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.IntToDoubleFunction;
import org.eclipse.milo.opcua.sdk.core.AccessLevel;
import org.eclipse.milo.opcua.sdk.core.Reference;
import org.eclipse.milo.opcua.sdk.server.EndpointConfig;
import org.eclipse.milo.opcua.sdk.server.ManagedNamespaceWithLifecycle;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.OpcUaServerConfig;
import org.eclipse.milo.opcua.sdk.server.items.DataItem;
import org.eclipse.milo.opcua.sdk.server.items.MonitoredItem;
import org.eclipse.milo.opcua.sdk.server.nodes.AttributeObserver;
import org.eclipse.milo.opcua.sdk.server.nodes.UaFolderNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaVariableNode;
import org.eclipse.milo.opcua.stack.core.AttributeId;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.transport.TransportProfile;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;
import org.eclipse.milo.opcua.stack.transport.server.tcp.OpcTcpServerTransport;
import org.eclipse.milo.opcua.stack.transport.server.tcp.OpcTcpServerTransportConfig;

/**
 * The yardstick of the OPC UA benchmark: a plain Milo server with one Double variable per point
 * (same NodeIds as Helan's), whose new values reach monitored items by exception through an {@link
 * AttributeObserver} on each node: the fastest way measured to feed Milo's monitored items, about
 * half the CPU of leaving it to the subscription model's sampling.
 */
public final class BareMiloServer implements AutoCloseable {
  public static final String NAMESPACE_URI = "urn:helan:benchmark:bare";
  private static final int MAX_MESSAGE_SIZE = 32 * 1024 * 1024;

  private final OpcUaServer server;
  private final Namespace namespace;
  private final ServerPki pki;
  private final String url;

  private BareMiloServer(OpcUaServer server, Namespace namespace, ServerPki pki, String url) {
    this.server = server;
    this.namespace = namespace;
    this.pki = pki;
    this.url = url;
  }

  public static BareMiloServer start(Site site, int port, Path pkiDir) throws Exception {
    ServerPki pki = ServerPki.open(pkiDir, "127.0.0.1");
    EndpointConfig endpoint =
        EndpointConfig.newBuilder()
            .setTransportProfile(TransportProfile.TCP_UASC_UABINARY)
            .setBindAddress("127.0.0.1")
            .setBindPort(port)
            .setHostname("127.0.0.1")
            .setPath("/bare")
            .setCertificate(pki.certificate())
            .setSecurityPolicy(SecurityPolicy.None)
            .setSecurityMode(MessageSecurityMode.None)
            .addTokenPolicies(USER_TOKEN_POLICY_ANONYMOUS)
            .build();
    OpcUaServerConfig config =
        OpcUaServerConfig.builder()
            .setApplicationUri(pki.applicationUri())
            .setApplicationName(LocalizedText.english("Bare Milo server"))
            .setProductUri("urn:helan:benchmark")
            .setEndpoints(Set.of(endpoint))
            .setCertificateManager(pki.certificateManager())
            .setEncodingLimits(HelanOpcUaServer.encodingLimits(MAX_MESSAGE_SIZE))
            .build();
    OpcUaServer server =
        new OpcUaServer(
            config,
            profile -> new OpcTcpServerTransport(OpcTcpServerTransportConfig.newBuilder().build()));
    Namespace namespace = new Namespace(server, site.points());
    namespace.startup();
    server.startup().get(30, TimeUnit.SECONDS);
    return new BareMiloServer(server, namespace, pki, "opc.tcp://127.0.0.1:" + port + "/bare");
  }

  public String url() {
    return url;
  }

  /** Gives every variable a new value: point {@code i} gets {@code values.applyAsDouble(i)}. */
  public void update(IntToDoubleFunction values) {
    namespace.update(values);
  }

  @Override
  public void close() {
    namespace.shutdown();
    try {
      server.shutdown().get(30, TimeUnit.SECONDS);
      pki.close();
    } catch (Exception e) {
      throw new IllegalStateException("bare Milo server did not stop", e);
    }
  }

  /** One folder of Double variables, pushed to monitored items on every change. */
  private static final class Namespace extends ManagedNamespaceWithLifecycle {
    private final UaVariableNode[] variables;
    private final Map<DataItem, AttributeObserver> observers = new ConcurrentHashMap<>();

    Namespace(OpcUaServer server, List<Point> points) {
      super(server, NAMESPACE_URI);
      variables = new UaVariableNode[points.size()];
      getLifecycleManager().addStartupTask(() -> build(points));
    }

    private void build(List<Point> points) {
      UaFolderNode folder =
          new UaFolderNode(
              getNodeContext(),
              newNodeId("Bare"),
              newQualifiedName("Bare"),
              LocalizedText.english("Bare"));
      getNodeManager().addNode(folder);
      folder.addReference(
          new Reference(
              folder.getNodeId(), NodeIds.Organizes, NodeIds.ObjectsFolder.expanded(), false));
      for (Point point : points) {
        UaVariableNode variable =
            new UaVariableNode.UaVariableNodeBuilder(getNodeContext())
                .setNodeId(newNodeId(point.id()))
                .setBrowseName(newQualifiedName(point.id()))
                .setDisplayName(LocalizedText.english(point.id()))
                .setDataType(NodeIds.Double)
                .setAccessLevel(AccessLevel.READ_ONLY)
                .setUserAccessLevel(AccessLevel.READ_ONLY)
                .setMinimumSamplingInterval(100.0)
                .setTypeDefinition(NodeIds.BaseDataVariableType)
                .build();
        variable.setValue(new DataValue(Variant.ofDouble(0)));
        getNodeManager().addNode(variable);
        folder.addOrganizes(variable);
        variables[point.index()] = variable;
      }
    }

    void update(IntToDoubleFunction values) {
      DateTime now = DateTime.now();
      for (int i = 0; i < variables.length; i++) {
        variables[i].setValue(
            new DataValue(Variant.ofDouble(values.applyAsDouble(i)), StatusCode.GOOD, now, now));
      }
    }

    @Override
    public void onDataItemsCreated(List<DataItem> items) {
      for (DataItem item : items) {
        UaNode node = getNodeManager().get(item.getReadValueId().getNodeId());
        if (node instanceof UaVariableNode variable) {
          AttributeObserver observer =
              (changed, attribute, value) -> {
                if (attribute == AttributeId.Value) {
                  item.setValue(
                      DataValue.derivedValue((DataValue) value, item.getTimestampsToReturn()));
                }
              };
          observers.put(item, observer);
          variable.addAttributeObserver(observer);
          item.setValue(variable.getValue());
        }
      }
    }

    @Override
    public void onDataItemsModified(List<DataItem> items) {}

    @Override
    public void onDataItemsDeleted(List<DataItem> items) {
      for (DataItem item : items) {
        AttributeObserver observer = observers.remove(item);
        if (getNodeManager().get(item.getReadValueId().getNodeId())
                instanceof UaVariableNode variable
            && observer != null) {
          variable.removeAttributeObserver(observer);
        }
      }
    }

    @Override
    public void onMonitoringModeChanged(List<MonitoredItem> items) {}
  }
}
