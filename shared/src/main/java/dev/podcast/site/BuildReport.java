package dev.podcast.site;

import dev.podcast.problem.Problem;
import java.util.List;
import java.util.Map;

/**
 * What a build did.
 *
 * @param episodes episode files read
 * @param published episodes published (in feeds and listings)
 * @param written site paths written, by kind ({@code page}, {@code feed}, ...)
 * @param unchanged how many files were left as they were
 * @param feedsWritten whether the feeds were written (false when an error made the result
 *     unpublishable: the last good feeds stay)
 * @param problems every problem, errors and warnings
 */
public record BuildReport(int episodes, int published, Map<String, List<String>> written,
    int unchanged, boolean feedsWritten, List<Problem> problems) {

  public BuildReport {
    written = Map.copyOf(written);
    problems = List.copyOf(problems);
  }

  public long errors() {
    return problems.stream().filter(Problem::isError).count();
  }

  public long warnings() {
    return problems.size() - errors();
  }

  public int writtenCount() {
    return written.values().stream().mapToInt(List::size).sum();
  }
}
