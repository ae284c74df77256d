package io.helan.simulator.gamma;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaMonitoredItem;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaSubscription;
import org.eclipse.milo.opcua.stack.core.NamespaceTable;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.types.builtin.ExpandedNodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.enumerated.BrowseDirection;
import org.eclipse.milo.opcua.stack.core.types.enumerated.BrowseResultMask;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.eclipse.milo.opcua.stack.core.types.structured.BrowseDescription;
import org.eclipse.milo.opcua.stack.core.types.structured.CallMethodRequest;

/** An OPC UA client of a gamma station that addresses nodes as docs/contracts.md writes them. */
final class GammaClient implements AutoCloseable {
  private final OpcUaClient client;
  private final NamespaceTable namespaces;

  GammaClient(String endpointUrl) throws UaException {
    client =
        OpcUaClient.create(
            endpointUrl,
            endpoints ->
                endpoints.stream()
                    .filter(e -> SecurityPolicy.None.getUri().equals(e.getSecurityPolicyUri()))
                    .findFirst(),
            transport -> {},
            config -> config.setRequestTimeout(uint(5000)));
    client.connect();
    // read now: the table Milo caches may not have arrived yet right after connecting
    namespaces = client.readNamespaceTable();
  }

  double read(String name) throws UaException {
    Object value = client.readValue(0, TimestampsToReturn.Both, nodeId(name)).getValue().value();
    return (Double) value;
  }

  /**
   * Subscribes to one variable (publishing every second, the default data change filter) and
   * returns the values it was sent, as they come.
   */
  List<Object> subscribe(String name) throws UaException {
    List<Object> received = new CopyOnWriteArrayList<>();
    OpcUaSubscription subscription = new OpcUaSubscription(client, 1000.0);
    subscription.create();
    OpcUaMonitoredItem item = OpcUaMonitoredItem.newDataItem(nodeId(name));
    item.setSamplingInterval(100.0);
    item.setDataValueListener((monitored, value) -> received.add(value.value().value()));
    subscription.addMonitoredItem(item);
    subscription.synchronizeMonitoredItems();
    return received;
  }

  /** Calls a method of the Station object and returns its status. */
  StatusCode call(String method, Variant... inputs) throws UaException {
    CallMethodRequest request = new CallMethodRequest(nodeId("Station"), nodeId(method), inputs);
    return client.call(List.of(request)).getResults()[0].getStatusCode();
  }

  /** The browse names of the nodes that hold {@code node} as a component (inverse HasComponent). */
  List<String> owners(String node) throws UaException {
    BrowseDescription inverseComponents =
        new BrowseDescription(
            nodeId(node),
            BrowseDirection.Inverse,
            NodeIds.HasComponent,
            false,
            uint(0),
            uint(BrowseResultMask.All.getValue()));
    return Stream.of(client.browse(inverseComponents).getReferences())
        .map(reference -> reference.getBrowseName().name())
        .toList();
  }

  /** The browse names of the nodes that Objects organizes. */
  List<String> objects() throws UaException {
    BrowseDescription organized =
        new BrowseDescription(
            NodeIds.ObjectsFolder,
            BrowseDirection.Forward,
            NodeIds.Organizes,
            false,
            uint(0),
            uint(BrowseResultMask.All.getValue()));
    return Stream.of(client.browse(organized).getReferences())
        .map(reference -> reference.getBrowseName().name())
        .toList();
  }

  private NodeId nodeId(String name) throws UaException {
    return ExpandedNodeId.parse("nsu=" + GammaStation.NAMESPACE_URI + ";s=" + name)
        .toNodeIdOrThrow(namespaces);
  }

  @Override
  public void close() {
    client.disconnectAsync();
  }
}
