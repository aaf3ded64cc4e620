package dev.podcast.artwork;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.plugins.jpeg.JPEGImageWriteParam;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Cropping, scaling and JPEG encoding for {@link Artwork#derive}. Scaling down halves the image
 * with bilinear interpolation until it is less than twice the target, then takes one last
 * bilinear step: at a ratio of 1/2 or more bilinear reads every source pixel (a halving averages
 * 2x2 pixels), so nothing is skipped and no moire appears. Bicubic, slightly sharper, took twice
 * as long for the last step from 1500 to 1400 px, so it is kept for scaling up, which is one
 * step. Every result is an opaque {@code TYPE_INT_RGB} image: alpha is flattened onto white in
 * the first step, and gray, indexed and other color models are converted there too, so the
 * decoded source is never copied at full size. Stateless and thread-safe.
 */
final class Scaling {

  private Scaling() {}

  /**
   * The largest rectangle of {@code width} by {@code height} with the aspect ratio of {@code
   * targetWidth} by {@code targetHeight}, centered: the crop that "covers" the target.
   */
  static Rectangle cover(int width, int height, int targetWidth, int targetHeight) {
    long wide = (long) width * targetHeight;
    long tall = (long) height * targetWidth;
    int w = width;
    int h = height;
    if (wide > tall) {
      w = (int) Math.max(1, Math.round((double) height * targetWidth / targetHeight));
    } else if (wide < tall) {
      h = (int) Math.max(1, Math.round((double) width * targetHeight / targetWidth));
    }
    return new Rectangle((width - w) / 2, (height - h) / 2, w, h);
  }

  /** The {@code crop} of {@code source}, scaled to {@code width} by {@code height}, opaque RGB. */
  static BufferedImage scale(BufferedImage source, Rectangle crop, int width, int height) {
    BufferedImage current = source;
    Rectangle from = crop;
    do {
      int w = from.width > width ? Math.max(from.width / 2, width) : width;
      int h = from.height > height ? Math.max(from.height / 2, height) : height;
      boolean up = w > from.width || h > from.height;
      BufferedImage next = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
      Graphics2D g = next.createGraphics();
      try {
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, up
            ? RenderingHints.VALUE_INTERPOLATION_BICUBIC
            : RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(current, 0, 0, w, h, from.x, from.y, from.x + from.width,
            from.y + from.height, null);
      } finally {
        g.dispose();
      }
      current = next;
      from = new Rectangle(0, 0, w, h);
    } while (from.width != width || from.height != height);
    return current;
  }

  /** {@code image} as a baseline JPEG of the given quality, with optimized Huffman tables. */
  static byte[] jpeg(BufferedImage image, float quality) {
    Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
    if (!writers.hasNext()) {
      throw new IllegalStateException("this JDK has no JPEG writer");
    }
    ImageWriter writer = writers.next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(quality);
      if (param instanceof JPEGImageWriteParam jpeg) {
        jpeg.setOptimizeHuffmanTables(true);
      }
      writer.setOutput(out);
      writer.write(null, new IIOImage(image, null, null), param);
    } catch (IOException e) {
      // Writing to memory fails only when the JDK's encoder does: a bug, not bad input.
      throw new UncheckedIOException("JPEG encoding failed", e);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }
}
