package io.helan.charts;

import java.awt.Color;
import java.util.List;

/**
 * One bar of a {@link BarChart}: its parts end to end from 0, in order (a single value is a bar of
 * one part).
 */
public record Bar(List<Part> parts) {
  public Bar {
    parts = List.copyOf(parts);
  }

  /** A bar of one value. */
  public static Bar of(double value, Color colour) {
    return new Bar(List.of(new Part(value, colour)));
  }

  /** The bar's length: its parts' finite values added. */
  public double total() {
    return parts.stream().mapToDouble(Part::value).filter(Double::isFinite).sum();
  }

  /**
   * A part of a bar.
   *
   * @param value its length (0 or NaN: not drawn)
   * @param colour its colour
   */
  public record Part(double value, Color colour) {}
}
