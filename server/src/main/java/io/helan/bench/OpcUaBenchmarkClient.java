package io.helan.bench;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

import io.helan.config.Point;
import io.helan.opcua.HelanOpcUaServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.identity.AnonymousProvider;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaMonitoredItem;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaSubscription;
import org.eclipse.milo.opcua.stack.core.Stack;
import org.eclipse.milo.opcua.stack.core.channel.EncodingLimits;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;

/**
 * The client side of {@link OpcUaBenchmark}, run in its own JVM so the server's CPU is measured
 * alone: subscribes to the given variables (queue 1, 100 ms) and prints {@code SUBSCRIBED}, then
 * after a warm-up {@code START}, then {@code WINDOW <notifications>} at the end of each measuring
 * window.
 *
 * <p>Arguments: endpoint URL, namespace URI, variable count, warm-up seconds, window seconds,
 * windows. The variables are the points of {@link SyntheticSite#create(int)}, by point id.
 */
public final class OpcUaBenchmarkClient {
  private static final int MAX_MESSAGE_SIZE = 64 * 1024 * 1024;

  private OpcUaBenchmarkClient() {}

  public static void main(String[] args) throws Exception {
    String url = args[0];
    String namespaceUri = args[1];
    int count = Integer.parseInt(args[2]);
    int warmupSeconds = Integer.parseInt(args[3]);
    int windowSeconds = Integer.parseInt(args[4]);
    int windows = Integer.parseInt(args[5]);
    EncodingLimits limits = HelanOpcUaServer.encodingLimits(MAX_MESSAGE_SIZE);
    OpcUaClient client =
        OpcUaClient.create(
            url,
            endpoints ->
                endpoints.stream()
                    .filter(e -> SecurityPolicy.None.getUri().equals(e.getSecurityPolicyUri()))
                    .findFirst(),
            transport -> {},
            config ->
                config
                    .setApplicationUri("urn:helan:benchmark:client")
                    .setApplicationName(LocalizedText.english("Helan benchmark client"))
                    .setIdentityProvider(new AnonymousProvider())
                    .setEncodingLimits(limits)
                    .setRequestTimeout(uint(120_000)));
    client.connect();
    int namespace = client.getNamespaceTable().getIndex(namespaceUri).intValue();
    LongAdder received = new LongAdder();
    OpcUaSubscription subscription = new OpcUaSubscription(client, 100.0);
    subscription.setMaxNotificationsPerPublish(uint(0));
    subscription.setSubscriptionListener(
        new OpcUaSubscription.SubscriptionListener() {
          @Override
          public void onDataReceived(
              OpcUaSubscription s, List<OpcUaMonitoredItem> items, List<DataValue> values) {
            received.add(values.size());
          }
        });
    subscription.create();
    List<OpcUaMonitoredItem> items = new ArrayList<>(count);
    for (Point point : SyntheticSite.create(count).points()) {
      OpcUaMonitoredItem item = OpcUaMonitoredItem.newDataItem(new NodeId(namespace, point.id()));
      item.setSamplingInterval(100.0);
      item.setQueueSize(uint(1));
      items.add(item);
    }
    subscription.setMaxMonitoredItemsPerCall(uint(10_000));
    subscription.addMonitoredItems(items);
    subscription.synchronizeMonitoredItems();
    System.out.println("SUBSCRIBED " + count);
    TimeUnit.SECONDS.sleep(warmupSeconds);
    System.out.println("START");
    for (int w = 0; w < windows; w++) {
      long before = received.sum();
      TimeUnit.SECONDS.sleep(windowSeconds);
      System.out.println("WINDOW " + (received.sum() - before));
    }
    subscription.delete();
    client.disconnect();
    Stack.releaseSharedResources();
  }
}
