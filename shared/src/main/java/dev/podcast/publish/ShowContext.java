package dev.podcast.publish;

import dev.podcast.episode.Episode;
import dev.podcast.parse.EpisodeParser;
import dev.podcast.problem.Problem;
import dev.podcast.show.ShowConfig;
import dev.podcast.site.Renderers;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The show as the source's configuration files describe it, at one generation of each: either
 * ready to publish with, or invalid (and then nothing is published until the files are fixed).
 */
public sealed interface ShowContext {

  /** The configuration's problems: errors for an invalid one, warnings for a ready one. */
  List<Problem> problems();

  /**
   * A readable configuration: the show, the parser its episodes are read with, its renderers
   * and {@code podcast:guid}, and the episodes parsed most recently (by
   * {@code object#generation}: the neighbours whose pages a change renders again).
   */
  record Ready(ShowConfig show, EpisodeParser parser, Renderers renderers, String podcastGuid,
      List<Problem> problems, Map<String, Episode> recent) implements ShowContext {

    private static final int RECENT_EPISODES = 64;

    public Ready {
      Objects.requireNonNull(show, "show");
      Objects.requireNonNull(parser, "parser");
      Objects.requireNonNull(renderers, "renderers");
      Objects.requireNonNull(podcastGuid, "podcastGuid");
      problems = List.copyOf(problems);
    }

    Ready(ShowConfig show, EpisodeParser parser, Renderers renderers, String podcastGuid,
        List<Problem> problems) {
      this(show, parser, renderers, podcastGuid, problems, Collections.synchronizedMap(
          new LinkedHashMap<>(RECENT_EPISODES, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Episode> eldest) {
              return size() > RECENT_EPISODES;
            }
          }));
    }
  }

  /** A configuration nothing can be published with: its errors name file, line and key. */
  record Invalid(List<Problem> problems) implements ShowContext {
    public Invalid {
      problems = List.copyOf(problems);
      if (problems.stream().noneMatch(Problem::isError)) {
        throw new IllegalArgumentException("an invalid configuration has an error");
      }
    }
  }
}
