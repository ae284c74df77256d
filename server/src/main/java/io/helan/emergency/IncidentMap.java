package io.helan.emergency;

import io.helan.charts.Canvas;
import io.helan.dispersion.LocalFrame;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.util.List;

/**
 * The map of an incident report, drawn on a {@link Canvas} (no text: its legend is the report's
 * caption): the planning-zone rings around the release point, the plume estimate's contours, the
 * radiation stations coloured by dose-rate band and the vehicles where they last reported. The
 * dose-rate trends are a {@link io.helan.charts.LineChart}.
 */
final class IncidentMap {
  static final Color ALARM = new Color(0xff3b30);
  static final Color INVESTIGATION = new Color(0xff9500);
  static final Color NORMAL = new Color(0x8d9399);
  static final Color NO_DATA = new Color(0x5a6066);
  private static final Color RING = new Color(0xa7adb3);
  private static final Color PLUME = new Color(0xd81b90);
  static final Color VEHICLE = new Color(0x1565c0);

  private IncidentMap() {}

  /** A place on the map with its colour. */
  record Dot(double latitude, double longitude, Color colour) {}

  /**
   * The map around the release point, {@code radiusKm} from its centre to its edges.
   *
   * @param contours segments {lat1, lon1, lat2, lon2} of the estimate's contours
   */
  static byte[] png(
      double latitude,
      double longitude,
      double radiusKm,
      List<Double> ringsKm,
      List<double[]> contours,
      List<Dot> stations,
      List<Dot> vehicles) {
    int size = 640;
    Canvas canvas = new Canvas(size, size);
    Graphics2D g = canvas.graphics();
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
    return canvas.png();
  }
}
