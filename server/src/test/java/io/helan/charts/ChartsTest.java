package io.helan.charts;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * The charts put each value where its scale says: a line's point at its height and a gap where a
 * value is missing, a bar's parts end to end to their lengths; the scale's steps are 1, 2 or 5
 * times a power of ten.
 */
class ChartsTest {
  static final Color RED = new Color(0xd62728);
  static final Color GREEN = new Color(0x00e400);
  static final Color YELLOW = new Color(0xffff00);

  @Test
  void scalesStepInOnesTwosAndFives() {
    assertThat(Scale.upTo(100)).isEqualTo(new Scale(100, 10));
    assertThat(Scale.upTo(87)).isEqualTo(new Scale(90, 10));
    assertThat(Scale.upTo(31)).isEqualTo(new Scale(35, 5));
    assertThat(Scale.upTo(0.5).step())
        .isCloseTo(0.05, org.assertj.core.api.Assertions.within(1e-12));
    assertThat(Scale.upTo(0)).isEqualTo(new Scale(1, 0.1));
    assertThat(Scale.upTo(Double.NaN)).isEqualTo(new Scale(1, 0.1));
    assertThat(Scale.upTo(1234).stepText()).isEqualTo("200");
    assertThat(Scale.highest(new double[] {3, Double.NaN, 7}, new double[] {5})).isEqualTo(7);
  }

  @Test
  void aLineIsDrawnAtItsValuesAndBrokenWhereOneIsMissing() throws Exception {
    Scale scale = new Scale(100, 10);
    double[] x = {0, 1, 2, 3, 4, 5, 6};
    double[] y = {50, 50, 50, Double.NaN, 80, 80, 80};
    BufferedImage image = image(LineChart.png(List.of(new Line(RED, x, y)), 0, 6, scale));
    double span = 6;
    int at50 = (int) Math.round(LineChart.y(scale, 50));
    int at80 = (int) Math.round(LineChart.y(scale, 80));
    // on the flat stretch at 50 between x 0.5 and 1.5
    assertThat(colour(image, LineChart.x(1, 0, span), at50)).isEqualTo(RED);
    assertThat(colour(image, LineChart.x(5, 0, span), at80)).isEqualTo(RED);
    // nothing drawn across the gap at x 3, neither at 50 nor at 80 nor between
    for (int row = at80 - 3; row <= at50 + 3; row++) {
      assertThat(colour(image, LineChart.x(3, 0, span), row)).isNotEqualTo(RED);
    }
    // nothing above the line
    assertThat(colour(image, LineChart.x(1, 0, span), at80)).isNotEqualTo(RED);
  }

  @Test
  void barsRunEndToEndToTheirLengths() throws Exception {
    Scale scale = new Scale(40, 5);
    BufferedImage image =
        image(
            BarChart.png(
                List.of(
                    new Bar(List.of(new Bar.Part(10, GREEN), new Bar.Part(20, YELLOW))),
                    Bar.of(Double.NaN, RED),
                    Bar.of(40, RED)),
                scale));
    int first = (int) BarChart.top(0) + BarChart.BAR / 2;
    assertThat(colour(image, BarChart.x(scale, 5), first)).isEqualTo(GREEN);
    assertThat(colour(image, BarChart.x(scale, 25), first)).isEqualTo(YELLOW);
    assertThat(colour(image, BarChart.x(scale, 32), first)).isNotIn(GREEN, YELLOW);
    int second = (int) BarChart.top(1) + BarChart.BAR / 2;
    assertThat(colour(image, BarChart.x(scale, 2), second)).isNotEqualTo(RED);
    int third = (int) BarChart.top(2) + BarChart.BAR / 2;
    assertThat(colour(image, BarChart.x(scale, 39), third)).isEqualTo(RED);
  }

  static BufferedImage image(byte[] png) throws Exception {
    return ImageIO.read(new ByteArrayInputStream(png));
  }

  static Color colour(BufferedImage image, double x, int y) {
    return new Color(image.getRGB((int) Math.round(x), y));
  }
}
