package io.helan.driver.spi;

import io.helan.config.Device;
import io.helan.config.Point;
import io.helan.driver.CommandOutcome;
import io.helan.driver.DataFlag;
import io.helan.driver.DeviceCommand;
import io.helan.driver.DeviceLink;
import io.helan.driver.DriverOptions;
import io.helan.driver.FieldDriver;
import io.helan.driver.LinkListener;
import io.helan.driver.LinkState;
import io.helan.driver.Quality;
import io.helan.driver.SampleBatch;
import io.helan.driver.SampleSink;
import io.helan.driver.link.StationRoutes;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A driver added in a test source set only: devices dial in to the port it binds in {@link #start}
 * and say who they are in every line; the driver routes each line by station code.
 */
public final class LineLoggerDriver implements FieldDriver {
  private final StationRoutes<Link> routes = new StationRoutes<>();
  private final AtomicInteger refused = new AtomicInteger();
  private ServerSocket listener;

  @Override
  public String protocol() {
    return LineLoggerConnection.PROTOCOL;
  }

  @Override
  public void start(DriverOptions options) {
    try {
      listener =
          new ServerSocket(
              options.port(protocol(), "port", 0), 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new IllegalStateException("line logger driver cannot listen", e);
    }
    Thread acceptor = new Thread(this::accept, "line-logger-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** The port devices dial in to. */
  int port() {
    return listener.getLocalPort();
  }

  /** Lines refused because no device of the site has their station code. */
  int refused() {
    return refused.get();
  }

  @Override
  public DeviceLink connect(Device device, SampleSink sink, LinkListener listener) {
    Link link = new Link(device, sink, listener);
    routes.register(((LineLoggerConnection) device.connection()).stationCode(), link);
    return link;
  }

  @Override
  public void close() {
    try {
      if (listener != null) {
        listener.close();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void accept() {
    while (!listener.isClosed()) {
      try (Socket socket = listener.accept();
          BufferedReader in =
              new BufferedReader(
                  new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          String[] parts = line.split(" ");
          routes
              .route(parts[0])
              .ifPresentOrElse(
                  link -> link.deliver(parts[1], Double.parseDouble(parts[2])),
                  refused::incrementAndGet);
        }
      } catch (IOException e) {
        // the listener closed, or the device hung up: wait for the next one
      }
    }
  }

  private final class Link implements DeviceLink {
    private final Device device;
    private final SampleSink sink;
    private final LinkListener listener;
    private volatile LinkState state = LinkState.CONNECTING;

    Link(Device device, SampleSink sink, LinkListener listener) {
      this.device = device;
      this.sink = sink;
      this.listener = listener;
    }

    void deliver(String pointName, double value) {
      if (state != LinkState.CONNECTED) {
        state = LinkState.CONNECTED;
        listener.onLinkState(device, state, null);
      }
      for (Point point : device.points()) {
        if (point.address().equals(pointName)) {
          SampleBatch batch = new SampleBatch(1);
          batch.add(
              point.index(), System.currentTimeMillis() * 1000, value, Quality.GOOD, DataFlag.N);
          sink.accept(batch);
        }
      }
    }

    @Override
    public Device device() {
      return device;
    }

    @Override
    public LinkState state() {
      return state;
    }

    @Override
    public CompletableFuture<CommandOutcome> execute(DeviceCommand command) {
      return CompletableFuture.completedFuture(CommandOutcome.refused("no commands"));
    }

    @Override
    public void close() {
      routes.remove(((LineLoggerConnection) device.connection()).stationCode(), this);
      state = LinkState.CLOSED;
    }
  }
}
