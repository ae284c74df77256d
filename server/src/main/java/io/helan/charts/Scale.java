package io.helan.charts;

import java.util.Locale;

/**
 * A value axis from 0 to {@code top} with a grid line every {@code step}: a step of 1, 2 or 5 times
 * a power of ten giving at most {@value #MAX_LINES} lines, so the caption can say the scale in
 * words ("grid lines every 20 µg/m³").
 *
 * @param top the value at the far end of the axis (a whole number of steps)
 * @param step the distance between grid lines
 */
public record Scale(double top, double step) {
  static final int MAX_LINES = 10;

  public Scale {
    if (!(top > 0) || !(step > 0) || !Double.isFinite(top)) {
      throw new IllegalArgumentException("a scale needs a positive top and step");
    }
  }

  /** The scale from 0 that holds {@code highest} (0, negative or NaN: a scale to 1). */
  public static Scale upTo(double highest) {
    if (!(highest > 0) || !Double.isFinite(highest)) {
      return new Scale(1, 0.1);
    }
    double power = Math.pow(10, Math.floor(Math.log10(highest / MAX_LINES)));
    for (double factor : new double[] {1, 2, 5, 10}) {
      double step = factor * power;
      if (highest / step <= MAX_LINES) {
        return new Scale(Math.ceil(highest / step - 1e-9) * step, step);
      }
    }
    throw new AssertionError("unreachable: a step of 10 × power always fits");
  }

  /** The highest finite value of the rows (NaN and infinities left out); 0 when none. */
  public static double highest(double[]... values) {
    double highest = 0;
    for (double[] row : values) {
      for (double value : row) {
        if (Double.isFinite(value)) {
          highest = Math.max(highest, value);
        }
      }
    }
    return highest;
  }

  /** The step as text, without trailing zeros (20, 0.5, 2.5). */
  public String stepText() {
    return text(step);
  }

  public String topText() {
    return text(top);
  }

  private static String text(double value) {
    return String.format(Locale.ROOT, "%.6f", value).replaceAll("\\.?0+$", "");
  }

  /** How far along the axis the value sits: 0 at 0, 1 at the top. */
  double fraction(double value) {
    return value / top;
  }
}
