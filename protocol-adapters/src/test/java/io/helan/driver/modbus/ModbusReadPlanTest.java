package io.helan.driver.modbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.helan.config.AlarmLimits;
import io.helan.config.DataType;
import io.helan.config.ModbusAddress.Table;
import io.helan.config.Point;
import io.helan.driver.modbus.ModbusReadPlan.Block;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModbusReadPlanTest {

  @Test
  void airRackIsOneBlockOfTwentyOneRegisters() {
    List<Point> points = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      points.add(point(i, "hr:" + (2 * i), DataType.FLOAT32));
    }
    points.add(point(10, "hr:20", DataType.UINT16));

    ModbusReadPlan plan = ModbusReadPlan.of(points, 8);

    assertThat(plan.blocks()).hasSize(1);
    Block block = plan.blocks().get(0);
    assertThat(block.table()).isEqualTo(Table.HOLDING_REGISTER);
    assertThat(block.start()).isZero();
    assertThat(block.count()).isEqualTo(21);
    assertThat(block.slots()).hasSize(11);
    assertThat(block.slots().get(10).offset()).isEqualTo(20);
    assertThat(plan.largestBlock()).isEqualTo(21);
  }

  @Test
  void groupsByTableAndSortsByNumber() {
    List<Point> points =
        List.of(
            point(0, "ir:5", DataType.INT16),
            point(1, "coil:3", DataType.BOOL),
            point(2, "hr:4", DataType.UINT16),
            point(3, "ir:1", DataType.INT16),
            point(4, "di:0", DataType.BOOL),
            point(5, "coil:0", DataType.BOOL));

    ModbusReadPlan plan = ModbusReadPlan.of(points, 8);

    assertThat(plan.blocks())
        .extracting(Block::table, Block::start, Block::count)
        .containsExactlyInAnyOrder(
            tuple(Table.HOLDING_REGISTER, 4, 1),
            tuple(Table.INPUT_REGISTER, 1, 5),
            tuple(Table.COIL, 0, 4),
            tuple(Table.DISCRETE_INPUT, 0, 1));
    Block inputs = blockOf(plan, Table.INPUT_REGISTER);
    assertThat(inputs.slots()).extracting(s -> s.point().index()).containsExactly(3, 0);
    assertThat(inputs.slots()).extracting(ModbusReadPlan.Slot::offset).containsExactly(0, 4);
  }

  @Test
  void aSmallGapIsReadThroughAndALargeOneSplits() {
    List<Point> points =
        List.of(
            point(0, "hr:0", DataType.FLOAT32),
            point(1, "hr:10", DataType.FLOAT32), // gap of 8 after hr:0..1: joined
            point(2, "hr:21", DataType.FLOAT32)); // gap of 9 after hr:10..11: split

    ModbusReadPlan plan = ModbusReadPlan.of(points, 8);

    assertThat(plan.blocks())
        .extracting(Block::start, Block::count)
        .containsExactly(tuple(0, 12), tuple(21, 2));
  }

  @Test
  void noBlockExceeds125Registers() {
    List<Point> points = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      points.add(point(i, "hr:" + (2 * i), DataType.FLOAT32)); // hr:0 .. hr:199
    }

    ModbusReadPlan plan = ModbusReadPlan.of(points, 8);

    assertThat(plan.blocks()).extracting(Block::count).allMatch(count -> count <= 125);
    // A float32 is never split across blocks: the first block ends on a whole value.
    assertThat(plan.blocks())
        .extracting(Block::start, Block::count)
        .containsExactly(tuple(0, 124), tuple(124, 76));
    assertThat(plan.blocks()).flatExtracting(Block::slots).hasSize(100);
  }

  @Test
  void coilsAreReadUpTo2000Bits() {
    List<Point> points =
        List.of(
            point(0, "coil:0", DataType.BOOL),
            point(1, "coil:1999", DataType.BOOL),
            point(2, "coil:2000", DataType.BOOL));

    ModbusReadPlan plan = ModbusReadPlan.of(points, 2000);

    assertThat(plan.blocks())
        .extracting(Block::start, Block::count)
        .containsExactly(tuple(0, 2000), tuple(2000, 1));
  }

  @Test
  void pointsSharingARegisterShareTheBlock() {
    List<Point> points =
        List.of(point(0, "hr:20", DataType.UINT16), point(1, "hr:20", DataType.INT16));

    ModbusReadPlan plan = ModbusReadPlan.of(points, 0);

    assertThat(plan.blocks()).singleElement().satisfies(b -> assertThat(b.count()).isEqualTo(1));
    assertThat(plan.blocks().get(0).slots())
        .extracting(ModbusReadPlan.Slot::offset)
        .containsExactly(0, 0);
  }

  @Test
  void rejectsAddressesThatAreNotModbus() {
    assertThatThrownBy(() -> ModbusReadPlan.of(List.of(point(0, "ns=2;s=X", DataType.FLOAT32)), 8))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ModbusReadPlan.of(List.of(point(0, "hr:x", DataType.FLOAT32)), 8))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ModbusReadPlan.of(List.of(point(0, "coil:1", DataType.FLOAT32)), 8))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static Block blockOf(ModbusReadPlan plan, Table table) {
    return plan.blocks().stream().filter(b -> b.table() == table).findFirst().orElseThrow();
  }

  static Point point(int index, String address, DataType type) {
    return new Point(
        index,
        "st.dev.p" + index,
        "st",
        "st.dev",
        "p" + index,
        null,
        "",
        type,
        address,
        1,
        0,
        0,
        100,
        AlarmLimits.NONE);
  }
}
