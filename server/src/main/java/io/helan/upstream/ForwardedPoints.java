package io.helan.upstream;

import io.helan.config.Device;
import io.helan.config.Hj212Connection;
import io.helan.config.Point;
import io.helan.config.Site;
import io.helan.config.Upstream;
import io.helan.driver.DataFlag;
import io.helan.driver.hj212.Hj212Frames;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which points of the site go to one upstream, and in which upload and field: an HJ 212 logger's
 * point goes back into the field it came from ({@code minute:a21026-Avg} is {@code a21026-Avg} of a
 * 2051 minute upload; without a prefix a 2011 real-time field); a point of another device with a
 * pollutant code goes as that code's real-time value ({@code a34004-Rtd}). Samples of one device,
 * upload and time make one record, with each code's flag ({@code a21026-Flag=N}).
 */
final class ForwardedPoints {
  static final int REAL_TIME = 2011;
  static final int MINUTE = 2051;
  static final int HOUR = 2061;
  static final int DAY = 2031;

  /** Where a point goes: its device's forwarding, upload (CN), field name and pollutant code. */
  record Field(Source source, int cn, String name, String code) {}

  /** A forwarded device: its MN and ST upstream and the zone its DataTime is written in. */
  record Source(Upstream.ForwardedDevice device, ZoneOffset zone, List<Point> points) {}

  private final Field[] byPoint;
  private final Map<String, Source> byMn = new LinkedHashMap<>();

  ForwardedPoints(Site site, Upstream upstream) {
    byPoint = new Field[site.points().size()];
    for (Upstream.ForwardedDevice forwarded : upstream.devices()) {
      Device device = site.device(forwarded.deviceId()).orElseThrow();
      ZoneOffset zone =
          ZoneOffset.ofTotalSeconds(
              (device.connection() instanceof Hj212Connection logger
                      ? logger.utcOffsetMinutes()
                      : Hj212Connection.CHINA_UTC_OFFSET_MINUTES)
                  * 60);
      Source source = new Source(forwarded, zone, device.points());
      byMn.put(forwarded.mn(), source);
      boolean logger = device.connection() instanceof Hj212Connection;
      for (Point point : device.points()) {
        field(source, point, logger).ifPresent(field -> byPoint[point.index()] = field);
      }
    }
  }

  private static Optional<Field> field(Source source, Point point, boolean logger) {
    if (!logger) {
      return point.code() == null
          ? Optional.empty()
          : Optional.of(new Field(source, REAL_TIME, point.code() + "-Rtd", point.code()));
    }
    String address = point.address();
    int colon = address.indexOf(':');
    int cn =
        colon < 0
            ? REAL_TIME
            : switch (address.substring(0, colon)) {
              case "minute" -> MINUTE;
              case "hour" -> HOUR;
              case "day" -> DAY;
              default -> -1;
            };
    String name = address.substring(colon + 1);
    if (cn < 0) {
      return Optional.empty();
    }
    int dash = name.indexOf('-');
    String code = dash < 0 ? name : name.substring(0, dash);
    return Optional.of(new Field(source, cn, dash < 0 ? name + "-Rtd" : name, code));
  }

  /** Where the point goes, or null if it is not forwarded. */
  Field field(int point) {
    return point < byPoint.length ? byPoint[point] : null;
  }

  /** The forwarded device known upstream by this MN, if any. */
  Optional<Source> source(String mn) {
    return Optional.ofNullable(byMn.get(mn));
  }

  /** The fields of one record being put together: values by code, in the order they came. */
  static final class Upload {
    final Source source;
    final int cn;
    final long timeMicros;
    private final Map<String, StringBuilder> codes = new LinkedHashMap<>();
    private final Map<String, DataFlag> flags = new LinkedHashMap<>();

    Upload(Source source, int cn, long timeMicros) {
      this.source = source;
      this.cn = cn;
      this.timeMicros = timeMicros;
    }

    void add(Field field, double value, DataFlag flag) {
      StringBuilder values = codes.computeIfAbsent(field.code(), c -> new StringBuilder());
      values.append(values.length() == 0 ? "" : ",").append(field.name()).append('=');
      values.append(BigDecimal.valueOf(value).stripTrailingZeros().toPlainString());
      flags.merge(field.code(), flag, (a, b) -> a.isNormal() ? b : a);
    }

    ForwardRecord record(String qn) {
      Instant time = Instant.EPOCH.plusNanos(timeMicros * 1000);
      StringBuilder data =
          new StringBuilder("DataTime=").append(Hj212Frames.time(time, source.zone()));
      for (Map.Entry<String, StringBuilder> code : codes.entrySet()) {
        data.append(';')
            .append(code.getValue())
            .append(',')
            .append(code.getKey())
            .append("-Flag=")
            .append(flags.get(code.getKey()).name());
      }
      return new ForwardRecord(qn, source.device().st(), cn, source.device().mn(), data.toString());
    }
  }

  /**
   * Adds one sample to the record of its device, upload and time in {@code uploads}; samples
   * without a value and drill samples (flag X, Helan's own) are not forwarded.
   */
  void collect(
      int point, long timeMicros, double value, DataFlag flag, Map<UploadKey, Upload> uploads) {
    Field field = field(point);
    if (field == null || !Double.isFinite(value) || flag == DataFlag.X) {
      return;
    }
    uploads
        .computeIfAbsent(
            new UploadKey(field.source().device().mn(), field.cn(), timeMicros),
            key -> new Upload(field.source(), field.cn(), timeMicros))
        .add(field, value, flag);
  }

  /** A record's identity: device (by MN), upload and DataTime. */
  record UploadKey(String mn, int cn, long timeMicros) {}

  /** The records in the order their first sample came. */
  static List<Upload> inOrder(Map<UploadKey, Upload> uploads) {
    return new ArrayList<>(uploads.values());
  }
}
