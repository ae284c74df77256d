package io.helan.charts;

import java.awt.BasicStroke;
import java.awt.Graphics2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.util.List;

/**
 * Horizontal bars, one under the other in the order given (the first at the top), from a common
 * base at the left to their length on the scale, with a grey grid line at every step of the scale.
 */
public final class BarChart {
  static final int WIDTH = 800;
  static final int MARGIN = 20;
  static final int ROW = 16;
  static final int BAR = 12;

  private BarChart() {}

  public static byte[] png(List<Bar> bars, Scale scale) {
    int height = 2 * MARGIN + Math.max(1, bars.size()) * ROW;
    Canvas canvas = new Canvas(WIDTH, height);
    Graphics2D g = canvas.graphics();
    g.setStroke(new BasicStroke(1f));
    g.setColor(Palette.GRID);
    for (double v = scale.step(); v <= scale.top() + scale.step() / 2; v += scale.step()) {
      g.draw(new Line2D.Double(x(scale, v), MARGIN, x(scale, v), height - MARGIN));
    }
    for (int b = 0; b < bars.size(); b++) {
      double top = top(b);
      double start = 0;
      for (Bar.Part part : bars.get(b).parts()) {
        if (!(part.value() > 0)) {
          continue;
        }
        g.setColor(part.colour());
        g.fill(
            new Rectangle2D.Double(
                x(scale, start), top, x(scale, start + part.value()) - x(scale, start), BAR));
        start += part.value();
      }
    }
    g.setColor(Palette.AXIS);
    g.draw(new Line2D.Double(MARGIN, MARGIN, MARGIN, height - MARGIN));
    return canvas.png();
  }

  /** The pixel column of a value. */
  static double x(Scale scale, double value) {
    return MARGIN + scale.fraction(value) * (WIDTH - 2 * MARGIN);
  }

  /** The top pixel row of the n-th bar. */
  static double top(int n) {
    return MARGIN + n * ROW + (ROW - BAR) / 2.0;
  }
}
