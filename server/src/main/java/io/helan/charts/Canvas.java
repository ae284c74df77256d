package io.helan.charts;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;

/** A white picture being drawn (antialiased), then written as PNG. */
public final class Canvas {
  private final BufferedImage image;
  private final Graphics2D graphics;

  public Canvas(int width, int height) {
    image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    graphics = image.createGraphics();
    graphics.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    graphics.setColor(java.awt.Color.WHITE);
    graphics.fillRect(0, 0, width, height);
  }

  public Graphics2D graphics() {
    return graphics;
  }

  public int width() {
    return image.getWidth();
  }

  public int height() {
    return image.getHeight();
  }

  /** Ends the drawing and writes the picture as PNG. */
  public byte[] png() {
    graphics.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      javax.imageio.ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a PNG in memory", e);
    }
    return out.toByteArray();
  }

  /** A PNG as the {@code src} of an img element. */
  public static String dataUri(byte[] png) {
    return "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
  }
}
