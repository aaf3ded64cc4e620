package dev.podcast.parse;

import dev.podcast.episode.Episode;
import dev.podcast.problem.Problem;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of parsing one source file: the episode when it has no errors, and every problem
 * found, errors and warnings, in the order found.
 */
public record ParseResult(String file, Optional<Episode> episode, List<Problem> problems) {

  public ParseResult {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(episode, "episode");
    problems = List.copyOf(problems);
    if (episode.isPresent() && problems.stream().anyMatch(Problem::isError)) {
      throw new IllegalArgumentException("an episode with errors cannot be published");
    }
  }

  public boolean hasErrors() {
    return problems.stream().anyMatch(Problem::isError);
  }

  public long errorCount() {
    return problems.stream().filter(Problem::isError).count();
  }

  public long warningCount() {
    return problems.size() - errorCount();
  }
}
