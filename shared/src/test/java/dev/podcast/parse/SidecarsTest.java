package dev.podcast.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.podcast.episode.Episode;
import dev.podcast.problem.Problem;
import dev.podcast.problem.ProblemCode;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files beside an episode file read with it from a folder, as {@code validate} reads them:
 * the same answers as the publish path, links not followed, large files not read.
 */
class SidecarsTest {

  private static final Path SITE = Path.of("src/test/resources/site");
  private static final Path SIDECARS = Path.of("src/test/resources/sidecars");
  private static final String EP101 = "content/post/episode-101-iot-core/index.md";

  private final EpisodeParser parser = new EpisodeParser(ParserSettings.defaults());

  private Path bundle(Path root) throws Exception {
    Path folder = Files.createDirectories(root.resolve("content/post/episode-101-iot-core"));
    Files.copy(SITE.resolve(EP101), folder.resolve("index.md"));
    return folder;
  }

  @Test
  void theSidecarsBesideAnIndexAreReadWithIt(@TempDir Path root) throws Exception {
    Path folder = bundle(root);
    Files.copy(SIDECARS.resolve("transcript.vtt"), folder.resolve("transcript.vtt"));
    Files.copy(SIDECARS.resolve("chapters.json"), folder.resolve("chapters.json"));
    ParseResult result = parser.parse(folder.resolve("index.md"), EP101);
    Episode episode = result.episode().orElseThrow();
    assertTrue(episode.transcript().timed());
    assertEquals("Francesc Campoy", episode.transcript().turns().get(0).speaker());
    assertEquals(4, episode.tags().chapters().size());
    assertTrue(result.problems().stream().anyMatch(p -> p.code() == ProblemCode.SIDECAR_OVERRIDES
        && p.file().equals(EP101) && p.line() == 59), result.problems().toString());
  }

  @Test
  void aBadSidecarRejectsTheEpisodeNamingItsFileAndLine(@TempDir Path root) throws Exception {
    Path folder = bundle(root);
    Files.writeString(folder.resolve("chapters.json"), "{\n  \"chapters\": [\n    {,}\n  ]\n}\n");
    ParseResult result = parser.parse(folder.resolve("index.md"), EP101);
    assertTrue(result.episode().isEmpty());
    Problem error = result.problems().stream().filter(Problem::isError).findFirst().orElseThrow();
    assertEquals(ProblemCode.SIDECAR_INVALID, error.code());
    assertEquals("content/post/episode-101-iot-core/chapters.json", error.file());
    assertEquals(3, error.line());
  }

  @Test
  void aLinkedSidecarIsNotFollowed(@TempDir Path root) throws Exception {
    Path folder = bundle(root);
    Path secret = Files.writeString(root.resolve("secret.txt"), "WEBVTT\n\n00:00.000 --> 00:01.000\n"
        + "<v Root>the password\n");
    Files.createSymbolicLink(folder.resolve("transcript.vtt"), secret);
    ParseResult result = parser.parse(folder.resolve("index.md"), EP101);
    assertFalse(result.episode().orElseThrow().transcript().timed());
  }

  @Test
  void aFiftyMegabyteSidecarIsTooLargeAndNotRead(@TempDir Path root) throws Exception {
    Path folder = bundle(root);
    try (RandomAccessFile sparse = new RandomAccessFile(folder.resolve("transcript.vtt")
        .toFile(), "rw")) {
      sparse.setLength(50L * 1024 * 1024); // a sparse file: nothing to read but its size
    }
    ParseResult result = parser.parse(folder.resolve("index.md"), EP101);
    assertTrue(result.episode().isEmpty());
    Problem error = result.problems().stream().filter(Problem::isError).findFirst().orElseThrow();
    assertEquals(ProblemCode.FILE_TOO_LARGE, error.code());
    assertEquals("content/post/episode-101-iot-core/transcript.vtt", error.file());
  }

  @Test
  void invalidUtf8InASidecarIsNamedOnItsLine(@TempDir Path root) throws Exception {
    Path folder = bundle(root);
    Files.write(folder.resolve("transcript.vtt"), new byte[] {'W', 'E', 'B', 'V', 'T', 'T', '\n',
        '\n', '0', '0', ':', '0', '0', '.', '0', '0', '0', ' ', '-', '-', '>', ' ', '0', '0', ':',
        '0', '1', '.', '0', '0', '0', '\n', (byte) 0xC3, '(', '\n'});
    ParseResult result = parser.parse(folder.resolve("index.md"), EP101);
    Problem error = result.problems().stream().filter(Problem::isError).findFirst().orElseThrow();
    assertEquals(ProblemCode.INVALID_UTF8, error.code());
    assertEquals(4, error.line());
  }
}
