package io.helan.driver.opcua;

import io.helan.config.Device;
import io.helan.config.OpcUaConnection;
import io.helan.driver.DeviceLink;
import io.helan.driver.FieldDriver;
import io.helan.driver.LinkListener;
import io.helan.driver.SampleSink;
import io.helan.driver.link.OpenLinks;

/**
 * Subscribes to OPC UA servers as a client (Eclipse Milo).
 *
 * <p>Each device gets a link that connects to {@code endpointUrl} (security None, anonymous; the
 * endpoint the server offers, reached at the configured host and port), resolves the points' {@code
 * nsu=} NodeIds through the server's namespace table, and creates one subscription ({@code
 * publishingIntervalMs}) with a monitored item per point ({@code samplingIntervalMs}, queue size
 * 1). The data changes of each publish become one sample batch: source timestamp (else server
 * timestamp, else now), value as a scaled double, quality from the status code ({@link
 * OpcUaQualityMapping}), flag N.
 *
 * <p>Link loss: the session closing, a bad subscription status, or no publish or keep-alive for two
 * keep-alive periods plus {@code timeoutMs} (the subscription asks for a keep-alive every
 * publishing interval) reports every point BAD_COMMUNICATION and the link DISCONNECTED; the link
 * then connects afresh with backoff and reports CONNECTED on the first publish.
 *
 * <p>Commands call methods: the target is the method's NodeId, called on the object that holds it
 * (the source of its HasComponent reference), with input arguments made of the command's parameters
 * as docs/contracts.md (command targets) describes. The outcome is the method's status: accepted if
 * Good, refused otherwise.
 *
 * <p>Milo's clients share the stack's threads ({@code Stack.sharedExecutor()} and event loop);
 * whoever owns the process calls {@code Stack.releaseSharedResources()} at exit, not the driver.
 */
public final class OpcUaClientDriver implements FieldDriver {
  private final OpenLinks<OpcUaDeviceLink> links =
      new OpenLinks<>(OpcUaConnection.class, "OPC UA", "OPC UA client driver");

  @Override
  public String protocol() {
    return OpcUaConnection.PROTOCOL;
  }

  /**
   * @throws IllegalArgumentException if the device is not an OPC UA device, a point's address is
   *     not a NodeId, or the publishing interval or timeout is not set
   */
  @Override
  public DeviceLink connect(Device device, SampleSink sink, LinkListener listener) {
    return links.open(device, onClosed -> new OpcUaDeviceLink(device, sink, listener, onClosed));
  }

  @Override
  public void close() {
    links.close();
  }
}
