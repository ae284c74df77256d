package io.helan.driver.hj212;

import io.helan.config.Point;
import io.helan.driver.DataFlag;
import io.helan.driver.Quality;
import io.helan.driver.SampleBatch;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
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

  /** Of each upload, its points by field name. */
  private final FieldIndex[] byUpload = new FieldIndex[Upload.values().length];

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
    for (Upload upload : Upload.values()) {
      byUpload[upload.ordinal()] = new FieldIndex(upload);
    }
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
    FieldIndex index = byUpload[upload.ordinal()];
    int added = 0;
    for (int f = 0; f < packet.fieldCount(); f++) {
      if (packet.isFlag(f)) {
        continue;
      }
      long hash = packet.nameHash(f);
      for (int slot = index.next(hash, (int) hash); slot >= 0; slot = index.next(hash, slot + 1)) {
        int p = index.point(slot);
        boolean named =
            index.withoutLetter(slot)
                ? packet.nameEqualsWithoutLetter(f, names[p])
                : packet.nameEquals(f, names[p]);
        double raw = named ? packet.number(f) : Double.NaN;
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

  /**
   * The points of one upload by the hash of their field's name, and of the name without its letter
   * ({@code 01018-Rtd} for {@code w01018-Rtd}): a table with open addressing, so a packet's field
   * finds its points in one look-up, however many points the device has. Slots whose hash matches
   * are candidates; the name decides.
   */
  private final class FieldIndex {
    private final long[] hashes;

    /** The point of each slot, or -1 for an empty slot. */
    private final int[] pointOf;

    private final boolean[] withoutLetter;
    private final int mask;

    FieldIndex(Upload upload) {
      int entries = 0;
      for (Upload u : uploads) {
        entries += u == upload ? 2 : 0;
      }
      int size = Integer.highestOneBit(Math.max(2, entries) * 2 - 1) << 1;
      hashes = new long[size];
      pointOf = new int[size];
      withoutLetter = new boolean[size];
      mask = size - 1;
      Arrays.fill(pointOf, -1);
      for (int p = 0; p < points.length; p++) {
        if (uploads[p] != upload) {
          continue;
        }
        byte[] name = names[p];
        put(ByteSearch.hash(name, 0, name.length), p, false);
        if (name.length > 1 && Character.isLetter(name[0]) && name[1] >= '0' && name[1] <= '9') {
          put(ByteSearch.hash(name, 1, name.length), p, true);
        }
      }
    }

    private void put(long hash, int point, boolean letterless) {
      int slot = (int) hash & mask;
      while (pointOf[slot] >= 0) {
        slot = (slot + 1) & mask;
      }
      hashes[slot] = hash;
      pointOf[slot] = point;
      withoutLetter[slot] = letterless;
    }

    /**
     * The slot of {@code hash} at or after {@code from} (wrapping around; the first at {@code (int)
     * hash}), or -1 when an empty slot comes first.
     */
    int next(long hash, int from) {
      for (int slot = from & mask; pointOf[slot] >= 0; slot = (slot + 1) & mask) {
        if (hashes[slot] == hash) {
          return slot;
        }
      }
      return -1;
    }

    int point(int slot) {
      return pointOf[slot];
    }

    boolean withoutLetter(int slot) {
      return withoutLetter[slot];
    }
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
