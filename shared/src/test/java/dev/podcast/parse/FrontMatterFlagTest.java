package dev.podcast.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FrontMatterFlagTest {

  private static boolean draftOf(String text) {
    ParseResult r = new EpisodeParser(ParserSettings.defaults()).parse("content/post/x/index.md",
        text.getBytes(StandardCharsets.UTF_8));
    return r.episode().orElseThrow(() -> new AssertionError(r.problems())).draft();
  }

  private static final String TOML = "+++\ntitle = \"T\"\ndate = \"2024-01-01\"\n"
      + "audioFile = \"a.mp3\"\n%s+++\n\nNotes.\n";

  @Test
  void replacesTheValueAndLeavesEverythingElse() {
    String text = TOML.formatted("draft = false # keep this comment\n");
    String edited = FrontMatterFlag.draft(text, true).orElseThrow();
    assertEquals(TOML.formatted("draft = true # keep this comment\n"), edited);
    assertTrue(draftOf(edited));
    assertEquals(Optional.of(text), FrontMatterFlag.draft(text, false));
    assertEquals(TOML.formatted("Draft=\"true\"\n"),
        FrontMatterFlag.draft(TOML.formatted("Draft=\"FALSE\"\n"), true).orElseThrow());
  }

  @Test
  void insertsTheFlagInTheFilesOwnSyntax() {
    String toml = FrontMatterFlag.draft("\n" + TOML.formatted(""), true).orElseThrow();
    assertTrue(toml.startsWith("\n+++\ndraft = true\ntitle = \"T\"\n"), toml);
    assertTrue(draftOf(toml));
    String yaml = "---\ntitle: T\ndate: 2024-01-01\naudioFile: a.mp3\n---\nNotes.\n";
    String editedYaml = FrontMatterFlag.draft(yaml, true).orElseThrow();
    assertTrue(editedYaml.startsWith("---\ndraft: true\ntitle: T\n"), editedYaml);
    assertTrue(draftOf(editedYaml));
    String json = "{\n  \"title\": \"T\", \"date\": \"2024-01-01\", \"audioFile\": \"a.mp3\"\n}\n"
        + "Notes.\n";
    String editedJson = FrontMatterFlag.draft(json, true).orElseThrow();
    assertTrue(editedJson.startsWith("{\"draft\": true,\n  \"title\""), editedJson);
    assertTrue(draftOf(editedJson));
    String bom = "\uFEFF" + TOML.formatted("");
    assertTrue(draftOf(FrontMatterFlag.draft(bom, true).orElseThrow()));
  }

  @Test
  void whatCannotBeEditedSafelyIsLeftToTheAuthor() {
    assertEquals(Optional.empty(), FrontMatterFlag.draft("no front matter", true));
    assertEquals(Optional.empty(), FrontMatterFlag.draft("+++\ntitle = \"unclosed\"\n", true));
    assertEquals(Optional.empty(), FrontMatterFlag.draft(TOML.formatted("draft = [\n  false]\n"), true));
    assertEquals(Optional.empty(), FrontMatterFlag.draft(TOML.formatted("draft = \"maybe\"\n"), true));
  }
}
