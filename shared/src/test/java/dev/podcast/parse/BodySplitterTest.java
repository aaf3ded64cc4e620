package dev.podcast.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.podcast.problem.Problem;
import dev.podcast.problem.ProblemCode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Every way real files write the transcript shortcode (see ../shared/corpus/README.md). */
class BodySplitterTest {

  private final List<Problem> problems = new ArrayList<>();

  private BodySplitter.Parts split(String body) {
    return BodySplitter.split(body, 10, "f.md", problems);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{{< transcript \"MARK: Hi there.\" >}}",
      "{{< transcript \"MARK: Hi there.\">}}",
      "{{< transcript \"MARK: Hi there.\"  >}}",
      "{{< transcript \"MARK: Hi there.\" >}} ",
      "{{<transcript \"MARK: Hi there.\" >}}"})
  void openingVariantsAllStartTheTranscript(String opening) {
    BodySplitter.Parts parts = split("Notes.\n\n" + opening + "\n\nFRANCESC: Next.\n");
    assertTrue(parts.hasTranscript());
    assertFalse(parts.closed());
    assertEquals("Notes.\n\n", parts.notes());
    assertEquals("MARK: Hi there.\n\nFRANCESC: Next.\n",
        parts.transcript().replaceAll(" +\n", "\n"));
    assertEquals(12, parts.transcriptLine());
    assertTrue(problems.isEmpty(), problems.toString());
  }

  @Test
  void escapedQuotesInsideTheString() {
    BodySplitter.Parts parts = split(
        "{{< transcript \"MARK: the \\\"Google Cloud\\\" podcast.\" >}}\nrest");
    assertTrue(parts.transcript().startsWith("MARK: the \"Google Cloud\" podcast.\n"));
  }

  @Test
  void unescapedQuotesInsideTheString() {
    BodySplitter.Parts parts = split(
        "{{< transcript \"MARK: the weekly \"Google Cloud Platform\" podcast.\" >}}\nrest");
    assertTrue(parts.transcript().startsWith(
        "MARK: the weekly \"Google Cloud Platform\" podcast.\n"), parts.transcript());
  }

  @ParameterizedTest
  @ValueSource(strings = {"{{< /transcript >}}", "{{< /transcript  >}}", "{{</transcript>}}"})
  void closingVariantsEndTheTranscript(String closing) {
    BodySplitter.Parts parts = split("N\n{{< transcript \"A: x\" >}}\nB: y\n" + closing
        + "\n\nMore notes.\n");
    assertTrue(parts.closed());
    assertEquals("A: x\nB: y\n", parts.transcript());
    assertTrue(parts.notes().contains("More notes."), parts.notes());
  }

  @Test
  void otherShortcodesAreWarnedWithTheirLine() {
    BodySplitter.Parts parts = split("a\nb {{< youtube abc >}}\n{{% note %}}x{{% /note %}}\n");
    assertFalse(parts.hasTranscript());
    assertEquals(3, problems.size(), problems.toString());
    assertEquals(ProblemCode.UNKNOWN_SHORTCODE, problems.get(0).code());
    assertEquals(11, problems.get(0).line());
    assertEquals(3, problems.get(0).column());
    assertTrue(problems.get(0).message().contains("youtube"));
    assertEquals(12, problems.get(1).line());
  }

  @Test
  void transcriptWithoutItsEndMarkerIsReadToTheEndOfTheLine() {
    BodySplitter.Parts parts = split("{{< transcript \"A: x\"\nB: y\n");
    assertTrue(parts.hasTranscript());
    assertEquals(ProblemCode.MALFORMED_SHORTCODE, problems.get(0).code());
    assertTrue(parts.transcript().startsWith("A: x"), parts.transcript());
    assertTrue(parts.transcript().contains("B: y"), parts.transcript());
  }

  @Test
  void bodyWithoutShortcodesIsAllNotes() {
    BodySplitter.Parts parts = split("Just {notes} and {{ braces }}.\n");
    assertFalse(parts.hasTranscript());
    assertEquals("Just {notes} and {{ braces }}.\n", parts.notes());
    assertTrue(problems.isEmpty());
  }
}
