package io.helan.simulator.modbus;

import com.ghgande.j2mod.modbus.procimg.SimpleDigitalOut;
import java.util.function.Consumer;

/** A coil that tells its rack when a master writes it. */
final class CommandCoil extends SimpleDigitalOut {
  private final Consumer<Boolean> onWrite;

  CommandCoil(Consumer<Boolean> onWrite) {
    this.onWrite = onWrite;
  }

  @Override
  public void set(boolean on) {
    super.set(on);
    onWrite.accept(on);
  }

  /** Clears the coil without a callback: the rack itself resetting it after a calibration. */
  void reset() {
    setQuietly(false);
  }

  /** Sets the coil without a callback: the device itself switching it. */
  void setQuietly(boolean on) {
    super.set(on);
  }
}
