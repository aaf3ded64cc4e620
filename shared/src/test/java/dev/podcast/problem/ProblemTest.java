package dev.podcast.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A problem's one-line form, as the ledger keeps it, reads back as the problem it was. */
class ProblemTest {

  @Test
  void aFormattedProblemReadsBackAsItWas() {
    Problem problem = new Problem(ProblemCode.BAD_DATE, "content/post/a: b/index.md", 3, 9,
        "the date 'soon: later' is not a date\nsee [here]");
    assertEquals(Optional.of(problem), Problem.parse(problem.format()));
    Problem warning = new Problem(ProblemCode.SIDECAR_OVERRIDES, "x.md", 0, 0, "");
    assertEquals(Optional.of(warning), Problem.parse(warning.format()));
  }

  @Test
  void aLineThatIsNoProblemOrOfNoKnownCodeIsNone() {
    assertEquals(Optional.empty(), Problem.parse("something went wrong"));
    assertEquals(Optional.empty(), Problem.parse("a.md:1:1: error: [no-such-code] x"));
  }
}
