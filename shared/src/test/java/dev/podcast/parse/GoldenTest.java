package dev.podcast.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.podcast.episode.Episode;
import dev.podcast.episode.EpisodeJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden files: each bundled real episode beside its expected parse ({@code <name>.json}) and
 * rendered notes ({@code <name>.notes.html}) in {@code src/test/resources/golden}. After a
 * deliberate change, regenerate with {@code mvn -pl shared test -Dtest=GoldenTest
 * -Dgolden.update=true} and review the diff before committing it.
 */
class GoldenTest {

  private static final Path GOLDEN = Path.of("src/test/resources/golden");
  private static final boolean UPDATE = Boolean.getBoolean("golden.update");

  @TestFactory
  Stream<DynamicTest> parsedEpisodesMatchTheirGoldenFiles() {
    Path root = TestCorpus.bundled();
    List<Path> files = new ArrayList<>(TestCorpus.episodes(root));
    files.add(root.resolve("seed/episode-165-python-with-dustin-ingram.md"));
    assertTrue(files.size() >= 10);
    EpisodeParser parser = TestCorpus.parser();
    return files.stream().map(file -> {
      String sourcePath = TestCorpus.sourcePath(root, file);
      String name = file.getFileName().toString().equals("index.md")
          ? file.getParent().getFileName().toString()
          : file.getFileName().toString().replaceFirst("\\.md$", "");
      return DynamicTest.dynamicTest(name, () -> {
        Episode episode = parser.parse(file, sourcePath).episode().orElseThrow();
        check(GOLDEN.resolve(name + ".json"), EpisodeJson.toJson(episode) + "\n", sourcePath);
        check(GOLDEN.resolve(name + ".notes.html"), episode.notesHtml() + "\n", sourcePath);
      });
    });
  }

  private static void check(Path golden, String actual, String source) throws IOException {
    if (UPDATE) {
      Files.createDirectories(golden.getParent());
      Files.writeString(golden, actual, StandardCharsets.UTF_8);
      return;
    }
    assertTrue(Files.exists(golden), "missing golden file " + golden
        + "; create it with -Dgolden.update=true");
    assertEquals(Files.readString(golden, StandardCharsets.UTF_8), actual,
        "parse of " + source + " differs from " + golden);
  }
}
