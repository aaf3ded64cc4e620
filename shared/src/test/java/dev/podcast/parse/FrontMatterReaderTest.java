package dev.podcast.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.podcast.problem.Problem;
import dev.podcast.problem.ProblemCode;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrontMatterReaderTest {

  private final List<Problem> problems = new ArrayList<>();

  private FrontMatterReader.Split read(String text) {
    return FrontMatterReader.read(text, "f.md", problems).orElseThrow(
        () -> new AssertionError("not read: " + problems));
  }

  @Test
  void tomlKeysAreCaseInsensitiveAndKeepTheirLines() {
    FrontMatterReader.Split split = read("+++\ntitle = \"T\"\naudiofile = \"a.mp3\"\n"
        + "linked=true\ndate = 2019-03-06T10:00:00Z\n+++\nbody\n");
    FrontMatter fm = split.frontMatter();
    assertEquals(FrontMatter.Format.TOML, fm.format());
    assertEquals("a.mp3", fm.get("audioFile").orElseThrow().value());
    assertEquals(3, fm.get("AUDIOFILE").orElseThrow().line());
    assertEquals(true, fm.get("linked").orElseThrow().value());
    assertTrue(fm.get("date").orElseThrow().value() instanceof OffsetDateTime);
    assertEquals("body\n", split.body());
    assertEquals(7, split.bodyLine());
  }

  @Test
  void tomlSyntaxErrorNamesTheFileLine() {
    assertTrue(FrontMatterReader.read("+++\ntitle = \"T\"\ndate = = 3\n+++\n", "f.md", problems)
        .isEmpty());
    assertEquals(ProblemCode.FRONT_MATTER_SYNTAX, problems.get(0).code());
    assertEquals(3, problems.get(0).line());
  }

  @Test
  void yamlFrontMatter() {
    FrontMatterReader.Split split = read("---\ntitle: \"Y\"\nhosts:\n  - A\n  - B\n"
        + "audioSize: 42\n---\nnotes\n");
    FrontMatter fm = split.frontMatter();
    assertEquals(FrontMatter.Format.YAML, fm.format());
    assertEquals("Y", fm.get("Title").orElseThrow().value());
    assertEquals(List.of("A", "B"), fm.get("hosts").orElseThrow().value());
    assertEquals(42L, fm.get("audiosize").orElseThrow().value());
    assertEquals(6, fm.get("audioSize").orElseThrow().line());
    assertEquals("notes\n", split.body());
  }

  @Test
  void yamlSyntaxErrorNamesTheLine() {
    assertTrue(FrontMatterReader.read("---\ntitle: ok\nhosts: [a, b\ndate: x\n---\n", "f.md",
        problems).isEmpty());
    assertEquals(ProblemCode.FRONT_MATTER_SYNTAX, problems.get(0).code());
    assertTrue(problems.get(0).line() >= 3, problems.toString());
  }

  @Test
  void jsonFrontMatter() {
    FrontMatterReader.Split split = read("{\n  \"title\": \"J {braces}\",\n"
        + "  \"audioSize\": 12,\n  \"hosts\": [\"A\"]\n}\nnotes here\n");
    FrontMatter fm = split.frontMatter();
    assertEquals(FrontMatter.Format.JSON, fm.format());
    assertEquals("J {braces}", fm.get("TITLE").orElseThrow().value());
    assertEquals(12L, fm.get("audiosize").orElseThrow().value());
    assertEquals(3, fm.get("audioSize").orElseThrow().line());
    assertEquals("notes here\n", split.body());
    assertEquals(6, split.bodyLine());
  }

  @Test
  void jsonSyntaxErrorNamesTheLine() {
    assertTrue(FrontMatterReader.read("{\n \"title\": \"x\",\n \"date\" \"2019\"\n}\n", "f.md",
        problems).isEmpty());
    assertEquals(ProblemCode.FRONT_MATTER_SYNTAX, problems.get(0).code());
    assertEquals(3, problems.get(0).line(), problems.toString());
  }

  @Test
  void missingAndUnclosedFrontMatterAreErrors() {
    assertTrue(FrontMatterReader.read("just text\n", "f.md", problems).isEmpty());
    assertEquals(ProblemCode.FRONT_MATTER_MISSING, problems.get(0).code());
    problems.clear();
    assertTrue(FrontMatterReader.read("+++\ntitle = \"x\"\n", "f.md", problems).isEmpty());
    assertEquals(ProblemCode.FRONT_MATTER_UNCLOSED, problems.get(0).code());
    assertEquals(1, problems.get(0).line());
  }

  @Test
  void keysThatDifferOnlyInCaseAreReported() {
    FrontMatter fm = read("+++\naudioFile = \"a.mp3\"\naudiofile = \"b.mp3\"\n+++\n").frontMatter();
    assertEquals("a.mp3", fm.get("audioFile").orElseThrow().value());
    assertEquals(ProblemCode.DUPLICATE_KEY, problems.get(0).code());
    assertEquals(3, problems.get(0).line());
  }

  @Test
  void blankLinesBeforeTheFrontMatterAreAllowed() {
    FrontMatterReader.Split split = read("\n\n+++\ntitle = \"T\"\n+++\nb");
    assertEquals(4, split.frontMatter().get("title").orElseThrow().line());
    assertEquals("b", split.body());
  }

  @Test
  void bracketsNestedPastTheBoundAreTooComplexAtTheirLine() {
    int over = FrontMatterNesting.MAX_DEPTH + 1;
    String deep = "[".repeat(over) + "]".repeat(over);
    for (String text : List.of("+++\ntitle = \"T\"\nx = " + deep + "\n+++\nb",
        "---\ntitle: T\nx: " + deep + "\n---\nb",
        "{\n\"title\": \"T\",\n\"x\": " + deep + "\n}\nb")) {
      problems.clear();
      assertTrue(FrontMatterReader.read(text, "f.md", problems).isEmpty(), text);
      assertEquals(ProblemCode.TOO_COMPLEX, problems.get(0).code(), problems.toString());
      assertEquals(3, problems.get(0).line(), problems.toString());
      assertTrue(problems.get(0).message().contains("64 levels"), problems.toString());
    }
  }

  @Test
  void bracketsAtTheBoundOrInsideStringsAreRead() {
    int max = FrontMatterNesting.MAX_DEPTH;
    FrontMatter fm = read("+++\nx = " + "[".repeat(max) + "]".repeat(max) + "\ntitle = \""
        + "[".repeat(500) + "\"\ns = '" + "{".repeat(500) + "'\n+++\nb").frontMatter();
    assertEquals("[".repeat(500), fm.get("title").orElseThrow().value());
  }

  @Test
  void moreKeysThanTheBoundAreTooComplex() {
    StringBuilder json = new StringBuilder("{\"title\": \"T\"");
    for (int i = 0; i < FrontMatterReader.MAX_KEYS; i++) {
      json.append(",\n\"k").append(i).append("\": 1");
    }
    assertTrue(FrontMatterReader.read(json + "}\nb", "f.md", problems).isEmpty());
    assertEquals(ProblemCode.TOO_COMPLEX, problems.get(0).code(), problems.toString());
  }
}
