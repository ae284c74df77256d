package io.helan.driver.hj212;

import java.nio.charset.StandardCharsets;

/**
 * Reads numbers and times out of a data segment in place, without allocating on the common path.
 */
final class Hj212Text {
  private static final double[] POWERS_OF_TEN = new double[23];
  private static final long MICROS_PER_SECOND = 1_000_000L;

  /** 2^53: every long up to it is exactly a double. */
  private static final long MAX_EXACT_MANTISSA = 1L << 53;

  static {
    double power = 1;
    for (int i = 0; i < POWERS_OF_TEN.length; i++) {
      POWERS_OF_TEN[i] = power;
      power *= 10;
    }
  }

  private Hj212Text() {}

  /**
   * The decimal number in {@code [from, to)} ({@code -12.5}, {@code 3e2}), or NaN if it is not one.
   * The digits are read into one long mantissa and a decimal scale; when the mantissa is below 2^53
   * and the scale within ±22, both are exact doubles and one multiplication or division rounds the
   * result exactly. Other numbers (more than 18 digits, huge exponents) fall back to {@link
   * Double#parseDouble}.
   */
  static double parseDecimal(byte[] bytes, int from, int to) {
    int i = from;
    if (i >= to) {
      return Double.NaN;
    }
    boolean negative = bytes[i] == '-';
    if (negative || bytes[i] == '+') {
      i++;
    }
    long mantissa = 0;
    int digitsFrom = i;
    int d;
    while (i < to && (d = bytes[i] - '0') >= 0 && d <= 9) {
      mantissa = mantissa * 10 + d;
      i++;
    }
    int digits = i - digitsFrom;
    int scale = 0;
    if (i < to && bytes[i] == '.') {
      int fractionFrom = ++i;
      while (i < to && (d = bytes[i] - '0') >= 0 && d <= 9) {
        mantissa = mantissa * 10 + d;
        i++;
      }
      scale = fractionFrom - i;
      digits -= scale;
    }
    if (digits == 0) {
      return Double.NaN;
    }
    if (i < to) {
      int exponent = exponent(bytes, i, to);
      if (exponent == Integer.MIN_VALUE) {
        return Double.NaN;
      }
      scale += exponent;
    }
    if (digits > 18 || mantissa > MAX_EXACT_MANTISSA || scale < -22 || scale > 22) {
      return slowPath(bytes, from, to);
    }
    double value = scale >= 0 ? mantissa * POWERS_OF_TEN[scale] : mantissa / POWERS_OF_TEN[-scale];
    return negative ? -value : value;
  }

  /**
   * The exponent {@code e-3}, {@code E+12} at {@code [from, to)}, at most four digits, or {@link
   * Integer#MIN_VALUE} if that is not what is there.
   */
  private static int exponent(byte[] bytes, int from, int to) {
    int i = from;
    if (bytes[i] != 'e' && bytes[i] != 'E') {
      return Integer.MIN_VALUE;
    }
    i++;
    boolean negative = i < to && bytes[i] == '-';
    if (i < to && (bytes[i] == '-' || bytes[i] == '+')) {
      i++;
    }
    if (i >= to || to - i > 4) {
      return Integer.MIN_VALUE;
    }
    int exponent = parseSmallInt(bytes, i, to);
    if (exponent < 0) {
      return Integer.MIN_VALUE;
    }
    return negative ? -exponent : exponent;
  }

  private static double slowPath(byte[] bytes, int from, int to) {
    try {
      return Double.parseDouble(new String(bytes, from, to - from, StandardCharsets.US_ASCII));
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  /** The non-negative integer of at most 9 digits in {@code [from, to)}, or -1 if it is not one. */
  static int parseSmallInt(byte[] bytes, int from, int to) {
    if (from >= to || to - from > 9) {
      return -1;
    }
    int value = 0;
    for (int i = from; i < to; i++) {
      int b = bytes[i];
      if (b < '0' || b > '9') {
        return -1;
      }
      value = value * 10 + (b - '0');
    }
    return value;
  }

  /**
   * The time {@code YYYYMMDDhhmmss} in {@code [from, to)}, read in the zone {@code offsetSeconds}
   * east of UTC, as microseconds since the epoch; {@link Long#MIN_VALUE} if it is not a valid time.
   */
  static long parseTimeMicros(byte[] bytes, int from, int to, int offsetSeconds) {
    if (to - from != 14) {
      return Long.MIN_VALUE;
    }
    for (int i = from; i < to; i++) {
      if (bytes[i] < '0' || bytes[i] > '9') {
        return Long.MIN_VALUE;
      }
    }
    int year = twoDigits(bytes, from) * 100 + twoDigits(bytes, from + 2);
    int month = twoDigits(bytes, from + 4);
    int day = twoDigits(bytes, from + 6);
    int hour = twoDigits(bytes, from + 8);
    int minute = twoDigits(bytes, from + 10);
    int second = twoDigits(bytes, from + 12);
    if (year < 1970
        || month < 1
        || month > 12
        || day < 1
        || day > daysInMonth(year, month)
        || hour < 0
        || hour > 23
        || minute < 0
        || minute > 59
        || second < 0
        || second > 59) {
      return Long.MIN_VALUE;
    }
    long seconds =
        daysFromCivil(year, month, day) * 86_400L + hour * 3_600L + minute * 60L + second;
    return (seconds - offsetSeconds) * MICROS_PER_SECOND;
  }

  /** The two decimal digits at {@code at}, already checked to be digits. */
  private static int twoDigits(byte[] bytes, int at) {
    return (bytes[at] - '0') * 10 + (bytes[at + 1] - '0');
  }

  private static int daysInMonth(int year, int month) {
    return switch (month) {
      case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
      case 4, 6, 9, 11 -> 30;
      default -> 31;
    };
  }

  /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
  private static long daysFromCivil(int year, int month, int day) {
    int y = month <= 2 ? year - 1 : year;
    int era = y / 400;
    int yearOfEra = y - era * 400;
    int dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146_097L + dayOfEra - 719_468L;
  }
}
