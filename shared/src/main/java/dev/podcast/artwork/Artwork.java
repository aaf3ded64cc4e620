package dev.podcast.artwork;

import dev.podcast.problem.Problem;
import dev.podcast.problem.ProblemCode;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Show and episode artwork: what an image is ({@link #inspect}), what Apple Podcasts would say
 * about it ({@link #check}) and the images a site and feed need made from it ({@link #derive},
 * named by {@link #derivedName}).
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
  /** The largest side of the derived square artwork, in pixels. */
  public static final int SQUARE_MAX = 1400;
  /** The width of the derived social image, in pixels. */
  public static final int SOCIAL_WIDTH = 1200;
  /** The height of the derived social image, in pixels. */
  public static final int SOCIAL_HEIGHT = 630;
  /** The side of the derived thumbnail, in pixels. */
  public static final int THUMBNAIL_SIDE = 300;
  /** The JPEG quality of the derived images, from 0 to 1. */
  public static final float JPEG_QUALITY = 0.85f;

  private static final Set<String> APPLE_FORMATS = Set.of("jpeg", "png");
  private static final Set<String> WEB_FORMATS = Set.of("jpeg", "png", "gif");
  private static final List<String> VARIANTS = List.of("square", "social", "thumb");

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
   * episode's feed artwork from: the feed gets {@link #derive}'s square, a centered crop scaled
   * to at most {@value #SQUARE_MAX} px, as RGB JPEG. So only what {@link #derive} cannot repair
   * is reported: a format other than JPEG, PNG or GIF (the episode page shows the source), a
   * shorter side under {@value #APPLE_MIN_SIDE} px (the square crop is smaller than Apple wants;
   * pixels are never invented), and a color space other than RGB or grayscale (CMYK converts with
   * shifted colors).
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
            + formatName(info) + " format; use JPEG, PNG or GIF, which every browser shows"));
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

  /**
   * The square, social and thumbnail images made from {@code bytes}, each an RGB baseline JPEG of
   * quality 0.85, with any transparency flattened onto white:
   *
   * <ul>
   *   <li>square: the centered square crop, scaled down to {@value #SQUARE_MAX} px when larger,
   *       and kept at its size when smaller: upscaling would only blur it, and {@link #check}
   *       warns that Apple wants more;
   *   <li>social: exactly {@value #SOCIAL_WIDTH} &times; {@value #SOCIAL_HEIGHT} px, scaled to
   *       fill and center-cropped ("cover"), scaled up when the source is smaller, since link
   *       previews want that exact size;
   *   <li>thumbnail: exactly {@value #THUMBNAIL_SIDE} px square, made from the square (scaled up
   *       only when the source's shorter side is under {@value #THUMBNAIL_SIDE} px).
   * </ul>
   *
   * <p>Decodes the first image (frame) once; a 3000 &times; 3000 JPEG takes a fraction of a
   * second. Memory is bounded by {@value #MAX_PIXELS} pixels of the decoded source.
   *
   * @throws IllegalArgumentException when {@code bytes} cannot be read or decoded or is over the
   *     limits, with the reason
   */
  public static DerivedImages derive(byte[] bytes) {
    BufferedImage source = ImageFiles.decode(bytes);
    int width = source.getWidth();
    int height = source.getHeight();
    int side = Math.min(width, height);
    int squareSide = Math.min(side, SQUARE_MAX);
    BufferedImage square = Scaling.scale(source, Scaling.cover(width, height, 1, 1), squareSide,
        squareSide);
    BufferedImage social = Scaling.scale(source,
        Scaling.cover(width, height, SOCIAL_WIDTH, SOCIAL_HEIGHT), SOCIAL_WIDTH, SOCIAL_HEIGHT);
    BufferedImage thumbnail = Scaling.scale(square, new Rectangle(0, 0, squareSide, squareSide),
        THUMBNAIL_SIDE, THUMBNAIL_SIDE);
    return new DerivedImages(Scaling.jpeg(square, JPEG_QUALITY),
        Scaling.jpeg(social, JPEG_QUALITY), Scaling.jpeg(thumbnail, JPEG_QUALITY));
  }

  /**
   * The site path of a derived image: {@code /post/x/images/hero.png} and {@code square} give
   * {@code /post/x/images/hero.square.jpg}. The variant replaces the last segment's extension
   * (a leading dot is not one) and every variant is a JPEG.
   *
   * @param imagePath the source image's path or URL
   * @param variant {@code square}, {@code social} or {@code thumb}
   * @throws IllegalArgumentException for another variant, or a path that is empty, ends with
   *     {@code /}, or contains {@code ..}, a backslash or a control or format character (such as
   *     U+0000 or U+202E)
   */
  public static String derivedName(String imagePath, String variant) {
    return derivedNameOf(imagePath, variant);
  }

  /** Whether {@code path} names an image the site derives sizes from: JPEG, PNG or GIF. */
  public static boolean isImage(String path) {
    String lower = path.toLowerCase(java.util.Locale.ROOT);
    return lower.endsWith(".jpg") || lower.endsWith(".jpeg") || lower.endsWith(".png")
        || lower.endsWith(".gif");
  }

  /** The site paths of the sizes derived from the image at {@code imagePath}. */
  public static List<String> derivedNames(String imagePath) {
    return VARIANTS.stream().map(v -> derivedNameOf(imagePath, v)).toList();
  }

  private static String derivedNameOf(String imagePath, String variant) {
    Objects.requireNonNull(imagePath, "imagePath");
    Objects.requireNonNull(variant, "variant");
    if (!VARIANTS.contains(variant)) {
      throw new IllegalArgumentException("unknown image variant \"" + variant + "\"; expected one"
          + " of " + VARIANTS);
    }
    if (imagePath.isEmpty() || imagePath.endsWith("/")) {
      throw new IllegalArgumentException("not an image path: \"" + imagePath + "\"");
    }
    if (imagePath.contains("..") || imagePath.indexOf('\\') >= 0) {
      throw new IllegalArgumentException("unsafe image path (\"..\" or a backslash): \""
          + imagePath + "\"");
    }
    for (int i = 0; i < imagePath.length(); i++) {
      char c = imagePath.charAt(i);
      if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
        throw new IllegalArgumentException(String.format(Locale.ROOT,
            "unsafe image path: it contains the control character U+%04X", (int) c));
      }
    }
    int name = imagePath.lastIndexOf('/') + 1;
    int dot = imagePath.lastIndexOf('.');
    String stem = dot > name ? imagePath.substring(0, dot) : imagePath;
    return stem + "." + variant + ".jpg";
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
