package io.helan.historian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.helan.bench.SyntheticSite;
import io.helan.config.Point;
import io.helan.config.Site;
import io.helan.driver.DataFlag;
import io.helan.driver.Quality;
import io.helan.driver.SampleBatch;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The historian on embedded QuestDB: writes, flush, history, deduplication, a full queue. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HistorianEmbeddedTest {
  static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");
  static final Site SITE = SyntheticSite.create(20);

  @TempDir static Path questDbDir;
  static QuestDbEmbedded questDb;

  @TempDir Path spoolDir;
  SimpleMeterRegistry registry;
  QuestDbHistorian historian;

  @BeforeAll
  static void startQuestDb() {
    questDb = QuestDbEmbedded.start(questDbDir);
  }

  @AfterAll
  static void stopQuestDb() {
    questDb.close();
  }

  @BeforeEach
  void startHistorian() {
    registry = new SimpleMeterRegistry();
    historian =
        new QuestDbHistorian(SITE, () -> questDb, CommitCadence.DEFAULT, registry, spoolDir);
    historian.start();
  }

  @AfterEach
  void closeHistorian() {
    historian.close();
  }

  @Test
  void everyAppendedSampleIsCountedAfterFlush() throws Exception {
    Point first = point(0);
    Point second = point(1);
    SampleBatch batch = new SampleBatch(100);
    for (int b = 0; b < 30; b++) {
      batch.clear();
      for (int i = 0; i < 100; i++) {
        Point point = i % 2 == 0 ? first : second;
        batch.add(point.index(), micros(T0.plusSeconds(b * 100L + i)), i, Quality.GOOD, DataFlag.N);
      }
      historian.append(batch);
    }

    historian.flush().get(30, TimeUnit.SECONDS);

    assertThat(historian.count(first).get(10, TimeUnit.SECONDS)).isEqualTo(1500);
    assertThat(historian.count(second).get(10, TimeUnit.SECONDS)).isEqualTo(1500);
    assertThat(historian.backlog()).isZero();
    assertThat(registry.get("helan.historian.rows.written").counter().count()).isEqualTo(3000);
    assertThat(registry.get("helan.historian.commit").timer().count()).isPositive();
  }

  @Test
  void historyAggregatesTheGoodSamplesOfEachStep() throws Exception {
    Point point = point(2);
    SampleBatch batch = new SampleBatch(16);
    // minute 0: three good values, a bad and an uncertain one that must not count
    add(batch, point, T0.plusSeconds(0), 1, Quality.GOOD);
    add(batch, point, T0.plusSeconds(10), 2, Quality.GOOD);
    add(batch, point, T0.plusSeconds(20), 3, Quality.GOOD);
    add(batch, point, T0.plusSeconds(30), 100, Quality.BAD_COMMUNICATION);
    add(batch, point, T0.plusSeconds(40), -50, Quality.UNCERTAIN);
    // minute 1: two good values; minute 2 empty; minute 4 outside [from, to)
    add(batch, point, T0.plusSeconds(60), 10, Quality.GOOD);
    add(batch, point, T0.plusSeconds(119), 20, Quality.GOOD);
    add(batch, point, T0.plusSeconds(240), 99, Quality.GOOD);
    historian.append(batch);
    historian.flush().get(30, TimeUnit.SECONDS);

    List<HistoryRow> rows =
        historian
            .history(point, T0, T0.plusSeconds(240), Duration.ofMinutes(1))
            .get(10, TimeUnit.SECONDS);

    assertThat(rows)
        .containsExactly(
            new HistoryRow(T0, 2, 1, 3, 3), new HistoryRow(T0.plusSeconds(60), 15, 10, 20, 2));
    assertThat(historian.count(point).get(10, TimeUnit.SECONDS)).isEqualTo(8);
  }

  @Test
  void theSameSamplesSentTwiceAreStoredOnceWithTheLastValue() throws Exception {
    Point point = point(3);
    SampleBatch batch = new SampleBatch(10);
    for (int i = 0; i < 10; i++) {
      add(batch, point, T0.plusSeconds(i), 1, Quality.GOOD);
    }
    historian.append(batch);
    historian.flush().get(30, TimeUnit.SECONDS);
    SampleBatch resent = new SampleBatch(10);
    for (int i = 0; i < 10; i++) {
      add(resent, point, T0.plusSeconds(i), 5, Quality.GOOD);
    }
    historian.append(resent);
    historian.append(resent);
    historian.flush().get(30, TimeUnit.SECONDS);

    assertThat(historian.count(point).get(10, TimeUnit.SECONDS)).isEqualTo(10);
    List<HistoryRow> rows =
        historian
            .history(point, T0, T0.plusSeconds(60), Duration.ofMinutes(1))
            .get(10, TimeUnit.SECONDS);
    assertThat(rows).containsExactly(new HistoryRow(T0, 5, 5, 5, 10));
  }

  @Test
  void startIndexesThePointColumnOfATableCreatedWithoutTheIndex() throws Exception {
    // a data directory from before the point index: the table exists, its point column is plain
    questDb.engine().execute(SamplesTable.DROP_POINT_INDEX);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> !SamplesTable.pointIndexed(questDb.engine()));

    SamplesTable.createIndexed(questDb.engine()); // what the historian does at start
    await().atMost(Duration.ofSeconds(30)).until(() -> SamplesTable.pointIndexed(questDb.engine()));
    SamplesTable.createIndexed(questDb.engine()); // indexed already: nothing to do, nothing refused

    Point point = point(6);
    SampleBatch batch = new SampleBatch(2);
    add(batch, point, T0, 1.0, Quality.GOOD);
    add(batch, point, T0.plusSeconds(1), 3.0, Quality.GOOD);
    historian.append(batch);
    historian.flush().get();
    assertThat(historian.history(point, T0, T0.plusSeconds(60), Duration.ofMinutes(1)).get())
        .singleElement()
        .satisfies(row -> assertThat(row.avg()).isEqualTo(2.0));
  }

  @Test
  void aPointWithoutSamplesHasNoHistory() throws Exception {
    Point point = point(4);

    assertThat(historian.history(point, T0, T0.plusSeconds(3600), Duration.ofMinutes(5)).get())
        .isEmpty();
    assertThat(historian.count(point).get()).isZero();
  }

  @Test
  void badQueryArgumentsFailTheFuture() {
    Point point = point(5);

    assertThatThrownBy(() -> historian.history(point, T0, T0, Duration.ofMinutes(1)).get())
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> historian.history(point, T0, T0.plusSeconds(60), Duration.ofMillis(1500)).get())
        .hasCauseInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void samplesOfUnknownPointsAreRefusedAndTheRestKept() throws Exception {
    Point point = point(6);
    SampleBatch batch = new SampleBatch(4);
    add(batch, point, T0, 1, Quality.GOOD);
    batch.add(SITE.points().size(), micros(T0), 1, Quality.GOOD, DataFlag.N);
    batch.add(-1, micros(T0), 1, Quality.GOOD, DataFlag.N);
    add(batch, point, T0.plusSeconds(1), 2, Quality.GOOD);

    historian.append(batch);
    historian.flush().get(30, TimeUnit.SECONDS);

    assertThat(historian.count(point).get(10, TimeUnit.SECONDS)).isEqualTo(2);
    assertThat(registry.get("helan.historian.samples.rejected").counter().count()).isEqualTo(2);
  }

  @Test
  void whenTheQueueIsFullSamplesGoToTheSpoolAndAreReplayed(@TempDir Path smallSpoolDir)
      throws Exception {
    Point point = point(7);
    SimpleMeterRegistry writerRegistry = new SimpleMeterRegistry();
    try (QueryWorkers workers = new QueryWorkers("test");
        HistorianWriter writer =
            writer(2, 10, smallSpoolDir, 25, CommitCadence.DEFAULT, writerRegistry, workers)) {
      // the writer is not running yet: two buffers of 10 fill up, the rest must spill
      SampleBatch batch = new SampleBatch(10);
      for (int b = 0; b < 100; b++) {
        batch.clear();
        for (int i = 0; i < 10; i++) {
          add(batch, point, T0.plusSeconds(b * 10L + i), b, Quality.GOOD);
        }
        writer.append(batch);
      }
      assertThat(writerRegistry.get("helan.historian.samples.spooled").counter().count())
          .isEqualTo(980);
      assertThat(writer.backlog()).isEqualTo(1000);

      writer.start();
      writer.flush().get(30, TimeUnit.SECONDS);

      assertThat(historian.count(point).get(10, TimeUnit.SECONDS)).isEqualTo(1000);
      assertThat(writer.backlog()).isZero();
      try (var files = Files.list(smallSpoolDir)) {
        assertThat(files.map(file -> file.getFileName().toString()))
            .noneMatch(name -> name.endsWith(".spool"));
      }
    }
  }

  @Test
  void smallBatchesFromManyThreadsWaitForTheIntervalAndGoInOneCommit(@TempDir Path ownSpool)
      throws Exception {
    SimpleMeterRegistry ownRegistry = new SimpleMeterRegistry();
    try (QuestDbHistorian hourly =
        new QuestDbHistorian(
            SITE,
            () -> questDb,
            new CommitCadence(Duration.ofHours(1), 100_000),
            ownRegistry,
            ownSpool)) {
      hourly.start();
      List<Thread> feeders = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        Point point = point(10 + t);
        feeders.add(
            new Thread(
                () -> {
                  SampleBatch batch = new SampleBatch(5);
                  for (int b = 0; b < 250; b++) {
                    batch.clear();
                    for (int i = 0; i < 5; i++) {
                      add(batch, point, T0.plusSeconds(b * 5L + i), i, Quality.GOOD);
                    }
                    hourly.append(batch);
                  }
                }));
      }
      feeders.forEach(Thread::start);
      for (Thread feeder : feeders) {
        feeder.join();
      }
      DistributionSummary commitRows = ownRegistry.get("helan.historian.commit.rows").summary();
      await("no commit before the interval")
          .during(Duration.ofMillis(500))
          .atMost(Duration.ofSeconds(5))
          .until(() -> commitRows.count() == 0);
      assertThat(ownRegistry.get("helan.historian.commit.lag").gauge().value()).isPositive();

      hourly.flush().get(30, TimeUnit.SECONDS);

      assertThat(commitRows.count()).isEqualTo(1);
      assertThat(commitRows.totalAmount()).isEqualTo(10_000);
      for (int t = 0; t < 8; t++) {
        assertThat(hourly.count(point(10 + t)).get(10, TimeUnit.SECONDS)).isEqualTo(1_250);
      }
      assertThat(ownRegistry.get("helan.historian.commit.lag").gauge().value()).isZero();
    }
  }

  @Test
  void aTransactionThatReachesTheRowLimitIsCommittedWithinTheCycle(@TempDir Path ownSpool)
      throws Exception {
    Point point = point(9);
    SimpleMeterRegistry writerRegistry = new SimpleMeterRegistry();
    try (QueryWorkers workers = new QueryWorkers("test");
        HistorianWriter writer =
            writer(
                16,
                100,
                ownSpool,
                1_000,
                new CommitCadence(Duration.ofHours(1), 1_000),
                writerRegistry,
                workers)) {
      writer.start();
      SampleBatch batch = new SampleBatch(5);
      for (int b = 0; b < 1_000; b++) {
        batch.clear();
        for (int i = 0; i < 5; i++) {
          add(batch, point, T0.plusSeconds(b * 5L + i), i, Quality.GOOD);
        }
        writer.append(batch);
      }
      DistributionSummary commitRows = writerRegistry.get("helan.historian.commit.rows").summary();
      await("five commits of 1,000 rows, without a flush")
          .atMost(Duration.ofSeconds(30))
          .until(() -> commitRows.totalAmount() == 5_000);
      assertThat(commitRows.count()).isEqualTo(5);
      assertThat(commitRows.max()).isEqualTo(1_000);
      assertThat(writerRegistry.get("helan.historian.commit").timer().count()).isEqualTo(5);
      // committed to the WAL; QuestDB applies it to the table on its own thread, later on a
      // loaded machine
      await("the committed rows applied to the table")
          .atMost(Duration.ofSeconds(30))
          .until(() -> historian.count(point).get(10, TimeUnit.SECONDS) == 5_000);
    }
  }

  @Test
  void aCycleEndCommitsWithoutAFlush(@TempDir Path ownSpool) throws Exception {
    SimpleMeterRegistry ownRegistry = new SimpleMeterRegistry();
    try (QuestDbHistorian quick =
        new QuestDbHistorian(
            SITE,
            () -> questDb,
            new CommitCadence(Duration.ofMillis(200), 100_000),
            ownRegistry,
            ownSpool)) {
      quick.start();
      SampleBatch batch = new SampleBatch(3);
      for (int i = 0; i < 3; i++) {
        add(batch, point(19), T0.plusSeconds(i), i, Quality.GOOD);
      }
      quick.append(batch);

      await("the cycle's commit")
          .atMost(Duration.ofSeconds(10))
          .until(() -> ownRegistry.get("helan.historian.rows.written").counter().count() == 3);
    }
  }

  @Test
  void aBurstBehindASlowButWorkingDatabaseWaitsForTheWriterInsteadOfSpooling(@TempDir Path ownSpool)
      throws Exception {
    Point point = point(8);
    SimpleMeterRegistry writerRegistry = new SimpleMeterRegistry();
    // each buffer takes longer to write than the 200 ms a caller used to wait before spooling
    RowWriter slow = new ProbeRowWriter(walRowWriter(), Duration.ofMillis(300), null);
    try (QueryWorkers workers = new QueryWorkers("test");
        HistorianWriter writer = twoBufferWriter(slow, ownSpool, writerRegistry, workers)) {
      writer.start();
      appendBatches(writer, point, 12, 10);
      writer.flush().get(60, TimeUnit.SECONDS);

      assertThat(writerRegistry.get("helan.historian.samples.spooled").counter().count()).isZero();
      assertThat(historian.count(point).get(10, TimeUnit.SECONDS)).isEqualTo(120);
    }
  }

  @Test
  void aCallerSpoolsOnceTheWriterIsStuckAndTheSpooledSamplesArriveLater(@TempDir Path ownSpool)
      throws Exception {
    Point point = point(18);
    SimpleMeterRegistry writerRegistry = new SimpleMeterRegistry();
    CompletableFuture<Void> unstuck = new CompletableFuture<>();
    RowWriter stuck = new ProbeRowWriter(walRowWriter(), Duration.ZERO, unstuck);
    try (QueryWorkers workers = new QueryWorkers("test");
        HistorianWriter writer = twoBufferWriter(stuck, ownSpool, writerRegistry, workers)) {
      writer.start();
      // the writer takes the first batch and hangs writing it; the next two fill the two buffers;
      // the fourth waits for the stall and then goes to the spool, as does everything after it
      long start = System.nanoTime();
      try {
        appendBatches(writer, point, 5, 10);
        assertThat(System.nanoTime() - start)
            .isGreaterThanOrEqualTo(
                TimeUnit.MILLISECONDS.toNanos(HistorianWriter.WRITER_STALL_MILLIS));
        assertThat(writerRegistry.get("helan.historian.samples.spooled").counter().count())
            .isEqualTo(20);
      } finally {
        unstuck.complete(null);
      }
      writer.flush().get(60, TimeUnit.SECONDS);
      assertThat(historian.count(point).get(10, TimeUnit.SECONDS)).isEqualTo(50);
    }
  }

  @Test
  void eachCommitWritesItsRowsInTimeOrderAndHoldsBackTheLastSecond(@TempDir Path ownSpool)
      throws Exception {
    Point point = point(19);
    ProbeRowWriter probe = new ProbeRowWriter(walRowWriter(), Duration.ZERO, null);
    List<String> pointIds = SITE.points().stream().map(Point::id).toList();
    try (QueryWorkers workers = new QueryWorkers("test");
        HistorianWriter writer =
            new HistorianWriter(
                "test",
                probe,
                new SampleQueue(16, 100, pointIds.size()),
                new SampleSpool(ownSpool, pointIds, 100),
                pointIds.size(),
                new CommitCadence(Duration.ofMillis(200), 100_000),
                new SimpleMeterRegistry(),
                workers)) {
      // from five device links at once: each link's samples in order, the links interleaved
      long nowMicros = System.currentTimeMillis() * 1_000;
      SampleBatch batch = new SampleBatch(10);
      for (int link = 0; link < 5; link++) {
        batch.clear();
        for (int i = 0; i < 10; i++) {
          long time = nowMicros - 60_000_000 + (i * 5L + link) * 100_000;
          batch.add(point.index(), time, i, Quality.GOOD, DataFlag.N);
        }
        writer.append(batch);
      }
      // and three just polled
      batch.clear();
      for (int i = 0; i < 3; i++) {
        batch.add(
            point.index(), System.currentTimeMillis() * 1_000 + i, i, Quality.GOOD, DataFlag.N);
      }
      writer.append(batch);
      writer.start();

      await("every row committed by the cycles, without a flush")
          .atMost(Duration.ofSeconds(30))
          .until(() -> probe.committed.stream().mapToInt(t -> t.times().size()).sum() == 53);
      long previousEnd = Long.MIN_VALUE;
      for (ProbeRowWriter.Transaction transaction : probe.committed) {
        List<Long> times = transaction.times();
        assertThat(times).isSorted();
        assertThat(times.get(0)).isGreaterThan(previousEnd);
        previousEnd = times.get(times.size() - 1);
        long holdMicros = HistorianWriter.HOLD_MILLIS * 1_000;
        assertThat(times).allMatch(time -> time <= transaction.committedMicros() - holdMicros);
      }
    }
  }

  /** Appends {@code batches} batches of {@code size} samples of one point, a second apart. */
  static void appendBatches(HistorianWriter writer, Point point, int batches, int size) {
    SampleBatch batch = new SampleBatch(size);
    for (int b = 0; b < batches; b++) {
      batch.clear();
      for (int i = 0; i < size; i++) {
        add(batch, point, T0.plusSeconds((long) b * size + i), i, Quality.GOOD);
      }
      writer.append(batch);
    }
  }

  /**
   * A row writer on the shared QuestDB that may be slow (pauses before each write) or stuck (each
   * write waits until {@code unstuck} completes), and records the times of each committed
   * transaction's rows with the wall clock at its commit.
   */
  private static final class ProbeRowWriter implements RowWriter {
    private final RowWriter rows;
    private final Duration pause;
    private final CompletableFuture<Void> unstuck;
    private final List<Long> writing = new ArrayList<>();
    final List<Transaction> committed = new CopyOnWriteArrayList<>();

    /** One committed transaction: its rows' times in the order written, and when it committed. */
    record Transaction(List<Long> times, long committedMicros) {}

    ProbeRowWriter(RowWriter rows, Duration pause, CompletableFuture<Void> unstuck) {
      this.rows = rows;
      this.pause = pause;
      this.unstuck = unstuck;
    }

    @Override
    public void write(SampleBatch batch) {
      try {
        Thread.sleep(pause.toMillis());
        if (unstuck != null) {
          unstuck.get();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      } catch (ExecutionException e) {
        throw new IllegalStateException(e);
      }
      rows.write(batch);
      for (int i = 0; i < batch.size(); i++) {
        writing.add(batch.timeMicros(i));
      }
    }

    @Override
    public void commit() {
      rows.commit();
      committed.add(new Transaction(List.copyOf(writing), System.currentTimeMillis() * 1_000));
      writing.clear();
    }

    @Override
    public void reset() {
      writing.clear();
      rows.reset();
    }

    @Override
    public void awaitVisible(Duration timeout) {
      rows.awaitVisible(timeout);
    }

    @Override
    public void close() {
      rows.close();
    }
  }

  /** A writer on the shared QuestDB with a queue and spool of the given sizes. */
  static HistorianWriter writer(
      int buffers,
      int bufferSamples,
      Path spoolDir,
      int segmentRows,
      CommitCadence cadence,
      SimpleMeterRegistry registry,
      QueryWorkers workers)
      throws IOException {
    List<String> pointIds = SITE.points().stream().map(Point::id).toList();
    return new HistorianWriter(
        "test",
        walRowWriter(),
        new SampleQueue(buffers, bufferSamples, pointIds.size()),
        new SampleSpool(spoolDir, pointIds, segmentRows),
        pointIds.size(),
        cadence,
        registry,
        workers);
  }

  /** A writer through the given rows with two buffers of 10 samples, committing every 10 rows. */
  static HistorianWriter twoBufferWriter(
      RowWriter rows, Path spoolDir, SimpleMeterRegistry registry, QueryWorkers workers)
      throws IOException {
    List<String> pointIds = SITE.points().stream().map(Point::id).toList();
    return new HistorianWriter(
        "test",
        rows,
        new SampleQueue(2, 10, pointIds.size()),
        new SampleSpool(spoolDir, pointIds, 10),
        pointIds.size(),
        new CommitCadence(Duration.ofSeconds(1), 10),
        registry,
        workers);
  }

  static RowWriter walRowWriter() {
    return new WalRowWriter(() -> questDb, SITE.points().stream().map(Point::id).toList());
  }

  static Point point(int index) {
    return SITE.points().get(index);
  }

  static void add(SampleBatch batch, Point point, Instant time, double value, Quality quality) {
    batch.add(point.index(), micros(time), value, quality, DataFlag.N);
  }

  static long micros(Instant time) {
    return SamplesTable.micros(time);
  }
}
