package io.helan.driver.hj212;

import io.helan.config.Point;
import io.helan.driver.DataFlag;
import io.helan.driver.Quality;
import io.helan.driver.SampleBatch;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Which point each data field of a device's uploads goes to. A point's address names the upload
 * ({@code minute:}, {@code hour:}, {@code day:}, or none for real-time and state uploads) and the
 * field ({@code a21026-ZsRtd}; a bare code is its {@code Rtd}), so Rtd, ZsRtd, Avg, Min, Max and
 * Cou of a pollutant, and the minute and hourly averages, are each a point of their own.
 */
final class UploadFields {
  /** The uploads whose fields points name. */
  enum Upload {
    /** 2011 real-time data and the state uploads 2021, 2041, 2081, 3020. */
    REAL_TIME(""),
    /** 2051 minute data. */
    MINUTE("minute:"),
    /** 2061 hourly data. */
    HOUR("hour:"),
    /** 2031 daily data. */
    DAY("day:");

    private final String prefix;

    Upload(String prefix) {
      this.prefix = prefix;
    }

    /** The upload a CN carries, or null if the CN carries no values for points. */
    static Upload of(int cn) {
      return switch (cn) {
        case 2011, 2021, 2041, 2081, 3020 -> REAL_TIME;
        case 2051 -> MINUTE;
        case 2061 -> HOUR;
        case 2031 -> DAY;
        default -> null;
      };
    }
  }

  private static final DataFlag[] FLAGS = DataFlag.values();
  private static final byte[] DATA_TIME = "DataTime".getBytes(StandardCharsets.US_ASCII);

  private final Upload[] uploads;
  private final byte[][] names;
  private final Point[] points;

  UploadFields(List<Point> devicePoints) {
    List<Upload> u = new ArrayList<>();
    List<byte[]> n = new ArrayList<>();
    for (Point point : devicePoints) {
      Upload upload = uploadOf(point.address());
      String field = point.address().substring(upload.prefix.length());
      if (field.indexOf('-') < 0) {
        field = field + "-Rtd";
      }
      u.add(upload);
      n.add(field.getBytes(StandardCharsets.US_ASCII));
    }
    uploads = u.toArray(Upload[]::new);
    names = n.toArray(byte[][]::new);
    points = devicePoints.toArray(Point[]::new);
  }

  private static Upload uploadOf(String address) {
    for (Upload upload : Upload.values()) {
      if (!upload.prefix.isEmpty() && address.startsWith(upload.prefix)) {
        return upload;
      }
    }
    return Upload.REAL_TIME;
  }

  /** The index of the packet's DataTime field, or -1. */
  static int dataTimeField(Hj212Packet packet) {
    return packet.find(DATA_TIME);
  }

  /**
   * Adds a sample for every field of the packet that a point of {@code upload} names, at {@code
   * timeMicros}, with the field's flag; returns how many. Fields that are not numbers (texts,
   * flags) are skipped.
   */
  int collect(Hj212Packet packet, Upload upload, long timeMicros, SampleBatch batch) {
    int added = 0;
    for (int f = 0; f < packet.fieldCount(); f++) {
      for (int p = 0; p < points.length; p++) {
        if (uploads[p] != upload
            || !(packet.nameEquals(f, names[p]) || packet.nameEqualsWithoutLetter(f, names[p]))) {
          continue;
        }
        double raw = packet.number(f);
        if (Double.isNaN(raw)) {
          continue;
        }
        int letter = packet.flagLetter(f);
        DataFlag flag = letter < 0 ? DataFlag.N : flagOf(letter);
        Quality quality = letter < 0 || flag != null ? Quality.GOOD : Quality.UNCERTAIN;
        batch.add(
            points[p].index(),
            timeMicros,
            points[p].toEngineering(raw),
            quality,
            flag == null ? DataFlag.N : flag);
        added++;
      }
    }
    return added;
  }

  /** The real-time points (not minute, hour or day aggregates). */
  List<Point> realTimePoints() {
    List<Point> realTime = new ArrayList<>();
    for (int p = 0; p < points.length; p++) {
      if (uploads[p] == Upload.REAL_TIME) {
        realTime.add(points[p]);
      }
    }
    return realTime;
  }

  /** The data flag of a letter, or null for a letter the standard does not define. */
  private static DataFlag flagOf(int letter) {
    for (DataFlag flag : FLAGS) {
      if (flag.name().charAt(0) == letter) {
        return flag;
      }
    }
    return null;
  }
}
