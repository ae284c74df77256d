package io.helan.charts;

import java.awt.Color;

/**
 * One line of a {@link LineChart}: points (x, y) in order of x; a NaN y is a gap in the line.
 *
 * @param colour the line's colour
 * @param x where each point sits along the horizontal axis (a time in ms, an hour's number)
 * @param y its value
 */
public record Line(Color colour, double[] x, double[] y) {
  public Line {
    if (x.length != y.length) {
      throw new IllegalArgumentException(
          "a line needs as many x as y, not " + x.length + " and " + y.length);
    }
  }
}
