package io.helan.cluster;

import io.helan.config.Device;
import io.helan.driver.DataFlag;
import io.helan.driver.LinkListener;
import io.helan.driver.LinkState;
import io.helan.driver.Quality;
import io.helan.driver.SampleBatch;
import io.helan.field.FieldLinks;
import io.helan.ingest.CurrentValueTable;
import io.helan.ingest.IngestListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * One view from any node: each node publishes the samples it ingests and the link states of the
 * devices it polls on the clustered event bus, and shows those of the other nodes in its current
 * value table and link states, from which its REST API and WebSocket push read. Remote samples do
 * not go to the historian (their owner stores them) nor to the alarms (their owner evaluates them).
 * Link states go out on every change and every {@value #LINK_STATES_MILLIS} ms (a node that joins
 * later learns them so).
 */
public final class ClusterValues implements IngestListener, LinkListener, AutoCloseable {
  static final String SAMPLES = "helan.cluster.samples";
  static final String LINKS = "helan.cluster.links";
  private static final String ORIGIN = "origin";
  private static final long LINK_STATES_MILLIS = 2_000;
  private static final int SAMPLE_BYTES = Integer.BYTES + Long.BYTES + Double.BYTES + 2;
  private static final Quality[] QUALITIES = Quality.values();
  private static final DataFlag[] FLAGS = DataFlag.values();

  private final Vertx vertx;
  private final String node;
  private final CurrentValueTable values;
  private final FieldLinks links;
  private final DeliveryOptions fromHere;
  private final Counter samplesSent;
  private final Counter samplesReceived;
  private final List<IngestListener> remoteListeners = new CopyOnWriteArrayList<>();
  private MessageConsumer<Buffer> sampleConsumer;
  private MessageConsumer<JsonObject> linkConsumer;
  private long statesTimer = -1;

  public ClusterValues(
      Vertx vertx, String node, CurrentValueTable values, FieldLinks links, MeterRegistry metrics) {
    this.vertx = vertx;
    this.node = node;
    this.values = values;
    this.links = links;
    this.fromHere = new DeliveryOptions().addHeader(ORIGIN, node);
    samplesSent =
        Counter.builder("helan.cluster.samples.sent")
            .description("Samples this node published to the other nodes")
            .register(metrics);
    samplesReceived =
        Counter.builder("helan.cluster.samples.received")
            .description("Samples of other nodes' devices shown by this node")
            .register(metrics);
  }

  /**
   * Hears the samples of the other nodes' devices once they are in the current value table: for
   * views (OPC UA), not for storage or alarms, which are their owner's.
   */
  public void addRemoteListener(IngestListener listener) {
    remoteListeners.add(listener);
  }

  /** Listens to the other nodes; returns once the consumers are registered cluster-wide. */
  public void start() throws Exception {
    sampleConsumer = vertx.eventBus().consumer(SAMPLES, this::onSamples);
    linkConsumer = vertx.eventBus().consumer(LINKS, this::onLink);
    sampleConsumer.completion().await(30, TimeUnit.SECONDS);
    linkConsumer.completion().await(30, TimeUnit.SECONDS);
    statesTimer = vertx.setPeriodic(LINK_STATES_MILLIS, timer -> publishLinkStates());
  }

  @Override
  public void onBatch(SampleBatch batch, long change) {
    Buffer buffer = Buffer.buffer(Integer.BYTES + batch.size() * SAMPLE_BYTES);
    buffer.appendInt(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      buffer
          .appendInt(batch.point(i))
          .appendLong(batch.timeMicros(i))
          .appendDouble(batch.value(i))
          .appendByte((byte) batch.quality(i).ordinal())
          .appendByte((byte) batch.flag(i).ordinal());
    }
    vertx.eventBus().publish(SAMPLES, buffer, fromHere);
    samplesSent.increment(batch.size());
  }

  @Override
  public void onLinkState(Device device, LinkState state, String reason) {
    if (state == LinkState.CLOSED) {
      return; // this node let the device go; its new owner tells the others how its link is
    }
    vertx.eventBus().publish(LINKS, new JsonObject().put(device.id(), state.name()), fromHere);
  }

  /**
   * Tells the other nodes the state of every link this node keeps, also to nodes that joined after
   * the last change.
   */
  private void publishLinkStates() {
    JsonObject states = new JsonObject();
    for (String id : links.openDevices()) {
      states.put(id, links.state(id).name());
    }
    if (!states.isEmpty()) {
      vertx.eventBus().publish(LINKS, states, fromHere);
    }
  }

  private void onSamples(Message<Buffer> message) {
    if (node.equals(message.headers().get(ORIGIN))) {
      return;
    }
    Buffer buffer = message.body();
    int count = buffer.getInt(0);
    SampleBatch batch = new SampleBatch(count);
    int at = Integer.BYTES;
    for (int i = 0; i < count; i++, at += SAMPLE_BYTES) {
      batch.add(
          buffer.getInt(at),
          buffer.getLong(at + 4),
          buffer.getDouble(at + 12),
          QUALITIES[buffer.getByte(at + 20)],
          FLAGS[buffer.getByte(at + 21)]);
    }
    long change = values.beginChange();
    try {
      for (int i = 0; i < count; i++) {
        values.write(
            batch.point(i),
            batch.timeMicros(i),
            batch.value(i),
            batch.quality(i),
            batch.flag(i),
            change);
      }
    } finally {
      values.completeChange(change);
    }
    samplesReceived.increment(count);
    for (IngestListener listener : remoteListeners) {
      listener.onBatch(batch, change);
    }
  }

  private void onLink(Message<JsonObject> message) {
    if (node.equals(message.headers().get(ORIGIN))) {
      return;
    }
    message
        .body()
        .forEach(
            state ->
                links.showRemote(state.getKey(), LinkState.valueOf((String) state.getValue())));
  }

  @Override
  public void close() throws Exception {
    vertx.cancelTimer(statesTimer);
    if (sampleConsumer != null) {
      sampleConsumer.unregister().await(10, TimeUnit.SECONDS);
      linkConsumer.unregister().await(10, TimeUnit.SECONDS);
    }
  }
}
