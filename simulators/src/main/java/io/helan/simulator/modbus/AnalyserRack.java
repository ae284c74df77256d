package io.helan.simulator.modbus;

import io.helan.config.Device;
import io.helan.config.ModbusTcpConnection;
import io.helan.simulator.FieldSimulator;
import io.helan.simulator.FieldTicker;
import io.helan.simulator.SampleLedger;
import io.helan.simulator.environment.Cycles;
import java.io.IOException;
import java.time.ZonedDateTime;
import java.util.NavigableMap;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Modbus TCP analyser rack as docs/contracts.md lays it out: float32 readings from hr:0 in the
 * device's word order, refreshed once a second; the status word at hr:20 (bit 0 zero calibration,
 * bit 1 span calibration, bit 2 maintenance); the span value at hr:30 (float32) and the calibration
 * duration at hr:32 (seconds, default 120), both read when a calibration starts. Writing coil 0
 * starts a zero calibration and coil 1 a span calibration (writing 0 cancels it); the rack resets
 * the coil and the status bit the moment the duration is over. Coil 2 is maintenance mode. One
 * calibration runs at a time: starting one cancels the other.
 */
public abstract class AnalyserRack implements FieldSimulator {
  static final int STATUS_REGISTER = 20;
  static final int SPAN_REGISTER = 30;
  static final int DURATION_REGISTER = 32;
  private static final int REGISTER_COUNT = 33;
  private static final int ZERO_CALIBRATION_BIT = 1;
  private static final int SPAN_CALIBRATION_BIT = 1 << 1;
  private static final int MAINTENANCE_BIT = 1 << 2;
  private static final int DEFAULT_CALIBRATION_SECONDS = 120;
  private static final Logger log = LoggerFactory.getLogger(AnalyserRack.class);

  private enum Calibration {
    NONE,
    ZERO,
    SPAN
  }

  private static final String READS = "reads";

  // at its actual port once started
  private volatile Device device;
  private final RackRegisters registers;
  private final CommandCoil zeroCoil =
      new CommandCoil(on -> calibrationOrdered(Calibration.ZERO, on));
  private final CommandCoil spanCoil =
      new CommandCoil(on -> calibrationOrdered(Calibration.SPAN, on));
  private final CommandCoil maintenanceCoil = new CommandCoil(on -> maintenanceOrdered());
  private final Random noise = new Random();
  private final SampleLedger readsServed = new SampleLedger();
  // guarded by registers, like everything a master can see
  private double[] readings;
  private Calibration calibration = Calibration.NONE;

  /** Counts calibrations, so that the end of one that was cancelled or replaced ends nothing. */
  private long calibrationRun;

  // guarded by this
  private SlaveRun listening;

  /**
   * @param defaultSpan the span value a rack leaves the factory with (hr:30)
   */
  protected AnalyserRack(Device device, double defaultSpan) {
    this.device = device;
    ModbusTcpConnection connection = (ModbusTcpConnection) device.connection();
    registers = new RackRegisters(connection.unitId(), REGISTER_COUNT, connection.wordOrder());
    registers.addDigitalOut(zeroCoil);
    registers.addDigitalOut(spanCoil);
    registers.addDigitalOut(maintenanceCoil);
    registers.writeFloat(SPAN_REGISTER, defaultSpan);
    registers.writeWord(DURATION_REGISTER, DEFAULT_CALIBRATION_SECONDS);
  }

  /** The readings at {@code now} in register order: reading i occupies hr:2i and hr:2i+1. */
  protected abstract double[] measure(ZonedDateTime now);

  /** Whether reading i comes from an analyser that zero and span calibration drive. */
  protected abstract boolean isCalibrated(int reading);

  @Override
  public Device device() {
    return device;
  }

  @Override
  public synchronized void start() throws IOException {
    if (listening != null) {
      return;
    }
    // the first master must already read values
    tick();
    ModbusTcpConnection connection = (ModbusTcpConnection) device.connection();
    listening =
        SlaveRun.open(
            new ModbusTcpSlave(
                registers,
                connection.unitId(),
                () -> readsServed.count(READS, System.currentTimeMillis())),
            connection.host(),
            connection.port(),
            this::tick);
    // a rack configured at port 0 keeps the free port it got, for its restarts
    device = device.withConnection(connection.atPort(listening.port()));
  }

  @Override
  public synchronized void stop() {
    if (listening != null) {
      listening.stop();
      listening = null;
    }
  }

  /**
   * Register reads answered since the rack was made, over all its runs: each is one sample of every
   * point the read covers, which is how the load benchmark counts samples sent.
   */
  public long readsServed() {
    return readsServed.total(READS);
  }

  /** Register reads answered since the rack was made, per epoch second of their answer. */
  public NavigableMap<Long, Long> readsServedPerSecond() {
    return readsServed.perSecond(READS);
  }

  @Override
  public synchronized boolean isRunning() {
    return listening != null;
  }

  private void tick() {
    try {
      synchronized (registers) {
        readings = measure(ZonedDateTime.now(Cycles.NINGXIA));
        publish();
      }
    } catch (RuntimeException e) {
      // a failed tick must not cancel the schedule
      log.error("Rack {} failed to update its readings", device.id(), e);
    }
  }

  /** Called by a master's coil write, which holds the registers' lock. */
  private void calibrationOrdered(Calibration ordered, boolean on) {
    synchronized (registers) {
      if (on) {
        if (calibration != Calibration.NONE && calibration != ordered) {
          coil(calibration).reset();
        }
        calibration = ordered;
        long run = ++calibrationRun;
        int seconds = Math.max(1, registers.readWord(DURATION_REGISTER));
        FieldTicker.shared().schedule(() -> calibrationOver(run), seconds, TimeUnit.SECONDS);
        log.info("Rack {} starts a {} calibration for {} s", device.id(), ordered, seconds);
      } else if (calibration == ordered) {
        calibration = Calibration.NONE;
      }
      publish();
    }
  }

  private void calibrationOver(long run) {
    synchronized (registers) {
      if (run != calibrationRun || calibration == Calibration.NONE) {
        return;
      }
      coil(calibration).reset();
      calibration = Calibration.NONE;
      publish();
    }
  }

  private void maintenanceOrdered() {
    synchronized (registers) {
      publish();
    }
  }

  private CommandCoil coil(Calibration running) {
    return running == Calibration.ZERO ? zeroCoil : spanCoil;
  }

  private void publish() {
    for (int i = 0; i < readings.length; i++) {
      registers.writeFloat(2 * i, displayed(i));
    }
    int status = 0;
    if (calibration == Calibration.ZERO) {
      status |= ZERO_CALIBRATION_BIT;
    }
    if (calibration == Calibration.SPAN) {
      status |= SPAN_CALIBRATION_BIT;
    }
    if (maintenanceCoil.isSet()) {
      status |= MAINTENANCE_BIT;
    }
    registers.writeWord(STATUS_REGISTER, status);
  }

  private double displayed(int reading) {
    if (!isCalibrated(reading)) {
      return readings[reading];
    }
    return switch (calibration) {
      case NONE -> readings[reading];
      // an analyser on zero air still reads a trace
      case ZERO -> readings[reading] * 0.01 * Math.abs(noise.nextGaussian());
      case SPAN -> registers.readFloat(SPAN_REGISTER) * (1 + 0.005 * noise.nextGaussian());
    };
  }
}
