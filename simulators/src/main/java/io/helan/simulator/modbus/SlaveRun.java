package io.helan.simulator.modbus;

import io.helan.simulator.FieldTicker;
import java.io.IOException;
import java.net.InetAddress;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One run of a simulated Modbus device: its slave listening on a port, and the once-a-second tick
 * that refreshes its registers. Stopping the run closes both; a restart opens a new run.
 */
final class SlaveRun {
  private final ModbusTcpSlave slave;
  private final ScheduledFuture<?> ticks;
  private final int port;

  private SlaveRun(ModbusTcpSlave slave, int port, ScheduledFuture<?> ticks) {
    this.slave = slave;
    this.port = port;
    this.ticks = ticks;
  }

  /** Opens the slave on host:port (0 for a free one) and starts ticking a second from now. */
  static SlaveRun open(ModbusTcpSlave slave, String host, int port, Runnable tick)
      throws IOException {
    int opened = slave.open(InetAddress.getByName(host), port);
    return new SlaveRun(
        slave, opened, FieldTicker.shared().scheduleAtFixedRate(tick, 1, 1, TimeUnit.SECONDS));
  }

  /** The port the slave listens on. */
  int port() {
    return port;
  }

  void stop() {
    ticks.cancel(false);
    slave.stop();
  }
}
