package io.helan.driver.hj212;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A million mutated frames through the frame reader and the packet reader: whatever arrives, no
 * exception escapes, and good frames between bad ones are still read.
 */
class Hj212FuzzTest {
  private static final int FRAMES = 1_000_000;
  private static final byte[] SPECIALS =
      "#&;,=-.\r\n 0123456789ACDNQ".getBytes(StandardCharsets.US_ASCII);
  private static final String[] SEGMENTS = {
    Hj212CodecTest.APPENDIX_A,
    Hj212CodecTest.CEMS_2011,
    "QN=20261207100000001;ST=32;CN=2051;PW=123456;MN=NX640181NDWS0001;Flag=5;CP=&&"
        + "DataTime=20261207095900;w01018-Avg=32.1,w01018-Min=30.2,w01018-Max=35.5,w01018-Flag=N;"
        + "w00000-Cou=118.2,w00000-Avg=1.97,w00000-Flag=N&&",
    "ST=32;CN=2011;PW=123456;MN=88888880000001;CP=&&DataTime=20161207101500;B01-Rtd=3.5,011-Rtd=41&&",
    "QN=20261207101500123;ST=91;CN=9011;PW=123456;MN=NX01;Flag=4;CP=&&QnRtn=1&&",
    "QN=20261207101500123;ST=31;CN=3020;PW=123456;MN=NX01;Flag=9;PNUM=2;PNO=1;CP=&&"
        + "DataTime=20261207101500;PolId=a21026;i12001-Info=运行&&",
  };

  @Test
  void aMillionMutatedFramesNeverThrow() {
    SplittableRandom random = new SplittableRandom(212);
    Hj212FrameReader reader = new Hj212FrameReader(4096);
    Hj212Packet packet = new Hj212Packet();
    Counting handler = new Counting(reader, packet);
    byte[][] templates = new byte[SEGMENTS.length][];
    for (int i = 0; i < SEGMENTS.length; i++) {
      templates[i] = SEGMENTS[i].getBytes(StandardCharsets.UTF_8);
    }
    byte[] scratch = new byte[20_000];
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long started = threads.getCurrentThreadCpuTime();

    for (int n = 0; n < FRAMES; n++) {
      byte[] segment = templates[random.nextInt(templates.length)];
      int length = mutate(segment, scratch, random);
      if (random.nextInt(4) == 0) {
        // a valid frame around a mutated segment: exercises the packet reader, not only the CRC
        length = reframe(scratch, length);
      } else {
        length = wrapWithStaleChecksum(scratch, length, random);
      }
      int offset = 0;
      while (offset < length) {
        int chunk = 1 + random.nextInt(Math.max(1, length - offset));
        reader.feed(scratch, offset, Math.min(chunk, length - offset), handler);
        offset += chunk;
      }
      if (random.nextInt(64) == 0) {
        reader.dropPartialFrame(handler);
      }
    }
    long cpuMs = (threads.getCurrentThreadCpuTime() - started) / 1_000_000;

    byte[] good = Hj212Frames.frame(Hj212CodecTest.CEMS_2011);
    reader.dropPartialFrame(handler);
    int before = handler.frames;
    reader.feed(good, 0, good.length, handler);
    assertThat(handler.frames).isEqualTo(before + 1);
    assertThat(handler.frames).isGreaterThan(FRAMES / 10);
    assertThat(handler.rejected).isGreaterThan(FRAMES / 10);
    assertThat(handler.readable).isPositive();
    // CPU time of this thread: the bound holds on a machine shared with other builds
    assertThat(cpuMs).as("fuzzing CPU time in ms").isLessThan(20_000);
  }

  /** Copies the segment into {@code out} with a few random edits; returns its new length. */
  private static int mutate(byte[] segment, byte[] out, SplittableRandom random) {
    // leave room for the frame's 6 leading bytes
    int length = segment.length;
    System.arraycopy(segment, 0, out, 6, length);
    int edits = random.nextInt(4);
    for (int e = 0; e < edits && length > 0; e++) {
      int at = 6 + random.nextInt(length);
      switch (random.nextInt(6)) {
        case 0 -> out[at] = (byte) random.nextInt(256);
        case 1 -> out[at] = SPECIALS[random.nextInt(SPECIALS.length)];
        case 2 -> { // delete a run
          int run = Math.min(1 + random.nextInt(20), 6 + length - at);
          System.arraycopy(out, at + run, out, at, 6 + length - at - run);
          length -= run;
        }
        case 3 -> { // duplicate a run
          int run = Math.min(1 + random.nextInt(40), 6 + length - at);
          if (6 + length + run < 10_000) {
            System.arraycopy(out, at, out, at + run, 6 + length - at);
            length += run;
          }
        }
        case 4 -> length = at - 6; // truncate
        default -> { // insert a special byte
          if (6 + length + 1 < 10_000) {
            System.arraycopy(out, at, out, at + 1, 6 + length - at);
            out[at] = SPECIALS[random.nextInt(SPECIALS.length)];
            length++;
          }
        }
      }
    }
    return length;
  }

  /**
   * Puts a correct header and checksum around the segment at offset 6; returns the frame length.
   */
  private static int reframe(byte[] out, int segmentLength) {
    Hj212Frames.enclose(out, segmentLength);
    return segmentLength + 12;
  }

  /** A header that may lie about the length and a checksum that may not match. */
  private static int wrapWithStaleChecksum(byte[] out, int segmentLength, SplittableRandom random) {
    Hj212Frames.enclose(out, segmentLength);
    if (random.nextInt(3) == 0) {
      int declared = random.nextInt(10_000);
      for (int i = 5; i >= 2; i--, declared /= 10) {
        out[i] = (byte) ('0' + declared % 10);
      }
    }
    if (random.nextBoolean()) {
      out[6 + segmentLength + random.nextInt(4)] =
          (byte) "0123456789abcdefX".charAt(random.nextInt(17));
    }
    return segmentLength + 12;
  }

  /** Reads every frame as a packet and touches every accessor a driver uses. */
  private static final class Counting implements Hj212FrameReader.Handler {
    private static final byte[] DATA_TIME = "DataTime".getBytes(StandardCharsets.US_ASCII);
    private final Hj212FrameReader reader;
    private final Hj212Packet packet;
    private final Hj212Packet alone = new Hj212Packet();
    int frames;
    int rejected;
    int readable;
    double sink;

    Counting(Hj212FrameReader reader, Hj212Packet packet) {
      this.reader = reader;
      this.packet = packet;
    }

    @Override
    public void onFrame(byte[] buffer, int offset, int length) {
      frames++;
      boolean readable = reader.readPacket(packet);
      // read alone, without the delimiters the reader marked while checking the checksum
      if (alone.read(buffer, offset, length) != readable
          || !Objects.equals(alone.problem(), packet.problem())
          || readable && !sameFields(alone, packet)) {
        throw new AssertionError(
            "read differently alone: " + new String(buffer, offset, length, UTF_8));
      }
      if (!readable) {
        rejected++;
        return;
      }
      this.readable++;
      sink += packet.cn() + packet.st() + packet.flag() + packet.packetCount();
      sink += packet.mn().length() + (packet.qn() == null ? 0 : 1);
      for (int i = 0; i < packet.fieldCount(); i++) {
        sink += packet.number(i) + packet.flagLetter(i) + packet.integer(i);
        sink += packet.timeMicros(i, 28_800) + (packet.nameEquals(i, DATA_TIME) ? 1 : 0);
        sink += packet.nameEqualsWithoutLetter(i, DATA_TIME) ? 1 : 0;
      }
      if (packet.wantsAnswer() && packet.qn() != null) {
        sink += Hj212Frames.answer(packet, 9014, "").length;
      }
    }

    private static boolean sameFields(Hj212Packet a, Hj212Packet b) {
      if (a.fieldCount() != b.fieldCount() || a.cn() != b.cn() || !a.mn().equals(b.mn())) {
        return false;
      }
      for (int i = 0; i < a.fieldCount(); i++) {
        if (!a.name(i).equals(b.name(i)) || !a.value(i).equals(b.value(i))) {
          return false;
        }
      }
      return true;
    }

    @Override
    public void onRejected(Hj212Rejection rejection) {
      rejected++;
    }
  }
}
