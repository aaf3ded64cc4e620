package dev.podcast.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.podcast.problem.Problem;
import dev.podcast.problem.ProblemCode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SourceDecoderTest {

  private final List<Problem> problems = new ArrayList<>();

  private Optional<String> decode(byte[] bytes) {
    return SourceDecoder.decode(bytes, "f.md", problems);
  }

  @Test
  void invalidUtf8IsRejectedWithByteOffsetAndLine() {
    byte[] bytes = "line one\nline two \u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
    assertTrue(decode(bytes).isEmpty());
    assertEquals(1, problems.size());
    Problem p = problems.get(0);
    assertEquals(ProblemCode.INVALID_UTF8, p.code());
    assertEquals(2, p.line());
    assertEquals(10, p.column());
    assertTrue(p.message().contains("byte offset 18"), p.message());
    assertTrue(p.message().contains("0xE9"), p.message());
  }

  @Test
  void truncatedMultiByteSequenceAtTheEndIsRejected() {
    byte[] ok = "ok \u2019".getBytes(StandardCharsets.UTF_8);
    byte[] cut = java.util.Arrays.copyOf(ok, ok.length - 1);
    assertTrue(decode(cut).isEmpty());
    assertEquals(ProblemCode.INVALID_UTF8, problems.get(0).code());
  }

  @Test
  void realReplacementCharacterIsKeptWithAWarningNamingTheLine() {
    String text = decode("a\nMacei\uFFFD, Brazil\n".getBytes(StandardCharsets.UTF_8)).orElseThrow();
    assertEquals("a\nMacei\uFFFD, Brazil\n", text);
    assertEquals(ProblemCode.REPLACEMENT_CHARACTER, problems.get(0).code());
    assertEquals(2, problems.get(0).line());
    assertEquals(6, problems.get(0).column());
  }

  @Test
  void byteOrderMarksAreDroppedSilently() {
    String text = decode("\uFEFF+++\nx\uFEFFy\n".getBytes(StandardCharsets.UTF_8)).orElseThrow();
    assertEquals("+++\nxy\n", text);
    assertTrue(problems.isEmpty());
  }

  @Test
  void mojibakeIsRepairedWithAWarningNamingTheLine() {
    // "He’s" written as UTF-8, read as Windows-1252, saved again as UTF-8.
    String mangled = new String("one\nHe\u2019s here \u2014 caf\u00e9 \uD83D\uDE00\n"
        .getBytes(StandardCharsets.UTF_8), java.nio.charset.Charset.forName("windows-1252"));
    String text = decode(mangled.getBytes(StandardCharsets.UTF_8)).orElseThrow();
    assertEquals("one\nHe\u2019s here \u2014 caf\u00e9 \uD83D\uDE00\n", text);
    assertEquals(1, problems.size(), problems.toString());
    assertEquals(ProblemCode.MOJIBAKE_REPAIRED, problems.get(0).code());
    assertEquals(2, problems.get(0).line());
  }

  @Test
  void ordinaryAccentedTextIsNotTouched() {
    String original = "Caf\u00e9 \u00e0 la cr\u00e8me, \u00c2ge, na\u00efve \u00c3 \u00ba \u00e2 ok";
    assertEquals(original, decode(original.getBytes(StandardCharsets.UTF_8)).orElseThrow());
    assertTrue(problems.isEmpty(), problems.toString());
  }

  @Test
  void theSeedEpisodeIsRepaired() throws Exception {
    byte[] bytes = java.nio.file.Files.readAllBytes(TestCorpus.bundled()
        .resolve("seed/episode-165-python-with-dustin-ingram.md"));
    String text = decode(bytes).orElseThrow();
    assertTrue(text.contains("He\u2019s also a member"), "repaired");
    assertTrue(!text.contains("\u00e2\u20ac"), "no mojibake left");
    assertEquals(27, problems.get(0).line());
  }
}
