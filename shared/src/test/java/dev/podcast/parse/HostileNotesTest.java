package dev.podcast.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.podcast.problem.Problem;
import dev.podcast.problem.ProblemCode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Small files that made a library's recursion overflow the stack (issue 11): each ends in an
 * episode or in an error of its own, and the caller never sees the overflow. The time bound is
 * a guard against a hang, not a speed target.
 */
class HostileNotesTest {

  private static final String FRONT = "+++\ntitle = \"x\"\ndate = \"2020-01-01\"\n"
      + "audioFile = \"a.mp3\"\naudioSize = 1\naudioDuration = \"1:00\"\n+++\n";
  private static final EpisodeParser PARSER = new EpisodeParser(ParserSettings.defaults());

  @TestFactory
  Stream<DynamicTest> longRunsAndDeepNestingEndInAResultOrAnError() {
    List<String[]> cases = List.of(
        new String[] {"a line of 2,000 '-'", "-".repeat(2_000)},
        new String[] {"a line of 20,000 '-'", "-".repeat(20_000)},
        new String[] {"20,000 '*'", "*".repeat(20_000)},
        new String[] {"20,000 '_'", "_".repeat(20_000)},
        new String[] {"2,000 quote levels", "> ".repeat(2_000) + "x"},
        new String[] {"2,000 list levels", "- ".repeat(2_000) + "x"},
        new String[] {"deeply nested lists", nestedLists(2_000)},
        new String[] {"2,000 brackets", "[".repeat(2_000) + "x" + "]".repeat(2_000)});
    return cases.stream().map(c -> DynamicTest.dynamicTest(c[0], () -> {
      byte[] bytes = (FRONT + c[1] + "\n").getBytes(StandardCharsets.UTF_8);
      ParseResult result = assertTimeoutPreemptively(Duration.ofSeconds(30),
          () -> PARSER.parse("content/post/h/index.md", bytes));
      assertTrue(result.episode().isPresent() || result.hasErrors(), c[0]);
      assertTrue(result.problems().stream().allMatch(p -> p.file().equals(
          "content/post/h/index.md")), result.problems().toString());
    }));
  }

  @TestFactory
  Stream<DynamicTest> yamlFlowNesting2000DeepIsAnErrorNotAnOverflow() {
    String yaml = "---\ntitle: " + "[".repeat(2_000) + "]".repeat(2_000) + "\n---\nNotes.\n";
    return Stream.of(DynamicTest.dynamicTest("yaml", () -> {
      ParseResult result = assertTimeoutPreemptively(Duration.ofSeconds(30),
          () -> PARSER.parse("content/post/y/index.md", yaml.getBytes(StandardCharsets.UTF_8)));
      assertTrue(result.hasErrors(), result.problems().toString());
    }));
  }

  @Test
  void eachBoundIsTooComplexAtTheLineThatPassesIt() {
    // Notes start on line 8, after the 7 lines of front matter.
    assertBound("x\n" + "a".repeat(NotesRenderer.MAX_LINE_CHARS + 1), 9, "characters long");
    assertBound("p\n\n" + "line\n".repeat(NotesRenderer.MAX_BLOCK_LINES + 1), 10
        + NotesRenderer.MAX_BLOCK_LINES, "paragraph");
    assertBound("x\n\n" + "> ".repeat(NotesRenderer.MAX_LINE_NESTING + 1) + "deep", 10,
        "inside each other");
    // 60 lines of 1,000 characters: within the shape's and the size's bounds, over the budget.
    assertBound(("[a](b".repeat(200) + "\n").repeat(60), -1, "steps");
  }

  @Test
  void theBoundsLeaveWhatIsUnderThemAlone() {
    String notes = "a".repeat(NotesRenderer.MAX_LINE_CHARS) + "\n\n"
        + "line\n".repeat(NotesRenderer.MAX_BLOCK_LINES) + "\n"
        + "> ".repeat(NotesRenderer.MAX_LINE_NESTING) + "deep\n";
    ParseResult result = PARSER.parse("content/post/h/index.md",
        (FRONT + notes).getBytes(StandardCharsets.UTF_8));
    assertTrue(result.episode().isPresent(), result.problems().toString());
  }

  @Test
  void notesOverTheirLimitAreTooLargeAtTheirFirstLine() {
    ParseResult result = PARSER.parse("content/post/h/index.md", (FRONT + "word ".repeat(
        EpisodeParser.MAX_NOTES_CHARS / 5 + 1)).getBytes(StandardCharsets.UTF_8));
    Problem p = result.problems().stream().filter(Problem::isError).findFirst().orElseThrow();
    assertEquals(ProblemCode.FILE_TOO_LARGE, p.code(), result.problems().toString());
    assertEquals(8, p.line());
  }

  @Test
  void shortcodeWarningsStopAfterTheirBound() {
    ParseResult result = PARSER.parse("content/post/h/index.md", (FRONT
        + "{{< unknown >}}\n\n".repeat(1_000)).getBytes(StandardCharsets.UTF_8));
    assertTrue(result.episode().isPresent(), result.problems().toString());
    long warnings = result.problems().stream().filter(p -> p.code()
        == ProblemCode.UNKNOWN_SHORTCODE).count();
    assertEquals(BodySplitter.MAX_SHORTCODE_WARNINGS + 1, warnings, result.problems().toString());
  }

  private static void assertBound(String notes, int line, String message) {
    ParseResult result = assertTimeoutPreemptively(Duration.ofSeconds(30),
        () -> PARSER.parse("content/post/h/index.md",
            (FRONT + notes + "\n").getBytes(StandardCharsets.UTF_8)));
    List<Problem> tooComplex = result.problems().stream()
        .filter(p -> p.code() == ProblemCode.TOO_COMPLEX).toList();
    assertEquals(1, tooComplex.size(), result.problems().toString());
    if (line > 0) {
      assertEquals(line, tooComplex.get(0).line(), tooComplex.toString());
    } else {
      assertTrue(tooComplex.get(0).line() >= 8, tooComplex.toString());
    }
    assertTrue(tooComplex.get(0).message().contains(message), tooComplex.toString());
  }

  private static String nestedLists(int depth) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < depth; i++) {
      out.append("  ".repeat(i)).append("- item\n");
    }
    return out.toString();
  }
}
