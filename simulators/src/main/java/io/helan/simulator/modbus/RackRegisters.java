package io.helan.simulator.modbus;

import com.ghgande.j2mod.modbus.procimg.Register;
import com.ghgande.j2mod.modbus.procimg.SimpleProcessImage;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import io.helan.config.WordOrder;

/**
 * A rack's process image: holding registers from 0 and coils from 0. Its monitor is the rack's one
 * lock: {@link ModbusTcpSlave} serves requests under it and the rack updates under it. Register
 * ranges are handed out as snapshots because j2mod encodes a read response only after the request
 * has been served, outside the lock; without them a float32 could go out with one word from before
 * an update and one from after.
 */
final class RackRegisters extends SimpleProcessImage {
  private final WordOrder wordOrder;

  RackRegisters(int unitId, int registerCount, WordOrder wordOrder) {
    super(unitId);
    this.wordOrder = wordOrder;
    for (int i = 0; i < registerCount; i++) {
      addRegister(new SimpleRegister(0));
    }
  }

  @Override
  public synchronized Register[] getRegisterRange(int ref, int count) {
    Register[] live = super.getRegisterRange(ref, count);
    Register[] snapshot = new Register[live.length];
    for (int i = 0; i < live.length; i++) {
      snapshot[i] = new RegisterSnapshot(live[i], live[i].getValue());
    }
    return snapshot;
  }

  synchronized void writeFloat(int ref, double value) {
    int[] words = Float32Words.toRegisters((float) value, wordOrder);
    getRegister(ref).setValue(words[0]);
    getRegister(ref + 1).setValue(words[1]);
  }

  synchronized float readFloat(int ref) {
    return Float32Words.fromRegisters(
        getRegister(ref).getValue(), getRegister(ref + 1).getValue(), wordOrder);
  }

  synchronized void writeWord(int ref, int value) {
    getRegister(ref).setValue(value);
  }

  synchronized int readWord(int ref) {
    return getRegister(ref).getValue();
  }

  /** A register as it read when its range was taken; a write goes through to the live one. */
  private record RegisterSnapshot(Register live, int value) implements Register {
    @Override
    public int getValue() {
      return value;
    }

    @Override
    public int toUnsignedShort() {
      return value;
    }

    @Override
    public short toShort() {
      return (short) value;
    }

    @Override
    public byte[] toBytes() {
      return new byte[] {(byte) (value >> 8), (byte) value};
    }

    @Override
    public void setValue(int newValue) {
      live.setValue(newValue);
    }

    @Override
    public void setValue(short newValue) {
      live.setValue(newValue);
    }

    @Override
    public void setValue(byte[] bytes) {
      live.setValue(bytes);
    }
  }
}
