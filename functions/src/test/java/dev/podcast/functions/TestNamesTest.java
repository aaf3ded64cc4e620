package dev.podcast.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.podcast.testing.SurefireNames;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every test class of functions/ has a name Surefire runs (issue 11). */
class TestNamesTest {

  @Test
  void surefireRunsEveryTestClass() {
    assertEquals(List.of(), SurefireNames.skipped(Path.of("target/test-classes")));
  }
}
