package dev.podcast.parse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Where the test episodes are: the bundled subset, and the full corpus when it is present. */
public final class TestCorpus {

  /** The show's audio host, from the corpus's config.toml. */
  public static final String EPISODE_HOST = "https://traffic.libsyn.com/secure/googlecloudpodcast";

  private TestCorpus() {}

  /** The subset copied into the test resources: always present. */
  public static Path bundled() {
    Path path = Path.of("src/test/resources/corpus");
    if (!Files.isDirectory(path)) {
      throw new IllegalStateException("bundled corpus missing at " + path.toAbsolutePath());
    }
    return path;
  }

  /** {@code ../shared/corpus}, when this checkout has it beside it. */
  public static Optional<Path> full() {
    String property = System.getProperty("podcast.corpus", "../../shared/corpus");
    Path path = Path.of(property);
    return Files.isDirectory(path.resolve("content/post")) ? Optional.of(path) : Optional.empty();
  }

  /** The {@code index.md} files under {@code root/content/post}, sorted. */
  public static List<Path> episodes(Path root) {
    try (Stream<Path> files = Files.walk(root.resolve("content/post"))) {
      return files.filter(p -> p.getFileName().toString().endsWith(".md")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The path of {@code file} relative to {@code root}, with forward slashes. */
  public static String sourcePath(Path root, Path file) {
    return root.relativize(file).toString().replace('\\', '/');
  }

  public static EpisodeParser parser() {
    return new EpisodeParser(ParserSettings.defaults().withEpisodeHostBaseUrl(EPISODE_HOST));
  }
}
