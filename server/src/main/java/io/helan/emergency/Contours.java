package io.helan.emergency;

import java.util.ArrayList;
import java.util.List;

/** Isolines of a grid by marching squares, as unjoined segments in degrees. */
final class Contours {
  private Contours() {}

  /** The segments where the grid crosses {@code level}: each {lat1, lon1, lat2, lon2}. */
  static List<double[]> isoline(PlumeGrid grid, double level) {
    List<double[]> segments = new ArrayList<>();
    int size = grid.size();
    double[] crossings = new double[8];
    for (int row = 0; row + 1 < size; row++) {
      for (int column = 0; column + 1 < size; column++) {
        double v00 = grid.value(row, column);
        double v01 = grid.value(row, column + 1);
        double v10 = grid.value(row + 1, column);
        double v11 = grid.value(row + 1, column + 1);
        boolean a = v00 >= level;
        if (a == (v01 >= level) && a == (v10 >= level) && a == (v11 >= level)) {
          continue;
        }
        // crossings on the edges in turn: south, east, north, west; as (row, column) fractions
        int n = 0;
        n = cross(crossings, n, v00, v01, level, row, column, 0, 1);
        n = cross(crossings, n, v01, v11, level, row, column + 1, 1, 0);
        n = cross(crossings, n, v10, v11, level, row + 1, column, 0, 1);
        n = cross(crossings, n, v00, v10, level, row, column, 1, 0);
        if (n == 2) {
          segments.add(segment(grid, crossings, 0, 1));
        } else if (n == 4) {
          // a saddle: the centre decides which corners join
          boolean centreAbove = (v00 + v01 + v10 + v11) / 4 >= level;
          if (centreAbove == a) {
            segments.add(segment(grid, crossings, 0, 1));
            segments.add(segment(grid, crossings, 2, 3));
          } else {
            segments.add(segment(grid, crossings, 0, 3));
            segments.add(segment(grid, crossings, 1, 2));
          }
        }
      }
    }
    return segments;
  }

  private static int cross(
      double[] into,
      int n,
      double from,
      double to,
      double level,
      int row,
      int column,
      int rowStep,
      int columnStep) {
    if ((from >= level) == (to >= level)) {
      return n;
    }
    double t = (level - from) / (to - from);
    into[2 * n] = row + t * rowStep;
    into[2 * n + 1] = column + t * columnStep;
    return n + 1;
  }

  private static double[] segment(PlumeGrid grid, double[] crossings, int i, int j) {
    return new double[] {
      grid.south() + crossings[2 * i] * grid.latitudeStep(),
      grid.west() + crossings[2 * i + 1] * grid.longitudeStep(),
      grid.south() + crossings[2 * j] * grid.latitudeStep(),
      grid.west() + crossings[2 * j + 1] * grid.longitudeStep()
    };
  }
}
