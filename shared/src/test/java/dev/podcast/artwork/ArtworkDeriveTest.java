package dev.podcast.artwork;

import static dev.podcast.artwork.TestImages.PNG_RGB;
import static dev.podcast.artwork.TestImages.decode;
import static dev.podcast.artwork.TestImages.encode;
import static dev.podcast.artwork.TestImages.filled;
import static dev.podcast.artwork.TestImages.pngHeader;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ArtworkDeriveTest {

  /** Asserts that {@code jpeg} is an RGB JPEG without alpha of the given size. */
  private static void assertJpeg(byte[] jpeg, int width, int height) {
    ImageInfo info = Artwork.inspect(jpeg).orElseThrow();
    assertEquals(new ImageInfo("jpeg", width, height, true, false, jpeg.length), info);
    BufferedImage image = decode(jpeg);
    assertEquals(width, image.getWidth());
    assertEquals(height, image.getHeight());
  }

  /** Asserts that the pixel at x, y is {@code expected}, give or take JPEG's error. */
  private static void assertColor(Color expected, byte[] jpeg, int x, int y) {
    Color actual = new Color(decode(jpeg).getRGB(x, y));
    int error = Math.abs(expected.getRed() - actual.getRed())
        + Math.abs(expected.getGreen() - actual.getGreen())
        + Math.abs(expected.getBlue() - actual.getBlue());
    assertTrue(error <= 24, "at " + x + "," + y + ": expected " + expected + ", found " + actual);
  }

  @Test
  void squareJpegAtApplesMinimumKeepsItsSize() {
    DerivedImages d = Artwork.derive(TestImages.jpeg(1400, 1400, Color.BLUE));
    assertJpeg(d.square(), 1400, 1400);
    assertJpeg(d.social(), 1200, 630);
    assertJpeg(d.thumbnail(), 300, 300);
  }

  @Test
  void largerArtworkIsScaledDownTo1400() {
    DerivedImages d = Artwork.derive(TestImages.jpeg(3000, 2000, Color.BLUE));
    assertJpeg(d.square(), 1400, 1400);
    assertJpeg(d.social(), 1200, 630);
    assertJpeg(d.thumbnail(), 300, 300);
  }

  @Test
  void smallArtworkIsNotUpscaledButTheFixedSizesAre() {
    byte[] png = encode(filled(800, 600, BufferedImage.TYPE_INT_ARGB, Color.RED), "png");
    DerivedImages d = Artwork.derive(png);
    assertJpeg(d.square(), 600, 600);
    assertJpeg(d.social(), 1200, 630);
    assertJpeg(d.thumbnail(), 300, 300);
  }

  @Test
  void colorsSurviveAllThreeVariants() {
    Color red = new Color(200, 30, 40);
    DerivedImages d = Artwork.derive(TestImages.jpeg(1600, 1000, red));
    assertColor(red, d.square(), 500, 500);
    assertColor(red, d.social(), 600, 315);
    assertColor(red, d.thumbnail(), 150, 150);
  }

  @Test
  void transparencyIsFlattenedOntoWhite() {
    byte[] png = encode(filled(800, 600, BufferedImage.TYPE_INT_ARGB, new Color(0, 0, 0, 0)),
        "png");
    DerivedImages d = Artwork.derive(png);
    assertColor(Color.WHITE, d.square(), 300, 300);
    assertColor(Color.WHITE, d.social(), 600, 315);
    assertColor(Color.WHITE, d.thumbnail(), 0, 0);
  }

  @Test
  void grayscaleBecomesRgb() {
    byte[] gray = encode(filled(500, 500, BufferedImage.TYPE_BYTE_GRAY, Color.GRAY), "jpeg");
    DerivedImages d = Artwork.derive(gray);
    assertJpeg(d.square(), 500, 500);
    assertColor(Color.GRAY, d.square(), 250, 250);
  }

  @Test
  void theSquareIsTheCenter() {
    // Red and green bands either side of a blue center square.
    BufferedImage image = filled(1600, 800, BufferedImage.TYPE_INT_RGB, Color.BLUE);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.RED);
    g.fillRect(0, 0, 400, 800);
    g.setColor(Color.GREEN);
    g.fillRect(1200, 0, 400, 800);
    g.dispose();
    DerivedImages d = Artwork.derive(encode(image, "png"));
    assertJpeg(d.square(), 800, 800);
    for (int x : new int[] {4, 400, 795}) {
      assertColor(Color.BLUE, d.square(), x, 400);
    }
    assertColor(Color.BLUE, d.thumbnail(), 2, 150);
    assertColor(Color.BLUE, d.thumbnail(), 297, 150);
  }

  @Test
  void theSocialImageCoversAndCropsTheCenter() {
    // Red bands above and below a blue band that holds the 1200:630 center crop.
    BufferedImage image = filled(1000, 1000, BufferedImage.TYPE_INT_RGB, Color.BLUE);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.RED);
    g.fillRect(0, 0, 1000, 200);
    g.fillRect(0, 800, 1000, 200);
    g.dispose();
    DerivedImages d = Artwork.derive(encode(image, "png"));
    assertJpeg(d.social(), 1200, 630);
    for (int y : new int[] {4, 315, 625}) {
      assertColor(Color.BLUE, d.social(), 600, y);
    }
    // The square keeps the bands, so the crop above really cut them off.
    assertColor(Color.RED, d.square(), 500, 50);
  }

  @Test
  void unreadableInputIsAnIllegalArgumentSayingWhy() {
    IllegalArgumentException garbage = assertThrows(IllegalArgumentException.class,
        () -> Artwork.derive("GIF89a?".getBytes(StandardCharsets.US_ASCII)));
    assertTrue(garbage.getMessage().startsWith("the image cannot be used: "),
        garbage::getMessage);
    IllegalArgumentException bomb = assertThrows(IllegalArgumentException.class,
        () -> Artwork.derive(pngHeader(100_000, 100_000, PNG_RGB)));
    assertTrue(bomb.getMessage().contains("images over 50 megapixels are not decoded"),
        bomb::getMessage);
  }

  @Test
  void aHeaderWithoutPixelsCanBeInspectedButNotDerived() {
    byte[] header = pngHeader(100, 100, PNG_RGB);
    assertTrue(Artwork.inspect(header).isPresent());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Artwork.derive(header));
    assertTrue(e.getMessage().startsWith("the image cannot be used: the image reader failed"),
        e::getMessage);
  }

  @Test
  void derivedImagesAreImmutableValues() {
    byte[] square = {1, 2, 3};
    DerivedImages d = new DerivedImages(square, new byte[] {4}, new byte[] {5});
    square[0] = 9;
    d.square()[1] = 9;
    assertArrayEquals(new byte[] {1, 2, 3}, d.square());
    assertEquals(d, new DerivedImages(new byte[] {1, 2, 3}, new byte[] {4}, new byte[] {5}));
    assertEquals(d.hashCode(),
        new DerivedImages(new byte[] {1, 2, 3}, new byte[] {4}, new byte[] {5}).hashCode());
    assertNotEquals(d, new DerivedImages(new byte[] {1, 2, 3}, new byte[] {4}, new byte[] {6}));
    assertThrows(NullPointerException.class, () -> new DerivedImages(null, square, square));
  }
}
