package dev.podcast.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.podcast.parse.EpisodeParser;
import dev.podcast.parse.ParseResult;
import dev.podcast.parse.ParserSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** An episode file made from an old feed's item reads back as that item. */
class EpisodeFileFromItemTest {

  private static OldFeed.Item item(String title, String notes) {
    return new OldFeed.Item(40, "urn:uuid:1d1c3f0e-8a8e-4f5e-9d3c-0b6f1c2a3b4c", title,
        "https://old.example/ep/1", Optional.of(Instant.parse("2019-03-04T05:06:07Z")),
        "https://cdn.example/ep%201.mp3?x=1", 123456, "audio/mpeg",
        new OldFeed.Details(notes, "", "1:02:03", "12", "2", "bonus",
            "https://cdn.example/ep1.jpg", "no"));
  }

  @Test
  void theFileCarriesTheItemAndParsesBack() {
    EpisodeFileFromItem.File f = EpisodeFileFromItem.of(item("Hello, World: \"Part\" 1/2",
        "<p>Notes with <b>bold</b>, a <a href=\"https://x.example/\">link</a>.</p>"
            + "<ul><li>one</li></ul><script>alert(1)</script>"), Set.of());
    assertEquals("hello-world-part-1-2", f.folder());
    ParseResult r = new EpisodeParser(ParserSettings.defaults()).parse("content/post/"
        + f.folder() + "/index.md", f.text().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertTrue(r.episode().isPresent(), r.problems().toString());
    var e = r.episode().get();
    assertEquals("Hello, World: \"Part\" 1/2", e.title());
    assertEquals(Instant.parse("2019-03-04T05:06:07Z"), e.date());
    assertEquals("urn:uuid:1d1c3f0e-8a8e-4f5e-9d3c-0b6f1c2a3b4c", e.guid());
    assertEquals("https://cdn.example/ep%201.mp3?x=1", e.audio().url());
    assertEquals(123456, e.audio().sizeBytes());
    assertEquals(Duration.ofSeconds(3723), e.audio().duration());
    assertTrue(f.text().contains("**bold**"), f.text());
    assertTrue(f.text().contains("[link](https://x.example/)"), f.text());
    assertFalse(f.text().contains("alert"), "a script is not notes");
    assertTrue(f.text().contains("episodeNumber = 12\n"), f.text());
    assertTrue(f.text().contains("season = 2\n"), f.text());
    assertTrue(f.text().contains("episodeType = \"bonus\"\n"), f.text());
  }

  @Test
  void foldersAreSafeAndUnique() {
    assertEquals("hello-2", EpisodeFileFromItem.of(item("Hello", ""), Set.of("hello")).folder());
    assertEquals("etc-passwd", EpisodeFileFromItem.of(item("../../etc/passwd", ""), Set.of())
        .folder());
    assertEquals("episode-at-line-40", EpisodeFileFromItem.of(item("\u2603 \u2603", ""),
        Set.of()).folder(), "a title without letters");
  }

  @Test
  void durationsAreReadInEveryShapeHostsWrite() {
    assertEquals(Optional.of("01:00:00"), EpisodeFileFromItem.duration("3600"));
    assertEquals(Optional.of("00:42:05"), EpisodeFileFromItem.duration("42:05"));
    assertEquals(Optional.of("01:02:03"), EpisodeFileFromItem.duration("1:02:03"));
    assertEquals(Optional.empty(), EpisodeFileFromItem.duration("about an hour"));
  }
}
