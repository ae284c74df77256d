package io.helan.driver.hj212;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A view of one data segment ({@code QN=..;ST=..;CN=..;PW=..;MN=..;Flag=..;CP=&&...&&}) read in
 * place: header values and data fields are offsets into the frame's bytes, so reading a packet
 * allocates nothing. One instance per reading thread, reused for every packet; valid until the next
 * {@link #read}.
 *
 * <p>Tolerant of the field's known quirks: {@code ,} for {@code ;}, a missing {@code ;} before
 * {@code CP}, spaces around names and values and after {@code &&}, unknown keys (ignored), and 2005
 * packets without QN and Flag. Strict where a guess could store wrong data: a packet without CN,
 * without MN or with an MN longer than 24 characters, a 2017 packet without QN, or a data area not
 * closed by {@code &&} is refused.
 */
public final class Hj212Packet {
  /** Data fields per packet at most; a full 9999-byte segment of short fields could hold more. */
  public static final int MAX_FIELDS = 1024;

  /** The longest data segment: its length has four digits. */
  public static final int MAX_LENGTH = 9999;

  private static final int MAX_MN_LENGTH = 24;
  private static final byte[] CP_OPEN = "CP=&&".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] DASH_FLAG = "-Flag".getBytes(StandardCharsets.US_ASCII);
  private static final long DASH_FLAG_WORD = ByteSearch.word(DASH_FLAG, 0, DASH_FLAG.length);

  /** The delimiters this packet marks itself, when no frame reader marked them. */
  private final Delimiters ownDelimiters = new Delimiters(MAX_LENGTH);

  private Delimiters delimiters = ownDelimiters;
  private final int[] keyFrom = new int[MAX_FIELDS];

  /** Of each {@code <code>-Flag} field, the first eight bytes of its code as one number. */
  private final long[] flagCodeWord = new long[MAX_FIELDS];

  private final int[] keyTo = new int[MAX_FIELDS];

  /** Whether a field is the {@code <code>-Flag} of its code. */
  private final boolean[] isFlag = new boolean[MAX_FIELDS];

  private final int[] valueFrom = new int[MAX_FIELDS];
  private final int[] valueTo = new int[MAX_FIELDS];
  private byte[] bytes = new byte[0];

  private int fieldCount;
  private int qnFrom;
  private int qnTo;
  private int pwFrom;
  private int pwTo;
  private int mnFrom;
  private int mnTo;
  private int st;
  private int cn;
  private int flag;
  private int pnum;
  private int pno;
  private Hj212Version version = Hj212Version.V2017;
  private String problem;

  /**
   * Reads the data segment {@code [offset, offset + length)} of {@code bytes}, which must stay
   * unchanged while the packet is used.
   *
   * @return whether it is a readable packet; if not, {@link #problem()} says why
   */
  public boolean read(byte[] bytes, int offset, int length) {
    if (length <= MAX_LENGTH) {
      ownDelimiters.index(bytes, offset, offset + length);
    }
    return read(bytes, offset, length, ownDelimiters);
  }

  /** {@link #read(byte[], int, int)} with the segment's delimiters marked already. */
  boolean read(byte[] bytes, int offset, int length, Delimiters delimiters) {
    this.bytes = bytes;
    this.delimiters = delimiters;
    fieldCount = 0;
    qnFrom = qnTo = pwFrom = pwTo = mnFrom = mnTo = -1;
    st = cn = flag = pnum = pno = -1;
    problem = null;
    if (length > MAX_LENGTH) {
      return refuse("longer than " + MAX_LENGTH + " bytes");
    }
    int end = offset + length;
    int dataArea = readHeader(offset, end);
    if (dataArea < 0) {
      return refuse("no CP=&& data area");
    }
    int close = lastDoubleAmpersand(dataArea, end);
    if (close < 0) {
      return refuse("data area not closed by &&");
    }
    if (!readFields(dataArea, close)) {
      return refuse("more than " + MAX_FIELDS + " data fields");
    }
    if (cn < 0) {
      return refuse("no CN");
    }
    if (mnFrom < 0 || mnTo == mnFrom) {
      return refuse("no MN");
    }
    if (mnTo - mnFrom > MAX_MN_LENGTH) {
      return refuse("MN longer than 24 characters");
    }
    version = Hj212Version.ofFlag(flag);
    if (version.requiresQn() && qnFrom < 0) {
      return refuse("no QN");
    }
    return true;
  }

  private boolean refuse(String why) {
    problem = why;
    return false;
  }

  /** Why the last {@link #read} refused the packet, or null. */
  public String problem() {
    return problem;
  }

  /**
   * Reads header fields up to {@code CP=}; returns where the data area starts (after CP=&&). A
   * value ends at {@code ;} or {@code ,}, or where {@code CP=&&} follows it without one; it runs
   * over any other {@code =}.
   */
  private int readHeader(int from, int end) {
    int i = from;
    while (true) {
      int kTo = delimiters.next();
      if (kTo >= end) {
        return -1;
      }
      if (bytes[kTo] != '=') {
        i = kTo + 1;
        continue;
      }
      int kFrom = skipSpaces(i, kTo);
      int kEnd = trimEnd(kFrom, kTo);
      if (kEnd - kFrom == 2 && bytes[kFrom] == 'C' && bytes[kFrom + 1] == 'P') {
        return openDataArea(kTo + 1, end);
      }
      int vFrom = skipSpaces(kTo + 1, end);
      int vTo = delimiters.next();
      while (vTo < end && bytes[vTo] == '=') {
        if (vTo - 2 >= vFrom && startsCp(vTo - 2, end)) {
          header(kFrom, kEnd, vFrom, trimEnd(vFrom, vTo - 2));
          return openDataArea(vTo + 1, end);
        }
        vTo = delimiters.next();
      }
      header(kFrom, kEnd, vFrom, trimEnd(vFrom, vTo));
      i = vTo + 1;
    }
  }

  /** After {@code CP=}: spaces, then {@code &&}; returns the first byte of the data area. */
  private int openDataArea(int from, int end) {
    int i = skipSpaces(from, end);
    if (i + 1 < end && bytes[i] == '&' && bytes[i + 1] == '&') {
      return i + 2;
    }
    return -1;
  }

  private boolean startsCp(int at, int end) {
    if (at + CP_OPEN.length > end || bytes[at] != 'C') {
      return false;
    }
    for (int k = 1; k < CP_OPEN.length; k++) {
      if (bytes[at + k] != CP_OPEN[k]) {
        return false;
      }
    }
    return true;
  }

  private void header(int kFrom, int kTo, int vFrom, int vTo) {
    switch (kTo - kFrom) {
      case 2 -> {
        byte a = bytes[kFrom];
        byte b = bytes[kFrom + 1];
        if (a == 'Q' && b == 'N') {
          qnFrom = vFrom;
          qnTo = vTo;
        } else if (a == 'S' && b == 'T') {
          st = Hj212Text.parseSmallInt(bytes, vFrom, vTo);
        } else if (a == 'C' && b == 'N') {
          cn = Hj212Text.parseSmallInt(bytes, vFrom, vTo);
        } else if (a == 'P' && b == 'W') {
          pwFrom = vFrom;
          pwTo = vTo;
        } else if (a == 'M' && b == 'N') {
          mnFrom = vFrom;
          mnTo = vTo;
        }
      }
      case 3 -> {
        if (is(kFrom, kTo, "PNO")) {
          pno = Hj212Text.parseSmallInt(bytes, vFrom, vTo);
        }
      }
      case 4 -> {
        if (is(kFrom, kTo, "Flag")) {
          flag = Hj212Text.parseSmallInt(bytes, vFrom, vTo);
        } else if (is(kFrom, kTo, "PNUM")) {
          pnum = Hj212Text.parseSmallInt(bytes, vFrom, vTo);
        }
      }
      default -> {
        // unknown header keys are ignored
      }
    }
  }

  /** The start of the last {@code &&} at or after {@code from}, trailing spaces aside, or -1. */
  private int lastDoubleAmpersand(int from, int end) {
    int last = trimEnd(from, end);
    if (last - from >= 2 && bytes[last - 1] == '&' && bytes[last - 2] == '&') {
      return last - 2;
    }
    return -1;
  }

  /**
   * Reads the {@code name=value} items of the data area: each item ends at {@code ;} or {@code ,},
   * its name at its first {@code =}. Items without {@code =} or without a name are skipped.
   */
  private boolean readFields(int from, int to) {
    int i = from;
    while (true) {
      int equals = delimiters.next();
      if (equals >= to) {
        return true;
      }
      if (bytes[equals] != '=') {
        i = equals + 1;
        continue;
      }
      int itemEnd = delimiters.next();
      while (itemEnd < to && bytes[itemEnd] == '=') {
        itemEnd = delimiters.next();
      }
      if (!addField(i, equals, Math.min(itemEnd, to))) {
        return false;
      }
      i = itemEnd + 1;
    }
  }

  /** Adds the field of the item {@code [from, to)} with its {@code =} at {@code equals}. */
  private boolean addField(int from, int equals, int to) {
    int nameFrom = skipSpaces(from, equals);
    int nameTo = trimEnd(nameFrom, equals);
    if (nameTo == nameFrom) {
      return true;
    }
    if (fieldCount == MAX_FIELDS) {
      return false;
    }
    int f = fieldCount++;
    keyFrom[f] = nameFrom;
    keyTo[f] = nameTo;
    valueFrom[f] = skipSpaces(equals + 1, to);
    valueTo[f] = trimEnd(valueFrom[f], to);
    int codeLength = nameTo - nameFrom - DASH_FLAG.length;
    isFlag[f] =
        codeLength >= 0
            && ByteSearch.word(bytes, nameTo - DASH_FLAG.length, DASH_FLAG.length)
                == DASH_FLAG_WORD;
    if (isFlag[f]) {
      flagCodeWord[f] = ByteSearch.word(bytes, nameFrom, codeLength);
    }
    return true;
  }

  private int skipSpaces(int from, int end) {
    int i = from;
    while (i < end && bytes[i] == ' ') {
      i++;
    }
    return i;
  }

  private int trimEnd(int from, int to) {
    int i = to;
    while (i > from && bytes[i - 1] == ' ') {
      i--;
    }
    return i;
  }

  private boolean is(int from, int to, String ascii) {
    if (to - from != ascii.length()) {
      return false;
    }
    for (int k = 0; k < ascii.length(); k++) {
      if (bytes[from + k] != ascii.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  private boolean equalsBytes(int from, int to, byte[] other) {
    if (to - from != other.length) {
      return false;
    }
    for (int k = 0; k < other.length; k++) {
      if (bytes[from + k] != other[k]) {
        return false;
      }
    }
    return true;
  }

  private String text(int from, int to) {
    return from < 0 ? null : new String(bytes, from, to - from, StandardCharsets.UTF_8);
  }

  // --- header ------------------------------------------------------------------------------

  /** The command number (2011, 9014, ...). */
  public int cn() {
    return cn;
  }

  /** The system code (31 flue gas, 32 wastewater, 91 system interaction), or -1 if absent. */
  public int st() {
    return st;
  }

  /** The Flag, or -1 if the packet has none (2005). */
  public int flag() {
    return flag;
  }

  public Hj212Version version() {
    return version;
  }

  /** Whether the sender asks for an answer (Flag bit 0). */
  public boolean wantsAnswer() {
    return flag >= 0 && (flag & 1) != 0;
  }

  /** Number of packets of a split message (PNUM), or -1. */
  public int packetCount() {
    return pnum;
  }

  /** Number of this packet in a split message (PNO), or -1. */
  public int packetNumber() {
    return pno;
  }

  public boolean mnEquals(byte[] mn) {
    return equalsBytes(mnFrom, mnTo, mn);
  }

  public boolean passwordEquals(byte[] password) {
    return pwFrom >= 0 && equalsBytes(pwFrom, pwTo, password);
  }

  /** The device's station code; allocates. */
  public String mn() {
    return text(mnFrom, mnTo);
  }

  /** The request id, or null for a 2005 packet without one; allocates. */
  public String qn() {
    return text(qnFrom, qnTo);
  }

  /** The password as sent, or null; allocates. */
  public String password() {
    return text(pwFrom, pwTo);
  }

  // --- data area ---------------------------------------------------------------------------

  /** Number of {@code name=value} fields in the data area. */
  public int fieldCount() {
    return fieldCount;
  }

  /** Index of the first field named {@code name}, or -1. */
  public int find(byte[] name) {
    for (int i = 0; i < fieldCount; i++) {
      if (equalsBytes(keyFrom[i], keyTo[i], name)) {
        return i;
      }
    }
    return -1;
  }

  /** A hash of field {@code i}'s name, {@link ByteSearch#hash} of its bytes. */
  long nameHash(int i) {
    return ByteSearch.hash(bytes, keyFrom[i], keyTo[i]);
  }

  /** Whether field {@code i} is named {@code name}. */
  public boolean nameEquals(int i, byte[] name) {
    return equalsBytes(keyFrom[i], keyTo[i], name);
  }

  /**
   * Whether field {@code i} is named {@code name} but for the one letter before a code's digits
   * ({@code 01018-Rtd} for {@code w01018-Rtd}), a quirk of devices that copied the standard's
   * typos.
   */
  public boolean nameEqualsWithoutLetter(int i, byte[] name) {
    return name.length > 1
        && Character.isLetter(name[0])
        && name[1] >= '0'
        && name[1] <= '9'
        && keyTo[i] - keyFrom[i] == name.length - 1
        && Arrays.equals(bytes, keyFrom[i], keyTo[i], name, 1, name.length);
  }

  /** Whether field {@code i} is the {@code <code>-Flag} of a code (its value a flag letter). */
  public boolean isFlag(int i) {
    return isFlag[i];
  }

  /** Field {@code i}'s value as a number, or NaN if it is not one. */
  public double number(int i) {
    return Hj212Text.parseDecimal(bytes, valueFrom[i], valueTo[i]);
  }

  /** Field {@code i}'s value as a time {@code YYYYMMDDhhmmss}, or {@link Long#MIN_VALUE}. */
  public long timeMicros(int i, int utcOffsetSeconds) {
    return Hj212Text.parseTimeMicros(bytes, valueFrom[i], valueTo[i], utcOffsetSeconds);
  }

  /** Field {@code i}'s value as an integer of up to 9 digits, or -1. */
  public int integer(int i) {
    return Hj212Text.parseSmallInt(bytes, valueFrom[i], valueTo[i]);
  }

  /**
   * The data flag letter of field {@code i} ({@code N}, {@code C}, ...): the value of the {@code
   * <code>-Flag} field of the same code, or -1 if there is none.
   */
  public int flagLetter(int i) {
    // the flag usually follows the values of its code: look there first, then wrap around
    for (int n = 1; n < fieldCount; n++) {
      int j = i + n < fieldCount ? i + n : i + n - fieldCount;
      if (isFlag[j] && isFlagOf(j, i) && valueTo[j] > valueFrom[j]) {
        return bytes[valueFrom[j]];
      }
    }
    return -1;
  }

  /** Whether the {@code <code>-Flag} field {@code flag} is of the code that field {@code i} has. */
  private boolean isFlagOf(int flag, int i) {
    int codeLength = keyTo[flag] - keyFrom[flag] - DASH_FLAG.length;
    int code = keyFrom[i];
    return keyTo[i] - code > codeLength
        && bytes[code + codeLength] == '-'
        && ByteSearch.word(bytes, code, codeLength) == flagCodeWord[flag]
        && (codeLength <= Long.BYTES || sameBytes(keyFrom[flag], code, codeLength));
  }

  /** Whether the {@code length} bytes at {@code a} and at {@code b} are the same. */
  private boolean sameBytes(int a, int b, int length) {
    for (int k = 0; k < length; k++) {
      if (bytes[a + k] != bytes[b + k]) {
        return false;
      }
    }
    return true;
  }

  /** Field {@code i}'s name; allocates. */
  public String name(int i) {
    return text(keyFrom[i], keyTo[i]);
  }

  /** Field {@code i}'s value as text; allocates. */
  public String value(int i) {
    return text(valueFrom[i], valueTo[i]);
  }
}
