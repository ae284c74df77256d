package io.helan.driver.modbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import io.helan.config.AlarmLimits;
import io.helan.config.DataType;
import io.helan.config.Point;
import io.helan.config.WordOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RegisterDecoderTest {

  // 0x41C8_0000 is 25.0f: bytes A=41 B=C8 C=00 D=00.
  @Test
  void float32InEveryWordOrder() {
    assertThat(decode(new int[] {0x41C8, 0x0000}, DataType.FLOAT32, WordOrder.ABCD))
        .isEqualTo(25.0);
    assertThat(decode(new int[] {0x0000, 0x41C8}, DataType.FLOAT32, WordOrder.CDAB))
        .isEqualTo(25.0);
    assertThat(decode(new int[] {0xC841, 0x0000}, DataType.FLOAT32, WordOrder.BADC))
        .isEqualTo(25.0);
    assertThat(decode(new int[] {0x0000, 0xC841}, DataType.FLOAT32, WordOrder.DCBA))
        .isEqualTo(25.0);
  }

  // 0x1234_5678 = 305419896
  @Test
  void int32AndUint32InEveryWordOrder() {
    assertThat(decode(new int[] {0x1234, 0x5678}, DataType.INT32, WordOrder.ABCD))
        .isEqualTo(305419896);
    assertThat(decode(new int[] {0x5678, 0x1234}, DataType.INT32, WordOrder.CDAB))
        .isEqualTo(305419896);
    assertThat(decode(new int[] {0x3412, 0x7856}, DataType.INT32, WordOrder.BADC))
        .isEqualTo(305419896);
    assertThat(decode(new int[] {0x7856, 0x3412}, DataType.INT32, WordOrder.DCBA))
        .isEqualTo(305419896);
    assertThat(decode(new int[] {0xFFFF, 0xFFFE}, DataType.INT32, WordOrder.ABCD)).isEqualTo(-2);
    assertThat(decode(new int[] {0xFFFF, 0xFFFE}, DataType.UINT32, WordOrder.ABCD))
        .isEqualTo(4294967294.0);
    assertThat(decode(new int[] {0xFFFE, 0xFFFF}, DataType.UINT32, WordOrder.CDAB))
        .isEqualTo(4294967294.0);
  }

  // 1.5 as a double is 0x3FF8_0000_0000_0000; a 1 in the last byte makes the word order visible.
  @Test
  void float64InEveryWordOrder() {
    double expected = Double.longBitsToDouble(0x3FF8_0000_0000_0001L);
    assertThat(decode(new int[] {0x3FF8, 0, 0, 0x0001}, DataType.FLOAT64, WordOrder.ABCD))
        .isEqualTo(expected);
    assertThat(decode(new int[] {0x0001, 0, 0, 0x3FF8}, DataType.FLOAT64, WordOrder.CDAB))
        .isEqualTo(expected);
    assertThat(decode(new int[] {0xF83F, 0, 0, 0x0100}, DataType.FLOAT64, WordOrder.BADC))
        .isEqualTo(expected);
    assertThat(decode(new int[] {0x0100, 0, 0, 0xF83F}, DataType.FLOAT64, WordOrder.DCBA))
        .isEqualTo(expected);
  }

  @ParameterizedTest
  @EnumSource(WordOrder.class)
  void singleRegistersAreBigEndianWhateverTheWordOrder(WordOrder order) {
    assertThat(decode(new int[] {0xFFFF}, DataType.INT16, order)).isEqualTo(-1);
    assertThat(decode(new int[] {0xFFFF}, DataType.UINT16, order)).isEqualTo(65535);
    assertThat(decode(new int[] {0x0102}, DataType.UINT16, order)).isEqualTo(258);
    assertThat(decode(new int[] {0x8000}, DataType.INT16, order)).isEqualTo(-32768);
    assertThat(decode(new int[] {2}, DataType.BOOL, order)).isEqualTo(1);
    assertThat(decode(new int[] {0}, DataType.BOOL, order)).isEqualTo(0);
  }

  @Test
  void decodesAtAnOffsetWithinABlock() {
    int[] block = {0x1111, 0x0000, 0x41C8, 0x2222};
    assertThat(RegisterDecoder.decode(block, 1, DataType.FLOAT32, WordOrder.CDAB)).isEqualTo(25.0);
  }

  @Test
  void nanAndInfinityPassThroughForTheLinkToJudge() {
    assertThat(decode(new int[] {0x7FC0, 0x0000}, DataType.FLOAT32, WordOrder.ABCD)).isNaN();
    assertThat(decode(new int[] {0x7F80, 0x0000}, DataType.FLOAT32, WordOrder.ABCD)).isInfinite();
  }

  @Test
  void scalingTurnsTheRawValueIntoTheEngineeringValue() {
    Point tenths = point(0.1, 0);
    Point offsetKelvin = point(1, -273.15);
    assertThat(tenths.toEngineering(decode(new int[] {0x00FB}, DataType.INT16, WordOrder.ABCD)))
        .isCloseTo(25.1, offset(1e-9));
    assertThat(
            offsetKelvin.toEngineering(
                decode(new int[] {0x4394, 0xA333}, DataType.FLOAT32, WordOrder.ABCD)))
        .isCloseTo(24.125, offset(1e-3));
  }

  @ParameterizedTest
  @EnumSource(WordOrder.class)
  void encoderIsTheReverseOfTheDecoder(WordOrder order) {
    for (DataType type : DataType.values()) {
      double value =
          switch (type) {
            case BOOL -> 1;
            case INT16 -> -12345;
            case UINT16 -> 61234;
            case INT32 -> -123456789;
            case UINT32 -> 4000000000.0;
            case FLOAT32, FLOAT64 -> -1234.5;
          };
      assertThat(decode(RegisterEncoder.encode(value, type, order), type, order))
          .as("%s %s", type, order)
          .isEqualTo(value);
    }
  }

  @Test
  void encoderWritesTheDeviceWordOrder() {
    assertThat(RegisterEncoder.encode(25.0, DataType.FLOAT32, WordOrder.ABCD))
        .containsExactly(0x41C8, 0);
    assertThat(RegisterEncoder.encode(25.0, DataType.FLOAT32, WordOrder.CDAB))
        .containsExactly(0, 0x41C8);
    assertThat(RegisterEncoder.encode(25.0, DataType.FLOAT32, WordOrder.BADC))
        .containsExactly(0xC841, 0);
    assertThat(RegisterEncoder.encode(25.0, DataType.FLOAT32, WordOrder.DCBA))
        .containsExactly(0, 0xC841);
    assertThat(RegisterEncoder.encode(-1, DataType.INT16, WordOrder.ABCD)).containsExactly(0xFFFF);
  }

  @Test
  void encoderRefusesValuesAnIntegerTypeCannotHold() {
    assertThatThrownBy(() -> RegisterEncoder.encode(70000, DataType.UINT16, WordOrder.ABCD))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RegisterEncoder.encode(-1, DataType.UINT32, WordOrder.ABCD))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RegisterEncoder.encode(1.5, DataType.INT32, WordOrder.ABCD))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static double decode(int[] words, DataType type, WordOrder order) {
    return RegisterDecoder.decode(words, 0, type, order);
  }

  private static Point point(double scale, double offset) {
    return new Point(
        0,
        "s.d.p",
        "s",
        "s.d",
        "p",
        null,
        "",
        DataType.INT16,
        "hr:0",
        scale,
        offset,
        0,
        100,
        AlarmLimits.NONE);
  }
}
