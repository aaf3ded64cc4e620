package dev.podcast.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.podcast.arch.fixture.MisnamedProperties;
import dev.podcast.testing.SurefireNames;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every test class of shared/ has a name Surefire runs (issue 11): a property test renamed to
 * one it skips fails this test. The one class found is the fixture that shows the check works.
 */
class TestNamesTest {

  @Test
  void surefireRunsEveryTestClassButTheFixture() {
    assertEquals(List.of(MisnamedProperties.class.getName()),
        SurefireNames.skipped(Path.of("target/test-classes")));
  }
}
