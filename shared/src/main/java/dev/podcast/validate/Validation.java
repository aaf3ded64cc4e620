package dev.podcast.validate;

import dev.podcast.parse.EpisodeParser;
import dev.podcast.parse.ParseResult;
import dev.podcast.parse.ParserSettings;
import dev.podcast.parse.SourceFiles;
import dev.podcast.problem.Problem;
import dev.podcast.show.ShowConfigReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code validate} use case: finds the episode files under the given files and folders, reads
 * the show's {@code config.toml} where there is one, parses every file and collects the problems.
 * Folders that hold a {@code content/} folder are searched there; {@code _index.md} list pages are
 * skipped. Thread-safe.
 */
public final class Validation {

  /** The problems found in {@code files} files, in file order. */
  public record Report(int files, List<Problem> problems) {
    public Report {
      problems = List.copyOf(problems);
    }

    public long errors() {
      return problems.stream().filter(Problem::isError).count();
    }

    public long warnings() {
      return problems.size() - errors();
    }
  }

  private final ParserSettings settings;

  public Validation(ParserSettings settings) {
    this.settings = settings;
  }

  /**
   * Validates {@code paths}.
   *
   * @throws IllegalArgumentException when a path does not exist (a usage error, not a bad file)
   */
  public Report run(List<Path> paths) {
    List<Problem> problems = new ArrayList<>();
    int files = 0;
    for (Path path : paths) {
      if (!Files.exists(path)) {
        throw new IllegalArgumentException("no such file or folder: " + path);
      }
      EpisodeParser parser = new EpisodeParser(settingsFor(path, problems));
      for (Path file : episodeFiles(path)) {
        ParseResult result = parser.parse(file, display(file));
        problems.addAll(result.problems());
        files++;
      }
    }
    return new Report(files, problems);
  }

  /** The episode files under {@code path}, sorted. */
  public static List<Path> episodeFiles(Path path) {
    if (!Files.isDirectory(path)) {
      return List.of(path);
    }
    Path root = Files.isDirectory(path.resolve("content")) ? path.resolve("content") : path;
    try {
      return SourceFiles.episodeFiles(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The settings for files under {@code path}: the show's audio host and HTML policy. */
  private ParserSettings settingsFor(Path path, List<Problem> problems) {
    Optional<Path> config = findConfig(path);
    if (config.isEmpty()) {
      return settings;
    }
    ShowConfigReader.Result result = ShowConfigReader.read(config.get().getParent());
    problems.addAll(result.problems());
    return result.config().map(settings::forShow).orElse(settings);
  }

  /** The config.toml of the site {@code path} belongs to: in it or in a folder above. */
  static Optional<Path> findConfig(Path path) {
    Path dir = path.toAbsolutePath().normalize();
    if (!Files.isDirectory(dir)) {
      dir = dir.getParent();
    }
    for (int depth = 0; dir != null && depth < 8; depth++, dir = dir.getParent()) {
      Path candidate = dir.resolve("config.toml");
      if (Files.isRegularFile(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  private static String display(Path path) {
    return path.toString().replace('\\', '/');
  }
}
