package io.helan.driver.hj212;

import static org.assertj.core.api.Assertions.assertThat;

import io.helan.config.AlarmLimits;
import io.helan.config.DataType;
import io.helan.config.Point;
import io.helan.driver.DataFlag;
import io.helan.driver.SampleBatch;
import io.helan.driver.hj212.UploadFields.Upload;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A packet's fields go to the points that name them, each with its own flag: every point of a field
 * (two may share one), a code without its letter as devices send it, and only the points of the
 * upload at hand, among many points of the device.
 */
class UploadFieldsTest {
  private static final long TIME = 1_765_000_000_000_000L;

  private static Point point(int index, String address) {
    return new Point(
        index,
        "p" + index,
        "s",
        "s.d",
        address,
        "x",
        "mg/m³",
        DataType.FLOAT64,
        address,
        1,
        0,
        0,
        2000,
        AlarmLimits.NONE);
  }

  private static List<Point> points() {
    List<Point> points = new ArrayList<>();
    points.add(point(0, "a21026"));
    points.add(point(1, "a21026-ZsRtd"));
    points.add(point(2, "a21026-Rtd"));
    points.add(point(3, "w01018"));
    points.add(point(4, "minute:a21026-Avg"));
    // a device of many points: fields must still find theirs, and only theirs
    for (int i = 5; i < 200; i++) {
      points.add(point(i, String.format("a%05d-Rtd", 30000 + i)));
    }
    return points;
  }

  private static SampleBatch collect(String data, Upload upload) {
    String segment =
        "QN=20261207101500123;ST=31;CN=2011;PW=212101;MN=640181000000000000000101;Flag=5;CP=&&"
            + data
            + "&&";
    byte[] bytes = segment.getBytes(StandardCharsets.US_ASCII);
    Hj212Packet packet = new Hj212Packet();
    assertThat(packet.read(bytes, 0, bytes.length)).as(packet.problem()).isTrue();
    SampleBatch batch = new SampleBatch(64);
    int added = new UploadFields(points()).collect(packet, upload, TIME, batch);
    assertThat(added).isEqualTo(batch.size());
    return batch;
  }

  private static List<String> samples(SampleBatch batch) {
    List<String> samples = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      samples.add("p" + batch.point(i) + "=" + batch.value(i) + " " + batch.flag(i));
      assertThat(batch.timeMicros(i)).isEqualTo(TIME);
    }
    return samples;
  }

  @Test
  void eachFieldGoesToEveryPointNamingItWithItsFlag() {
    SampleBatch batch =
        collect(
            "DataTime=20261207101500;a21026-Rtd=35.2,a21026-ZsRtd=41.7,a21026-Flag=C;"
                + "01018-Rtd=12.5,w01018-Flag=N;a21026-Avg=3;a30077-Rtd=7,a30077-Flag=D;"
                + "a99999-Rtd=1",
            Upload.REAL_TIME);

    assertThat(samples(batch))
        .containsExactlyInAnyOrder("p0=35.2 C", "p2=35.2 C", "p1=41.7 C", "p3=12.5 N", "p77=7.0 D");
    assertThat(batch.flag(0)).isEqualTo(DataFlag.C);
  }

  @Test
  void aMinuteUploadGoesOnlyToMinutePoints() {
    SampleBatch batch =
        collect("DataTime=20261207101500;a21026-Avg=3.5,a21026-Rtd=1,a21026-Flag=N", Upload.MINUTE);

    assertThat(samples(batch)).containsExactly("p4=3.5 N");
  }
}
