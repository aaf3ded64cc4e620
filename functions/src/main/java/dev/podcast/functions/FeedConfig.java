package dev.podcast.functions;

import dev.podcast.show.ShowConfigReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The feed endpoint's own configuration ({@link FeedFunction}), read once per instance from the
 * environment (a {@code Map} in tests) beside {@link FunctionsConfig}. Immutable; a bad value is
 * rejected at start with a message naming the variable.
 *
 * <table>
 *   <caption>Environment variables</caption>
 *   <tr><th>Variable</th><th>Required</th><th>Meaning</th></tr>
 *   <tr><td>{@code FEED_MAX_AGE_SECONDS}</td><td>no, default {@code 300}</td><td>the
 *       {@code max-age} of the feeds' {@code Cache-Control}: how long browsers, podcast apps and
 *       CDNs may keep a feed without asking again; a whole number of seconds from 0 to 31536000
 *       (one year).</td></tr>
 * </table>
 *
 * <p>Not configurable: a warm instance trusts a feed's Cloud Storage generation for
 * {@link #RECHECK} before asking again, so a regenerated feed is served at most that long after
 * it was written (plus what {@code max-age} lets clients keep).
 *
 * @param maxAge {@code FEED_MAX_AGE_SECONDS}
 * @param oldFeedPaths {@code OLD_FEED_PATHS}: the show's old feed addresses, separated by
 *     commas, that the function answers with the main feed written there (podcast.toml's
 *     {@code oldFeedPaths}, which the load balancer routes here; Terraform's
 *     {@code old_feed_paths}); unset, Hugo's {@code /index.xml} and {@code /post/index.xml}
 */
public record FeedConfig(Duration maxAge, List<String> oldFeedPaths) {

  /** The default old feed addresses. */
  public FeedConfig(Duration maxAge) {
    this(maxAge, ShowConfigReader.DEFAULT_OLD_FEED_PATHS);
  }

  /** The default of {@code FEED_MAX_AGE_SECONDS}. */
  public static final Duration DEFAULT_MAX_AGE = Duration.ofSeconds(300);

  /** How long a feed's generation, once checked, is trusted without asking Cloud Storage. */
  public static final Duration RECHECK = Duration.ofSeconds(1);

  private static final long MAX_SECONDS = Duration.ofDays(365).toSeconds();

  /** Checks the value; throws {@link IllegalArgumentException} naming the variable. */
  public FeedConfig {
    Objects.requireNonNull(maxAge, "FEED_MAX_AGE_SECONDS");
    if (maxAge.isNegative() || maxAge.toSeconds() > MAX_SECONDS || maxAge.getNano() != 0) {
      throw new IllegalArgumentException("FEED_MAX_AGE_SECONDS must be a whole number of seconds"
          + " from 0 to " + MAX_SECONDS + ": " + maxAge.toSeconds());
    }
    oldFeedPaths = List.copyOf(oldFeedPaths);
    for (String path : oldFeedPaths) {
      ShowConfigReader.oldFeedProblem(path).ifPresent(why -> {
        throw new IllegalArgumentException("OLD_FEED_PATHS: '" + path + "' cannot be an old"
            + " feed path: " + why);
      });
    }
  }

  /** The paths of {@code OLD_FEED_PATHS}'s value: separated by commas, blanks left out. */
  static List<String> paths(String value) {
    return java.util.Arrays.stream(value.split(",")).map(String::strip)
        .filter(p -> !p.isEmpty()).toList();
  }

  /** Reads the configuration from {@code env}, such as {@code System.getenv()}. */
  public static FeedConfig fromEnvironment(Map<String, String> env) {
    Objects.requireNonNull(env, "env");
    String old = env.get("OLD_FEED_PATHS");
    List<String> oldFeedPaths = old == null ? ShowConfigReader.DEFAULT_OLD_FEED_PATHS
        : paths(old);
    String value = env.get("FEED_MAX_AGE_SECONDS");
    if (value == null || value.isBlank()) {
      return new FeedConfig(DEFAULT_MAX_AGE, oldFeedPaths);
    }
    long seconds;
    try {
      seconds = Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("FEED_MAX_AGE_SECONDS must be a whole number of seconds"
          + " from 0 to " + MAX_SECONDS + ": '" + value + "'", e);
    }
    return new FeedConfig(Duration.ofSeconds(seconds), oldFeedPaths);
  }
}
