package dev.podcast.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.podcast.episode.Episode;
import dev.podcast.problem.Problem;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every real episode parses with zero errors: the bundled subset always, the whole corpus here. */
class CorpusTest {

  private final EpisodeParser parser = TestCorpus.parser();

  @Test
  void everyBundledEpisodeParsesWithoutErrors() {
    Path root = TestCorpus.bundled();
    List<Path> files = TestCorpus.episodes(root);
    assertEquals(17, files.size(), "bundled episodes");
    checkAll(root, files);
  }

  @Test
  void everyCorpusEpisodeParsesWithoutErrors() {
    Optional<Path> corpus = TestCorpus.full();
    if (corpus.isEmpty()) {
      System.err.println("!!! ../shared/corpus is not beside this checkout: the full-corpus test"
          + " is SKIPPED; only the bundled subset was checked !!!");
    }
    assumeTrue(corpus.isPresent(), "../shared/corpus not present");
    List<Path> files = TestCorpus.episodes(corpus.get());
    assertEquals(298, files.size(), "corpus episodes");
    checkAll(corpus.get(), files);
  }

  private void checkAll(Path root, List<Path> files) {
    Set<String> pagePaths = new HashSet<>();
    for (Path file : files) {
      String sourcePath = TestCorpus.sourcePath(root, file);
      ParseResult result = parser.parse(file, sourcePath);
      List<Problem> errors = result.problems().stream().filter(Problem::isError).toList();
      assertTrue(errors.isEmpty(), () -> sourcePath + ":\n" + errors.stream()
          .map(Problem::format).collect(Collectors.joining("\n")));
      Episode episode = result.episode().orElseThrow();
      // The page path is the old site's URL: /post/<folder name, lower case, spaces hyphens>/.
      String folder = file.getParent().getFileName().toString();
      assertEquals("/post/" + folder.toLowerCase().replace(' ', '-') + "/", episode.pagePath(),
          sourcePath);
      assertTrue(pagePaths.add(episode.pagePath()), "duplicate page " + episode.pagePath());
      assertTrue(episode.audio().url().startsWith(TestCorpus.EPISODE_HOST + "/"), sourcePath);
      assertEquals("audio/mpeg", episode.audio().mimeType(), sourcePath);
      assertTrue(episode.episodeNumber().isPresent(), sourcePath);
      assertTrue(!episode.hosts().isEmpty(), sourcePath);
      // Every real file has a transcript, and the notes never contain it.
      assertTrue(episode.transcript().turns().size() > 5, sourcePath + " transcript turns");
      assertTrue(!episode.notesHtml().contains("{{<"), sourcePath + " shortcode left in notes");
      String firstSpoken = episode.transcript().turns().stream()
          .filter(t -> !t.speaker().isEmpty()).findFirst().orElseThrow().text();
      assertTrue(!episode.notesHtml().contains(firstSpoken.substring(0,
          Math.min(60, firstSpoken.length()))), sourcePath + " transcript in notes");
      assertTrue(!episode.summaryHtml().isEmpty(), sourcePath + " summary");
      assertTrue(!episode.notesHtml().contains("\uFEFF"), sourcePath + " BOM kept");
    }
  }
}
