package io.helan.driver.modbus;

import static org.assertj.core.api.Assertions.assertThat;

import io.helan.driver.DataFlag;
import org.junit.jupiter.api.Test;

class StatusWordTest {

  @Test
  void eachStatusBitGivesItsFlag() {
    assertThat(StatusWord.flagOf(0)).isEqualTo(DataFlag.N);
    assertThat(StatusWord.flagOf(0b0001)).isEqualTo(DataFlag.C);
    assertThat(StatusWord.flagOf(0b0010)).isEqualTo(DataFlag.C);
    assertThat(StatusWord.flagOf(0b0100)).isEqualTo(DataFlag.M);
    assertThat(StatusWord.flagOf(0b1000)).isEqualTo(DataFlag.D);
  }

  @Test
  void faultOutranksCalibrationWhichOutranksMaintenance() {
    assertThat(StatusWord.flagOf(0b1111)).isEqualTo(DataFlag.D);
    assertThat(StatusWord.flagOf(0b0101)).isEqualTo(DataFlag.C);
  }

  @Test
  void unknownBitsAreIgnored() {
    assertThat(StatusWord.flagOf(0xFF00)).isEqualTo(DataFlag.N);
  }
}
