package dev.podcast.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DraftFlagTest {

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
    String edited = DraftFlag.set(text, true).orElseThrow();
    assertEquals(TOML.formatted("draft = true # keep this comment\n"), edited);
    assertTrue(draftOf(edited));
    assertEquals(Optional.of(text), DraftFlag.set(text, false));
    assertEquals(TOML.formatted("Draft=\"true\"\n"),
        DraftFlag.set(TOML.formatted("Draft=\"FALSE\"\n"), true).orElseThrow());
  }

  @Test
  void insertsTheFlagInTheFilesOwnSyntax() {
    String toml = DraftFlag.set("\n" + TOML.formatted(""), true).orElseThrow();
    assertTrue(toml.startsWith("\n+++\ndraft = true\ntitle = \"T\"\n"), toml);
    assertTrue(draftOf(toml));
    String yaml = "---\ntitle: T\ndate: 2024-01-01\naudioFile: a.mp3\n---\nNotes.\n";
    String editedYaml = DraftFlag.set(yaml, true).orElseThrow();
    assertTrue(editedYaml.startsWith("---\ndraft: true\ntitle: T\n"), editedYaml);
    assertTrue(draftOf(editedYaml));
    String json = "{\n  \"title\": \"T\", \"date\": \"2024-01-01\", \"audioFile\": \"a.mp3\"\n}\n"
        + "Notes.\n";
    String editedJson = DraftFlag.set(json, true).orElseThrow();
    assertTrue(editedJson.startsWith("{\"draft\": true,\n  \"title\""), editedJson);
    assertTrue(draftOf(editedJson));
    String bom = "\uFEFF" + TOML.formatted("");
    assertTrue(draftOf(DraftFlag.set(bom, true).orElseThrow()));
  }

  @Test
  void whatCannotBeEditedSafelyIsLeftToTheAuthor() {
    assertEquals(Optional.empty(), DraftFlag.set("no front matter", true));
    assertEquals(Optional.empty(), DraftFlag.set("+++\ntitle = \"unclosed\"\n", true));
    assertEquals(Optional.empty(), DraftFlag.set(TOML.formatted("draft = [\n  false]\n"), true));
    assertEquals(Optional.empty(), DraftFlag.set(TOML.formatted("draft = \"maybe\"\n"), true));
  }
}
