package dev.podcast.parse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** Finding episode files in a folder. Stateless and thread-safe. */
public final class SourceFiles {

  private SourceFiles() {}

  /**
   * The episode files under {@code folder}, sorted: every {@code .md} file except Hugo's
   * {@code _index.md} list pages.
   */
  public static List<Path> episodeFiles(Path folder) throws IOException {
    try (Stream<Path> walk = Files.walk(folder)) {
      return walk.filter(Files::isRegularFile)
          .filter(p -> {
            String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
            return name.endsWith(".md") && !name.equals("_index.md");
          })
          .sorted()
          .toList();
    }
  }
}
