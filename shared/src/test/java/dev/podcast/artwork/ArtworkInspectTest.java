package dev.podcast.artwork;

import static dev.podcast.artwork.TestImages.PNG_GRAY;
import static dev.podcast.artwork.TestImages.PNG_RGB;
import static dev.podcast.artwork.TestImages.encode;
import static dev.podcast.artwork.TestImages.filled;
import static dev.podcast.artwork.TestImages.pngHeader;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ArtworkInspectTest {

  @Test
  void rgbJpeg() {
    byte[] bytes = TestImages.jpeg(1400, 1400, Color.ORANGE);
    assertEquals(Optional.of(new ImageInfo("jpeg", 1400, 1400, true, false, bytes.length)),
        Artwork.inspect(bytes));
  }

  @Test
  void pngWithAlpha() {
    byte[] bytes = encode(filled(800, 600, BufferedImage.TYPE_INT_ARGB, new Color(0, 0, 0, 0)),
        "png");
    assertEquals(Optional.of(new ImageInfo("png", 800, 600, true, true, bytes.length)),
        Artwork.inspect(bytes));
  }

  @Test
  void grayscaleJpegIsNotRgb() {
    byte[] bytes = encode(filled(640, 480, BufferedImage.TYPE_BYTE_GRAY, Color.GRAY), "jpeg");
    assertEquals(Optional.of(new ImageInfo("jpeg", 640, 480, false, false, bytes.length)),
        Artwork.inspect(bytes));
  }

  @Test
  void cmykJpegIsNotRgb() {
    byte[] bytes = TestImages.cmykJpeg(200, 100);
    assertEquals(Optional.of(new ImageInfo("jpeg", 200, 100, false, false, bytes.length)),
        Artwork.inspect(bytes));
  }

  @Test
  void indexedImagesCountAsRgbBecauseTheirPaletteIsRgb() {
    BufferedImage indexed = filled(64, 32, BufferedImage.TYPE_BYTE_INDEXED, Color.RED);
    byte[] gif = encode(indexed, "gif");
    byte[] png = encode(indexed, "png");
    assertEquals(Optional.of(new ImageInfo("gif", 64, 32, true, false, gif.length)),
        Artwork.inspect(gif));
    assertEquals(Optional.of(new ImageInfo("png", 64, 32, true, false, png.length)),
        Artwork.inspect(png));
  }

  @Test
  void readsTheHeaderOnly() {
    // No pixel data at all: decoding would fail, inspecting does not.
    byte[] bytes = pngHeader(1400, 1400, PNG_RGB);
    assertEquals(Optional.of(new ImageInfo("png", 1400, 1400, true, false, bytes.length)),
        Artwork.inspect(bytes));
    assertFalse(Artwork.inspect(pngHeader(1400, 1400, PNG_GRAY)).orElseThrow().rgb());
  }

  @Test
  void garbageEmptyAndTruncatedBytesAreEmptyNotExceptions() {
    assertEquals(Optional.empty(),
        Artwork.inspect("not an image at all".getBytes(StandardCharsets.US_ASCII)));
    assertEquals(Optional.empty(), Artwork.inspect(new byte[0]));
    byte[] png = encode(filled(10, 10, BufferedImage.TYPE_INT_RGB, Color.RED), "png");
    assertEquals(Optional.empty(), Artwork.inspect(Arrays.copyOf(png, 20)));
    byte[] jpeg = TestImages.jpeg(10, 10, Color.RED);
    assertEquals(Optional.empty(), Artwork.inspect(Arrays.copyOf(jpeg, 30)));
  }

  @Test
  void aDecompressionBombIsRefusedFromItsHeader() {
    assertEquals(Optional.empty(), Artwork.inspect(pngHeader(100_000, 100_000, PNG_RGB)));
  }

  @Test
  void fiftyMegapixelsIsTheLimit() {
    assertTrue(Artwork.inspect(pngHeader(10_000, 5_000, PNG_RGB)).isPresent());
    assertEquals(Optional.empty(), Artwork.inspect(pngHeader(10_000, 5_001, PNG_RGB)));
  }

  @Test
  void twentyMebibytesIsTheLimit() {
    byte[] header = pngHeader(1400, 1400, PNG_RGB);
    // Bytes after IEND are never looked at, so only the length differs.
    assertTrue(Artwork.inspect(Arrays.copyOf(header, Artwork.MAX_BYTES)).isPresent());
    assertEquals(Optional.empty(), Artwork.inspect(Arrays.copyOf(header, Artwork.MAX_BYTES + 1)));
  }

  @Test
  void nullIsRejected() {
    assertThrows(NullPointerException.class, () -> Artwork.inspect(null));
  }

  @Test
  void imageInfoValidatesItsValues() {
    assertThrows(IllegalArgumentException.class, () -> new ImageInfo("JPEG", 1, 1, true, false, 0));
    assertThrows(IllegalArgumentException.class, () -> new ImageInfo(" ", 1, 1, true, false, 0));
    assertThrows(IllegalArgumentException.class, () -> new ImageInfo("png", 0, 1, true, false, 0));
    assertThrows(IllegalArgumentException.class, () -> new ImageInfo("png", 1, 1, true, false, -1));
    assertThrows(NullPointerException.class, () -> new ImageInfo(null, 1, 1, true, false, 0));
  }
}
