package dev.podcast.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Golden files for the pages and feeds of real episodes: the test show is built and selected
 * outputs compared with {@code src/test/resources/golden-site}. After a deliberate change,
 * regenerate with {@code -Dgolden.update=true} and review the diff.
 */
class SiteGoldenTest {

  private static final Path GOLDEN = Path.of("src/test/resources/golden-site");
  private static final List<String> FILES = List.of(
      "/feed.xml",
      "/feed/archive/1.xml",
      "/feed.json",
      "/categories/iot/feed.xml",
      "/index.html",
      "/post/episode-101-iot-core/index.html",
      "/post/episode-101-iot-core/transcript.html",
      "/post/episode-101-iot-core/transcript.txt",
      "/post/episode-101-iot-core/transcript.json",
      "/post/episode-331-2022-year-end-wrap-up/index.html",
      "/hosts/mark-mandel/index.html",
      "/archive/1/index.html",
      "/archive/index.html",
      "/sitemap.xml",
      "/sitemap/pages-1.xml",
      "/sitemap/episodes-1.xml");

  @TempDir
  static Path out;

  @TestFactory
  Stream<DynamicTest> builtFilesMatchTheirGoldenFiles() throws Exception {
    TestSite.build(TestSite.SOURCE, out);
    return FILES.stream().map(path -> DynamicTest.dynamicTest(path, () -> {
      String actual = TestSite.read(out, path);
      Path golden = GOLDEN.resolve(path.substring(1));
      if (Boolean.getBoolean("golden.update")) {
        Files.createDirectories(golden.getParent());
        Files.writeString(golden, actual, StandardCharsets.UTF_8);
        return;
      }
      assertTrue(Files.exists(golden), "missing golden file " + golden);
      assertEquals(Files.readString(golden, StandardCharsets.UTF_8), actual, path);
    }));
  }
}
