package io.helan.emergency;

import io.helan.dispersion.LocalFrame;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * The pictures of an incident report, drawn with the JDK's Java2D and written as PNG by its ImageIO
 * (no library beyond the JDK, no font needed: the pictures carry no text, their captions and
 * legends are the report's own text). The map: the planning-zone rings around the release point,
 * the plume estimate's contours, the radiation stations coloured by dose-rate band and the vehicles
 * where they last reported. The trends: each station's dose rate over the incident, one line per
 * station in the colour the report's table gives it.
 */
final class ReportImages {
  static final Color ALARM = new Color(0xff3b30);
  static final Color INVESTIGATION = new Color(0xff9500);
  static final Color NORMAL = new Color(0x8d9399);
  static final Color NO_DATA = new Color(0x5a6066);
  private static final Color BACKGROUND = Color.WHITE;
  private static final Color RING = new Color(0xa7adb3);
  private static final Color PLUME = new Color(0xd81b90);
  static final Color VEHICLE = new Color(0x1565c0);
  private static final Color AXIS = new Color(0x666666);

  /** Colours that tell trend lines apart, in order. */
  static final List<Color> SERIES =
      List.of(
          new Color(0x1f77b4),
          new Color(0xd62728),
          new Color(0x2ca02c),
          new Color(0x9467bd),
          new Color(0xff7f0e),
          new Color(0x8c564b),
          new Color(0xe377c2),
          new Color(0x17becf));

  private ReportImages() {}

  /** A place on the map with its colour. */
  record Dot(double latitude, double longitude, Color colour) {}

  /** One line of a trend chart: times (epoch ms) and values. */
  record Series(Color colour, long[] times, double[] values) {}

  /**
   * The map around the release point, {@code radiusKm} from its centre to its edges.
   *
   * @param contours segments {lat1, lon1, lat2, lon2} of the estimate's contours
   */
  static byte[] map(
      double latitude,
      double longitude,
      double radiusKm,
      List<Double> ringsKm,
      List<double[]> contours,
      List<Dot> stations,
      List<Dot> vehicles) {
    int size = 640;
    BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = graphics(image);
    LocalFrame frame = new LocalFrame(latitude, longitude);
    double scale = size / 2.0 / (radiusKm * 1000);
    double centre = size / 2.0;
    g.setColor(RING);
    g.setStroke(
        new BasicStroke(
            1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0));
    for (double km : ringsKm) {
      double r = km * 1000 * scale;
      g.draw(new Ellipse2D.Double(centre - r, centre - r, 2 * r, 2 * r));
    }
    g.setColor(PLUME);
    g.setStroke(new BasicStroke(2f));
    for (double[] s : contours) {
      g.draw(
          new Line2D.Double(
              centre + frame.east(s[0], s[1]) * scale,
              centre - frame.north(s[0]) * scale,
              centre + frame.east(s[2], s[3]) * scale,
              centre - frame.north(s[2]) * scale));
    }
    // the release point
    g.setColor(PLUME);
    g.fill(new Ellipse2D.Double(centre - 6, centre - 6, 12, 12));
    g.setStroke(new BasicStroke(1f));
    for (Dot station : stations) {
      double x = centre + frame.east(station.latitude(), station.longitude()) * scale;
      double y = centre - frame.north(station.latitude()) * scale;
      Ellipse2D dot = new Ellipse2D.Double(x - 7, y - 7, 14, 14);
      g.setColor(station.colour());
      g.fill(dot);
      g.setColor(Color.BLACK);
      g.draw(dot);
    }
    for (Dot vehicle : vehicles) {
      double x = centre + frame.east(vehicle.latitude(), vehicle.longitude()) * scale;
      double y = centre - frame.north(vehicle.latitude()) * scale;
      Path2D triangle = new Path2D.Double();
      triangle.moveTo(x, y - 9);
      triangle.lineTo(x + 8, y + 6);
      triangle.lineTo(x - 8, y + 6);
      triangle.closePath();
      g.setColor(vehicle.colour());
      g.fill(triangle);
      g.setColor(Color.BLACK);
      g.draw(triangle);
    }
    g.dispose();
    return png(image);
  }

  /** Dose rate against time, every series on one pair of axes from 0 to the highest value. */
  static byte[] trends(List<Series> series, long from, long to) {
    int width = 800;
    int height = 320;
    int margin = 20;
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = graphics(image);
    double top = 0;
    for (Series s : series) {
      for (double v : s.values()) {
        top = Math.max(top, v);
      }
    }
    top = top <= 0 ? 1 : top * 1.1;
    double span = Math.max(1, to - from);
    g.setColor(AXIS);
    g.setStroke(new BasicStroke(1f));
    g.draw(new Line2D.Double(margin, margin, margin, height - margin));
    g.draw(new Line2D.Double(margin, height - margin, width - margin, height - margin));
    g.setStroke(new BasicStroke(2f));
    for (Series s : series) {
      Path2D line = new Path2D.Double();
      for (int i = 0; i < s.times().length; i++) {
        double x = margin + (s.times()[i] - from) / span * (width - 2 * margin);
        double y = height - margin - s.values()[i] / top * (height - 2 * margin);
        if (i == 0) {
          line.moveTo(x, y);
        } else {
          line.lineTo(x, y);
        }
      }
      g.setColor(s.colour());
      g.draw(line);
    }
    g.dispose();
    return png(image);
  }

  /** A PNG as the {@code src} of an img element. */
  static String dataUri(byte[] png) {
    return "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
  }

  static String hex(Color colour) {
    return String.format("#%06x", colour.getRGB() & 0xffffff);
  }

  private static Graphics2D graphics(BufferedImage image) {
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(BACKGROUND);
    g.fillRect(0, 0, image.getWidth(), image.getHeight());
    return g;
  }

  private static byte[] png(BufferedImage image) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a PNG in memory", e);
    }
    return out.toByteArray();
  }
}
