package io.helan.simulator.modbus;

import io.helan.config.Device;
import io.helan.config.Plc4xConnection;
import io.helan.config.WordOrder;
import io.helan.simulator.FieldSimulator;
import io.helan.simulator.FieldTicker;
import java.io.IOException;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PLC of a water auto-station (device type {@code water-station-plc}), a Modbus TCP slave that
 * the server reads through PLC4X's modbus-tcp driver. It runs the station's water path: the
 * sampling pump draws river water through the inlet valve to the analysers, the drain valve empties
 * the settling tank, and an automatic sampler fills a bottle on demand.
 *
 * <p>Registers (0-based on the wire; PLC4X numbers from 1, so {@code coil:1} is coil 0): coil 0
 * pump running, coil 1 inlet valve open, coil 2 drain valve open, coil 3 sampler start (writing 1
 * starts a sampling run, 0 cancels it; the PLC clears it when the run is over); hr:0–1 flow to the
 * analysers in m³/h (float32, high word first), hr:2 sampler state (0 idle, 1 sampling, 2 bottle
 * filled), hr:3 bottles filled since start. Pump and inlet start on, so water flows; flow is 0 when
 * either is off. A sampling run lasts {@link #SAMPLING_SECONDS}.
 */
public final class WaterStationPlc implements FieldSimulator {
  /** How long the sampler takes to fill one bottle. */
  public static final int SAMPLING_SECONDS = 30;

  static final int FLOW_REGISTER = 0;
  static final int SAMPLER_STATE_REGISTER = 2;
  static final int BOTTLES_REGISTER = 3;
  private static final int REGISTER_COUNT = 4;
  private static final double NOMINAL_FLOW = 2.4;
  private static final Pattern UNIT_ID = Pattern.compile("[?&]default-unit-identifier=(\\d+)");
  private static final Logger log = LoggerFactory.getLogger(WaterStationPlc.class);

  /** What the sampler is doing, as hr:2 says. */
  public enum SamplerState {
    IDLE,
    SAMPLING,
    FILLED
  }

  // at its actual port once started
  private volatile Device device;
  private final int unitId;
  private final RackRegisters registers;
  private final CommandCoil pump = new CommandCoil(on -> publish());
  private final CommandCoil inletValve = new CommandCoil(on -> publish());
  private final CommandCoil drainValve = new CommandCoil(on -> publish());
  private final CommandCoil samplerStart = new CommandCoil(this::samplerOrdered);
  private final Random noise;
  // guarded by registers, like everything a master can see
  private SamplerState sampler = SamplerState.IDLE;
  private int bottles;

  /** Counts sampling runs, so that the end of one that was cancelled ends nothing. */
  private long samplingRun;

  // guarded by this
  private SlaveRun listening;

  public WaterStationPlc(Device device) {
    this.device = device;
    this.unitId = unitIdOf((Plc4xConnection) device.connection());
    this.noise = new Random(device.id().hashCode());
    registers = new RackRegisters(unitId, REGISTER_COUNT, WordOrder.ABCD);
    registers.addDigitalOut(pump);
    registers.addDigitalOut(inletValve);
    registers.addDigitalOut(drainValve);
    registers.addDigitalOut(samplerStart);
    pump.setQuietly(true);
    inletValve.setQuietly(true);
  }

  @Override
  public Device device() {
    return device;
  }

  /** The sampler's state, as a master reads it from hr:2. */
  public SamplerState samplerState() {
    synchronized (registers) {
      return sampler;
    }
  }

  /** Whether the sampling pump runs, as a master reads it from coil 0. */
  public boolean pumpRunning() {
    synchronized (registers) {
      return pump.isSet();
    }
  }

  @Override
  public synchronized void start() throws IOException {
    if (listening != null) {
      return;
    }
    publish();
    Plc4xConnection connection = (Plc4xConnection) device.connection();
    listening =
        SlaveRun.open(
            new ModbusTcpSlave(registers, unitId),
            connection.host(),
            connection.tcpPort(),
            this::publish);
    // a PLC configured at port 0 keeps the free port it got, for its restarts
    device = device.withConnection(connection.atPort(listening.port()));
  }

  @Override
  public synchronized void stop() {
    if (listening != null) {
      listening.stop();
      listening = null;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return listening != null;
  }

  /** Called by a master's coil write, which holds the registers' lock. */
  private void samplerOrdered(boolean on) {
    synchronized (registers) {
      if (on) {
        sampler = SamplerState.SAMPLING;
        long run = ++samplingRun;
        FieldTicker.shared().schedule(() -> samplingOver(run), SAMPLING_SECONDS, TimeUnit.SECONDS);
        log.info("PLC {} starts the sampler for {} s", device.id(), SAMPLING_SECONDS);
      } else if (sampler == SamplerState.SAMPLING) {
        sampler = SamplerState.IDLE;
      }
      publish();
    }
  }

  private void samplingOver(long run) {
    synchronized (registers) {
      if (run != samplingRun || sampler != SamplerState.SAMPLING) {
        return;
      }
      samplerStart.reset();
      sampler = SamplerState.FILLED;
      bottles++;
      publish();
    }
  }

  private void publish() {
    synchronized (registers) {
      boolean flowing = pump.isSet() && inletValve.isSet();
      double flow = flowing ? NOMINAL_FLOW * (1 + 0.03 * noise.nextGaussian()) : 0;
      registers.writeFloat(FLOW_REGISTER, flow);
      registers.writeWord(SAMPLER_STATE_REGISTER, sampler.ordinal());
      registers.writeWord(BOTTLES_REGISTER, bottles);
    }
  }

  private static int unitIdOf(Plc4xConnection connection) {
    Matcher unit = UNIT_ID.matcher(connection.connectionString());
    return unit.find() ? Integer.parseInt(unit.group(1)) : 1;
  }
}
