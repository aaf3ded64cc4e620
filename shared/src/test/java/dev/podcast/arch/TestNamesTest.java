package dev.podcast.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.podcast.testing.SurefireNames;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every test class of shared/ has a name Surefire runs (issue 11): a property test renamed to
 * one it skips fails this test. The check itself is shown to find such a class on
 * {@link MisnamedProperties}, named as the property test once was (a nested class, which neither
 * Surefire nor the walk over the compiled classes takes for a top-level test class).
 */
class TestNamesTest {

  @Test
  void surefireRunsEveryTestClass() {
    assertEquals(List.of(), SurefireNames.skipped(Path.of("target/test-classes")));
  }

  @Test
  void theCheckFindsAClassNamedAsThePropertyTestOnceWas() {
    assertTrue(SurefireNames.skips(MisnamedProperties.class));
    assertFalse(SurefireNames.skips(TestNamesTest.class));
  }

  static class MisnamedProperties {

    @Test
    void neverRun() {
      throw new AssertionError("never run: it only shows what SurefireNames finds");
    }
  }
}
