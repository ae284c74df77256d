package io.helan.opcua;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;
import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.ushort;

import io.helan.config.DataType;
import io.helan.config.Point;
import io.helan.config.Site;
import io.helan.driver.Quality;
import io.helan.ingest.CurrentValueTable;
import io.helan.ingest.PointValue;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;

/**
 * Turns point samples into OPC UA values of each point's data type: the source timestamp is the
 * sample's, the status code is its quality's ({@link Quality#statusCode()}).
 */
final class PointValues {
  /** 100-ns ticks from 1601-01-01 (OPC UA's epoch) to 1970-01-01. */
  private static final long UNIX_EPOCH_TICKS = 116_444_736_000_000_000L;

  private static final StatusCode[] STATUS = new StatusCode[Quality.values().length];

  static {
    for (Quality quality : Quality.values()) {
      STATUS[quality.ordinal()] = new StatusCode(quality.statusCode());
    }
  }

  /** The OPC UA built-in type a point's engineering value is served as. */
  enum Kind {
    BOOLEAN(NodeIds.Boolean),
    INT16(NodeIds.Int16),
    UINT16(NodeIds.UInt16),
    INT32(NodeIds.Int32),
    UINT32(NodeIds.UInt32),
    FLOAT(NodeIds.Float),
    DOUBLE(NodeIds.Double);

    private final NodeId dataType;

    Kind(NodeId dataType) {
      this.dataType = dataType;
    }

    NodeId dataType() {
      return dataType;
    }

    /**
     * The point's wire type, unless scaling makes the engineering value fractional: a scaled
     * integer register is served as Double.
     */
    static Kind of(Point point) {
      boolean scaled = point.scale() != 1.0 || point.offset() != 0.0;
      if (point.dataType() == DataType.BOOL) {
        return BOOLEAN;
      }
      if (scaled || point.dataType() == DataType.FLOAT64) {
        return DOUBLE;
      }
      return switch (point.dataType()) {
        case INT16 -> INT16;
        case UINT16 -> UINT16;
        case INT32 -> INT32;
        case UINT32 -> UINT32;
        default -> FLOAT;
      };
    }
  }

  private final CurrentValueTable table;
  private final Kind[] kinds;

  PointValues(Site site, CurrentValueTable table) {
    this.table = table;
    this.kinds = new Kind[site.points().size()];
    for (Point point : site.points()) {
      kinds[point.index()] = Kind.of(point);
    }
  }

  /** A sample as the variable's value; the server timestamp is shared by a whole batch. */
  DataValue dataValue(
      int point, double value, long timeMicros, Quality quality, DateTime serverTime) {
    DateTime sourceTime = timeMicros == 0 ? null : dateTime(timeMicros);
    return new DataValue(variant(point, value), STATUS[quality.ordinal()], sourceTime, serverTime);
  }

  /** The point's current value from the current-value table. */
  DataValue current(int point) {
    PointValue value = new PointValue();
    table.read(point, value);
    return dataValue(point, value.value(), value.timeMicros(), value.quality(), DateTime.now());
  }

  /** An engineering value as a Variant of the point's type; NaN is null for non-float types. */
  Variant variant(int point, double value) {
    Kind kind = kinds[point];
    if (Double.isNaN(value) && kind != Kind.FLOAT && kind != Kind.DOUBLE) {
      return Variant.NULL_VALUE;
    }
    return switch (kind) {
      case BOOLEAN -> Variant.ofBoolean(value != 0);
      case INT16 -> Variant.ofInt16((short) clamp(value, Short.MIN_VALUE, Short.MAX_VALUE));
      case UINT16 -> Variant.ofUInt16(ushort((int) clamp(value, 0, 0xFFFF)));
      case INT32 -> Variant.ofInt32((int) clamp(value, Integer.MIN_VALUE, Integer.MAX_VALUE));
      case UINT32 -> Variant.ofUInt32(uint(clamp(value, 0, 0xFFFF_FFFFL)));
      case FLOAT -> Variant.ofFloat((float) value);
      case DOUBLE -> Variant.ofDouble(value);
    };
  }

  static DateTime dateTime(long epochMicros) {
    return new DateTime(UNIX_EPOCH_TICKS + epochMicros * 10);
  }

  static StatusCode statusCode(Quality quality) {
    return STATUS[quality.ordinal()];
  }

  private static long clamp(double value, long min, long max) {
    return Math.max(min, Math.min(max, Math.round(value)));
  }
}
