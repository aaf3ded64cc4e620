package dev.podcast.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.podcast.episode.Episode;
import dev.podcast.parse.EpisodeParser;
import dev.podcast.parse.ParseResult;
import dev.podcast.parse.ParserSettings;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EpisodeFileWriterTest {

  private static final EpisodeParser PARSER = new EpisodeParser(ParserSettings.defaults()
      .withEpisodeHostBaseUrl("https://cdn.example.com/audio"));

  private static ParseResult parse(String text) {
    return PARSER.parse("content/post/x/index.md", text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void writesTomlInTheCorpusShapeThatParsesBack() {
    Map<String, Object> fm = new LinkedHashMap<>();
    fm.put("title", "Quotes \" and \\ backslashes, a tab\tand a\nnewline");
    fm.put("date", "2026-11-20T09:00:00Z");
    fm.put("audioFile", "ep-1.mp3");
    fm.put("audioSize", 50813810L);
    fm.put("audioDuration", "00:35:05");
    fm.put("hosts", List.of("Ada Lovelace", "Grace \"Amazing\" Hopper"));
    fm.put("episodeNumber", 1L);
    fm.put("draft", false);
    fm.put("rating", 4.5);
    fm.put("odd key", "quoted");
    EpisodeFileWriter.Written w = EpisodeFileWriter.write(fm, "Notes with **bold**.\r\n\r\n"
        + "<!--more-->\r\n\r\nMore.", "ADA: Hello.\n\nGRACE: \"Hi\" there.\n[MUSIC]");
    String text = w.text();
    assertTrue(text.startsWith("+++\naudioDuration = \"00:35:05\"\naudioFile = \"ep-1.mp3\"\n"
        + "audioSize = 50813810\ndate = \"2026-11-20T09:00:00Z\"\ndraft = false\n"
        + "episodeNumber = 1\nhosts = [\"Ada Lovelace\", \"Grace \\\"Amazing\\\" Hopper\"]\n"
        + "\"odd key\" = \"quoted\"\nrating = 4.5\n"
        + "title = \"Quotes \\\" and \\\\ backslashes, a tab\\tand a\\nnewline\"\n+++\n"), text);
    assertFalse(text.contains("\r"));
    assertEquals("title", w.keyAt(11));
    assertEquals("", w.keyAt(12));
    assertEquals("notes", w.keyAt(14));
    ParseResult parsed = parse(text);
    assertFalse(parsed.hasErrors(), parsed.problems().toString());
    Episode e = parsed.episode().orElseThrow();
    assertEquals("Quotes \" and \\ backslashes, a tab and a newline", e.title());
    assertEquals(List.of("Ada Lovelace", "Grace \"Amazing\" Hopper"), e.hosts());
    assertEquals("https://cdn.example.com/audio/ep-1.mp3", e.audio().url());
    assertTrue(e.notesHtml().contains("<strong>bold</strong>"), e.notesHtml());
    assertEquals("<p>Notes with <strong>bold</strong>.</p>", e.summaryHtml());
    assertEquals(2, e.transcript().turns().size(), e.transcript().toString());
    assertEquals("ADA", e.transcript().turns().get(0).speaker());
    assertEquals("GRACE", e.transcript().turns().get(1).speaker());
    assertEquals(java.util.List.of("MUSIC"), e.transcript().turns().get(1).cues());
    assertEquals("transcript", w.keyAt(w.keyOfLine().size()));
  }

  @Test
  void controlCharactersAndUnpairedSurrogatesCannotBreakTheFrontMatter() {
    Map<String, Object> fm = new LinkedHashMap<>();
    fm.put("title", "A\u0000B\u001bC\u007f\ud800D\n+++\ntitle = \"injected\"");
    fm.put("date", "2026-11-20");
    fm.put("audioFile", "a.mp3");
    String text = EpisodeFileWriter.write(fm, "+++\nnot = \"front matter\"\n+++", "").text();
    ParseResult parsed = parse(text);
    assertFalse(parsed.hasErrors(), parsed.problems().toString());
    String title = parsed.episode().orElseThrow().title();
    // The file keeps what was sent; the title drops what no feed can carry (U+0000, U+001B).
    assertTrue(text.contains("A\\u0000B\\u001BC") || text.contains("A\\u0000B\\u001bC"), text);
    assertTrue(title.startsWith("ABC\u007f\uFFFDD +++ title"), title);
  }

  @Test
  void valuesOfOtherTypesAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> EpisodeFileWriter.write(
        Map.of("x", Map.of()), "", ""));
    assertThrows(IllegalArgumentException.class, () -> EpisodeFileWriter.write(
        Map.of("x", List.of(List.of("a"))), "", ""));
    assertThrows(IllegalArgumentException.class, () -> EpisodeFileWriter.write(
        Map.of("x", Double.NaN), "", ""));
  }
}
