package dev.podcast.artwork;

import static dev.podcast.artwork.TestImages.PNG_GRAY;
import static dev.podcast.artwork.TestImages.PNG_RGB;
import static dev.podcast.artwork.TestImages.encode;
import static dev.podcast.artwork.TestImages.filled;
import static dev.podcast.artwork.TestImages.pngHeader;
import static dev.podcast.problem.ProblemCode.ARTWORK_COLOR_SPACE;
import static dev.podcast.problem.ProblemCode.ARTWORK_FORMAT;
import static dev.podcast.problem.ProblemCode.ARTWORK_NOT_SQUARE;
import static dev.podcast.problem.ProblemCode.ARTWORK_SIZE;
import static dev.podcast.problem.ProblemCode.ARTWORK_UNREADABLE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.podcast.problem.Problem;
import dev.podcast.problem.ProblemCode;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ArtworkCheckTest {

  private static final String FILE = "static/images/artwork.png";

  private static List<ProblemCode> codes(List<Problem> problems) {
    return problems.stream().map(Problem::code).toList();
  }

  private static Problem only(List<Problem> problems, ProblemCode code) {
    assertEquals(List.of(code), codes(problems), problems::toString);
    return problems.get(0);
  }

  @Test
  void squareRgbJpegWithinApplesSizesIsFine() {
    assertEquals(List.of(), Artwork.check(TestImages.jpeg(1400, 1400, Color.BLUE), FILE, true));
    assertEquals(List.of(), Artwork.check(TestImages.jpeg(1400, 1400, Color.BLUE), FILE, false));
  }

  @Test
  void smallWidePngBreaksTwoRulesEachNamingTheSize() {
    byte[] png = encode(filled(800, 600, BufferedImage.TYPE_INT_ARGB, Color.RED), "png");
    List<Problem> problems = Artwork.check(png, FILE, true);
    assertEquals(List.of(ARTWORK_NOT_SQUARE, ARTWORK_SIZE), codes(problems));
    assertEquals("the artwork is 800\u00d7600 px, not square; Apple wants the same width and"
        + " height", problems.get(0).message());
    assertEquals("the artwork is 800\u00d7600 px; Apple wants a square between 1400\u00d71400 and"
        + " 3000\u00d73000 px", problems.get(1).message());
    for (Problem p : problems) {
      assertEquals(FILE, p.file());
      assertEquals(0, p.line());
      assertEquals(0, p.column());
      assertTrue(!p.isError(), p::toString);
    }
  }

  @Test
  void theMessageNamesTheMeasuredSize() {
    List<Problem> problems = Artwork.check(pngHeader(1200, 800, PNG_RGB), FILE, true);
    assertEquals(List.of(ARTWORK_NOT_SQUARE, ARTWORK_SIZE), codes(problems));
    Problem size = problems.get(1);
    assertEquals("the artwork is 1200\u00d7800 px; Apple wants a square between 1400\u00d71400"
        + " and 3000\u00d73000 px", size.message());
  }

  @ParameterizedTest
  @CsvSource({"1399, true", "1400, false", "3000, false", "3001, true"})
  void showArtworkSizeLimits(int side, boolean warned) {
    List<Problem> problems = Artwork.check(pngHeader(side, side, PNG_RGB), FILE, true);
    assertEquals(warned ? List.of(ARTWORK_SIZE) : List.of(), codes(problems));
    if (warned) {
      assertTrue(problems.get(0).message().startsWith("the artwork is " + side + "\u00d7" + side
          + " px;"), problems::toString);
    }
  }

  @Test
  void notSquareWithBothSidesWithinTheLimitsIsOnlyNotSquare() {
    only(Artwork.check(pngHeader(3000, 1400, PNG_RGB), FILE, true), ARTWORK_NOT_SQUARE);
    assertEquals(List.of(ARTWORK_NOT_SQUARE, ARTWORK_SIZE),
        codes(Artwork.check(pngHeader(3001, 1400, PNG_RGB), FILE, true)));
  }

  @Test
  void grayscaleShowArtworkIsAColorSpaceProblem() {
    byte[] gray = encode(filled(1400, 1400, BufferedImage.TYPE_BYTE_GRAY, Color.GRAY), "jpeg");
    Problem p = only(Artwork.check(gray, FILE, true), ARTWORK_COLOR_SPACE);
    assertEquals("the artwork is grayscale; Apple wants RGB", p.message());
  }

  @Test
  void cmykIsAColorSpaceProblemForShowAndEpisodeImages() {
    byte[] cmyk = TestImages.cmykJpeg(1400, 1400);
    Problem show = only(Artwork.check(cmyk, FILE, true), ARTWORK_COLOR_SPACE);
    assertTrue(show.message().contains("CMYK"), show::toString);
    Problem episode = only(Artwork.check(cmyk, FILE, false), ARTWORK_COLOR_SPACE);
    assertTrue(episode.message().contains("CMYK"), episode::toString);
  }

  @Test
  void gifShowArtworkIsAFormatProblem() {
    byte[] gif = encode(filled(1400, 1400, BufferedImage.TYPE_BYTE_INDEXED, Color.RED), "gif");
    Problem p = only(Artwork.check(gif, FILE, true), ARTWORK_FORMAT);
    assertEquals("the artwork is in GIF format; Apple wants JPEG or PNG", p.message());
  }

  @Test
  void unreadableBytesGiveOneProblemSayingWhy() {
    Problem garbage = only(Artwork.check("<html>".getBytes(StandardCharsets.US_ASCII), FILE,
        true), ARTWORK_UNREADABLE);
    assertTrue(garbage.message().startsWith("the artwork cannot be used: no image reader"),
        garbage::toString);
    Problem empty = only(Artwork.check(new byte[0], FILE, false), ARTWORK_UNREADABLE);
    assertEquals("the image cannot be used: the file is empty", empty.message());
  }

  @Test
  void aDecompressionBombIsReportedWithItsClaimedSize() {
    Problem p = only(Artwork.check(pngHeader(100_000, 100_000, PNG_RGB), FILE, true),
        ARTWORK_UNREADABLE);
    assertEquals("the artwork cannot be used: its header claims 100000\u00d7100000 px (10000"
        + " megapixels); images over 50 megapixels are not decoded", p.message());
  }

  @Test
  void aFileOverTwentyMebibytesIsNotRead() {
    byte[] big = Arrays.copyOf(pngHeader(1400, 1400, PNG_RGB), Artwork.MAX_BYTES + 1);
    Problem p = only(Artwork.check(big, FILE, true), ARTWORK_UNREADABLE);
    assertEquals("the artwork cannot be used: the file is 20971521 bytes; images over 20 MiB"
        + " (20971520 bytes) are not read", p.message());
  }

  @Test
  void aWideEpisodeHeroIsFineWhenItsSquareCropIsLargeEnough() {
    assertEquals(List.of(), Artwork.check(pngHeader(3840, 2160, PNG_RGB), FILE, false));
    assertEquals(List.of(), Artwork.check(pngHeader(4000, 4000, PNG_RGB), FILE, false));
  }

  @Test
  void aSmallEpisodeImageNamesItsSizeAndItsSquareCrop() {
    Problem p = only(Artwork.check(pngHeader(1920, 1080, PNG_RGB), FILE, false), ARTWORK_SIZE);
    assertEquals("the image is 1920\u00d71080 px, so its square crop is 1080\u00d71080 px; Apple"
        + " wants episode artwork of at least 1400\u00d71400 px", p.message());
    Problem square = only(Artwork.check(pngHeader(1399, 1399, PNG_RGB), FILE, false),
        ARTWORK_SIZE);
    assertEquals("the image is 1399\u00d71399 px; Apple wants episode artwork of at least"
        + " 1400\u00d71400 px", square.message());
  }

  @Test
  void episodeImagesMayBeGifOrGrayscaleButNotBmp() {
    byte[] gif = encode(filled(1400, 1400, BufferedImage.TYPE_BYTE_INDEXED, Color.RED), "gif");
    assertEquals(List.of(), Artwork.check(gif, FILE, false));
    assertEquals(List.of(), Artwork.check(pngHeader(1400, 1400, PNG_GRAY), FILE, false));
    byte[] bmp = encode(filled(1400, 1400, BufferedImage.TYPE_INT_RGB, Color.RED), "bmp");
    Problem p = only(Artwork.check(bmp, FILE, false), ARTWORK_FORMAT);
    assertEquals("the image is in BMP format; use JPEG, PNG or GIF, which every browser shows",
        p.message());
  }

  @Test
  void nullsAreRejected() {
    assertThrows(NullPointerException.class, () -> Artwork.check(null, FILE, true));
    assertThrows(NullPointerException.class, () -> Artwork.check(new byte[1], null, true));
  }
}
