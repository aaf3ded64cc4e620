package dev.podcast.artwork;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DerivedNameTest {

  @ParameterizedTest
  @CsvSource({
      "/post/x/images/hero.png, square, /post/x/images/hero.square.jpg",
      "/post/x/images/hero.png, social, /post/x/images/hero.social.jpg",
      "/post/x/images/hero.png, thumb, /post/x/images/hero.thumb.jpg",
      "images/post/iotcore.gif, square, images/post/iotcore.square.jpg",
      "/images/hero, thumb, /images/hero.thumb.jpg",
      "/post/v1.2/hero, social, /post/v1.2/hero.social.jpg",
      "/images/.hero, square, /images/.hero.square.jpg",
      "/images/hero.final.JPEG, square, /images/hero.final.square.jpg",
      "https://cdn.example.com/a/b.jpeg, thumb, https://cdn.example.com/a/b.thumb.jpg",
  })
  void replacesTheExtensionWithTheVariant(String path, String variant, String expected) {
    assertEquals(expected, Artwork.derivedName(path, variant));
  }

  @ParameterizedTest
  @ValueSource(strings = {"../hero.png", "/post/../hero.png", "/post/x/..", "a..b.png",
      "images\\hero.png", "hero\u0000.png", "hero\n.png", "hero\u007f.png", "gnp.\u202eexe",
      "", "/images/"})
  void rejectsUnsafeOrEmptyPaths(String path) {
    assertThrows(IllegalArgumentException.class, () -> Artwork.derivedName(path, "square"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"thumbnail", "Square", "", "large"})
  void rejectsUnknownVariants(String variant) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Artwork.derivedName("/images/hero.png", variant));
    assertEquals("unknown image variant \"" + variant + "\"; expected one of [square, social,"
        + " thumb]", e.getMessage());
  }

  @Test
  void rejectsNulls() {
    assertThrows(NullPointerException.class, () -> Artwork.derivedName(null, "square"));
    assertThrows(NullPointerException.class, () -> Artwork.derivedName("/a.png", null));
  }
}
