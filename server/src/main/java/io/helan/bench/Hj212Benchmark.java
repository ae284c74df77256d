package io.helan.bench;

import com.sun.management.ThreadMXBean;
import io.helan.config.Point;
import io.helan.config.Site;
import io.helan.config.SiteLoader;
import io.helan.driver.DriverOptions;
import io.helan.driver.SampleSink;
import io.helan.driver.hj212.Hj212Counters.Kind;
import io.helan.driver.hj212.Hj212Driver;
import io.helan.driver.hj212.Hj212FrameReader;
import io.helan.driver.hj212.Hj212Frames;
import io.helan.driver.hj212.Hj212Packet;
import io.helan.driver.hj212.Hj212Rejection;
import io.helan.driver.registry.FieldDrivers;
import io.helan.field.FieldLinks;
import io.helan.historian.CommitCadence;
import io.helan.historian.QuestDbEmbedded;
import io.helan.historian.QuestDbHistorian;
import io.helan.historian.QuestDbQuery;
import io.helan.simulator.SimulatedNetwork;
import io.helan.simulator.hj212.Hj212Logger;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * {@code bench hj212}: how fast the HJ 212 codec reads a typical real-time upload on one core, and
 * how many samples simulated loggers get through the driver and ingest into QuestDB.
 */
final class Hj212Benchmark {
  /** A flue-gas CEMS real-time upload (2011) as loggers send it: 9 values, 3 converted. */
  static final String TYPICAL_2011 =
      "QN=20261207101500123;ST=31;CN=2011;PW=212101;MN=640181000000000000000101;Flag=5;CP=&&"
          + "DataTime=20261207101500;a21026-Rtd=35.21,a21026-ZsRtd=41.7,a21026-Flag=N;"
          + "a21002-Rtd=48.13,a21002-ZsRtd=57.0,a21002-Flag=N;a34013-Rtd=4.3,a34013-ZsRtd=5.1,"
          + "a34013-Flag=N;a19001-Rtd=9.8,a19001-Flag=N;a00000-Rtd=152.6,a00000-Flag=N;"
          + "a01012-Rtd=48.5,a01012-Flag=N&&";

  /** The points of each benchmark logger: 9 real-time values, as in {@link #TYPICAL_2011}. */
  private static final int REAL_TIME_POINTS = 9;

  private final PrintStream out;

  Hj212Benchmark(PrintStream out) {
    this.out = out;
  }

  /**
   * Cuts {@code frames} copies of the typical frame from a stream and reads each as a packet with
   * every value, flag and the DataTime, as the driver does, in this thread.
   */
  void codec(long frames) {
    byte[] frame = Hj212Frames.frame(TYPICAL_2011);
    int perChunk = 64;
    byte[] chunk = new byte[frame.length * perChunk];
    for (int i = 0; i < perChunk; i++) {
      System.arraycopy(frame, 0, chunk, i * frame.length, frame.length);
    }
    Hj212FrameReader reader = new Hj212FrameReader(4096);
    Reading reading = new Reading(reader);
    ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    for (int warmup = 0; warmup < 20_000; warmup++) {
      reader.feed(chunk, 0, chunk.length, reading);
    }
    reading.frames = 0;
    long bytesBefore = threads.getCurrentThreadAllocatedBytes();
    long cpuBefore = threads.getCurrentThreadCpuTime();
    long wallBefore = System.nanoTime();
    for (long fed = 0; fed < frames; fed += perChunk) {
      reader.feed(chunk, 0, chunk.length, reading);
    }
    long cpu = threads.getCurrentThreadCpuTime() - cpuBefore;
    long wall = System.nanoTime() - wallBefore;
    long allocated = threads.getCurrentThreadAllocatedBytes() - bytesBefore;
    out.printf(
        "codec: %,d frames of %d bytes (%d values) in %.2f s CPU (%.2f s wall): %,.0f frames/s per"
            + " core, %,.0f MB/s, %.3f bytes allocated per frame (checksum %.1f)%n",
        reading.frames,
        frame.length,
        reading.valuesPerFrame,
        cpu / 1e9,
        wall / 1e9,
        reading.frames / (cpu / 1e9),
        reading.frames * (double) frame.length / (cpu / 1e3),
        allocated / (double) reading.frames,
        reading.sum);
  }

  /**
   * What the driver does with a frame, short of routing: every value (not the flags, not the
   * DataTime) with its flag, and the DataTime.
   */
  private static final class Reading implements Hj212FrameReader.Handler {
    private static final byte[] DATA_TIME = "DataTime".getBytes(StandardCharsets.US_ASCII);
    private final Hj212FrameReader reader;
    private final Hj212Packet packet = new Hj212Packet();
    long frames;
    int valuesPerFrame;
    double sum;

    Reading(Hj212FrameReader reader) {
      this.reader = reader;
    }

    @Override
    public void onFrame(byte[] buffer, int offset, int length) {
      if (!reader.readPacket(packet)) {
        throw new IllegalStateException(packet.problem());
      }
      frames++;
      int time = packet.find(DATA_TIME);
      int values = 0;
      for (int i = 0; i < packet.fieldCount(); i++) {
        if (i == time || packet.isFlag(i)) {
          continue;
        }
        double value = packet.number(i);
        if (!Double.isNaN(value)) {
          sum += value + packet.flagLetter(i);
          values++;
        }
      }
      sum += packet.timeMicros(time, 28_800) * 1e-18;
      valuesPerFrame = values;
    }

    @Override
    public void onRejected(Hj212Rejection rejection) {
      throw new IllegalStateException("benchmark frame refused: " + rejection);
    }
  }

  /**
   * Runs {@code loggers} simulated CEMS loggers uploading every {@code interval} into the driver,
   * the ingest path and a fresh embedded QuestDB for {@code seconds}, then counts what arrived.
   */
  void endToEnd(int loggers, Duration interval, int seconds, IngestPath ingestPath, Path workDir)
      throws Exception {
    Path dir = Files.createTempDirectory(workDir, "helan-bench-hj212-");
    Path siteFile = dir.resolve("site.yaml");
    Files.writeString(siteFile, siteYaml(loggers));
    Site site = SiteLoader.load(siteFile);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    Hj212Logger.Timing timing =
        new Hj212Logger.Timing(
            interval, Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofMinutes(1));
    try (QuestDbEmbedded db = QuestDbEmbedded.start(dir.resolve("questdb"));
        QuestDbHistorian historian =
            new QuestDbHistorian(
                site, () -> db, CommitCadence.DEFAULT, registry, dir.resolve("spool"));
        FieldDrivers drivers =
            new FieldDrivers(
                new DriverOptions(Map.of("hj212.port", "0", "hj212.host", "127.0.0.1")))) {
      historian.start();
      SampleSink sink = ingestPath.open(site, historian, registry);
      FieldLinks links = new FieldLinks(site, drivers::find, sink, registry);
      links.start();
      Hj212Driver driver = (Hj212Driver) drivers.driverFor("hj212");
      SimulatedNetwork network = new SimulatedNetwork(site, timing);
      SentSamples sent = new SentSamples();
      network.loggers().forEach(sent::listen);
      try {
        network.start();
        network.dialHj212(new InetSocketAddress(InetAddress.getLoopbackAddress(), driver.port()));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (network.loggers().stream().anyMatch(l -> !l.isConnected())
            && System.nanoTime() < deadline) {
          Thread.sleep(100);
        }
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long samplesBefore = driver.counters().get(Kind.SAMPLES);
        long cpuBefore = os.getProcessCpuTime();
        long start = System.nanoTime();
        long peakHeap = 0;
        while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(seconds)) {
          Thread.sleep(200);
          peakHeap = Math.max(peakHeap, memory.getHeapMemoryUsage().getUsed());
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long samples = driver.counters().get(Kind.SAMPLES) - samplesBefore;
        double cpu = (os.getProcessCpuTime() - cpuBefore) / 1e9;
        network.close();
        for (long seen = -1; seen != driver.counters().get(Kind.FRAMES); ) {
          // frames still on their way through the listener
          seen = driver.counters().get(Kind.FRAMES);
          Thread.sleep(500);
        }
        links.close();
        historian.flush().get(5, TimeUnit.MINUTES);
        long uploads = network.loggers().stream().mapToLong(Hj212Logger::uploads).sum();
        long received = driver.counters().get(Kind.UPLOADS);
        long delivered = driver.counters().get(Kind.SAMPLES);
        Map<String, Long> rowsByQuality = new TreeMap<>();
        QuestDbQuery.select(
            db.engine(),
            "SELECT quality, count() FROM samples",
            List.of(),
            (record, columns) ->
                rowsByQuality.put(record.getSymA(0).toString(), record.getLong(1)));
        long rows = rowsByQuality.values().stream().mapToLong(Long::longValue).sum();
        Set<String> stored = new HashSet<>();
        QuestDbQuery.select(
            db.engine(),
            "SELECT point, ts FROM samples WHERE quality = 'GOOD'",
            List.of(),
            (record, columns) ->
                stored.add(SentSamples.key(record.getSymA(0).toString(), record.getTimestamp(1))));
        out.printf(
            "end to end: %d loggers, an upload every %d ms, %d s: %,.0f samples/s into the"
                + " historian, process CPU %.0f %% of one core, peak heap %d MB%n",
            loggers,
            interval.toMillis(),
            seconds,
            samples / elapsed,
            100 * cpu / elapsed,
            peakHeap >> 20);
        out.printf(
            "  uploads sent %,d, received %,d (2011 real-time data with %d values each, and the"
                + " loggers' 2051 minute and 2061 hourly records, which no point of this site"
                + " takes)%n",
            uploads, received, REAL_TIME_POINTS);
        out.printf(
            "  samples sent %,d, delivered %,d; rows in QuestDB %,d by quality %s (the others"
                + " than GOOD: the %d real-time points of each logger marked lost when its"
                + " connection closed at the end)%n",
            sent.count(), delivered, rows, rowsByQuality, REAL_TIME_POINTS);
        out.printf(
            "  sent against stored per point and second: lost %,d (sent, no GOOD row), replaced"
                + " %,d (sent again for a point and second already sent)%n",
            sent.lost(stored), sent.replaced());
        out.printf("  counters: %s%n", driver.counters());
      } finally {
        network.close();
      }
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /**
   * The samples the loggers sent, by point and DataTime second: each real-time upload carries a
   * value for every real-time point of its device.
   */
  private static final class SentSamples {
    private final Map<String, Integer> timesSent = new ConcurrentHashMap<>();
    private final AtomicLong count = new AtomicLong();

    static String key(String point, long micros) {
      return point + "@" + Math.floorDiv(micros, 1_000_000L);
    }

    void listen(Hj212Logger logger) {
      List<String> points = logger.device().points().stream().map(Point::id).toList();
      logger.onRealTimeUpload(
          dataTimeMillis -> {
            for (String point : points) {
              timesSent.merge(key(point, dataTimeMillis * 1000), 1, Integer::sum);
            }
            count.addAndGet(points.size());
          });
    }

    long count() {
      return count.get();
    }

    /** Points and seconds sent that have no GOOD row in {@code stored}. */
    long lost(Set<String> stored) {
      return timesSent.keySet().stream().filter(key -> !stored.contains(key)).count();
    }

    /** Samples sent for a point and second that an earlier sample had: the row holds one. */
    long replaced() {
      return timesSent.values().stream().mapToLong(n -> n - 1L).sum();
    }
  }

  private static String siteYaml(int loggers) {
    StringBuilder yaml =
        new StringBuilder(
            """
            site: {id: bench-hj212, name: HJ 212 benchmark}
            regions:
              - {id: ningdong, name: 宁东}
            deviceTypes:
              - id: cems-logger
                name: CEMS
                protocol: hj212
                points:
            """);
    for (String code : new String[] {"a21026", "a21002", "a34013"}) {
      yaml.append("      - {id: ")
          .append(code)
          .append(", name: ")
          .append(code)
          .append(", unit: mg/m³, address: ")
          .append(code)
          .append("-Rtd, range: [0, 2000]}\n");
      yaml.append("      - {id: ")
          .append(code)
          .append("-zs, name: ")
          .append(code)
          .append(", unit: mg/m³, address: ")
          .append(code)
          .append("-ZsRtd, range: [0, 2000]}\n");
    }
    for (String code : new String[] {"a19001", "a00000", "a01012"}) {
      yaml.append("      - {id: ")
          .append(code)
          .append(", name: ")
          .append(code)
          .append(", unit: x, address: ")
          .append(code)
          .append("-Rtd, range: [0, 2000]}\n");
    }
    yaml.append("stations:\n");
    for (int i = 0; i < loggers; i++) {
      yaml.append("  - {id: nd-s")
          .append(i)
          .append(", name: S")
          .append(i)
          .append(", kind: pollution-source, region: ningdong, location: {lat: 38, lon: 106.5},")
          .append(" devices: [{id: cems, type: cems-logger, connection: {mn: \"BENCH")
          .append(String.format("%06d", i))
          .append("\", password: \"212000\"}}]}\n");
    }
    return yaml.toString();
  }
}
