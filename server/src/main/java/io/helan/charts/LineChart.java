package io.helan.charts;

import java.awt.BasicStroke;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.util.List;

/**
 * Lines against a horizontal axis from {@code xFrom} to {@code xTo} and a value axis from 0 to the
 * scale's top, with a grey grid line at every step of the scale. A NaN value breaks the line; a
 * point with no neighbour is drawn as a dot so that it shows.
 */
public final class LineChart {
  static final int WIDTH = 800;
  static final int HEIGHT = 320;
  static final int MARGIN = 20;

  private LineChart() {}

  public static byte[] png(List<Line> lines, double xFrom, double xTo, Scale scale) {
    Canvas canvas = new Canvas(WIDTH, HEIGHT);
    Graphics2D g = canvas.graphics();
    g.setStroke(new BasicStroke(1f));
    g.setColor(Palette.GRID);
    for (double v = scale.step(); v <= scale.top() + scale.step() / 2; v += scale.step()) {
      g.draw(new Line2D.Double(MARGIN, y(scale, v), WIDTH - MARGIN, y(scale, v)));
    }
    g.setColor(Palette.AXIS);
    g.draw(new Line2D.Double(MARGIN, MARGIN, MARGIN, HEIGHT - MARGIN));
    g.draw(new Line2D.Double(MARGIN, HEIGHT - MARGIN, WIDTH - MARGIN, HEIGHT - MARGIN));
    g.setStroke(new BasicStroke(2f));
    double span = xTo > xFrom ? xTo - xFrom : 1;
    for (Line line : lines) {
      g.setColor(line.colour());
      Path2D path = new Path2D.Double();
      boolean drawing = false;
      for (int i = 0; i < line.x().length; i++) {
        double value = line.y()[i];
        if (!Double.isFinite(value)) {
          drawing = false;
          continue;
        }
        double x = x(line.x()[i], xFrom, span);
        double y = y(scale, value);
        boolean alone = !drawing && (i + 1 == line.y().length || !Double.isFinite(line.y()[i + 1]));
        if (alone) {
          g.fill(new Ellipse2D.Double(x - 2.5, y - 2.5, 5, 5));
        } else if (drawing) {
          path.lineTo(x, y);
        } else {
          path.moveTo(x, y);
        }
        drawing = true;
      }
      g.draw(path);
    }
    return canvas.png();
  }

  /** The pixel column of x. */
  static double x(double x, double xFrom, double span) {
    return MARGIN + (x - xFrom) / span * (WIDTH - 2 * MARGIN);
  }

  /** The pixel row of a value. */
  static double y(Scale scale, double value) {
    return HEIGHT - MARGIN - scale.fraction(value) * (HEIGHT - 2 * MARGIN);
  }
}
