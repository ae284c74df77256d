package io.helan.spi;

import io.helan.config.Device;
import io.helan.config.Point;
import io.helan.driver.CommandOutcome;
import io.helan.driver.DataFlag;
import io.helan.driver.DeviceCommand;
import io.helan.driver.DeviceLink;
import io.helan.driver.FieldDriver;
import io.helan.driver.LinkListener;
import io.helan.driver.LinkState;
import io.helan.driver.Quality;
import io.helan.driver.SampleBatch;
import io.helan.driver.SampleSink;
import io.helan.driver.link.LinkReporter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** Reports every level gauge's level, rising by one each period, on one scheduler thread. */
public final class LevelGaugeDriver implements FieldDriver {
  private ScheduledExecutorService scheduler;

  @Override
  public String protocol() {
    return LevelGaugeConnection.PROTOCOL;
  }

  @Override
  public synchronized DeviceLink connect(Device device, SampleSink sink, LinkListener listener) {
    if (scheduler == null) {
      scheduler = Executors.newSingleThreadScheduledExecutor();
    }
    LinkReporter reporter = new LinkReporter(device, sink, listener);
    int periodMs = device.connection().updateIntervalMs();
    long[] level = {0};
    ScheduledFuture<?> readings =
        scheduler.scheduleAtFixedRate(
            () -> {
              level[0]++;
              long now = LinkReporter.nowMicros();
              SampleBatch batch = new SampleBatch(device.points().size());
              for (Point point : device.points()) {
                batch.add(point.index(), now, level[0], Quality.GOOD, DataFlag.N);
              }
              reporter.changeState(LinkState.CONNECTED, null);
              reporter.deliver(batch);
            },
            0,
            periodMs,
            TimeUnit.MILLISECONDS);
    return new DeviceLink() {
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
        return CompletableFuture.completedFuture(CommandOutcome.refused("a gauge takes none"));
      }

      @Override
      public void close() {
        readings.cancel(false);
        reporter.changeState(LinkState.CLOSED, null);
      }
    };
  }

  @Override
  public synchronized void close() {
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
  }
}
