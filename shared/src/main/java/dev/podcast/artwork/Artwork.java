package dev.podcast.artwork;

import dev.podcast.problem.Problem;
import dev.podcast.problem.ProblemCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Show and episode artwork: what an image is ({@link #inspect}) and what Apple Podcasts would say
 * about it ({@link #check}).
 *
 * <p>Input is bounded before it is parsed: files over {@value #MAX_BYTES} bytes (20 MiB) are not
 * read, and images whose header claims more than {@value #MAX_PIXELS} pixels are not decoded, so
 * a small file that would decode to gigabytes (a decompression bomb) costs nothing. Only the JDK
 * is used ({@code javax.imageio}, {@code java.awt.image}); nothing needs a display and nothing
 * global (ImageIO's cache, {@code java.awt.headless}) is set.
 *
 * <p>Stateless and thread-safe: every call works on its own reader, images and buffers. Null
 * arguments throw {@link NullPointerException}.
 */
public final class Artwork {

  /** The largest file read: 20 MiB. */
  public static final int MAX_BYTES = 20 * 1024 * 1024;
  /** The largest image decoded, in pixels: 50 megapixels. */
  public static final long MAX_PIXELS = 50_000_000L;
  /** Apple's smallest artwork side, in pixels. */
  public static final int APPLE_MIN_SIDE = 1400;
  /** Apple's largest artwork side, in pixels. */
  public static final int APPLE_MAX_SIDE = 3000;

  private static final Set<String> APPLE_FORMATS = Set.of("jpeg", "png");
  private static final Set<String> WEB_FORMATS = Set.of("jpeg", "png", "gif");

  private Artwork() {}

  /**
   * What the header of {@code bytes} says: format, size, color space and alpha. Reads the header
   * only, with an ImageIO {@link javax.imageio.ImageReader}; never decodes the pixels, so it is
   * cheap, and an image whose pixel data is damaged can still be inspected.
   *
   * @return empty when {@code bytes} is empty, over {@value #MAX_BYTES} bytes, not an image
   *     ImageIO reads, has a damaged header, or claims more than {@value #MAX_PIXELS} pixels;
   *     never throws for bad bytes ({@link #check} says which it was)
   */
  public static Optional<ImageInfo> inspect(byte[] bytes) {
    return ImageFiles.probe(bytes) instanceof ImageFiles.Readable readable
        ? Optional.of(readable.info())
        : Optional.empty();
  }

  /**
   * Apple's artwork rules applied to {@code bytes}, one warning per broken rule, with the measured
   * size in the message; empty when the image is fine. Reads the header only, as {@link
   * #inspect} does. An image that cannot be read (or is refused by the limits) gets one {@link
   * ProblemCode#ARTWORK_UNREADABLE} and nothing else.
   *
   * <p>Show artwork ({@code showArtwork} true) is what Apple shows for the podcast, served as it
   * is: it must be JPEG or PNG ({@link ProblemCode#ARTWORK_FORMAT}), square ({@link
   * ProblemCode#ARTWORK_NOT_SQUARE}), between {@value #APPLE_MIN_SIDE} and {@value
   * #APPLE_MAX_SIDE} px on both sides ({@link ProblemCode#ARTWORK_SIZE}) and RGB ({@link
   * ProblemCode#ARTWORK_COLOR_SPACE}; indexed PNGs count as RGB, grayscale does not).
   *
   * <p>An episode image ({@code showArtwork} false) is the source the publisher derives the
   * episode's feed artwork from: the feed gets a square made from it, a centered crop scaled
   * to at most 1400 px, as RGB JPEG. So only what that derivation cannot repair
   * is reported: a format browsers do not show (not JPEG, PNG or GIF), a shorter side under
   * {@value #APPLE_MIN_SIDE} px (the square crop is smaller than Apple wants; pixels are never
   * invented), and a color space other than RGB or grayscale (CMYK converts with shifted colors).
   * A wide hero image, a large one or a grayscale one is fine.
   *
   * @param file the file named in the problems
   */
  public static List<Problem> check(byte[] bytes, String file, boolean showArtwork) {
    Objects.requireNonNull(bytes, "bytes");
    Objects.requireNonNull(file, "file");
    String what = showArtwork ? "the artwork" : "the image";
    ImageFiles.Probe probe = ImageFiles.probe(bytes);
    if (probe instanceof ImageFiles.Refused refused) {
      return List.of(new Problem(ProblemCode.ARTWORK_UNREADABLE, file, 0, 0,
          what + " cannot be used: " + refused.reason()));
    }
    ImageFiles.Readable readable = (ImageFiles.Readable) probe;
    ImageInfo info = readable.info();
    String size = size(info.width(), info.height());
    List<Problem> problems = new ArrayList<>();
    if (showArtwork) {
      if (!APPLE_FORMATS.contains(info.format())) {
        problems.add(warning(ProblemCode.ARTWORK_FORMAT, file, "the artwork is in "
            + formatName(info) + " format; Apple wants JPEG or PNG"));
      }
      if (!info.square()) {
        problems.add(warning(ProblemCode.ARTWORK_NOT_SQUARE, file, "the artwork is " + size
            + ", not square; Apple wants the same width and height"));
      }
      if (!appleSide(info.width()) || !appleSide(info.height())) {
        problems.add(warning(ProblemCode.ARTWORK_SIZE, file, "the artwork is " + size
            + "; Apple wants a square between " + size(APPLE_MIN_SIDE, APPLE_MIN_SIDE, "")
            + " and " + size(APPLE_MAX_SIDE, APPLE_MAX_SIDE)));
      }
      if (!info.rgb()) {
        problems.add(warning(ProblemCode.ARTWORK_COLOR_SPACE, file, "the artwork is "
            + readable.colorSpace() + "; Apple wants RGB"));
      }
    } else {
      if (!WEB_FORMATS.contains(info.format())) {
        problems.add(warning(ProblemCode.ARTWORK_FORMAT, file, "the image is in "
            + formatName(info) + " format, which browsers do not show; use JPEG or PNG"));
      }
      int side = Math.min(info.width(), info.height());
      if (side < APPLE_MIN_SIDE) {
        problems.add(warning(ProblemCode.ARTWORK_SIZE, file, "the image is " + size
            + (info.square() ? "" : ", so its square crop is " + size(side, side))
            + "; Apple wants episode artwork of at least " + size(APPLE_MIN_SIDE, APPLE_MIN_SIDE)));
      }
      if (!info.rgb() && !readable.grayscale()) {
        problems.add(warning(ProblemCode.ARTWORK_COLOR_SPACE, file, "the image is "
            + readable.colorSpace() + "; its colors shift when it is converted to the RGB the feed"
            + " needs, so save it as RGB"));
      }
    }
    return List.copyOf(problems);
  }

  /** {@code 1200×800 px}. */
  static String size(int width, int height) {
    return size(width, height, " px");
  }

  private static String size(int width, int height, String unit) {
    return width + "\u00d7" + height + unit;
  }

  private static boolean appleSide(int side) {
    return side >= APPLE_MIN_SIDE && side <= APPLE_MAX_SIDE;
  }

  private static String formatName(ImageInfo info) {
    return info.format().toUpperCase(Locale.ROOT);
  }

  private static Problem warning(ProblemCode code, String file, String message) {
    return new Problem(code, file, 0, 0, message);
  }
}
