package io.helan.historian;

import static org.assertj.core.api.Assertions.assertThat;

import io.helan.driver.DataFlag;
import io.helan.driver.Quality;
import io.helan.driver.SampleBatch;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The disk spool's file format: round trip, segments, a torn tail, a changed site. */
class SampleSpoolTest {
  @TempDir Path dir;

  @Test
  void samplesComeBackAsTheyWentInSegmentBySegment() throws Exception {
    List<String> points = List.of("a", "b", "c");
    SampleBatch replay = new SampleBatch(1);
    try (SampleSpool spool = new SampleSpool(dir, points, 4)) {
      spool.append(batch(new int[] {0, 1, 2}, 100));
      spool.append(batch(new int[] {2, 2}, 200));
      spool.append(batch(new int[] {1}, 300));
      assertThat(spool.rows()).isEqualTo(6);

      long first = spool.sealOldest();
      spool.read(first, replay);
      assertThat(replay.size()).isEqualTo(5);
      assertThat(replay.point(3)).isEqualTo(2);
      assertThat(replay.timeMicros(3)).isEqualTo(200);
      assertThat(replay.value(3)).isEqualTo(200.0);
      assertThat(replay.quality(3)).isEqualTo(Quality.UNCERTAIN);
      assertThat(replay.flag(3)).isEqualTo(DataFlag.M);
      spool.delete(first);

      long second = spool.sealOldest();
      assertThat(second).isGreaterThan(first);
      spool.read(second, replay);
      assertThat(replay.size()).isEqualTo(1);
      spool.delete(second);
      assertThat(spool.rows()).isZero();
      assertThat(spool.sealOldest()).isEqualTo(-1);
    }
  }

  @Test
  void aBlockCutShortByACrashIsIgnoredAndTheRestKept() throws Exception {
    List<String> points = List.of("a", "b");
    try (SampleSpool spool = new SampleSpool(dir, points, 1000)) {
      spool.append(batch(new int[] {0, 1}, 100));
      spool.append(batch(new int[] {1, 1, 1}, 200));
    }
    Path segment;
    try (var files = Files.list(dir)) {
      segment = files.filter(file -> file.toString().endsWith(".spool")).findFirst().orElseThrow();
    }
    try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE)) {
      channel.truncate(channel.size() - 5);
    }

    try (SampleSpool spool = new SampleSpool(dir, points, 1000)) {
      assertThat(spool.rows()).isEqualTo(2);
      SampleBatch replay = new SampleBatch(1);
      spool.read(spool.sealOldest(), replay);
      assertThat(replay.size()).isEqualTo(2);
    }
  }

  @Test
  void segmentsWrittenUnderAnEarlierSiteAreMappedToTheCurrentPointIndexes() throws Exception {
    try (SampleSpool spool = new SampleSpool(dir, List.of("a", "b", "c"), 1000)) {
      spool.append(batch(new int[] {0, 1, 2}, 100));
    }

    try (SampleSpool spool = new SampleSpool(dir, List.of("c", "x", "a"), 1000)) {
      SampleBatch replay = new SampleBatch(1);
      spool.read(spool.sealOldest(), replay);
      // a -> 2, b is gone, c -> 0
      assertThat(replay.size()).isEqualTo(2);
      assertThat(replay.point(0)).isEqualTo(2);
      assertThat(replay.point(1)).isEqualTo(0);
    }
  }

  static SampleBatch batch(int[] points, long time) {
    SampleBatch batch = new SampleBatch(points.length);
    for (int point : points) {
      batch.add(point, time, time, Quality.UNCERTAIN, DataFlag.M);
    }
    return batch;
  }
}
