package io.helan.simulator.modbus;

import static org.assertj.core.api.Assertions.assertThat;

import io.helan.config.WordOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class Float32WordsTest {

  @Test
  void lays_the_bytes_of_1_0_as_each_word_order_names_them() {
    // 1.0f is 0x3F800000: A=3F B=80 C=00 D=00
    assertThat(Float32Words.toRegisters(1f, WordOrder.ABCD)).containsExactly(0x3F80, 0x0000);
    assertThat(Float32Words.toRegisters(1f, WordOrder.CDAB)).containsExactly(0x0000, 0x3F80);
    assertThat(Float32Words.toRegisters(1f, WordOrder.BADC)).containsExactly(0x803F, 0x0000);
    assertThat(Float32Words.toRegisters(1f, WordOrder.DCBA)).containsExactly(0x0000, 0x803F);
  }

  @ParameterizedTest
  @EnumSource(WordOrder.class)
  void reads_back_what_it_wrote(WordOrder wordOrder) {
    for (float value : new float[] {0f, -1.5f, 12.345f, 98765.43f, Float.MIN_VALUE}) {
      int[] words = Float32Words.toRegisters(value, wordOrder);
      assertThat(Float32Words.fromRegisters(words[0], words[1], wordOrder)).isEqualTo(value);
    }
  }
}
