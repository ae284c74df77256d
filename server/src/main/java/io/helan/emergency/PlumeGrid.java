package io.helan.emergency;

/**
 * The dose-rate increase (nGy/h) on a square grid of {@code size} × {@code size} cells' corners,
 * row by row from the south-west corner.
 *
 * @param south latitude of the first row
 * @param west longitude of the first column
 * @param latitudeStep degrees between rows
 * @param longitudeStep degrees between columns
 */
public record PlumeGrid(
    int size,
    double south,
    double west,
    double latitudeStep,
    double longitudeStep,
    float[] values) {

  public double value(int row, int column) {
    return values[row * size + column];
  }

  public double latitude(int row) {
    return south + row * latitudeStep;
  }

  public double longitude(int column) {
    return west + column * longitudeStep;
  }
}
