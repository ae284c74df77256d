package io.helan.simulator.modbus;

import com.ghgande.j2mod.modbus.facade.ModbusTCPMaster;
import com.ghgande.j2mod.modbus.procimg.Register;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import io.helan.config.WordOrder;
import java.nio.ByteBuffer;

/**
 * A Modbus master's view of a rack, decoding float32s on its own (not with the code under test):
 * the word order's name tells where each byte of the big-endian value travels on the wire.
 */
final class RackProbe implements AutoCloseable {
  static final int UNIT = 1;
  private final ModbusTCPMaster master;
  private final WordOrder wordOrder;

  RackProbe(int port, WordOrder wordOrder) throws Exception {
    this.wordOrder = wordOrder;
    master = new ModbusTCPMaster("127.0.0.1", port, 1000, false, false);
    master.setRetries(0);
    master.connect();
  }

  /** The first {@code count} float32 readings, from hr:0. */
  float[] readings(int count) throws Exception {
    Register[] registers = master.readMultipleRegisters(UNIT, 0, 2 * count);
    float[] readings = new float[count];
    for (int i = 0; i < count; i++) {
      readings[i] = decode(registers[2 * i].getValue(), registers[2 * i + 1].getValue());
    }
    return readings;
  }

  int status() throws Exception {
    return word(AnalyserRack.STATUS_REGISTER);
  }

  int word(int ref) throws Exception {
    return master.readMultipleRegisters(UNIT, ref, 1)[0].getValue();
  }

  boolean coil(int coil) throws Exception {
    return master.readCoils(UNIT, coil, 1).getBit(0);
  }

  void writeCoil(int coil, boolean on) throws Exception {
    master.writeCoil(UNIT, coil, on);
  }

  void writeWord(int ref, int value) throws Exception {
    master.writeSingleRegister(UNIT, ref, new SimpleRegister(value));
  }

  void writeFloat(int ref, float value) throws Exception {
    byte[] abcd = ByteBuffer.allocate(4).putFloat(value).array();
    byte[] wire = new byte[4];
    for (int i = 0; i < 4; i++) {
      wire[wordOrder.name().indexOf("ABCD".charAt(i))] = abcd[i];
    }
    master.writeMultipleRegisters(
        UNIT,
        ref,
        new Register[] {
          new SimpleRegister(wire[0], wire[1]), new SimpleRegister(wire[2], wire[3])
        });
  }

  float readFloat(int ref) throws Exception {
    Register[] registers = master.readMultipleRegisters(UNIT, ref, 2);
    return decode(registers[0].getValue(), registers[1].getValue());
  }

  private float decode(int first, int second) {
    byte[] wire = {(byte) (first >> 8), (byte) first, (byte) (second >> 8), (byte) second};
    byte[] abcd = new byte[4];
    for (int i = 0; i < 4; i++) {
      abcd[i] = wire[wordOrder.name().indexOf("ABCD".charAt(i))];
    }
    return ByteBuffer.wrap(abcd).getFloat();
  }

  @Override
  public void close() {
    master.disconnect();
  }
}
