package dev.podcast.publish;

import dev.podcast.episode.EpisodeStatus;
import dev.podcast.problem.Problem;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What an event did, for the acknowledgement, the log line and the upload's status: the
 * outcome, the source object, the episode's slug (when there is one), the problems to show the
 * author, with file, line and field, and for an episode recorded, where it stands.
 */
public record Result(Action outcome, String object, String slug, List<Problem> problems,
    Optional<Placed> placed) {

  /**
   * Where a recorded episode stands: its status (live, scheduled for its publish date, a
   * draft, expired), its title and its page's address.
   */
  public record Placed(EpisodeStatus status, Instant publishDate, String title, String url) {
    public Placed {
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(publishDate, "publishDate");
      Objects.requireNonNull(title, "title");
      Objects.requireNonNull(url, "url");
    }
  }

  /** A result that places no episode. */
  public Result(Action outcome, String object, String slug, List<Problem> problems) {
    this(outcome, object, slug, problems, Optional.empty());
  }

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
    Objects.requireNonNull(placed, "placed");
  }

  /** This result for {@code otherObject} (a sidecar's, for the episode it published). */
  Result forObject(String otherObject) {
    return new Result(outcome, otherObject, slug, problems, placed);
  }

  /** This result with {@code more} problems after its own. */
  Result withMore(List<Problem> more) {
    List<Problem> all = new java.util.ArrayList<>(problems);
    all.addAll(more);
    return new Result(outcome, object, slug, all, placed);
  }

  static Result of(Action outcome, String object) {
    return new Result(outcome, object, "", List.of());
  }
}
