package dev.podcast.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.podcast.episode.ItemTags.Chapter;
import dev.podcast.problem.Problem;
import dev.podcast.problem.ProblemCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A chapters.json beside the episode: JSON Chapters 1.2 read, hostile fields left out. */
class ChaptersFileTest {

  private static final String FILE = "content/post/x/chapters.json";

  @Test
  void aRealShapedFileGivesEveryChapterWithItsOptionalFields() throws Exception {
    ChaptersFile.Read read = ChaptersFile.parse(FILE,
        Files.readString(Path.of("src/test/resources/sidecars/chapters.json")), 2105);
    assertEquals(List.of(), read.problems());
    assertEquals(List.of(new Chapter(0, "Intro"),
        new Chapter(62.5, "Cloud IoT Core", "https://www.gcppodcast.com/images/post/iotcore.gif",
            "https://cloud.google.com/iot-core/", true, -1),
        new Chapter(1500, "Sponsor", "", "", false, 1530),
        new Chapter(1800, "Question of the week")), read.chapters());
  }

  @Test
  void javascriptAndOtherUrlsAreDroppedWithTheirLine() {
    ChaptersFile.Read read = ChaptersFile.parse(FILE, """
        {"version": "1.2.0", "chapters": [
          {"startTime": 0, "title": "Intro",
           "url": "javascript:alert(1)"},
          {"startTime": 10, "title": "Two", "img": "data:image/png;base64,AAAA"},
          {"startTime": 20, "title": "Three", "url": "https://example.com/\\"><script>"}
        ]}
        """, 0);
    assertEquals(List.of(new Chapter(0, "Intro"), new Chapter(10, "Two"),
        new Chapter(20, "Three")), read.chapters(), "the chapters stay, without the URLs");
    assertEquals(List.of(2, 4, 5), read.problems().stream().map(Problem::line).toList(),
        read.problems().toString());
    assertTrue(read.problems().stream().allMatch(p -> p.code() == ProblemCode.BAD_ITEM_TAG
        && p.file().equals(FILE)));
    assertTrue(read.problems().get(0).message().contains("javascript:alert(1)"));
  }

  @Test
  void negativeUnorderedLateAndUntitledChaptersAreLeftOut() {
    ChaptersFile.Read read = ChaptersFile.parse(FILE, """
        {"chapters": [
          {"startTime": -5, "title": "Negative"},
          {"startTime": 0, "title": "Intro"},
          {"startTime": 30, "title": "B"},
          {"startTime": 20, "title": "Before B"},
          {"startTime": 900, "title": "After the end"},
          {"startTime": 40},
          {"startTime": "50", "title": "Text time"},
          "not a chapter"
        ]}
        """, 600);
    assertEquals(List.of(new Chapter(0, "Intro"), new Chapter(30, "B")), read.chapters());
    assertEquals(List.of(2, 5, 6, 7, 8, 9), read.problems().stream().map(Problem::line)
        .toList(), read.problems().toString());
    assertTrue(read.problems().get(1).message().contains("does not start after"),
        read.problems().get(1).message());
  }

  @Test
  void aFileThatIsNotChaptersJsonIsAnErrorOnItsLine() {
    ChaptersFile.Read broken = ChaptersFile.parse(FILE, "{\n  \"chapters\": [\n    {\"startTime\""
        + ": 0,, \"title\": \"x\"}\n  ]\n}\n", 0);
    assertEquals(ProblemCode.SIDECAR_INVALID, broken.problems().get(0).code());
    assertEquals(3, broken.problems().get(0).line(), broken.problems().toString());
    assertEquals(List.of(), broken.chapters());

    ChaptersFile.Read none = ChaptersFile.parse(FILE, "{\"version\": \"1.2.0\"}", 0);
    assertEquals(ProblemCode.SIDECAR_INVALID, none.problems().get(0).code());
    assertEquals(ProblemCode.SIDECAR_INVALID,
        ChaptersFile.parse(FILE, "[1, 2]", 0).problems().get(0).code());
    assertEquals(ProblemCode.SIDECAR_INVALID,
        ChaptersFile.parse(FILE, "{\"chapters\": []} trailing", 0).problems().get(0).code());
  }

  @Test
  void deepNestingIsRefusedBeforeItCostsAnything() {
    String deep = "{\"chapters\": [{\"startTime\": 0, \"title\": \"a\", \"x\": "
        + "[".repeat(100_000) + "]".repeat(100_000) + "}]}";
    ChaptersFile.Read read = ChaptersFile.parse(FILE, deep, 0);
    assertEquals(ProblemCode.SIDECAR_INVALID, read.problems().get(0).code(),
        read.problems().toString());
    assertTrue(read.problems().get(0).message().contains("Nesting limit 10"),
        read.problems().get(0).message());
  }
}
