package io.helan.charts;

import java.awt.Color;
import java.util.List;

/** Colours that tell lines apart, and colours written as text. */
public final class Palette {
  /** Line colours, in order; the ninth line takes the first colour again. */
  public static final List<Color> SERIES =
      List.of(
          new Color(0x1f77b4),
          new Color(0xd62728),
          new Color(0x2ca02c),
          new Color(0x9467bd),
          new Color(0xff7f0e),
          new Color(0x8c564b),
          new Color(0xe377c2),
          new Color(0x17becf));

  /** Grid lines and axes. */
  static final Color GRID = new Color(0xdddddd);

  static final Color AXIS = new Color(0x666666);

  private Palette() {}

  /** The n-th line's colour (from 0). */
  public static Color series(int n) {
    return SERIES.get(n % SERIES.size());
  }

  /** A colour as #rrggbb. */
  public static String hex(Color colour) {
    return String.format("#%06x", colour.getRGB() & 0xffffff);
  }

  /** A colour written #RRGGBB. */
  public static Color of(String hex) {
    return Color.decode(hex);
  }
}
