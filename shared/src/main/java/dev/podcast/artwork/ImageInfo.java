package dev.podcast.artwork;

import java.util.Locale;
import java.util.Objects;

/**
 * What an image's header says about it, read without decoding its pixels.
 *
 * @param format the format as ImageIO names it, in lower case: {@code jpeg}, {@code png}, {@code
 *     gif}, {@code bmp}, {@code tif}, {@code wbmp}, or whatever a plugin on the class path reads
 * @param width the width in pixels, at least 1
 * @param height the height in pixels, at least 1
 * @param rgb whether the pixels are in an RGB color space; indexed (palette) images count as RGB,
 *     since their palette holds RGB colors; grayscale and CMYK images do not
 * @param alpha whether the image has an alpha channel or transparent palette entries
 * @param bytes the size of the file in bytes
 */
public record ImageInfo(String format, int width, int height, boolean rgb, boolean alpha,
    long bytes) {

  /**
   * Checks the values.
   *
   * @throws NullPointerException when {@code format} is null
   * @throws IllegalArgumentException when {@code format} is blank or not lower case, a dimension is
   *     below 1 or {@code bytes} is negative
   */
  public ImageInfo {
    Objects.requireNonNull(format, "format");
    if (format.isBlank() || !format.equals(format.toLowerCase(Locale.ROOT))) {
      throw new IllegalArgumentException("format must be a lower-case name: " + format);
    }
    if (width < 1 || height < 1) {
      throw new IllegalArgumentException("width and height must be >= 1: " + width + "x" + height);
    }
    if (bytes < 0) {
      throw new IllegalArgumentException("bytes must be >= 0: " + bytes);
    }
  }

  /** Whether the width and the height are equal. */
  public boolean square() {
    return width == height;
  }

  /** The number of pixels, {@code width * height}. */
  public long pixels() {
    return (long) width * height;
  }
}
