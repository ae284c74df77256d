package io.helan.driver.plc4x;

import io.helan.config.CommandDefinition;
import io.helan.config.DataType;
import io.helan.config.Device;
import io.helan.config.Plc4xConnection;
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
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.plc4x.java.api.PlcConnection;
import org.apache.plc4x.java.api.messages.PlcReadRequest;
import org.apache.plc4x.java.api.messages.PlcReadResponse;
import org.apache.plc4x.java.api.messages.PlcWriteResponse;
import org.apache.plc4x.java.api.model.PlcTag;
import org.apache.plc4x.java.api.types.PlcResponseCode;
import org.apache.plc4x.java.api.types.PlcValueType;
import org.apache.plc4x.java.api.value.PlcValue;
import org.apache.plc4x.java.utils.cache.CachedPlcConnectionManager;
import org.apache.plc4x.java.utils.cache.LeasedPlcConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The link to one PLC4X device. Everything it does (lease, poll, command, reconnect) runs on its
 * own thread, so its requests never overlap and a device that hangs delays nobody else.
 */
final class Plc4xDeviceLink implements ManagedLink {
  private static final Logger log = LoggerFactory.getLogger(Plc4xDeviceLink.class);

  private static final String TARGET_TAG = "target";

  private final Device device;
  private final Plc4xConnection connection;
  private final CachedPlcConnectionManager connections;
  private final ConnectionClosing closing;
  private final LinkReporter reporter;
  private final Consumer<Plc4xDeviceLink> onClosed;
  private final LinkThread thread;
  private final ReconnectBackoff backoff;
  private final SampleBatch batch;

  /** Whether the cache holds a connection this link opened. Touched on the link thread only. */
  private boolean connected;

  Plc4xDeviceLink(
      Device device,
      CachedPlcConnectionManager connections,
      ConnectionClosing closing,
      SampleSink sink,
      LinkListener listener,
      Consumer<Plc4xDeviceLink> onClosed) {
    this.device = device;
    this.connection = (Plc4xConnection) device.connection();
    if (connection.pollIntervalMs() <= 0 || connection.timeoutMs() <= 0) {
      throw new IllegalArgumentException(
          "device " + device.id() + " needs a positive pollIntervalMs and timeoutMs");
    }
    this.connections = connections;
    this.closing = closing;
    this.reporter = new LinkReporter(device, sink, listener);
    this.onClosed = onClosed;
    this.thread = new LinkThread("plc4x", device.id());
    this.backoff = new ReconnectBackoff(connection.pollIntervalMs());
    this.batch = new SampleBatch(device.points().size());
  }

  /**
   * Starts at a random moment within the first poll interval: a network's PLCs then do not all open
   * their connections, and load PLC4X's protocol classes, in the same instant.
   */
  @Override
  public void start() {
    thread.schedule(
        this::pollCycle, ThreadLocalRandom.current().nextLong(connection.pollIntervalMs()));
  }

  @Override
  public Device device() {
    return device;
  }

  @Override
  public LinkState state() {
    return reporter.state();
  }

  @Override
  public CompletableFuture<CommandOutcome> execute(DeviceCommand command) {
    return thread.submit(outcome -> carryOut(command, outcome));
  }

  /** Stops polling without waiting; a poll in flight still finishes, then the connection closes. */
  @Override
  public void stop() {
    thread.stop(this::disconnect);
  }

  @Override
  public void awaitStopped() {
    // A poll in flight ends within its timeout; the connection closes in the background.
    thread.awaitStopped(connection.timeoutMs() + 1000);
    reporter.changeState(LinkState.CLOSED, null);
    onClosed.accept(this);
  }

  private void pollCycle() {
    if (thread.isStopped()) {
      return;
    }
    long started = System.nanoTime();
    long delayMs;
    PlcConnection lease = null;
    try {
      lease = lease();
      readAll(lease, LinkReporter.nowMicros());
      giveBack(lease);
      lease = null;
      if (thread.isStopped()) {
        return; // closed while reading: report nothing more
      }
      reporter.reportRead(System.nanoTime() - started);
      backoff.reset();
      reporter.changeState(LinkState.CONNECTED, null);
      reporter.deliver(batch);
      long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
      delayMs = Math.max(0, connection.pollIntervalMs() - elapsedMs);
    } catch (Exception e) {
      linkLost(LinkReporter.reasonOf(e), lease);
      delayMs = backoff.nextDelayMs();
    }
    thread.schedule(this::pollCycle, delayMs);
  }

  /** The device's connection from the cache, opened if the cache has none. */
  private PlcConnection lease() throws Exception {
    closing.awaitClosed(connection.connectionString());
    PlcConnection lease = connections.getConnection(connection.connectionString());
    connected = true;
    return lease;
  }

  /** Reads every point in one request into {@link #batch}. */
  private void readAll(PlcConnection lease, long timeMicros) throws Exception {
    PlcReadRequest.Builder request = lease.readRequestBuilder();
    List<Point> points = device.points();
    for (int i = 0; i < points.size(); i++) {
      // coils one tag each: an array tag of coils decodes as one boolean in PLC4X 0.13
      request.addTagAddress(tagName(i), points.get(i).address());
    }
    PlcReadResponse response =
        request.build().execute().get(connection.timeoutMs(), TimeUnit.MILLISECONDS);
    batch.clear();
    for (int i = 0; i < points.size(); i++) {
      Point point = points.get(i);
      PlcResponseCode code = response.getResponseCode(tagName(i));
      if (code != PlcResponseCode.OK) {
        batch.add(point.index(), timeMicros, Double.NaN, qualityOf(code), DataFlag.N);
        continue;
      }
      double value = point.toEngineering(raw(response.getPlcValue(tagName(i))));
      Quality quality = Double.isFinite(value) ? Quality.GOOD : Quality.BAD_SENSOR_FAILURE;
      batch.add(point.index(), timeMicros, value, quality, DataFlag.N);
    }
  }

  private void carryOut(DeviceCommand command, CompletableFuture<CommandOutcome> outcome) {
    if (reporter.state() != LinkState.CONNECTED) {
      outcome.completeExceptionally(reporter.notConnected());
      return;
    }
    CommandDefinition definition = command.definition();
    if (!definition.parameters().isEmpty()) {
      outcome.completeExceptionally(
          new IllegalArgumentException("PLC4X devices take no command parameters"));
      return;
    }
    boolean on = !definition.kind().switchesOff();
    PlcConnection lease = null;
    String written;
    Object value;
    try {
      lease = lease();
      value = valueFor(lease, definition.target(), on);
    } catch (IllegalArgumentException e) {
      // the target is no tag of the device: the link is fine
      giveBack(lease);
      outcome.completeExceptionally(e);
      return;
    } catch (Exception e) {
      outcome.completeExceptionally(e);
      linkLost(LinkReporter.reasonOf(e), lease);
      return;
    }
    try {
      PlcWriteResponse response =
          lease
              .writeRequestBuilder()
              .addTagAddress(TARGET_TAG, definition.target(), value)
              .build()
              .execute()
              .get(connection.timeoutMs(), TimeUnit.MILLISECONDS);
      PlcResponseCode code = response.getResponseCode(TARGET_TAG);
      if (code != PlcResponseCode.OK) {
        giveBack(lease);
        outcome.complete(CommandOutcome.refused("device answered " + code));
        return;
      }
      written = definition.target() + "=" + value;
      // Read the device at once, so the command's effect shows without waiting for the next poll.
      readAll(lease, LinkReporter.nowMicros());
      giveBack(lease);
    } catch (Exception e) {
      outcome.completeExceptionally(e);
      linkLost(LinkReporter.reasonOf(e), lease);
      return;
    }
    reporter.deliver(batch);
    outcome.complete(CommandOutcome.accepted(written));
  }

  /** On or off as the target takes it: a boolean for a bit, 1 or 0 for a number. */
  private Object valueFor(PlcConnection lease, String target, boolean on) {
    for (Point point : device.points()) {
      if (point.address().equals(target)) {
        return point.dataType() == DataType.BOOL ? (Object) on : (Object) (on ? 1 : 0);
      }
    }
    PlcTag tag =
        lease
            .parseTagAddress(target)
            .orElseThrow(() -> new IllegalArgumentException("'" + target + "' is not a tag"));
    return tag.getPlcValueType() == PlcValueType.BOOL ? (Object) on : (Object) (on ? 1 : 0);
  }

  /**
   * Reports the device lost (the first time: every point bad, the link down), then gives the lease
   * back: the cache closes the broken connection, which takes a while.
   */
  private void linkLost(String reason, PlcConnection lease) {
    if (!thread.isStopped()) {
      reporter.reportLost(reason);
    }
    giveBack(lease);
  }

  /**
   * Closes this link's connection in the cache, if it opened one: on the link thread, the close
   * itself in the background (see {@link ConnectionClosing}).
   */
  private void disconnect() {
    if (!connected) {
      return;
    }
    connected = false;
    closing.close(connection.connectionString(), this::closeConnection);
  }

  private void closeConnection() {
    try {
      PlcConnection lease = connections.getConnection(connection.connectionString());
      if (lease instanceof LeasedPlcConnection leased) {
        leased.closeConnection();
      } else {
        lease.close();
      }
    } catch (Exception e) {
      log.debug("closing the connection to {} failed: {}", device.id(), e.toString());
    }
    connections.removeCachedConnection(connection.connectionString());
  }

  /** Returns a lease to the cache; nothing if there is none. */
  private void giveBack(PlcConnection lease) {
    if (lease == null) {
      return;
    }
    try {
      lease.close();
    } catch (Exception e) {
      log.debug("returning the connection to {} failed: {}", device.id(), e.toString());
    }
  }

  /** A tag's value as a number: 1 or 0 for a boolean. */
  private static double raw(PlcValue value) {
    // a number answers isBoolean() too in PLC4X: ask for the type
    if (value.getPlcValueType() == PlcValueType.BOOL) {
      return value.getBoolean() ? 1 : 0;
    }
    return value.getDouble();
  }

  private static Quality qualityOf(PlcResponseCode code) {
    return switch (code) {
      case INVALID_ADDRESS, INVALID_DATATYPE, NOT_FOUND, ACCESS_DENIED, UNSUPPORTED ->
          Quality.BAD_CONFIGURATION;
      default -> Quality.BAD;
    };
  }

  private static String tagName(int point) {
    return "p" + point;
  }
}
