package dev.podcast.artwork;

import java.util.Arrays;
import java.util.Objects;

/**
 * The three RGB JPEGs {@link Artwork#derive} makes from one source image. Immutable: the arrays
 * are copied on the way in and on the way out, so no caller can change another's bytes; equality
 * compares their contents.
 *
 * @param square the artwork, center-cropped to a square; as large as the source's shorter side, at
 *     most {@value Artwork#SQUARE_MAX} px
 * @param social the image for link previews (Open Graph, cards): {@value Artwork#SOCIAL_WIDTH}
 *     &times; {@value Artwork#SOCIAL_HEIGHT} px
 * @param thumbnail the image for lists: {@value Artwork#THUMBNAIL_SIDE} px square
 */
public record DerivedImages(byte[] square, byte[] social, byte[] thumbnail) {

  /**
   * Copies the arrays.
   *
   * @throws NullPointerException when an array is null
   */
  public DerivedImages {
    square = Objects.requireNonNull(square, "square").clone();
    social = Objects.requireNonNull(social, "social").clone();
    thumbnail = Objects.requireNonNull(thumbnail, "thumbnail").clone();
  }

  /**
   * The three JPEGs by the site path each is published at, for the image at {@code imagePath}
   * ({@link Artwork#derivedName}): square, social, thumbnail, in that order.
   */
  public java.util.Map<String, byte[]> byPath(String imagePath) {
    java.util.Map<String, byte[]> files = new java.util.LinkedHashMap<>();
    files.put(Artwork.derivedName(imagePath, "square"), square());
    files.put(Artwork.derivedName(imagePath, "social"), social());
    files.put(Artwork.derivedName(imagePath, "thumb"), thumbnail());
    return files;
  }

  /** A copy of the square JPEG. */
  @Override
  public byte[] square() {
    return square.clone();
  }

  /** A copy of the social JPEG. */
  @Override
  public byte[] social() {
    return social.clone();
  }

  /** A copy of the thumbnail JPEG. */
  @Override
  public byte[] thumbnail() {
    return thumbnail.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DerivedImages d && Arrays.equals(square, d.square)
        && Arrays.equals(social, d.social) && Arrays.equals(thumbnail, d.thumbnail);
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(square), Arrays.hashCode(social),
        Arrays.hashCode(thumbnail));
  }

  @Override
  public String toString() {
    return "DerivedImages[square=" + square.length + " bytes, social=" + social.length
        + " bytes, thumbnail=" + thumbnail.length + " bytes]";
  }
}
