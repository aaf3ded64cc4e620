package dev.podcast.artwork;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Objects;
import java.util.function.BiFunction;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Reads images with ImageIO within {@link Artwork}'s limits: the header alone for {@link #probe},
 * the first image for {@link #decode}. The limits are checked before anything else is read: the
 * file's size first, then the width and height from the header, before any pixel is decoded.
 * Stateless and thread-safe: every call opens its own reader and stream in memory (no ImageIO
 * disk cache, no global setting) and disposes of them.
 */
final class ImageFiles {

  /** What reading an image's header found. */
  sealed interface Probe permits Readable, Refused {}

  /**
   * A header within the limits.
   *
   * @param info what the header says
   * @param grayscale whether the color space is gray, which converts to RGB without loss
   * @param colorSpace the color space in words that follow "the image is": {@code RGB}, {@code
   *     grayscale}, {@code CMYK}...
   */
  record Readable(ImageInfo info, boolean grayscale, String colorSpace) implements Probe {
    Readable {
      Objects.requireNonNull(info, "info");
      Objects.requireNonNull(colorSpace, "colorSpace");
    }
  }

  /** An image that was not read, and why, in words for authors. */
  record Refused(String reason) implements Probe {
    Refused {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** The step taken with a reader once its header is known to be within the limits. */
  @FunctionalInterface
  private interface Step<T> {
    T apply(ImageReader reader, Readable header) throws IOException;
  }

  /** An image that is not read; the message says why. */
  private static final class Refusal extends Exception {
    Refusal(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private ImageFiles() {}

  /** Reads the header of {@code bytes}, never the pixels. */
  static Probe probe(byte[] bytes) {
    return read(bytes, (reader, header) -> header, (reason, cause) -> new Refused(reason));
  }

  /**
   * Decodes the first image in {@code bytes}.
   *
   * @throws IllegalArgumentException when it is refused or cannot be decoded, with the reason
   */
  static BufferedImage decode(byte[] bytes) {
    return read(bytes, (reader, header) -> reader.read(0), (reason, cause) -> {
      throw new IllegalArgumentException("the image cannot be used: " + reason, cause);
    });
  }

  private static <T> T read(byte[] bytes, Step<T> step,
      BiFunction<String, Throwable, T> refused) {
    Objects.requireNonNull(bytes, "bytes");
    try {
      return attempt(bytes, step);
    } catch (Refusal r) {
      return refused.apply(r.getMessage(), r.getCause());
    }
  }

  private static <T> T attempt(byte[] bytes, Step<T> step) throws Refusal {
    if (bytes.length == 0) {
      throw new Refusal("the file is empty", null);
    }
    if (bytes.length > Artwork.MAX_BYTES) {
      throw new Refusal(String.format(Locale.ROOT, "the file is %d bytes; images over %d MiB (%d"
          + " bytes) are not read", bytes.length, Artwork.MAX_BYTES >> 20, Artwork.MAX_BYTES),
          null);
    }
    try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        throw new Refusal("no image reader recognizes it (the JDK reads JPEG, PNG, GIF, BMP,"
            + " TIFF and WBMP)", null);
      }
      ImageReader reader = readers.next();
      try {
        // Forward only, and no metadata: ancillary chunks (compressed PNG text, ICC profiles)
        // are skipped rather than inflated.
        reader.setInput(in, true, true);
        return step.apply(reader, header(reader, bytes.length));
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      // Decoders throw unchecked exceptions too on corrupt input (out-of-range indices, negative
      // sizes); each becomes the reason the image is not used.
      String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw new Refusal("the image reader failed: " + detail, e);
    }
  }

  private static Readable header(ImageReader reader, long bytes) throws IOException, Refusal {
    int width = reader.getWidth(0);
    int height = reader.getHeight(0);
    if (width < 1 || height < 1) {
      throw new Refusal("its header says " + Artwork.size(width, height), null);
    }
    long pixels = (long) width * height;
    if (pixels > Artwork.MAX_PIXELS) {
      throw new Refusal(String.format(Locale.ROOT, "its header claims %s (%d megapixels); images"
          + " over %d megapixels are not decoded", Artwork.size(width, height), pixels / 1_000_000,
          Artwork.MAX_PIXELS / 1_000_000), null);
    }
    String format = reader.getFormatName().toLowerCase(Locale.ROOT);
    ImageTypeSpecifier type = reader.getRawImageType(0);
    if (type == null) {
      Iterator<ImageTypeSpecifier> types = reader.getImageTypes(0);
      type = types.hasNext() ? types.next() : null;
    }
    if (type == null) {
      return new Readable(new ImageInfo(format, width, height, false, false, bytes), false,
          "in a color space ImageIO cannot name");
    }
    ColorModel model = type.getColorModel();
    int space = model.getColorSpace().getType();
    return new Readable(
        new ImageInfo(format, width, height, space == ColorSpace.TYPE_RGB, model.hasAlpha(), bytes),
        space == ColorSpace.TYPE_GRAY, words(space));
  }

  private static String words(int space) {
    switch (space) {
      case ColorSpace.TYPE_RGB:
        return "RGB";
      case ColorSpace.TYPE_GRAY:
        return "grayscale";
      case ColorSpace.TYPE_CMYK:
        return "CMYK";
      case ColorSpace.TYPE_CMY:
        return "CMY";
      case ColorSpace.TYPE_YCbCr:
        return "YCbCr";
      default:
        return "in color space type " + space + " (java.awt.color.ColorSpace)";
    }
  }
}
