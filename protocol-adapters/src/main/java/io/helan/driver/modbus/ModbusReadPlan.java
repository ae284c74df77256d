package io.helan.driver.modbus;

import io.helan.config.DataType;
import io.helan.config.ModbusAddress;
import io.helan.config.ModbusAddress.Table;
import io.helan.config.Point;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The read requests that fetch all points of a device. Points are grouped by table and sorted by
 * number; neighbours share one request while the gap between them is at most {@code maxGap}
 * registers (or bits) and the request stays within the protocol limit of 125 registers or 2000
 * bits. Reading a few unused registers costs far less than another round trip.
 */
public final class ModbusReadPlan {
  /** The protocol's limit on registers per read request (function codes 3 and 4). */
  public static final int MAX_REGISTERS_PER_READ = 125;

  /** The protocol's limit on bits per read request (function codes 1 and 2). */
  public static final int MAX_BITS_PER_READ = 2000;

  /** One read request: {@code count} registers or bits of {@code table} from {@code start}. */
  public record Block(Table table, int start, int count, List<Slot> slots) {
    public Block {
      slots = List.copyOf(slots);
    }
  }

  /** A point served by a block, at {@code offset} registers (or bits) from the block's start. */
  public record Slot(Point point, int offset) {}

  private record Located(Point point, ModbusAddress address, int width) {}

  private final List<Block> blocks;

  private ModbusReadPlan(List<Block> blocks) {
    this.blocks = List.copyOf(blocks);
  }

  /**
   * Plans the reads for {@code points}.
   *
   * @throws IllegalArgumentException if a point's address is not a Modbus address, or a coil or
   *     discrete input is not of type BOOL
   */
  public static ModbusReadPlan of(List<Point> points, int maxGap) {
    Map<Table, List<Located>> byTable = new EnumMap<>(Table.class);
    for (Point point : points) {
      Located located = locate(point);
      byTable.computeIfAbsent(located.address().table(), t -> new ArrayList<>()).add(located);
    }
    List<Block> blocks = new ArrayList<>();
    for (Map.Entry<Table, List<Located>> entry : byTable.entrySet()) {
      List<Located> sorted = new ArrayList<>(entry.getValue());
      sorted.sort(Comparator.comparingInt(l -> l.address().number()));
      group(entry.getKey(), sorted, maxGap, blocks);
    }
    return new ModbusReadPlan(blocks);
  }

  public List<Block> blocks() {
    return blocks;
  }

  /** The largest block, in registers or bits: the size of a buffer that holds any block. */
  public int largestBlock() {
    int largest = 0;
    for (Block block : blocks) {
      largest = Math.max(largest, block.count());
    }
    return largest;
  }

  private static void group(Table table, List<Located> sorted, int maxGap, List<Block> out) {
    List<Slot> slots = new ArrayList<>();
    int start = 0;
    int end = 0;
    for (Located located : sorted) {
      int number = located.address().number();
      boolean fits =
          number - end <= maxGap && number + located.width() - start <= maxPerRead(table);
      if (!slots.isEmpty() && !fits) {
        out.add(new Block(table, start, end - start, slots));
        slots = new ArrayList<>();
      }
      if (slots.isEmpty()) {
        start = number;
        end = number;
      }
      slots.add(new Slot(located.point(), number - start));
      end = Math.max(end, number + located.width());
    }
    if (!slots.isEmpty()) {
      out.add(new Block(table, start, end - start, slots));
    }
  }

  /** How many registers or bits one read request may fetch from the table. */
  public static int maxPerRead(Table table) {
    return table.isBits() ? MAX_BITS_PER_READ : MAX_REGISTERS_PER_READ;
  }

  private static Located locate(Point point) {
    ModbusAddress address = ModbusAddress.parse(point.address());
    if (address.table().isBits()) {
      if (point.dataType() != DataType.BOOL) {
        throw new IllegalArgumentException(
            "point " + point.id() + " at " + address + " must be BOOL, not " + point.dataType());
      }
      return new Located(point, address, 1);
    }
    return new Located(point, address, point.dataType().registers());
  }
}
