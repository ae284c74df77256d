package io.helan.driver.modbus;

import com.ghgande.j2mod.modbus.ModbusException;
import com.ghgande.j2mod.modbus.ModbusSlaveException;
import com.ghgande.j2mod.modbus.facade.ModbusTCPMaster;
import com.ghgande.j2mod.modbus.procimg.InputRegister;
import com.ghgande.j2mod.modbus.procimg.Register;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import com.ghgande.j2mod.modbus.util.BitVector;
import io.helan.config.CommandDefinition;
import io.helan.config.DataType;
import io.helan.config.Device;
import io.helan.config.ModbusAddress;
import io.helan.config.ModbusTcpConnection;
import io.helan.config.ParameterTarget;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The link to one Modbus TCP device. Everything it does (connect, poll, command, reconnect) runs
 * one task at a time on its {@link LinkThread}, so requests never overlap on the connection.
 */
final class ModbusDeviceLink implements ManagedLink {
  private static final Logger log = LoggerFactory.getLogger(ModbusDeviceLink.class);

  /** Registers (or bits) a block read may skip to join two neighbouring points. */
  static final int MAX_GAP = 8;

  private static final String STATUS_POINT = "status";

  private final Device device;
  private final ModbusTcpConnection connection;
  private final LinkReporter reporter;
  private final Consumer<ModbusDeviceLink> onClosed;
  private final ModbusReadPlan plan;
  private final Point statusPoint;
  private final LinkThread thread;
  private final ReconnectBackoff backoff;
  private final SampleBatch batch;
  private final int[] words;

  /** Open connection, or null while disconnected. Touched on the link thread only. */
  private ModbusTCPMaster master;

  /** When the next poll is due (System.nanoTime), on the fixed-rate schedule. */
  private long nextPollNanos;

  ModbusDeviceLink(
      Device device, SampleSink sink, LinkListener listener, Consumer<ModbusDeviceLink> onClosed) {
    this.device = device;
    this.connection = (ModbusTcpConnection) device.connection();
    if (connection.pollIntervalMs() <= 0 || connection.timeoutMs() <= 0) {
      throw new IllegalArgumentException(
          "device " + device.id() + " needs a positive pollIntervalMs and timeoutMs");
    }
    this.reporter = new LinkReporter(device, sink, listener);
    this.onClosed = onClosed;
    this.plan = ModbusReadPlan.of(device.points(), MAX_GAP);
    this.statusPoint = findStatusPoint(device);
    this.thread = new LinkThread("modbus", device.id());
    this.backoff = new ReconnectBackoff(connection.pollIntervalMs());
    this.batch = new SampleBatch(device.points().size());
    this.words = new int[Math.max(1, plan.largestBlock())];
  }

  @Override
  public void start() {
    thread.start(this::pollCycle);
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

  /** Stops polling without waiting; a poll in flight still finishes. */
  @Override
  public void stop() {
    thread.stop(this::disconnect);
  }

  @Override
  public void awaitStopped() {
    // A poll in flight ends within a connect and a request timeout; give it those.
    thread.awaitStopped(2L * connection.timeoutMs() + 1000);
    reporter.changeState(LinkState.CLOSED, null);
    onClosed.accept(this);
  }

  private void pollCycle() {
    if (thread.isStopped()) {
      return;
    }
    long started = System.nanoTime();
    long delayMs;
    try {
      if (master == null) {
        connect();
      }
      readAll(LinkReporter.nowMicros());
      if (thread.isStopped()) {
        return; // closed while reading: report nothing more
      }
      reporter.reportRead(System.nanoTime() - started);
      backoff.reset();
      reporter.changeState(LinkState.CONNECTED, null);
      reporter.deliver(batch);
      delayMs = nextPollDelayMs(started);
    } catch (Exception e) {
      // j2mod reports a refused connection as a bare Exception, a timeout as ModbusIOException.
      linkLost(LinkReporter.reasonOf(e));
      delayMs = backoff.nextDelayMs();
      nextPollNanos = 0;
    }
    thread.schedule(this::pollCycle, delayMs);
  }

  /**
   * Milliseconds to the next poll at a fixed rate from the first poll after (re)connecting: a poll
   * that started late (a busy pool, a slow answer) does not shift the ones after it; one that
   * missed its slot altogether goes at once and the schedule starts again from it.
   */
  private long nextPollDelayMs(long started) {
    long period = TimeUnit.MILLISECONDS.toNanos(connection.pollIntervalMs());
    nextPollNanos = nextPollNanos == 0 ? started + period : nextPollNanos + period;
    long now = System.nanoTime();
    if (nextPollNanos - now < 0) {
      nextPollNanos = now;
    }
    return TimeUnit.NANOSECONDS.toMillis(nextPollNanos - now);
  }

  private void connect() throws Exception {
    ModbusTCPMaster candidate =
        new ModbusTCPMaster(
            connection.host(), connection.port(), connection.timeoutMs(), false, false);
    candidate.connect();
    // One try per request: this link's reconnect with backoff is the retry.
    candidate.setRetries(1);
    master = candidate;
    log.debug("connected to {} at {}:{}", device.id(), connection.host(), connection.port());
  }

  /** Reads every block into {@link #batch}, then applies the status word's flag. */
  private void readAll(long timeMicros) throws ModbusException {
    batch.clear();
    boolean statusRead = false;
    int status = 0;
    for (ModbusReadPlan.Block block : plan.blocks()) {
      try {
        read(block);
      } catch (ModbusSlaveException e) {
        // The device answered with an exception: the addresses do not fit it, the link is fine.
        for (ModbusReadPlan.Slot slot : block.slots()) {
          batch.add(
              slot.point().index(), timeMicros, Double.NaN, Quality.BAD_CONFIGURATION, DataFlag.N);
        }
        continue;
      }
      for (ModbusReadPlan.Slot slot : block.slots()) {
        Point point = slot.point();
        double raw =
            block.table().isBits()
                ? words[slot.offset()]
                : RegisterDecoder.decode(
                    words, slot.offset(), point.dataType(), connection.wordOrder());
        if (point == statusPoint) {
          statusRead = true;
          status = (int) raw;
        }
        double value = point.toEngineering(raw);
        Quality quality = Double.isFinite(value) ? Quality.GOOD : Quality.BAD_SENSOR_FAILURE;
        batch.add(point.index(), timeMicros, value, quality, DataFlag.N);
      }
    }
    DataFlag flag = statusRead ? StatusWord.flagOf(status) : DataFlag.N;
    if (flag != DataFlag.N) {
      for (int i = 0; i < batch.size(); i++) {
        if (batch.point(i) != statusPoint.index()) {
          batch.setFlag(i, flag);
        }
      }
    }
  }

  /** Reads one block into {@link #words}: register values 0..65535, or bits as 0 and 1. */
  private void read(ModbusReadPlan.Block block) throws ModbusException {
    int unit = connection.unitId();
    switch (block.table()) {
      case HOLDING_REGISTER ->
          copy(master.readMultipleRegisters(unit, block.start(), block.count()));
      case INPUT_REGISTER -> copy(master.readInputRegisters(unit, block.start(), block.count()));
      case COIL -> copy(master.readCoils(unit, block.start(), block.count()), block.count());
      case DISCRETE_INPUT ->
          copy(master.readInputDiscretes(unit, block.start(), block.count()), block.count());
    }
  }

  private void copy(InputRegister[] registers) {
    for (int i = 0; i < registers.length; i++) {
      words[i] = registers[i].toUnsignedShort();
    }
  }

  private void copy(BitVector bits, int count) {
    for (int i = 0; i < count; i++) {
      words[i] = bits.getBit(i) ? 1 : 0;
    }
  }

  private void carryOut(DeviceCommand command, CompletableFuture<CommandOutcome> outcome) {
    if (master == null || reporter.state() != LinkState.CONNECTED) {
      outcome.completeExceptionally(reporter.notConnected());
      return;
    }
    String written;
    try {
      written = write(command);
    } catch (ModbusSlaveException e) {
      outcome.complete(CommandOutcome.refused("device refused: " + e.getMessage()));
      return;
    } catch (IllegalArgumentException e) {
      outcome.completeExceptionally(e);
      return;
    } catch (ModbusException e) {
      outcome.completeExceptionally(e);
      linkLost(LinkReporter.reasonOf(e));
      return;
    }
    // Read the device at once, so the command's effect (the status word) shows without waiting
    // for the next poll.
    try {
      readAll(LinkReporter.nowMicros());
    } catch (ModbusException e) {
      outcome.complete(
          CommandOutcome.accepted(written + "; status not read: " + LinkReporter.reasonOf(e)));
      linkLost(LinkReporter.reasonOf(e));
      return;
    }
    reporter.deliver(batch);
    outcome.complete(
        CommandOutcome.accepted(
            statusPoint == null
                ? written
                : written + "; status=" + String.format("0x%04X", statusWord())));
  }

  /**
   * Carries out a command as its definition says and tells what it wrote. First each parameter goes
   * where the definition names: a holding register (value / scale, in its data type and the
   * device's word order) or a coil (on unless 0). Then the target is switched: a coil, or a holding
   * register in the type of the device's point there (one uint16 register if none), takes 1, or 0
   * for the kinds that switch something off. Every value is encoded before anything is written, so
   * a value that does not fit changes nothing.
   */
  private String write(DeviceCommand command) throws ModbusException {
    CommandDefinition definition = command.definition();
    List<Write> writes = new ArrayList<>();
    for (ParameterTarget target : definition.parameters()) {
      Double value = command.parameters().get(target.parameter());
      if (value != null) {
        writes.add(parameterWrite(target, value));
      }
    }
    writes.add(triggerWrite(definition));
    StringBuilder written = new StringBuilder();
    for (Write write : writes) {
      if (write.address().table() == ModbusAddress.Table.COIL) {
        master.writeCoil(connection.unitId(), write.address().number(), write.registers()[0] != 0);
      } else {
        writeRegisters(write.address().number(), write.registers());
      }
      written.append(written.isEmpty() ? "" : "; ").append(write.address()).append('=');
      written.append(format(write.value()));
    }
    return written.toString();
  }

  /** One value for one coil or register range: words for registers, 0 or 1 for a coil. */
  private record Write(ModbusAddress address, double value, int[] registers) {}

  private Write parameterWrite(ParameterTarget target, double value) {
    if (target instanceof ParameterTarget.HoldingRegister register) {
      return new Write(
          new ModbusAddress(ModbusAddress.Table.HOLDING_REGISTER, register.number()),
          value,
          RegisterEncoder.encode(
              value / register.scale(), register.dataType(), connection.wordOrder()));
    }
    if (target instanceof ParameterTarget.Coil coil) {
      return new Write(
          new ModbusAddress(ModbusAddress.Table.COIL, coil.number()),
          value,
          new int[] {value != 0 ? 1 : 0});
    }
    throw new IllegalArgumentException(
        "parameter " + target.parameter() + " cannot go to a Modbus device: " + target);
  }

  private Write triggerWrite(CommandDefinition definition) {
    ModbusAddress target = ModbusAddress.parse(definition.target());
    int value = definition.kind().switchesOff() ? 0 : 1;
    return switch (target.table()) {
      case COIL -> new Write(target, value, new int[] {value});
      case HOLDING_REGISTER ->
          new Write(
              target, value, RegisterEncoder.encode(value, typeAt(target), connection.wordOrder()));
      default -> throw new IllegalArgumentException(target + " cannot be written");
    };
  }

  private void writeRegisters(int number, int[] values) throws ModbusException {
    if (values.length == 1) {
      master.writeSingleRegister(connection.unitId(), number, new SimpleRegister(values[0]));
      return;
    }
    Register[] registers = new Register[values.length];
    for (int i = 0; i < values.length; i++) {
      registers[i] = new SimpleRegister(values[i]);
    }
    master.writeMultipleRegisters(connection.unitId(), number, registers);
  }

  /** The status word of the last reading in {@link #batch}. */
  private int statusWord() {
    for (int i = 0; i < batch.size(); i++) {
      if (batch.point(i) == statusPoint.index()) {
        return (int) batch.value(i);
      }
    }
    throw new IllegalStateException("the reading of " + device.id() + " holds no status word");
  }

  private DataType typeAt(ModbusAddress address) {
    for (Point point : device.points()) {
      if (address.toString().equals(point.address())) {
        return point.dataType();
      }
    }
    return DataType.UINT16;
  }

  /** Closes the connection and, the first time, reports every point bad and the link down. */
  private void linkLost(String reason) {
    disconnect();
    if (!thread.isStopped()) {
      reporter.reportLost(reason);
    }
  }

  private void disconnect() {
    if (master != null) {
      master.disconnect();
      master = null;
    }
  }

  /** 30 and 0.5 as written in a site file, not 30.0. */
  private static String format(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15
        ? Long.toString((long) value)
        : Double.toString(value);
  }

  private static Point findStatusPoint(Device device) {
    for (Point point : device.points()) {
      String id = point.id();
      if (id.substring(id.lastIndexOf('.') + 1).equals(STATUS_POINT)) {
        return point;
      }
    }
    return null;
  }
}
