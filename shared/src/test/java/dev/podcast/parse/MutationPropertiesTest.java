package dev.podcast.parse;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.podcast.problem.Problem;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random mutations of real files (truncation, deleted or doubled delimiters, garbage bytes, huge
 * lines) always end in a result or a validation error: never an exception, and within a time
 * bound (a guard against pathological input, not a speed target).
 */
class MutationPropertiesTest {

  private static final List<byte[]> FILES = TestCorpus.episodes(TestCorpus.bundled()).stream()
      .map(MutationPropertiesTest::read).toList();
  private static final List<String> DELIMITERS = List.of("+++", "{{<", ">}}", "\"", "<!--more-->",
      "\n", "[", "]", "=", "{{< /transcript >}}", ":", "<div", "|");
  private static final List<String> HUGE = List.of("[", "*a", "<", "`", "> ", "- ", "{{<", "\\",
      "&#", "](", "**_", "| a ");
  private static final Duration BOUND = Duration.ofSeconds(10);
  private static final EpisodeParser PARSER = TestCorpus.parser();

  /** A mutation: what it does, and the mutated bytes, for a readable counterexample. */
  record Mutated(String description, byte[] bytes) {
    @Override
    public String toString() {
      return description + " (" + bytes.length + " bytes)";
    }
  }

  @Property(tries = 500)
  void mutatedRealFilesNeverThrow(@ForAll("mutations") Mutated input) {
    ParseResult result = assertTimeoutPreemptively(BOUND,
        () -> PARSER.parse("content/post/m/index.md", input.bytes()), input::description);
    assertTrue(result.episode().isPresent() || result.hasErrors(), input::description);
    for (Problem problem : result.problems()) {
      assertTrue(problem.file().equals("content/post/m/index.md") && problem.line() >= 0,
          problem::format);
    }
  }

  @Provide
  Arbitrary<Mutated> mutations() {
    return Combinators.combine(
            Arbitraries.integers().between(0, FILES.size() - 1),
            Arbitraries.integers().between(0, 5),
            Arbitraries.doubles().between(0, 1),
            Arbitraries.integers().between(0, DELIMITERS.size() - 1),
            Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(64),
            Arbitraries.integers().between(1, 400_000))
        .as(MutationPropertiesTest::mutate);
  }

  private static Mutated mutate(int file, int kind, double where, int delimiter, byte[] garbage,
      int hugeLength) {
    byte[] original = FILES.get(file);
    int at = (int) (where * original.length);
    String text = new String(original, StandardCharsets.UTF_8);
    String d = DELIMITERS.get(delimiter);
    switch (kind) {
      case 0:
        return new Mutated("truncated at " + at, java.util.Arrays.copyOf(original, at));
      case 1: {
        int index = nthOccurrence(text, d, where);
        return index < 0 ? new Mutated("unchanged", original) : new Mutated(
            "deleted '" + d + "' at char " + index,
            (text.substring(0, index) + text.substring(index + d.length()))
                .getBytes(StandardCharsets.UTF_8));
      }
      case 2: {
        int index = nthOccurrence(text, d, where);
        return index < 0 ? new Mutated("unchanged", original) : new Mutated(
            "doubled '" + d + "' at char " + index,
            (text.substring(0, index) + d + text.substring(index)).getBytes(StandardCharsets.UTF_8));
      }
      case 3:
        return new Mutated("garbage bytes at " + at, splice(original, at, garbage));
      case 4: {
        String unit = HUGE.get(delimiter % HUGE.size());
        byte[] line = unit.repeat(Math.max(1, hugeLength / unit.length()))
            .getBytes(StandardCharsets.UTF_8);
        return new Mutated("huge line of '" + unit + "' x" + hugeLength + " at " + at,
            splice(original, at, line));
      }
      default: {
        String swapped = text.replaceFirst("\\+\\+\\+", d.equals("+++") ? "---" : d);
        return new Mutated("first '+++' replaced by '" + d + "'",
            swapped.getBytes(StandardCharsets.UTF_8));
      }
    }
  }

  private static int nthOccurrence(String text, String needle, double where) {
    int count = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      count++;
    }
    if (count == 0) {
      return -1;
    }
    int target = (int) (where * (count - 1));
    int index = text.indexOf(needle);
    for (int k = 0; k < target; k++) {
      index = text.indexOf(needle, index + 1);
    }
    return index;
  }

  private static byte[] splice(byte[] original, int at, byte[] insert) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(original.length + insert.length);
    out.write(original, 0, at);
    out.write(insert, 0, insert.length);
    out.write(original, at, original.length - at);
    return out.toByteArray();
  }

  private static byte[] read(Path path) {
    try {
      return Files.readAllBytes(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
