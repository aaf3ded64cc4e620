package dev.podcast.publish;

import dev.podcast.problem.Problem;
import java.util.List;
import java.util.Objects;

/**
 * What an event did, for the acknowledgement and the log line: the outcome, the source object,
 * the episode's slug (when there is one), and the problems to show the author, with file, line
 * and field.
 */
public record Result(Action outcome, String object, String slug, List<Problem> problems) {

  /** The outcome of one event. */
  public enum Action {
    /** The episode is live, or recorded to go live on its date. */
    PUBLISHED,
    /** Not publishable as it is (the problems say why); the last good version stays live. */
    REJECTED,
    /** The episode or asset is gone from the site. */
    DELETED,
    /** A newer generation was seen: its own event does the work. */
    STALE,
    /** This generation was processed already. */
    DUPLICATE,
    /** Not an episode, configuration or asset file. */
    IGNORED,
    /** An asset copied to the site. */
    COPIED,
    /** The configuration or theme changed: everything was rendered again. */
    REBUILT,
    /**
     * An old feed was imported and the show published with it; or a file such an import wrote,
     * which it publishes itself.
     */
    IMPORTED
  }

  public Result {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(object, "object");
    Objects.requireNonNull(slug, "slug");
    problems = List.copyOf(problems);
  }

  static Result of(Action outcome, String object) {
    return new Result(outcome, object, "", List.of());
  }
}
