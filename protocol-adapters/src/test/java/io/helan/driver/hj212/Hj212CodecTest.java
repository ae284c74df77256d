package io.helan.driver.hj212;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class Hj212CodecTest {
  /** The standard's Appendix A example: length 0101, CRC 1C80. */
  static final String APPENDIX_A =
      "QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;"
          + "CP=&&RtdInterval=30&&";

  static final String CEMS_2011 =
      "QN=20261207101500123;ST=31;CN=2011;PW=123456;MN=NX640181NDRD0001;Flag=5;CP=&&"
          + "DataTime=20261207101500;a21026-Rtd=35.2,a21026-ZsRtd=41.7,a21026-Flag=N;"
          + "a21002-Rtd=48.1,a21002-ZsRtd=57.0,a21002-Flag=N;a19001-Rtd=9.8,a19001-Flag=N;"
          + "a00000-Rtd=152.6,a00000-Flag=N;a34013-Rtd=4.3,a34013-ZsRtd=5.1,a34013-Flag=C;"
          + "a01012-Rtd=48.5,a01012-Flag=N&&";

  private final List<String> frames = new ArrayList<>();
  private final List<Hj212Rejection> rejections = new ArrayList<>();
  private final Hj212FrameReader.Handler collect =
      new Hj212FrameReader.Handler() {
        @Override
        public void onFrame(byte[] buffer, int offset, int length) {
          frames.add(new String(buffer, offset, length, StandardCharsets.UTF_8));
        }

        @Override
        public void onRejected(Hj212Rejection rejection) {
          rejections.add(rejection);
        }
      };

  @Test
  void appendixAPacketHasLength0101AndCrc1C80() {
    byte[] frame = Hj212Frames.frame(APPENDIX_A);
    String text = new String(frame, StandardCharsets.US_ASCII);

    assertThat(text).startsWith("##0101QN=").endsWith("&&1C80\r\n");
    byte[] data = APPENDIX_A.getBytes(StandardCharsets.US_ASCII);
    assertThat(Hj212Crc.of(data, 0, data.length)).isEqualTo(0x1C80);
  }

  @Test
  void framesAreCutFromAStreamFedByteByByte() {
    Hj212FrameReader reader = new Hj212FrameReader(4096);
    byte[] stream = concat(Hj212Frames.frame(APPENDIX_A), Hj212Frames.frame(CEMS_2011));
    for (int i = 0; i < stream.length; i++) {
      reader.feed(stream, i, 1, collect);
    }

    assertThat(frames).containsExactly(APPENDIX_A, CEMS_2011);
    assertThat(rejections).isEmpty();
    assertThat(reader.hasPartialFrame()).isFalse();
  }

  @Test
  void lowerCaseChecksumIsAccepted() {
    String frame = new String(Hj212Frames.frame(APPENDIX_A), StandardCharsets.US_ASCII);
    feed(new Hj212FrameReader(4096), frame.replace("1C80", "1c80"));

    assertThat(frames).containsExactly(APPENDIX_A);
  }

  @Test
  void badInputIsRefusedByKindAndTheNextFrameStillReads() {
    Hj212FrameReader reader = new Hj212FrameReader(200);
    String good = new String(Hj212Frames.frame(APPENDIX_A), StandardCharsets.US_ASCII);
    String badCrc = good.replace("1C80", "1C08");
    String badLength = good.replace("##0101", "##0100");
    String notDigits = good.replace("##0101", "##01x1");
    String oversize = "##0300" + "x".repeat(300) + "0000\r\n";

    feed(reader, "garbage" + badCrc + good + badLength + good + notDigits + oversize + good);

    assertThat(frames).containsExactly(APPENDIX_A, APPENDIX_A, APPENDIX_A);
    assertThat(rejections)
        .containsExactly(
            Hj212Rejection.GARBAGE,
            Hj212Rejection.BAD_CRC,
            Hj212Rejection.BAD_LENGTH,
            Hj212Rejection.BAD_LENGTH,
            Hj212Rejection.OVERSIZE);
  }

  @Test
  void aLengthTooLongIsRefusedAtTheLineEndInsteadOfSwallowingTheNextFrame() {
    Hj212FrameReader reader = new Hj212FrameReader(4096);
    String good = new String(Hj212Frames.frame(APPENDIX_A), StandardCharsets.US_ASCII);

    feed(reader, good.replace("##0101", "##0900"));
    assertThat(rejections).containsExactly(Hj212Rejection.BAD_LENGTH);
    feed(reader, good);

    assertThat(frames).containsExactly(APPENDIX_A);
  }

  @Test
  void aPartialFrameCanBeDroppedAsIncomplete() {
    Hj212FrameReader reader = new Hj212FrameReader(4096);
    feed(reader, "##0101QN=2016");
    assertThat(reader.hasPartialFrame()).isTrue();

    reader.dropPartialFrame(collect);

    assertThat(rejections).containsExactly(Hj212Rejection.INCOMPLETE);
    feed(reader, new String(Hj212Frames.frame(APPENDIX_A), StandardCharsets.US_ASCII));
    assertThat(frames).containsExactly(APPENDIX_A);
  }

  @Test
  void a2017UploadReadsHeaderFieldsValuesAndFlags() {
    Hj212Packet packet = read(CEMS_2011);

    assertThat(packet.cn()).isEqualTo(2011);
    assertThat(packet.st()).isEqualTo(31);
    assertThat(packet.version()).isEqualTo(Hj212Version.V2017);
    assertThat(packet.wantsAnswer()).isTrue();
    assertThat(packet.mn()).isEqualTo("NX640181NDRD0001");
    assertThat(packet.qn()).isEqualTo("20261207101500123");
    assertThat(packet.passwordEquals(bytes("123456"))).isTrue();
    int so2 = packet.find(bytes("a21026-ZsRtd"));
    assertThat(packet.number(so2)).isEqualTo(41.7);
    assertThat((char) packet.flagLetter(so2)).isEqualTo('N');
    int dust = packet.find(bytes("a34013-Rtd"));
    assertThat((char) packet.flagLetter(dust)).isEqualTo('C');
    int time = packet.find(bytes("DataTime"));
    assertThat(packet.timeMicros(time, 8 * 3600))
        .isEqualTo(Instant.parse("2026-12-07T02:15:00Z").toEpochMilli() * 1000);
  }

  @Test
  void knownQuirksAreRead() {
    String quirky =
        "QN=20261207101500123,ST=32;CN=2011;PW=123456;MN=NX01;Flag=5CP=&& DataTime=20261207101500;"
            + " 01018-Rtd = 12.5 ,w01018-Flag=N;;junk&& ";
    Hj212Packet packet = read(quirky);

    assertThat(packet.st()).isEqualTo(32);
    assertThat(packet.flag()).isEqualTo(5);
    assertThat(packet.find(bytes("DataTime"))).isGreaterThanOrEqualTo(0);
    int cod = packet.find(bytes("01018-Rtd"));
    assertThat(packet.nameEqualsWithoutLetter(cod, bytes("w01018-Rtd"))).isTrue();
    assertThat(packet.number(cod)).isEqualTo(12.5);
  }

  @Test
  void a2005PacketWithoutQnAndFlagIsRead() {
    Hj212Packet packet =
        read(
            "ST=32;CN=2011;PW=123456;MN=88888880000001;CP=&&DataTime=20161207101500;B01-Rtd=3.5&&");

    assertThat(packet.version()).isEqualTo(Hj212Version.V2005);
    assertThat(packet.wantsAnswer()).isFalse();
    assertThat(packet.qn()).isNull();
    assertThat(packet.number(packet.find(bytes("B01-Rtd")))).isEqualTo(3.5);
  }

  @Test
  void versionBitsOf2025AreRecognisedAndItsAdditionsKnown() {
    Hj212Packet packet =
        read("QN=20261207101500123;ST=31;CN=9015;PW=123456;MN=NX01;Flag=9;CP=&&&&");

    assertThat(packet.version()).isEqualTo(Hj212Version.V2025);
    assertThat(packet.fieldCount()).isZero();
    assertThat(packet.version().knows(9015)).isTrue();
    assertThat(Hj212Version.V2017.knows(9015)).isFalse();
  }

  @Test
  void unreadablePacketsAreRefusedWithAReason() {
    Hj212Packet packet = new Hj212Packet();
    assertThat(refusal(packet, "QN=1;ST=31;PW=1;MN=NX01;Flag=5;CP=&&&&")).isEqualTo("no CN");
    assertThat(refusal(packet, "QN=1;ST=31;CN=2011;PW=1;Flag=5;CP=&&&&")).isEqualTo("no MN");
    assertThat(refusal(packet, "ST=31;CN=2011;PW=1;MN=NX01;Flag=5;CP=&&&&")).isEqualTo("no QN");
    assertThat(refusal(packet, "QN=1;ST=31;CN=2011;PW=1;MN=NX01;Flag=5;CP=&&a=1"))
        .isEqualTo("data area not closed by &&");
    assertThat(refusal(packet, "QN=1;ST=31;CN=2011;PW=1;MN=" + "X".repeat(25) + ";CP=&&&&"))
        .isEqualTo("MN longer than 24 characters");
    assertThat(refusal(packet, "QN=1;ST=31;CN=2011")).isEqualTo("no CP=&& data area");
  }

  @Test
  void decimalsAreReadExactlyOrRefused() {
    assertThat(decimal("41.7")).isEqualTo(41.7);
    assertThat(decimal("-0.05")).isEqualTo(-0.05);
    assertThat(decimal("1e3")).isEqualTo(1000.0);
    assertThat(decimal("123456789.123456789")).isEqualTo(123456789.123456789);
    assertThat(decimal("0.1")).isEqualTo(0.1);
    assertThat(decimal("7.000")).isEqualTo(7.0);
    assertThat(decimal("")).isNaN();
    assertThat(decimal("-")).isNaN();
    assertThat(decimal("1.2.3")).isNaN();
    assertThat(decimal("N")).isNaN();
  }

  @Test
  void invalidTimesAreRefused() {
    assertThat(time("20260230101500")).isEqualTo(Long.MIN_VALUE);
    assertThat(time("2026120710150")).isEqualTo(Long.MIN_VALUE);
    assertThat(time("20261207246000")).isEqualTo(Long.MIN_VALUE);
    assertThat(time("20240229000000"))
        .isEqualTo(Instant.parse("2024-02-29T00:00:00Z").toEpochMilli() * 1000);
  }

  @Test
  void checksumMatchesTheBitByBitDefinitionAtEveryLengthAndOffset() {
    java.util.SplittableRandom random = new java.util.SplittableRandom(212);
    for (int length = 0; length < 300; length++) {
      byte[] bytes = new byte[length + 3];
      for (int i = 0; i < bytes.length; i++) {
        bytes[i] = (byte) random.nextInt(256);
      }
      int offset = length % 4;
      int offsetLength = Math.min(length, bytes.length - offset);
      assertThat(Hj212Crc.of(bytes, offset, offsetLength))
          .as("length %d", offsetLength)
          .isEqualTo(bitByBitCrc(bytes, offset, offsetLength));
    }
  }

  @Test
  void checksumPassMarksExactlyTheDelimitersAtEveryLengthAndOffset() {
    java.util.SplittableRandom random = new java.util.SplittableRandom(2017);
    byte[] alphabet = "=;,a0-. &=;,".getBytes(StandardCharsets.US_ASCII);
    Delimiters delimiters = new Delimiters(400);
    for (int length = 0; length < 300; length++) {
      byte[] bytes = new byte[length + 8];
      for (int i = 0; i < bytes.length; i++) {
        bytes[i] =
            random.nextBoolean()
                ? alphabet[random.nextInt(alphabet.length)]
                : (byte) random.nextInt(256);
      }
      int offset = length % 8;
      assertThat(Hj212Crc.of(bytes, offset, length, delimiters))
          .as("checksum, length %d", length)
          .isEqualTo(bitByBitCrc(bytes, offset, length));
      List<Integer> marked = new ArrayList<>();
      for (int at = delimiters.next(); at < offset + length; at = delimiters.next()) {
        marked.add(at);
      }
      List<Integer> expected = new ArrayList<>();
      for (int i = offset; i < offset + length; i++) {
        if (bytes[i] == '=' || bytes[i] == ';' || bytes[i] == ',') {
          expected.add(i);
        }
      }
      assertThat(marked).as("delimiters, length %d", length).isEqualTo(expected);
      delimiters.index(bytes, offset, offset + length);
      marked.clear();
      for (int at = delimiters.next(); at < offset + length; at = delimiters.next()) {
        marked.add(at);
      }
      assertThat(marked).as("delimiters indexed alone, length %d", length).isEqualTo(expected);
    }
  }

  @Test
  void aPacketIsReadFromTheFrameReaderOnlyWhileItHandsAFrameOver() {
    Hj212FrameReader reader = new Hj212FrameReader(4096);
    Hj212Packet packet = new Hj212Packet();
    List<Double> so2 = new ArrayList<>();
    byte[] frame = Hj212Frames.frame(CEMS_2011);
    reader.feed(
        frame,
        0,
        frame.length,
        new Hj212FrameReader.Handler() {
          @Override
          public void onFrame(byte[] buffer, int offset, int length) {
            assertThat(reader.readPacket(packet)).isTrue();
            so2.add(packet.number(packet.find(bytes("a21026-ZsRtd"))));
          }

          @Override
          public void onRejected(Hj212Rejection rejection) {
            rejections.add(rejection);
          }
        });

    assertThat(so2).containsExactly(41.7);
    assertThat(rejections).isEmpty();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> reader.readPacket(packet))
        .isInstanceOf(IllegalStateException.class);
  }

  /** The checksum as the standard writes it: a byte in, then eight shifts. */
  private static int bitByBitCrc(byte[] bytes, int offset, int length) {
    int reg = 0xFFFF;
    for (int i = offset; i < offset + length; i++) {
      reg = (reg >>> 8) ^ (bytes[i] & 0xFF);
      for (int bit = 0; bit < 8; bit++) {
        reg = (reg & 1) != 0 ? (reg >>> 1) ^ 0xA001 : reg >>> 1;
      }
    }
    return reg;
  }

  @Test
  void aCorruptedByteAnywhereInTheFrameIsRefusedByKind() {
    byte[] good = Hj212Frames.frame(CEMS_2011);
    int dataEnd = good.length - 6;
    // position in the frame -> what a wrong byte there is refused as
    int[][] cases = {
      {2, 1}, // length digits
      {8, 2}, // header (QN)
      {90, 2}, // data area
      {dataEnd - 1, 2}, // closing &&
      {dataEnd + 1, 2}, // checksum
      {good.length - 2, 1}, // CR
    };
    for (int[] c : cases) {
      byte[] bad = good.clone();
      bad[c[0]] = (byte) (bad[c[0]] == 'x' ? 'y' : 'x');
      frames.clear();
      rejections.clear();
      Hj212FrameReader reader = new Hj212FrameReader(4096);
      reader.feed(bad, 0, bad.length, collect);
      reader.feed(good, 0, good.length, collect);

      assertThat(rejections)
          .as("byte %d", c[0])
          .first()
          .isEqualTo(c[1] == 1 ? Hj212Rejection.BAD_LENGTH : Hj212Rejection.BAD_CRC);
      assertThat(frames).as("the next frame after byte %d", c[0]).containsExactly(CEMS_2011);
    }
  }

  @Test
  void flagsAreFoundByCodeWhereverTheyStand() {
    Hj212Packet packet =
        read(
            "QN=1;ST=31;CN=2011;PW=1;MN=NX01;Flag=5;CP=&&a21026-Flag=D,a21026-Rtd=1;"
                + "a21002-Rtd=2;a2100-Flag=T;la21002-Flag=T;a21002X-Flag=T;a21002-Flag=;"
                + "w0101801-Rtd=3;w0101801-Flag=M;a00000-Rtd=4&&");

    assertThat((char) packet.flagLetter(packet.find(bytes("a21026-Rtd")))).isEqualTo('D');
    assertThat(packet.flagLetter(packet.find(bytes("a21002-Rtd")))).isEqualTo(-1);
    assertThat((char) packet.flagLetter(packet.find(bytes("w0101801-Rtd")))).isEqualTo('M');
    assertThat(packet.flagLetter(packet.find(bytes("a00000-Rtd")))).isEqualTo(-1);
  }

  @Test
  void numbersWithSignsExponentsAndManyDigitsAreReadExactly() {
    assertThat(decimal("+5")).isEqualTo(5.0);
    assertThat(decimal("-12.500")).isEqualTo(-12.5);
    assertThat(decimal(".5")).isEqualTo(0.5);
    assertThat(decimal("5.")).isEqualTo(5.0);
    assertThat(decimal("2.5E-3")).isEqualTo(0.0025);
    assertThat(decimal("-1.5e+2")).isEqualTo(-150.0);
    assertThat(decimal("0.000000000000000000000000123")).isEqualTo(1.23e-25);
    assertThat(decimal("9007199254740993")).isEqualTo(9007199254740993.0);
    assertThat(decimal("12345678901234567890123")).isEqualTo(1.2345678901234568e22);
    assertThat(decimal("1e400")).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(decimal("0.1e-30")).isEqualTo(1e-31);
    assertThat(decimal("1e")).isNaN();
    assertThat(decimal("1e+")).isNaN();
    assertThat(decimal("1e12345")).isNaN();
    assertThat(decimal("1x")).isNaN();
    assertThat(decimal(".")).isNaN();
    assertThat(decimal("+")).isNaN();
  }

  @Test
  void timesAtTheEdgesOfDaysMonthsAndYearsAreRead() {
    assertThat(time("19700101000000")).isZero();
    assertThat(time("20261231235959"))
        .isEqualTo(Instant.parse("2026-12-31T23:59:59Z").toEpochMilli() * 1000);
    assertThat(time("21000229000000")).isEqualTo(Long.MIN_VALUE);
    assertThat(time("20000229120000"))
        .isEqualTo(Instant.parse("2000-02-29T12:00:00Z").toEpochMilli() * 1000);
    assertThat(time("19691231235959")).isEqualTo(Long.MIN_VALUE);
    assertThat(time("20261301000000")).isEqualTo(Long.MIN_VALUE);
    assertThat(time("20261200000000")).isEqualTo(Long.MIN_VALUE);
    assertThat(time("20261207105960")).isEqualTo(Long.MIN_VALUE);
    assertThat(time("2026120710150x")).isEqualTo(Long.MIN_VALUE);
    assertThat(time("-0261207101500")).isEqualTo(Long.MIN_VALUE);
    // the bytes next to the digits, in every position: digits are checked eight bytes at a time
    for (int at = 0; at < 14; at++) {
      for (char notDigit : new char[] {'/', ':', '?', '@', 'p', ' ', '\u007f'}) {
        StringBuilder text = new StringBuilder("20261207101500");
        text.setCharAt(at, notDigit);
        assertThat(time(text.toString())).as(text.toString()).isEqualTo(Long.MIN_VALUE);
      }
    }
  }

  private static double decimal(String text) {
    byte[] b = bytes(text);
    return Hj212Text.parseDecimal(b, 0, b.length);
  }

  private static long time(String text) {
    byte[] b = bytes(text);
    return Hj212Text.parseTimeMicros(b, 0, b.length, 0);
  }

  private static String refusal(Hj212Packet packet, String segment) {
    byte[] b = bytes(segment);
    assertThat(packet.read(b, 0, b.length)).isFalse();
    return packet.problem();
  }

  private static Hj212Packet read(String segment) {
    Hj212Packet packet = new Hj212Packet();
    byte[] b = bytes(segment);
    assertThat(packet.read(b, 0, b.length)).as(packet.problem()).isTrue();
    return packet;
  }

  private void feed(Hj212FrameReader reader, String text) {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    reader.feed(b, 0, b.length, collect);
  }

  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] both = new byte[a.length + b.length];
    System.arraycopy(a, 0, both, 0, a.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both;
  }

  @Test
  void eachValueTakesTheFlagOfItsCodeWhereverTheFlagStands() {
    Hj212Packet packet =
        read(
            "QN=20261207101500123;ST=31;CN=2011;PW=1;MN=6401;Flag=5;CP=&&DataTime=20261207101500;"
                + "a21026-Flag=D,a21026-Rtd=1;a21002-Rtd=2,a21002-ZsRtd=3,a21002-Flag=C;"
                + "a34013-Rtd=4;a19001-Rtd=5,a19001-Flag=;a19001-Flag=T;a01012-Rtd=6&&");

    assertThat((char) packet.flagLetter(packet.find(bytes("a21026-Rtd"))))
        .as("flag before the value")
        .isEqualTo('D');
    assertThat((char) packet.flagLetter(packet.find(bytes("a21002-Rtd")))).isEqualTo('C');
    assertThat((char) packet.flagLetter(packet.find(bytes("a21002-ZsRtd")))).isEqualTo('C');
    assertThat(packet.flagLetter(packet.find(bytes("a34013-Rtd")))).as("no flag").isEqualTo(-1);
    assertThat((char) packet.flagLetter(packet.find(bytes("a19001-Rtd"))))
        .as("an empty flag is no flag")
        .isEqualTo('T');
    assertThat(packet.flagLetter(packet.find(bytes("a01012-Rtd")))).isEqualTo(-1);
  }
}
